"""Compare (issue 18, the lab): the same scenario as A and with one parameter changed
as B, run at once in one window, one above the other on one time axis, with what
differs listed between them; or two saved runs opened side by side.  Real runs."""
import pytest
from ipcscope.core import headless, scenarios
from ipcscope.gui.compare_choice import first_choice, other_value
from PySide6.QtCore import QEvent, QPointF
from PySide6.QtWidgets import QApplication, QMenu, QToolButton

from tests.conftest import alive, run_pids
from tests.gui.test_edit_code import DECREMENT, PROGRAM, replace_in_editor

RUN_TIMEOUT_MS = 120_000
COUNTER = {"processes": 20}     # enough racers that the unlocked counter loses updates


@pytest.fixture
def compare(qtbot, window):
    """The compare window, opened by the main window's Compare action on the scenario
    its form shows; closed (its runs ended) at the end."""
    opened = []

    def open_on(scenario_id: str, params: dict, speed: float | None = None):
        spec = scenarios.get(scenario_id)
        window.prepare_run(scenario_id, {**spec.self_test_params, **params},
                           spec.self_test_speed if speed is None else speed)
        window.compare.action.trigger()
        view = window.compare.compare_window
        assert view is not None and view.isVisible()
        qtbot.waitExposed(view)
        opened.append(view)
        return view
    yield open_on
    for view in opened:
        if view.running:
            with qtbot.waitSignal(view.destroyed, timeout=15_000):
                view.close()
        elif window.compare.compare_window is view:
            view.close()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def x_range(session):
    return tuple(session.run_view.lanes.view_box.viewRange()[0])


def screen_x(session, t_s: float) -> int:
    """Where the moment t_s is drawn on the screen, in session's lanes."""
    plot = session.run_view.lanes.plot
    scene_point = plot.getPlotItem().getViewBox().mapViewToScene(QPointF(t_s, 0.0))
    return plot.mapToGlobal(plot.mapFromScene(scene_point)).x()


def aligned(view) -> bool:
    """One time axis: A's and B's lanes draw the same moments one above the other
    (pyqtgraph lines linked views up by pixel; a side with a scroll bar is narrower)."""
    a, b = view.sessions
    x0, x1 = x_range(a)
    return all(abs(screen_x(a, t) - screen_x(b, t)) <= 2 for t in (x0, (x0 + x1) / 2))


def test_compare_the_counter_with_the_lock_off_and_on(qtbot, compare, no_leaks):
    view = compare("manager-counter", COUNTER)
    assert view.choice.param().key == "lock" and view.choice.value_b() is True
    assert [side.label.text() for side in view.sides] == ["A: lock=False", "B: lock=True"]
    with qtbot.waitSignal(view.both_ended, timeout=RUN_TIMEOUT_MS) as ended:
        assert view.run_both()
        assert view.sessions[0].running and view.sessions[1].running, "both go at once"
    a, b = ended.args
    assert (a["params"]["lock"], b["params"]["lock"]) == (False, True)
    assert a["status"] == b["status"] == "completed"
    assert b["result"]["final"] == b["result"]["expected"], "the lock loses nothing"
    assert a["result"]["final"] > a["result"]["expected"], "without it, updates are lost"
    for session in view.sessions:
        assert alive(run_pids(session.controller.model)) == []
        assert session.run_view.third is session.run_view.third_plots["counter"]
        assert len(session.run_view.lanes.item.order) == 21
    findings_b = [f["kind"] for f in b["findings"]]
    assert "lost-update" in [f["kind"] for f in a["findings"]] and \
        "lost-update" not in findings_b
    listed = dict(view.strip.items)
    assert listed["result.final"] == f"{a['result']['final']} → {b['result']['final']}"
    assert ("findings", "lost-update only in A") in view.strip.items
    assert "lost-update only in A" in view.strip.label.text()
    assert "params.lock" not in listed, "the labels say what B changes"
    assert view.run_action.isEnabled() and not view.stop_action.isEnabled()
    # each side lists its own findings
    panels = [s.findings_presenter.panel.findings for s in view.sessions]
    assert "lost-update" in [f["kind"] for f in panels[0]]
    assert "lost-update" not in [f["kind"] for f in panels[1]]

    # one time axis: pan either side, the other follows
    a_box, b_box = (s.run_view.lanes.view_box for s in view.sessions)
    assert aligned(view)
    before = x_range(view.sessions[1])
    a_box.translateBy(x=0.7)
    assert x_range(view.sessions[1])[0] == pytest.approx(before[0] + 0.7) and aligned(view)
    b_box.scaleBy(x=0.5)
    assert x_range(view.sessions[0])[1] - x_range(view.sessions[0])[0] < 0.6 * (
        before[1] - before[0]) and aligned(view)


