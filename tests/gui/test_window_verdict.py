"""The window's verdict on a run is the command line's: both come from core's summary
of the supervisor's ending (status, leftovers counted once every killed process is dead:
tests/core/test_killed_process.py has the case that told them apart)."""
from __future__ import annotations

from ipcscope.core.headless import run
from ipcscope.gui.run.run_controller import RunController

from tests.gui.conftest import RUN_TIMEOUT_MS

PARAMS = {"close_unused_ends": False}


def test_pipe_eof_left_open_at_5x_gets_the_same_verdict_in_window_and_command(qtbot):
    command, _model = run("pipe-eof", PARAMS, speed=5)
    controller = RunController()
    with qtbot.waitSignal(controller.run_finished, timeout=RUN_TIMEOUT_MS) as ended:
        controller.start("pipe-eof", PARAMS, 5)
    window = ended.args[0]
    qtbot.waitUntil(lambda: not controller.running and controller.wait_for_threads(100))
    controller.shutdown()
    fields = ("status", "leftover_processes", "as_predicted", "problems", "predicted")
    assert {k: window[k] for k in fields} == {k: command[k] for k in fields}
    assert window["leftover_processes"] == 0 and window["as_predicted"], window["problems"]
