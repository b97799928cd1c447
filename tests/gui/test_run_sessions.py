"""A run's view is an object that can be made twice: two RunSessions side by side in one
widget, each with its own RunController, run two different scenarios at the same time
and both plot (the lab's side-by-side comparison needs exactly this).  And each plots
what its scenario declares (`Scenario.third_plot`), not what a table of ids says."""
import dataclasses

import pytest
from ipcscope.core import scenarios
from ipcscope.gui.run_session import RunSession
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLayout, QSplitter, QWidget

from tests.conftest import alive, run_pids

# two scenarios with different third plots, slow enough to overlap on a busy machine
RUNS = {"queue-sentinel": ({"items": 4}, 2.0), "manager-counter": ({"processes": 8}, 2.0)}


@pytest.fixture
def side_by_side(qtbot):
    """One widget with two run sessions in columns (plots, log, summary), kept until
    its C++ side is deleted (as tests/gui/test_window_layout.py says why)."""
    host = QWidget()
    qtbot.addWidget(host)
    layout = QHBoxLayout(host)
    # as MainWindow: offscreen answers size-hint changes pushed to the window with a warning
    layout.setSizeConstraint(QLayout.SetNoConstraint)
    sessions = []
    for _ in RUNS:
        session = RunSession(host)
        column = QSplitter(Qt.Vertical)
        for widget in (session.run_view, session.event_log, session.summary):
            column.addWidget(widget)
        layout.addWidget(column)
        sessions.append(session)
    host.resize(1600, 900)
    host.show()
    qtbot.waitExposed(host)
    yield sessions
    for session in sessions:
        if session.running:
            with qtbot.waitSignal(session.ended, timeout=10_000):
                session.controller.stop()
        session.shutdown()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def test_two_run_views_in_one_widget_run_two_scenarios_at_once(qtbot, side_by_side,
                                                                no_leaks):
    sessions = side_by_side
    pairs = list(zip(sessions, RUNS.items()))
    with qtbot.waitSignals([s.ended for s in sessions], timeout=120_000):
        for session, (scenario_id, (params, speed)) in pairs:
            session.start(scenario_id, params, speed)

        def both_plotting():
            for session in sessions:
                assert session.controller.streaming, "both runs go at once"
                assert len(session.run_view.frame_ms) >= 3
                assert session.run_view.lanes.item.order
        qtbot.waitUntil(both_plotting, timeout=60_000)

    models = [s.controller.model for s in sessions]
    assert models[0] is not models[1]
    for session, (scenario_id, _) in pairs:
        spec = scenarios.get(scenario_id)
        model, view = session.controller.model, session.run_view
        summary = session.controller.summary
        assert summary["scenario"] == scenario_id and summary["status"] == "completed"
        assert alive(run_pids(model)) == []
        assert sorted(view.lanes.item.order) == sorted(model.processes), "its own lanes"
        assert view.third is view.third_plots[spec.third_plot]
        session.event_log.refresh()
        assert session.event_log.table_model.rowCount() == len(model), "its own log"
        assert summary["status"] in session.summary.text.toPlainText()
    queue_view, counter_view = (s.run_view for s in sessions)
    assert queue_view.depth.depth_changes() > 0 and sum(queue_view.third.totals()) > 0
    assert len(counter_view.third.writes) == sessions[1].controller.summary["result"][
        "decrements"] == 8


def test_a_scenario_declares_a_third_plot_the_window_has():
    plots = {spec.id: spec.third_plot for spec in scenarios.all_scenarios()}
    assert plots["manager-counter"] == "counter"
    assert plots["pipe-eof"] == plots["pipe-producer-consumer"] == "pipe"
    assert plots["queue-sentinel"] == "rate"
    with pytest.raises(ValueError, match="third_plot"):
        dataclasses.replace(scenarios.get("queue-sentinel"), third_plot="pie")