def test_pan_pauses_both_and_stop_stops_both(qtbot, compare, no_leaks):
    view = compare("queue-sentinel", {"items": 50}, speed=1)
    assert view.choice.param().key == "sentinels"
    assert view.choice.value_b() == "per-consumer"
    assert view.run_both()
    sessions = view.sessions

    def both_plotting():
        for session in sessions:
            assert len(session.controller.model.processes) >= 5
            assert len(session.run_view.frame_ms) >= 3
    qtbot.waitUntil(both_plotting, timeout=60_000)
    # a pan by hand on B: both views stop following (or A's would pull the axis back)
    b_box = sessions[1].run_view.lanes.view_box
    b_box.translateBy(x=-3.0)
    b_box.sigRangeChangedManually.emit(b_box.state["mouseEnabled"])
    assert sessions[0].paused and sessions[1].paused and view.pause_action.isChecked()
    panned = x_range(sessions[0])
    assert panned[0] == pytest.approx(x_range(sessions[1])[0]) and aligned(view)
    frames = len(sessions[0].run_view.frame_ms) + len(sessions[1].run_view.frame_ms)
    qtbot.waitUntil(lambda: sessions[0].frames + sessions[1].frames > frames + 6)
    assert x_range(sessions[0]) == pytest.approx(panned), "nobody pulled the axis back"
    view.pause_action.trigger()                     # Resume: both follow again
    assert not sessions[0].paused and not sessions[1].paused

    pids = [run_pids(s.controller.model) for s in sessions]
    assert alive(pids[0]) and alive(pids[1])
    with qtbot.waitSignal(view.both_ended, timeout=15_000) as ended:
        view.stop_action.trigger()
    assert [s["status"] for s in ended.args] == ["stopped", "stopped"]
    assert alive(pids[0] + pids[1]) == []


def test_closing_the_compare_window_mid_run_ends_every_process(qtbot, compare, no_leaks):
    view = compare("queue-sentinel", {"items": 50}, speed=1)
    assert view.run_both()
    qtbot.waitUntil(lambda: all(len(s.controller.model.processes) >= 5
                                for s in view.sessions), timeout=60_000)
    pids = [p for s in view.sessions for p in run_pids(s.controller.model)]
    with qtbot.waitSignal(view.destroyed, timeout=15_000):
        view.close()
    assert alive(pids) == []


def test_two_saved_runs_open_side_by_side(qtbot, compare, tmp_path, no_leaks):
    paths = []
    for lock in (False, True):
        path = str(tmp_path / f"lock-{lock}.ipcscope")
        headless.run("manager-counter", {"processes": 12, "lock": lock}, speed=20.0,
                     trace_path=path)
        paths.append(path)
    view = compare("pipe-eof", {})          # whatever the main window has: files replace it
    with qtbot.waitSignal(view.both_ended, timeout=30_000) as ended:
        assert view.open_traces(*paths)
    a, b = ended.args
    assert (a["params"]["lock"], b["params"]["lock"]) == (False, True)
    assert view.sides[0].label.text() == "A: lock-False.ipcscope (manager-counter, lock=False)"
    assert view.sides[1].label.text() == "B: lock-True.ipcscope (manager-counter, lock=True)"
    assert not view.run_action.isEnabled(), "nothing to run: two files"
    for session in view.sessions:
        assert session.replay.active and session.replay_bar.isVisible()
        assert session.run_view.third is session.run_view.third_plots["counter"]
    assert dict(view.strip.items)["result.final"] == \
        f"{a['result']['final']} → {b['result']['final']}"
    assert aligned(view)
    assert not view.open_traces(paths[0], str(tmp_path / "missing.ipcscope"))
    assert "missing.ipcscope" in view.last_problem


@pytest.mark.parametrize("scenario_id, key, a, b", [
    ("manager-counter", "lock", False, True),
    ("pipe-eof", "close_unused_ends", True, False),
    ("queue-sentinel", "sentinels", "one", "per-consumer"),
    ("pipe-producer-consumer", "lock", False, True),
    ("join-before-drain", "drain_first", False, True),
])
def test_b_changes_the_parameter_that_teaches_by_default(scenario_id, key, a, b):
    spec = scenarios.get(scenario_id)
    param = first_choice(spec.params)
    assert param.key == key and spec.defaults()[key] == a
    assert other_value(param, a) == b


def test_a_number_is_doubled_within_its_range():
    items = scenarios.get("queue-flood").param("items")
    assert other_value(items, 100) == 200
    assert other_value(items, items.maximum) == items.maximum // 2


