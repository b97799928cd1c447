"""A program of the user's own in the window (issue #15): listed under "Your programs"
(Open script…, a drop, `ipcscope script.py`), remembered, run traced like a scenario,
its source shown with the line a selected object was made on."""
import os

import pytest
from ipcscope.core.events import Kind
from ipcscope.core.scenarios.base import ParamError
from ipcscope.gui import window_args
from ipcscope.gui.main_window import MainWindow, speed_off_for_programs

from tests.gui.test_trace_files import drop

PROGRAMS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "programs")
POOL = os.path.join(PROGRAMS, "pool_squares.py")
DEADLOCK = os.path.join(PROGRAMS, "lock_order_deadlock.py")
RUN_MS = 90_000


def run_program(qtbot, window, path: str, args_text: str) -> dict:
    """As a user: Open script… (its slot, given the path), type the arguments, Run."""
    assert window.files.open_script(path), window.files.last_problem
    edit = window.scenario_panel.form.args_edit
    edit.clear()
    qtbot.keyClicks(edit, args_text)
    with qtbot.waitSignal(window.run_ended, timeout=RUN_MS) as ended:
        assert window.start_run()
    return ended.args[0]


def line_of(path: str, text: str) -> int:
    with open(path, encoding="utf-8") as f:
        return next(n for n, line in enumerate(f, 1) if text in line)


def sentence(text: str) -> bool:
    return text.endswith(".") and "\n" not in text and "Traceback" not in text


@pytest.mark.timeout(180)
def test_a_program_runs_in_the_window_like_a_scenario(qtbot, window, no_leaks):
    summary = run_program(qtbot, window, POOL, "spawn 10")
    panel = window.scenario_panel
    assert panel.current_program() == POOL
    assert panel.programs() == [(POOL, "spawn 10")]
    assert summary["status"] == "completed" and summary["exit_code"] == 0
    assert summary["args"] == ["spawn", "10"]
    window.draw_now()
    labels = [key.label for key in window.run_view.depth._queues.values()]
    assert any(label.startswith("pool.tasks") for label in labels), labels
    assert any(label.startswith("pool.results") for label in labels), labels
    view = window.run_view
    assert view.depth.framed().isVisibleTo(window) and view.third_stack.isVisibleTo(window)
    assert view.third is view.third_plots["rate"] and view.third.totals()[0] > 0
    names = list(window.controller.model.process_names().values())
    assert any("PoolWorker" in name for name in names) and len(names) >= 3, names
    text = window.summary.text.toPlainText()
    assert "Exit code: 0" in text and "pool_squares.py spawn 10" in text
    assert "Predicted" not in text
    assert window.toolbar.run_action.isEnabled()
    # a program keeps its own pace: the speed is off, and says why
    assert not window.toolbar.speed.isEnabled()
    assert window.toolbar.speed.toolTip() == speed_off_for_programs()
    # what it printed is in the event log, as the main process's print line
    window.event_log.refresh()
    log = window.event_log.table_model
    rows = [[log.data(log.index(r, c)) for c in range(5)] for r in range(log.rowCount())]
    printed = [row for row in rows if "285 49 285" in row[4]]
    assert printed and printed[0][1] == "MainProcess", rows[-5:]
    assert "print" in printed[0][2], printed
    # the source view shows the script
    assert window.source.path == POOL
    assert "ProcessPoolExecutor(2" in window.source.toPlainText()
    # a scenario chosen again: its speed is back
    window.scenario_panel.select("queue-sentinel")
    assert window.toolbar.speed.isEnabled()


@pytest.mark.timeout(180)
def test_a_deadlocked_program_stalls_and_its_lines_are_shown(qtbot, window, no_leaks):
    summary = run_program(qtbot, window, DEADLOCK, "spawn")
    assert summary["status"] == "stalled"
    kinds = {f["kind"] for f in summary["findings"]}
    assert kinds, summary["findings"]
    # no queue, no pipe: the lanes have the plots' room
    view = window.run_view
    assert not view.depth.framed().isVisibleTo(window)
    assert not view.third_stack.isVisibleTo(window)
    model = window.controller.model
    lock = next(o for o in model.objects.values() if o.name == "a")
    made = line_of(DEADLOCK, "a, b = ctx.Lock(), ctx.Lock()")
    assert lock.site == f"{DEADLOCK}:{made}"
    # a row of the event log about the lock: the line that made it
    window.event_log.refresh()
    log = window.event_log.table_model
    row = next(r for r in range(log.rowCount()) if int(log.row(r)["obj"]) == lock.obj)
    window.event_log.table.setCurrentIndex(log.index(row, 0))
    assert window.source.path == DEADLOCK
    assert window.source.marked_line == made
    # a finding about the deadlock: its lock's line
    window.findings_panel.select(0)
    assert window.source.marked_line == made
    # a click on a blocked process's lane: the line it waits on
    one = next(p for p, n in model.process_names().items() if n == "one")
    assert window.source_links.show_process(one)
    assert window.source.marked_line == line_of(DEADLOCK, "with second:")


