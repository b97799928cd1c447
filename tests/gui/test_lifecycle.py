"""Stopping, closing mid-run and a crash in scenario code: every process ends, the
window says what happened, and the next run starts clean."""
import os
import sys

import psutil
import pytest
from ipcscope.core import scenarios
from PySide6.QtCore import Qt

from tests.conftest import alive, run_pids
from tests.gui.conftest import run_to_end, start


def test_closing_mid_run_ends_every_process(qtbot, window, no_leaks):
    start(window, "queue-sentinel", {"items": 50}, speed=1)
    qtbot.waitUntil(lambda: len(window.controller.model.processes) >= 5, timeout=30_000)
    pids = run_pids(window.controller.model)
    assert alive(pids)
    with qtbot.waitSignal(window.run_ended, timeout=10_000) as ended:
        window.close()
    assert ended.args[0]["status"] == "stopped"
    assert alive(pids) == []
    assert not window.isVisible()
    assert not window.controller.running


def test_escape_stops_and_the_next_run_starts_clean(qtbot, window, no_leaks):
    start(window, "bounded-queue", {"items": 200}, speed=1)
    qtbot.waitUntil(lambda: len(window.controller.model.processes) >= 3, timeout=30_000)
    with qtbot.waitSignal(window.run_ended, timeout=10_000) as ended:
        qtbot.keyClick(window, Qt.Key_Escape)
    assert ended.args[0]["status"] == "stopped"
    assert alive(run_pids(window.controller.model)) == []
    assert window.toolbar.run_action.isEnabled()

    summary = run_to_end(qtbot, window, "pipe-eof")
    assert summary["status"] == "completed"
    model = window.controller.model
    assert {p.role for p in model.processes.values()} == {"main", "senp"}
    assert sorted(window.run_view.lanes.item.order) == sorted(model.processes)
    window.event_log.refresh()
    assert window.event_log.table_model.rowCount() == len(model)


def test_a_crash_in_scenario_code_shows_the_traceback_and_the_app_goes_on(
        qtbot, settings, no_leaks):
    from ipcscope.gui.main_window import MainWindow
    crash = scenarios.register("tests.fixtures.crashing_scenario")
    window = MainWindow(settings=settings, scenarios=[*scenarios.all_scenarios(), crash])
    qtbot.addWidget(window)
    window.show()
    summary = run_to_end(qtbot, window, "test-crash", speed=1)
    assert summary["status"] == "crashed"
    shown = window.summary.text.toPlainText()
    assert "something went wrong in Bob" in shown
    assert "ValueError" in shown
    assert "crashed" in window.status_label.text()

    summary = run_to_end(qtbot, window, "queue-sentinel")
    assert summary["status"] == "completed"
    assert "something went wrong" not in window.summary.text.toPlainText()
    assert alive(run_pids(window.controller.model)) == []
    window.run_view.depth.computer.shutdown()


def test_space_runs_then_pauses_the_view_while_the_run_goes_on(qtbot, window, no_leaks):
    window.scenario_panel.select("queue-sentinel")
    window.scenario_panel.show_params("queue-sentinel", {"items": 3})
    window.toolbar.set_speed(2.0)
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key_Space)
    assert window.controller.running
    qtbot.waitUntil(lambda: len(window.controller.model) > 20, timeout=30_000)
    qtbot.keyClick(window, Qt.Key_Space)
    assert window.session.paused and window.controller.running
    frozen = window.run_view.timeline.visible()
    events = len(window.controller.model)
    qtbot.waitUntil(lambda: len(window.controller.model) > events + 5, timeout=30_000)
    assert window.run_view.timeline.visible() == frozen      # the view stood still
    qtbot.keyClick(window, Qt.Key_Space)
    assert not window.session.paused
    with qtbot.waitSignal(window.run_ended, timeout=60_000):
        window.stop_run()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="nice is per thread on Linux")
def test_the_run_yields_the_cpu_but_the_bridge_thread_does_not(qtbot, window, no_leaks):
    """The run's processes are niced so the window keeps a core; the bridge thread is
    not (niced, it held the GIL while it waited behind the run's processes)."""
    start(window, "queue-sentinel", {"items": 50}, speed=1)
    qtbot.waitUntil(lambda: len(window.controller.model.processes) >= 5, timeout=30_000)
    niceness = []
    for pid in alive(run_pids(window.controller.model)):
        try:
            niceness.append(psutil.Process(pid).nice())
        except psutil.NoSuchProcess:     # it ended in between
            pass
    assert niceness and min(niceness) >= 10, niceness
    bridge = window.controller._bridge
    assert bridge.native_id is not None
    assert os.getpriority(os.PRIO_PROCESS, bridge.native_id) == \
        os.getpriority(os.PRIO_PROCESS, 0)
    with qtbot.waitSignal(window.run_ended, timeout=10_000):
        window.controller.stop()