def test_compare_is_in_the_run_menu_and_on_the_toolbar(qtbot, window, compare):
    run_menu = window.menuBar().findChild(QMenu, "run-menu")
    assert window.compare.action in run_menu.actions()
    assert window.compare.action.shortcut().toString() == "Ctrl+D"
    assert window.toolbar.findChild(QToolButton, "button-compare").isVisible()
    view = compare("pipe-eof", {})
    assert view.choice.param().key == "close_unused_ends" and view.choice.value_b() is False
    assert view.sides[1].label.text() == "B: close_unused_ends=False"
    view.choice.choose("close_unused_ends", True)          # what A has: nothing to compare
    assert view.sides[1].label.text() == "B: close_unused_ends=True"
    assert not view.run_both() and not view.running
    assert "same close_unused_ends as A" in view.last_problem


def edit(source, old: str, new: str) -> None:
    """As typed in the source view's editor: `old` selected, `new` typed over it."""
    source.set_editing(True)
    replace_in_editor(source, old, new)


def test_compare_the_edited_scenario_with_its_original(qtbot, window, compare, no_leaks):
    """The source view has the counter edited: Compare offers the edited code (A)
    against the original (B), with the same parameters, and lists their results."""
    window.scenario_panel.select("manager-counter")
    edit(window.source, DECREMENT, "    dic['count'] -= 2")
    view = compare("manager-counter", {"processes": 10, "start": 100, "lock": True})
    assert view.choice.comparing_code() and view.choice.param() is None
    assert [side.label.text() for side in view.sides] == \
        ["A: the edited code", "B: the original code"]
    with qtbot.waitSignal(view.both_ended, timeout=RUN_TIMEOUT_MS) as ended:
        assert view.run_both()
    a, b = ended.args
    assert a["status"] == b["status"] == "completed", (a["problems"], b["problems"])
    assert a["params"] == b["params"] and a["params"]["processes"] == 10
    assert (a["result"]["final"], b["result"]["final"]) == (80, 90)
    assert dict(view.strip.items)["result.final"] == "80 → 90"
    # a parameter as B's change: both run the edited code
    view.choice.choose("lock", False)
    assert view.sides[1].label.text() == "B: lock=False, edited code"
    # reverted in the main window: there is nothing to compare the original with
    window.source.revert()
    view.choice.choose(":code")
    assert not view.run_both() and "no longer edited" in view.last_problem


def test_compare_an_edited_program_with_its_original(qtbot, window, tmp_path, no_leaks):
    script = tmp_path / "worker.py"
    script.write_text(PROGRAM)
    assert window.files.open_script(str(script))
    edit(window.source, "    q.put('original')", "    q.put('edited')\n    q.put('twice')")
    edit(window.source, "    print(q.get())", "    print(q.get(), q.get())")
    view = window.compare.open()
    assert view is not None and view.program is not None
    assert view.choice.comparing_code() and view.choice.key.count() == 1
    try:
        with qtbot.waitSignal(view.both_ended, timeout=RUN_TIMEOUT_MS) as ended:
            assert view.run_both()
        a, b = ended.args
        assert a["status"] == b["status"] == "completed", (a["problems"], b["problems"])
        assert "edited twice" in "\n".join(view.sessions[0].controller.model.strings)
        assert "original" in "\n".join(view.sessions[1].controller.model.strings)
        assert dict(view.strip.items)["queues.q.puts"] == "2 → 1"
        assert script.read_text() == PROGRAM                 # the file is untouched
    finally:
        view.close()


def test_the_strip_shows_every_line_of_what_differs_at_1280x800(qtbot):
    """Two lines of differences in a 1280x800 window: the sides give the strip their
    height (A's plots asked for more than half of it, and the second line was cut)."""
    from ipcscope.gui.compare_window import CompareWindow
    view = CompareWindow()
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    a = {"status": "stalled", "result": {"final": 92, "lost_updates": 12},
         "findings": [{"kind": "deadlock"}], "leftover_processes": 0,
         "processes": [{"name": "main", "exit_reason": "stopped", "exitcode": -15}]}
    b = {"status": "completed", "result": {"final": 94, "lost_updates": 14},
         "findings": [{"kind": "manager-died"}], "leftover_processes": 0,
         "processes": [{"name": "main", "exit_reason": "returned", "exitcode": 0}]}
    view.strip.show_summaries(a, b)
    view._fit_strip()
    label = view.strip.label
    qtbot.waitUntil(lambda: label.height() >= label.heightForWidth(label.width()))
    assert label.heightForWidth(label.width()) > 1.5 * label.fontMetrics().height(), \
        "two lines, or this test tests nothing"
    a_size, _strip, b_size = view.splitter.sizes()
    assert abs(a_size - b_size) <= 2
