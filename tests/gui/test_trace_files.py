"""Save run… / Open… / `ipcscope FILE`: a saved run opens in the same views with the
same data; a bad file is one sentence, and the window stays usable."""
import subprocess
import sys

import numpy as np
import pytest
from ipcscope.core.trace import TraceError
from ipcscope.gui import window_args
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from tests.fixtures.trace_files import hostile_files
from tests.gui.conftest import run_to_end


def drop(window, path: str) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path)])
    where = QPointF(window.width() / 2, window.height() / 2)
    enter = QDragEnterEvent(where.toPoint(), Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window,
                           QDropEvent(where, Qt.CopyAction, mime, Qt.LeftButton, Qt.NoModifier))


def plot_data(window) -> dict:
    view = window.run_view
    depth = {obj: tuple(np.round(a, 9).tolist() for a in view.depth.line_data(obj))
             for obj in view.depth._queues}
    window.event_log.refresh()
    return {"depth": depth, "rate": view.third.totals(), "lanes": list(view.lanes.item.order),
            "labels": dict(view.lanes.labels), "log": window.event_log.table_model.rowCount(),
            "findings": [f["key"] for f in window.findings_panel.findings],
            "status": window.controller.summary["status"]}


def test_a_saved_run_opens_with_the_same_plot_data(qtbot, window, tmp_path, no_leaks):
    run_to_end(qtbot, window, "queue-sentinel", {"items": 2}, speed=10)
    live = plot_data(window)
    path = str(tmp_path / "run.ipcscope")
    assert window.files.save_to(path), window.files.last_problem

    with qtbot.waitSignal(window.run_ended, timeout=30_000):
        assert window.files.open_path(path)
    assert plot_data(window) == live
    assert "run.ipcscope" in window.windowTitle()
    assert window.files.export_png(str(tmp_path / "plots.png"))
    assert window.files.export_svg(str(tmp_path / "plots.svg"))
    assert (tmp_path / "plots.png").stat().st_size > 1000
    assert b"<svg" in (tmp_path / "plots.svg").read_bytes()[:2000]

    # the same file cut short (its writer killed): it opens, with its note
    cut = tmp_path / "cut.ipcscope"
    data = (tmp_path / "run.ipcscope").read_bytes()
    cut.write_bytes(data[:-20])
    with qtbot.waitSignal(window.run_ended, timeout=30_000):
        drop(window, str(cut))             # dropped on the window
    assert "cut short" in window.summary.bridge_error.text()
    assert window.controller.summary["status"] == "cut short"
    assert len(window.controller.model) == live["log"]


@pytest.mark.parametrize("content", [b"", b"hello, not a trace", b"IPCSCOPE-TRACE\n\x00\x01"])
def test_a_bad_file_is_one_sentence_and_the_window_stays_usable(qtbot, window, tmp_path,
                                                                 content):
    path = tmp_path / "bad.ipcscope"
    path.write_bytes(content)
    assert not window.files.open_path(str(path))
    problem = window.files.last_problem
    assert problem.endswith(".") and "\n" not in problem and "Traceback" not in problem
    assert window.message_bar.isVisible() and window.message_bar.label.text() == problem
    assert window.toolbar.run_action.isEnabled()
    with pytest.raises(TraceError):
        window_args.parse([str(path)])


def test_ipcscope_with_a_missing_file_says_so_and_exits_2(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ipcscope.gui.app", str(tmp_path / "nope.ipcscope")],
                            capture_output=True, text=True, timeout=60,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin",
                                 "HOME": str(tmp_path)})
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "nope.ipcscope" in result.stderr


@pytest.mark.parametrize("name", sorted(hostile_files()))
def test_a_hostile_trace_is_one_message_never_a_crash(qtbot, window, tmp_path, monkeypatch,
                                                      name):
    """Files whose framing and checksums hold but whose content no run makes (issue #16:
    each opened "Something went wrong")."""
    reached_hook = []
    monkeypatch.setattr(sys, "excepthook", lambda *info: reached_hook.append(info))
    path = tmp_path / "hostile.ipcscope"
    path.write_bytes(hostile_files()[name])
    if name == "times at +-2**63":     # the rows no run could make are left out
        with qtbot.waitSignal(window.run_ended, timeout=30_000):
            assert window.files.open_path(str(path))
        window.draw_now()
        assert "were left out" in window.summary.bridge_error.text()
        assert window.replay_bar.isVisible() and window.replay.end_s < 1
    else:
        assert not window.files.open_path(str(path))
        problem = window.files.last_problem
        assert "damaged or not an IPC Scope trace" in problem and "\n" not in problem
        assert window.message_bar.label.text() == problem
    assert window.toolbar.run_action.isEnabled()
    assert reached_hook == []
