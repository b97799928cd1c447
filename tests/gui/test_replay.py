"""An opened trace replays in the same views as the live run: to the same final plot
data, with steps, the scrubber, finding jumps and the keys a presenter's clicker sends."""
import re

from PySide6.QtCore import Qt

from tests.gui.conftest import run_to_end
from tests.gui.test_trace_files import plot_data


def test_replay_reaches_the_same_plot_data_as_the_live_run(qtbot, window, tmp_path,
                                                           no_leaks):
    run_to_end(qtbot, window, "queue-sentinel", {"items": 2}, speed=10)
    live = plot_data(window)
    path = str(tmp_path / "run.ipcscope")
    assert window.files.save_to(path)
    with qtbot.waitSignal(window.run_ended, timeout=30_000):
        assert window.files.open_path(path)
    replay, bar = window.replay, window.replay_bar
    assert bar.isVisible() and replay.position_s == replay.end_s

    # the scrubber back to the middle: the views hold only what happened until then
    bar.slider.setValue(bar.slider.maximum() // 2)
    assert 0 < len(window.controller.model) < live["log"]
    assert not replay.ended and window.controller.summary is None

    # keys: a step on, a step back, faster
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    before = replay.position_s
    qtbot.keyClick(window, Qt.Key_Right)
    assert replay.position_s > before
    qtbot.keyClick(window, Qt.Key_PageUp)
    assert replay.position_s < before + 1e-9
    qtbot.keyClick(window, Qt.Key_Up)
    assert replay.speed == 2.0

    # the next finding: position on it, its lanes highlighted
    qtbot.keyClick(window, Qt.Key_Home)
    assert replay.position_s == 0
    qtbot.keyClick(window, Qt.Key_Right, Qt.ControlModifier)
    first = replay.finding_times()[0]
    assert abs(replay.position_s - first) < 1e-9
    assert window.run_view.lanes.item.focus

    # play from the start at 10×, to the end: the same data as live
    bar.speed.setCurrentIndex(bar.speed.findData(10.0))
    with qtbot.waitSignal(window.run_ended, timeout=60_000):
        qtbot.keyClick(window, Qt.Key_Home)
        qtbot.keyClick(window, Qt.Key_Space)
    assert plot_data(window) == live


def status_time(window) -> str:
    """The status bar's time field, "MM:SS.s"."""
    return re.search(r"\d\d:\d\d\.\d", window.status_label.text()).group()


def clock(seconds: float) -> str:
    return f"{int(seconds // 60):02d}:{seconds % 60:04.1f}"


def test_the_status_bar_shows_the_replay_cursor_then_the_runs_length(qtbot, window, tmp_path,
                                                                    no_leaks):
    summary = run_to_end(qtbot, window, "queue-sentinel", {"items": 2}, speed=10)
    length = clock(summary["duration_s"])
    path = str(tmp_path / "run.ipcscope")
    assert window.files.save_to(path)
    with qtbot.waitSignal(window.run_ended, timeout=30_000):
        assert window.files.open_path(path)
    replay, bar = window.replay, window.replay_bar
    assert replay.ended and status_time(window) == length   # opened whole: its length

    # paused in the middle: the cursor's time, and who is alive there
    bar.slider.setValue(bar.slider.maximum() // 2)
    middle = replay.position_s
    assert not replay.ended and 0.5 < middle < replay.end_s - 0.5
    qtbot.waitUntil(lambda: status_time(window) == clock(middle), timeout=5_000)
    text = window.status_label.text()
    assert text.startswith("replay at 1×")
    alive = int(text.split(" · ")[1].split()[0])
    assert alive == sum(p.alive for p in window.controller.model.processes.values()) > 0

    # playing (at half speed: a few status updates before the end): the time moves on
    # with the cursor, past the middle
    def moved_on():
        shown = status_time(window)
        assert shown not in (clock(middle), clock(0), length)
        assert clock(middle) < shown <= clock(replay.end_s)
    with qtbot.waitSignal(window.run_ended, timeout=60_000):
        replay.set_speed(0.5)
        replay.set_playing(True)
        qtbot.waitUntil(moved_on, timeout=30_000)
    # ended: the run's length again, as the live run showed it
    assert status_time(window) == length
    assert window.status_label.text().startswith(summary["status"])


def test_every_replay_key_of_the_table_moves_the_replay(qtbot, window, tmp_path, no_leaks):
    """The ReplayBar's key table, as a presenter's clicker and a keyboard send them."""
    run_to_end(qtbot, window, "queue-sentinel", {"items": 2}, speed=10)
    path = str(tmp_path / "run.ipcscope")
    assert window.files.save_to(path)
    with qtbot.waitSignal(window.run_ended, timeout=30_000):
        assert window.files.open_path(path)
    replay = window.replay
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)

    def key(k, modifier=Qt.NoModifier) -> float:
        qtbot.keyClick(window, k, modifier)
        return replay.position_s

    assert key(Qt.Key_Home) == 0
    first = key(Qt.Key_Right)
    second = key(Qt.Key_PageDown)
    assert 0 < first < second
    assert key(Qt.Key_Left) == first
    assert key(Qt.Key_PageUp) < first
    assert key(Qt.Key_End) == replay.end_s
    findings = replay.finding_times()
    assert findings and key(Qt.Key_Left, Qt.ControlModifier) == findings[-1]
    assert window.run_view.lanes.item.focus, "the finding's lanes are highlighted"
    key(Qt.Key_Home)
    assert key(Qt.Key_Right, Qt.ControlModifier) == findings[0]
    key(Qt.Key_Up)
    key(Qt.Key_Up)
    assert replay.speed == 5.0 and window.replay_bar.speed.currentData() == 5.0
    key(Qt.Key_Down)
    assert replay.speed == 2.0


def test_a_trace_mostly_on_disk_replays_a_chunk_at_a_time(qtbot, window, tmp_path,
                                                          monkeypatch, no_leaks):
    """An hour's trace does not fit in memory: its model keeps the newest chunks and the
    replay reads the others as it goes.  Every position still releases the rows up to
    the last whose newest stamp so far is at or before it (as when every row was in
    memory), and steps land on the next and previous stamps."""
    import numpy as np
    from benchmarks.export_memory import busy_rows
    from ipcscope.core import model as model_module
    from ipcscope.core.model import RunModel
    from ipcscope.core.summary import summarize
    from ipcscope.core.trace import EVENT_DTYPE, run_metadata, save_run

    rows, strings = busy_rows(90_000)
    rng = np.random.default_rng(3)                 # arrival a little out of time order
    rows = rows[np.argsort(np.arange(len(rows)) + rng.integers(0, 40, len(rows)),
                           kind="stable")]
    built = RunModel(EVENT_DTYPE)
    built.append(rows, strings)
    path = str(tmp_path / "long.ipcscope")
    save_run(path, built, run_metadata("queue-flood", {}, 1.0),
             summarize(None, {"program": "flood.py", "args": []}, built, status="completed",
                       speed=1.0, duration_s=1.0, leftover_processes=0))
    monkeypatch.setattr(model_module, "RESIDENT_CHUNKS", 1)
    with qtbot.waitSignal(window.run_ended, timeout=60_000):
        assert window.files.open_path(path)
    replay = window.replay
    assert replay.loaded.model.chunk_count() > 4 and replay.loaded.model._n_spilled > 2
    release = np.maximum.accumulate(rows["t"])
    for fraction in (0.13, 0.5, 0.77, 0.31):
        replay.seek(fraction * replay.end_s)
        at = replay.t0 + int(round(replay.position_s * 1e9))
        expected = int(np.searchsorted(release, at, side="right"))
        assert len(window.controller.model) == expected
    times = np.unique(rows["t"])

    def position_ns() -> int:
        return replay.t0 + int(round(replay.position_s * 1e9))
    here = position_ns()
    replay.step(+1)
    after = times[times > here][0]
    assert position_ns() == after
    replay.step(-1)
    assert position_ns() == times[times < after][-1]
