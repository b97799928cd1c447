"""When "Save run…" can be used: not while a run is going (it says why, on the button and
on Ctrl+S), from the moment a run's events are final (stopped or ended — before a big
run's summary is made), and the file holds every event the window recorded."""
import os

from ipcscope.core.trace import load_run
from ipcscope.gui.run.run_controller import SUMMARY_SYNC_LIMIT
from PySide6.QtCore import Qt

from tests.gui.conftest import start


def press_ctrl_s(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(window, Qt.Key_S, Qt.ControlModifier)


def test_save_says_why_not_while_running_and_keeps_every_event_once_stopped(
        qtbot, window, tmp_path, no_leaks):
    save = window.files.save_action
    assert not save.isEnabled() and "run a scenario" in save.toolTip()
    press_ctrl_s(qtbot, window)
    assert "Nothing to save yet" in window.status_label.text()

    # a run at speed 1 lasts a while: Save run… is off, and says why
    start(window, "queue-sentinel", {"items": 10}, speed=1)
    c = window.controller
    qtbot.waitUntil(lambda: c.model is not None and len(c.model) > 30, timeout=60_000)
    assert c.streaming and not save.isEnabled()
    assert "still going" in save.toolTip() and "Stop (Esc)" in save.toolTip()
    press_ctrl_s(qtbot, window)
    assert "still going" in window.status_label.text()
    assert not window.files.save_to(str(tmp_path / "early.ipcscope"))
    assert not (tmp_path / "early.ipcscope").exists()

    # stopped: it can be saved the moment the events stop coming, every one of them
    qtbot.keyClick(window, Qt.Key_Escape)
    qtbot.waitUntil(save.isEnabled, timeout=30_000)
    assert not c.streaming and save.toolTip() == "Write this run to a trace file (Ctrl+S)"
    path = str(tmp_path / "stopped.ipcscope")
    assert window.files.save_to(path), window.files.last_problem
    loaded = load_run(path)
    assert loaded.complete and loaded.status == "stopped"
    assert len(loaded.model) == len(c.model) == loaded.summary["events"]
    assert "Saved the run to" in window.status_label.text()


def test_a_big_run_saves_before_its_summary_is_made_with_every_event(qtbot, window,
                                                                      tmp_path, no_leaks):
    # 120k events: the summary is made in a worker after the run.  What the window is
    # like is taken the moment Save run… comes on (the summary can be quick now: a poll
    # afterwards could find it made), and Save is pressed right then.
    c, save = window.controller, window.files.save_action
    path = str(tmp_path / "flood.ipcscope")
    seen = {}

    def on_enabled(enabled: bool) -> None:
        if enabled and not seen:
            seen.update(streaming=c.streaming, summarizing=c.summarizing,
                        summary=c.summary, saved=window.files.save_to(path),
                        said=window.status_label.text(), exists=os.path.exists(path))

    save.enabledChanged.connect(on_enabled)
    with qtbot.waitSignal(window.run_ended, timeout=90_000):
        start(window, "queue-flood", {"items": 60_000}, speed=1)
    save.enabledChanged.disconnect(on_enabled)
    assert seen, "Save run… never came on"
    assert not seen["streaming"] and seen["summarizing"] and seen["summary"] is None, \
        "Save run… comes on when the events are final, not when the summary is"
    assert seen["saved"], window.files.last_problem
    assert "once it is summed up" in seen["said"] and not seen["exists"]
    loaded = load_run(path)
    assert loaded.complete and loaded.status == "completed"
    assert len(loaded.model) == len(c.model) == c.summary["events"] > SUMMARY_SYNC_LIMIT
    assert loaded.summary["events"] == c.summary["events"]
    assert "Saved the run to" in window.status_label.text()
