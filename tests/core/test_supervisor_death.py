"""When IPC Scope itself dies, the run dies with it (issue #16): every process of the
run is gone within 2 s of the command being killed, under each start method,
grandchildren included, and the run's semaphores are unlinked."""
from __future__ import annotations

import os
import pathlib
import signal
import subprocess
import sys
import time

import psutil
import pytest
from ipcscope.core.trace import load_run

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "tests" / "programs"
EXE = [sys.executable, "-m", "ipcscope.gui.app"]


def _run_processes(command: subprocess.Popen, at_least: int, deadline_s: float = 60) -> list:
    """The command's descendants once there are at least `at_least` of them."""
    parent = psutil.Process(command.pid)
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        try:
            found = parent.children(recursive=True)
        except psutil.Error:         # one ended while being listed: look again
            continue
        if len(found) >= at_least:
            return found
        time.sleep(0.05)
    raise AssertionError(f"the run never had {at_least} processes")


def _gone_within(processes: list, seconds: float) -> list:
    """The processes still alive after `seconds` (zombies count as gone)."""
    deadline = time.monotonic() + seconds
    alive = processes
    while time.monotonic() < deadline:
        alive = [p for p in alive if _alive(p)]
        if not alive:
            return []
        time.sleep(0.02)
    return alive


def _wait_for_events(trace: pathlib.Path, semaphores: bool = True) -> None:
    """Until the trace file (written as the run goes) holds the run's semaphores, or
    under fork (unlinked as they are made) its first processes."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if trace.exists() and trace.stat().st_size:
            model = load_run(str(trace)).model
            if (model.semaphores if semaphores else len(model.processes) >= 2):
                return
        time.sleep(0.05)
    raise AssertionError("the run's events never reached its trace file")


def _alive(process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


def _semaphores_left(trace: pathlib.Path) -> list[str]:
    made = load_run(str(trace)).model.semaphores
    return [name for name in made if os.path.exists("/dev/shm/sem." + name.lstrip("/"))]


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_a_killed_command_takes_its_deadlocked_run_with_it(tmp_path, how):
    trace = tmp_path / "run.ipcscope"
    command = subprocess.Popen([*EXE, "run", "join-before-drain", "--speed", "0.1",
                                "--json", "--trace", str(trace)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        run = _run_processes(command, at_least=3)      # main, its tracker, the child
        _wait_for_events(trace)
        command.send_signal(how)
        if how == signal.SIGKILL:
            command.wait(timeout=10)
        else:       # as Ctrl-C: the run is stopped and its trace whole
            _, err = command.communicate(timeout=30)
            assert command.returncode == 130 and "the run was stopped" in err
            loaded = load_run(str(trace))
            assert loaded.model.status == "stopped" and loaded.notes == []
    finally:
        command.kill()
        command.communicate()
    assert _gone_within(run, 2.0) == []          # the resource tracker among them
    assert load_run(str(trace)).model.semaphores and _semaphores_left(trace) == []


@pytest.mark.parametrize("method", ["spawn", "fork", "forkserver"])
def test_a_killed_trace_command_takes_the_whole_program_tree(tmp_path, method):
    trace = tmp_path / "run.ipcscope"
    command = subprocess.Popen([*EXE, "trace", "--trace", str(trace), "forever.py", method],
                               cwd=PROGRAMS, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        assert command.stdout.readline() == "ready\n"
        run = _run_processes(command, at_least=4)      # main, tracker, level-2, level-1
        _wait_for_events(trace, semaphores=method != "fork")
    finally:
        command.kill()
        command.communicate()
    assert _gone_within(run, 2.0) == []
    if method != "fork":
        assert _semaphores_left(trace) == []