def test_a_dropped_script_is_listed_and_remembered(qtbot, window, settings):
    drop(window, DEADLOCK)
    panel = window.scenario_panel
    assert panel.current_program() == DEADLOCK
    assert window.source.path == DEADLOCK
    assert window.scenario_panel.form.args_edit is not None
    qtbot.keyClicks(panel.form.args_edit, "fork")
    assert window.files.open_script(POOL, ["spawn", "3"])
    assert panel.programs() == [(DEADLOCK, "fork"), (POOL, "spawn 3")]
    item = panel.list.currentItem()
    assert item.text() == "pool_squares.py" and item.toolTip() == POOL
    window.save_settings()

    again = MainWindow(settings=settings)
    qtbot.addWidget(again)
    assert again.scenario_panel.programs() == [(DEADLOCK, "fork"), (POOL, "spawn 3")]
    assert again.scenario_panel.current_program() == POOL
    assert again.scenario_panel.form.args_text() == "spawn 3"
    again.scenario_panel.remove_program(POOL)
    assert again.scenario_panel.programs() == [(DEADLOCK, "fork")]
    assert again.scenario_panel.current_program() is None


def test_a_path_that_is_no_program_is_one_sentence(qtbot, window, tmp_path):
    text_file = tmp_path / "data.py"
    text_file.write_bytes(b"\x00\x01binary")
    for path, words in ((str(tmp_path / "missing.py"), "no file"),
                        (str(tmp_path), "folder"), (str(text_file), "not a Python program")):
        assert not window.files.open_script(path)
        problem = window.files.last_problem
        assert words in problem and sentence(problem), problem
        assert window.message_bar.isVisible() and window.message_bar.label.text() == problem
    assert window.scenario_panel.programs() == []
    # listed, then gone before Run: the same sentence, and Run stays usable
    gone = tmp_path / "gone.py"
    gone.write_text("print('hi')\n")
    assert window.files.open_script(str(gone))
    gone.unlink()
    assert not window.start_run()
    assert "no file" in window.message_bar.label.text()
    assert window.toolbar.run_action.isEnabled()


def test_unsplittable_arguments_are_marked_in_the_form(qtbot, window):
    assert window.files.open_script(POOL)
    qtbot.keyClicks(window.scenario_panel.form.args_edit, "spawn 'ten")
    assert not window.start_run()
    error = window.scenario_panel.form.args_error
    assert not error.isHidden() and sentence(error.text())


def test_ipcscope_script_py_on_the_command_line():
    options = window_args.parse([POOL, "spawn", "--fast", "10"])
    assert options.program == POOL and options.program_args == ["spawn", "--fast", "10"]
    assert options.trace is None and options.screenshot is None
    with pytest.raises(ParamError, match="no file"):
        window_args.parse(["/no/such/script.py"])
    with pytest.raises(window_args.UsageError):
        window_args.parse(["--scenario", "pipe-eof", POOL])
    shot = window_args.parse(["--screenshot", "/tmp/x.png", "--after", "2", POOL, "fork"])
    assert shot.program == POOL and shot.program_args == ["fork"] and shot.after == 2


@pytest.mark.timeout(180)
def test_a_saved_program_run_opens_again(qtbot, window, tmp_path, no_leaks):
    run_program(qtbot, window, POOL, "spawn 4")
    path = str(tmp_path / "pool.ipcscope")
    assert window.files.save_to(path), window.files.last_problem
    window.scenario_panel.remove_program(POOL)
    with qtbot.waitSignal(window.run_ended, timeout=30_000):
        assert window.files.open_path(path), window.files.last_problem
    assert window.scenario_panel.current_program() == POOL
    assert window.scenario_panel.form.args_text() == "spawn 4"
    assert "Exit code: 0" in window.summary.text.toPlainText()
    assert window_args.parse([path]).loaded.meta["program"] == POOL


@pytest.mark.timeout(180)
def test_a_program_with_pipes_and_no_queue_plots_sent_and_received(qtbot, window, no_leaks):
    summary = run_program(qtbot, window, os.path.join(PROGRAMS, "sync_objects.py"), "spawn")
    assert summary["status"] == "completed" and summary["pipes"], summary
    view = window.run_view
    assert view.third is view.third_plots["pipe"] and view.third_stack.isVisibleTo(window)
    sent, received = view.third.totals()
    assert sent == summary["pipes"][0]["sent"] > 0
    assert received == summary["pipes"][0]["received"]
    assert not view.depth.framed().isVisibleTo(window)


@pytest.mark.timeout(120)
def test_stop_ends_a_program_that_would_never_end(qtbot, window, no_leaks):
    assert window.files.open_script(os.path.join(PROGRAMS, "forever.py"))
    assert window.start_run()
    qtbot.waitUntil(lambda: window.controller.model is not None and
                    len(window.controller.model.processes) >= 2, timeout=30_000)
    with qtbot.waitSignal(window.run_ended, timeout=30_000) as ended:
        window.stop_run()
    assert ended.args[0]["status"] == "stopped" and ended.args[0]["leftover_processes"] == 0
    assert window.toolbar.run_action.isEnabled()
