"""Stopping, killing and timing out real runs: nothing is left behind, nothing recorded
is lost, and a dead child is noticed at once."""
import os
import signal
import time

import pytest
from ipcscope.core import headless, scenarios
from ipcscope.core.events import Kind
from ipcscope.core.model import RunModel
from ipcscope.core.supervisor import EVENT_DTYPE, Supervisor

from tests.conftest import alive, run_pids


def start(scenario_id, params, **kwargs):
    supervisor = Supervisor(scenario_id, params, **kwargs)
    model = RunModel(EVENT_DTYPE)
    supervisor.start()
    return supervisor, model


def poll_until(supervisor, model, condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        assert not supervisor.finished, f"run ended early: {supervisor.status}"
        batch = supervisor.poll()
        if batch is not None:
            model.append(batch.rows, batch.strings)


def finish(supervisor, model):
    supervisor.run_to_end(lambda b: model.append(b.rows, b.strings))


def proc_named(model, name):
    return next(p for p in model.processes.values() if p.name == name)


@pytest.mark.timeout(60)
def test_stop_ends_every_process_within_two_seconds(no_leaks):
    supervisor, model = start("queue-sentinel", {}, speed=1, timeout=60)
    poll_until(supervisor, model, lambda: len(model.processes) == 6)
    events_before = len(model)
    stop_at = time.monotonic()
    supervisor.request_stop()
    finish(supervisor, model)
    took = time.monotonic() - stop_at
    assert supervisor.status == "stopped"
    assert alive(run_pids(model)) == []
    assert supervisor.leftover_processes == 0
    assert took < 2.5, f"stop took {took:.2f} s"
    assert len(model) > events_before  # the processes' last words were kept
    stray = [model.text(r) for r in model.of_kind(Kind.STDERR)]
    assert not any("leaked" in line for line in stray), stray
    assert {p.exit_reason for p in model.processes.values()} <= {"stopped", "terminated"}


@pytest.mark.timeout(60)
def test_sigkilled_child_is_noticed_at_once(no_leaks):
    supervisor, model = start("queue-sentinel", {"items": 4}, speed=5, timeout=50)
    poll_until(supervisor, model, lambda: any(p.name == "Jenny" for p in model.processes.values()))
    jenny = proc_named(model, "Jenny")
    os.kill(jenny.os_pid, signal.SIGKILL)
    killed_at = time.monotonic()
    poll_until(supervisor, model, lambda: not jenny.alive)
    noticed = time.monotonic() - killed_at
    finish(supervisor, model)
    assert noticed < 0.5, f"noticed after {noticed:.3f} s"
    assert supervisor.status == "crashed"
    assert jenny.exitcode == -signal.SIGKILL
    assert jenny.exit_reason == "killed by SIGKILL"
    assert supervisor.leftover_processes == 0
    assert alive(run_pids(model)) == []


@pytest.mark.timeout(60)
def test_sigkilled_main_leaves_no_process_and_no_semaphore(no_leaks):
    supervisor, model = start("bounded-queue", {}, speed=1, timeout=50)
    poll_until(supervisor, model, lambda: len(model.processes) == 4)
    os.kill(model.processes[0].os_pid, signal.SIGKILL)
    finish(supervisor, model)
    assert supervisor.status == "crashed"
    assert alive(run_pids(model)) == []
    assert supervisor.leftover_processes == 0


@pytest.mark.timeout(60)
def test_timeout_ends_the_run(no_leaks):
    summary, model = headless.run("queue-sentinel", {}, speed=1, timeout=1.5)
    assert summary["status"] == "timeout"
    assert summary["leftover_processes"] == 0
    assert alive(run_pids(model)) == []


@pytest.mark.timeout(60)
def test_exception_in_a_child_is_a_crash_with_its_traceback(no_leaks):
    scenarios.register("tests.fixtures.crashing_scenario")
    summary, model = headless.run("test-crash", {}, speed=1, timeout=30)
    assert summary["status"] == "crashed"
    bob = proc_named(model, "Bob")
    assert bob.exit_reason == "exception: ValueError"
    assert bob.exitcode == 1
    assert "something went wrong in Bob" in bob.traceback
    assert summary["leftover_processes"] == 0


@pytest.mark.timeout(60)
def test_stall_is_detected_within_stall_after(no_leaks):
    """pipe-eof with the ends left open: the child waits in recv forever."""
    summary, model = headless.run("pipe-eof", {"close_unused_ends": False}, speed=1,
                                  stall_after=1.0, timeout=30)
    assert summary["status"] == "stalled"
    last_recv = model.of_kind(Kind.RECV_BEGIN)["t"].max()
    end = model.of_kind(Kind.RUN_END)["t"][0]
    assert 1.0 <= (end - last_recv) / 1e9 < 1.0 + 2.5  # stall_after, then the stop


@pytest.mark.timeout(60)
def test_semaphores_of_a_killed_run_are_unlinked(no_leaks):
    """SIGKILL to main and its tracker: nothing runs the exit handlers, yet the run's
    named semaphores do not stay in /dev/shm."""
    supervisor, model = start("manager-counter", {"processes": 5, "lock": True}, speed=1,
                              timeout=50)
    poll_until(supervisor, model, lambda: len(model.semaphores) >= 3 and 0 in model.processes)
    os.kill(supervisor._tracker_pid, signal.SIGKILL)
    os.kill(model.processes[0].os_pid, signal.SIGKILL)
    finish(supervisor, model)
    assert supervisor.semaphores_unlinked == len(model.semaphores) >= 3
    assert not [n for n in model.semaphores if os.path.exists("/dev/shm/sem." + n[1:])]
