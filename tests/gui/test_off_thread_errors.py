"""A job that raises off the GUI thread is told once, in words, and the window goes on.

The queue depth, the live findings and the run's summary are worked out by OffThread
(gui/run/off_thread.py).  Each is made to raise here: the window must say so once (its
message bar, not a box that comes back), end the run as usual (Run enabled again, the
form unlocked), keep drawing the other plots, and draw the next run whole.
"""
import threading

import pytest
from ipcscope.core import scenarios
from ipcscope.gui import app_log
from ipcscope.gui.plots import depth_series
from ipcscope.gui.run import findings_tracker, run_controller
from ipcscope.gui.run.off_thread import OffThread
from PySide6.QtWidgets import QToolButton

from tests.gui.conftest import run_to_end, start

RUN_MS = 60_000


@pytest.fixture
def log(monkeypatch):
    """What the app's log is given (the user's own log stays out of the tests)."""
    lines = []
    monkeypatch.setattr(app_log, "write", lines.append)
    return lines


def raising(message: str, times: int | None = None, then=None):
    """A stand-in that raises ValueError(message) `times` times (None: always), then
    calls `then`.  `.calls` counts the calls."""
    def stand_in(*args, **kwargs):
        stand_in.calls += 1
        if times is None or stand_in.calls <= times:
            raise ValueError(message)
        return then(*args, **kwargs)
    stand_in.calls = 0
    return stand_in


def recorder(signal) -> list:
    got = []
    signal.connect(got.append)
    return got


# --- the helper itself ------------------------------------------------------------------

def test_a_result_is_made_in_the_worker_and_delivered_in_the_gui_thread(qtbot, log):
    worker = OffThread("test-worker", "test")
    delivered_in = []
    worker.finished.connect(lambda _result: delivered_in.append(threading.get_ident()))
    try:
        with qtbot.waitSignal(worker.finished, timeout=10_000) as done:
            worker.submit(threading.get_ident)
            assert worker.busy
        assert done.args[0] != threading.get_ident(), "the job ran in the worker"
        assert delivered_in == [threading.get_ident()], "its result came in the GUI thread"
        assert not worker.busy
    finally:
        worker.shutdown()


def test_an_error_is_delivered_told_once_and_the_next_job_runs(qtbot, log):
    worker = OffThread("test-worker", "test the worker")
    told = recorder(worker.problem)
    try:
        for _ in range(2):
            with qtbot.waitSignal(worker.errored, timeout=10_000) as failed:
                worker.submit(raising("boom"))
            assert isinstance(failed.args[0], ValueError) and not worker.busy
        assert len(told) == 1, "a job that fails every time is told once"
        assert "could not test the worker" in told[0] and "ValueError: boom" in told[0]
        assert len(log) == 2 and "Traceback" in log[0] and "boom" in log[0]

        with qtbot.waitSignal(worker.finished, timeout=10_000) as done:
            worker.submit(sum, [1, 2])
        assert done.args[0] == 3

        worker.forget()                              # a new run: told again
        with qtbot.waitSignal(worker.problem, timeout=10_000):
            worker.submit(raising("again"))
    finally:
        worker.shutdown()


def test_a_job_run_here_ends_the_same_way_before_it_returns(qtbot, log):
    worker = OffThread("test-worker", "test")
    results, errors = recorder(worker.finished), recorder(worker.errored)
    worker.run_here(raising("here"))
    assert [type(e) for e in errors] == [ValueError] and not worker.busy
    worker.run_here(len, "abc")
    assert results == [3]


def test_a_forgotten_job_is_dropped(qtbot, log):
    worker = OffThread("test-worker", "test")
    release = threading.Event()
    results = recorder(worker.finished)
    try:
        worker.submit(release.wait, 10)
        worker.forget()
        assert not worker.busy
        release.set()
        with qtbot.waitSignal(worker.finished, timeout=10_000):
            worker.submit(len, "ab")
        assert results == [2], "only the job still wanted was delivered"
    finally:
        worker.shutdown()


# --- in the window -----------------------------------------------------------------------

def ended_as_usual(window) -> None:
    assert not window.controller.running
    assert window.toolbar.run_action.isEnabled()
    assert window.scenario_panel.list.isEnabled()


def next_run_is_whole(qtbot, window, scenario_id: str) -> dict:
    """The next run, with nothing raising: plotted and summed up as usual."""
    summary = run_to_end(qtbot, window, scenario_id)
    spec = scenarios.get(scenario_id)
    assert summary["as_predicted"], summary["problems"]
    assert summary["status"] in spec.predict(spec.resolve(spec.self_test_params)).statuses
    assert window.run_view.depth.depth_changes() > 0
    assert not window.message_bar.isVisible()
    ended_as_usual(window)
    return summary


@pytest.mark.parametrize("off_thread", [False, True], ids=["in-gui-thread", "in-worker"])
def test_a_summary_that_raises_still_ends_the_run(qtbot, window, monkeypatch, log,
                                                  off_thread, no_leaks):
    if off_thread:
        monkeypatch.setattr(run_controller, "SUMMARY_SYNC_LIMIT", 0)
    failing = raising("no summary", times=1, then=run_controller.summarize)
    monkeypatch.setattr(run_controller, "summarize", failing)
    told = recorder(window.controller.problem)

    with qtbot.waitSignal(window.run_ended, timeout=RUN_MS) as ended:
        start(window, "bounded-queue")
    summary = ended.args[0]
    assert failing.calls == 1
    assert summary["status"] == "completed" and not summary["as_predicted"]
    assert "could not sum up the run" in summary["problems"][0]
    assert len(told) == 1 and "could not sum up the run" in told[0]
    assert window.message_bar.isVisible() and window.message_bar.label.text() == told[0]
    assert "completed" in window.summary.text.toPlainText()
    ended_as_usual(window)

    next_run_is_whole(qtbot, window, "bounded-queue")
    assert len(told) == 1


@pytest.mark.parametrize("off_thread", [False, True], ids=["in-gui-thread", "in-worker"])
def test_a_depth_update_that_raises_leaves_the_other_plots_going(qtbot, window, monkeypatch,
                                                                 log, off_thread, no_leaks):
    if off_thread:
        monkeypatch.setattr(depth_series, "SYNC_LIMIT", 0)
    real_update = depth_series.DepthBuilder.update
    failing = raising("no depth")
    monkeypatch.setattr(depth_series.DepthBuilder, "update", failing)
    told = recorder(window.run_view.depth.computer.problem)

    with qtbot.waitSignal(window.run_ended, timeout=RUN_MS):
        start(window, "bounded-queue")
        qtbot.waitUntil(lambda: window.message_bar.isVisible(), timeout=RUN_MS)
        frames = len(window.run_view.frame_ms)
        window.message_bar.findChild(QToolButton).click()
        assert not window.message_bar.isVisible()
        qtbot.waitUntil(lambda: failing.calls >= 2, timeout=RUN_MS)
    assert not window.message_bar.isVisible(), "closed, it stays closed"
    assert len(told) == 1 and "could not work out the queue depth" in told[0]
    assert len(window.run_view.frame_ms) > frames, "the frames went on"
    assert window.run_view.depth.depth_changes() == 0
    lanes = window.controller.spans.lanes.values()
    assert any(len(lane.spans) for lane in lanes)
    assert sum(window.run_view.third.totals()) > 0
    ended_as_usual(window)

    monkeypatch.setattr(depth_series.DepthBuilder, "update", real_update)
    next_run_is_whole(qtbot, window, "bounded-queue")


def test_a_findings_detection_that_raises_is_told_once(qtbot, window, monkeypatch, log,
                                                      no_leaks):
    real_detect = findings_tracker.detect
    failing = raising("no findings")
    monkeypatch.setattr(findings_tracker, "detect", failing)
    told = recorder(window.findings.problem)

    # speed 5: long enough for several live detections (test_findings_window.py)
    with qtbot.waitSignal(window.run_ended, timeout=RUN_MS) as ended:
        start(window, "queue-sentinel", {"items": 2}, speed=5)
        qtbot.waitUntil(lambda: failing.calls >= 2, timeout=RUN_MS)
    assert len(told) == 1 and "could not look for findings" in told[0]
    assert window.message_bar.label.text() == told[0]
    # the summary's own detection is the word that counts at the end
    kinds = [f["kind"] for f in ended.args[0]["findings"]]
    assert "sentinel-shortfall" in kinds
    assert sorted(f["kind"] for f in window.findings_panel.findings) == sorted(kinds)
    ended_as_usual(window)

    monkeypatch.setattr(findings_tracker, "detect", real_detect)
    with qtbot.waitSignal(window.run_ended, timeout=RUN_MS):
        start(window, "queue-sentinel", {"items": 2}, speed=5)
        qtbot.waitUntil(lambda: len(window.findings_panel.findings) > 0, timeout=RUN_MS)
        assert window.controller.streaming, "found live again"
    assert not window.message_bar.isVisible()
    ended_as_usual(window)
