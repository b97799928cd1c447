"""Stop ends the whole tree: a grandchild too, under every start method (a forkserver's
children are not even its parent's children), and a child that crashes or ignores
SIGTERM while it is being stopped does not stop the Stop."""
from __future__ import annotations

import pytest
from ipcscope.core.events import Kind
from ipcscope.core.supervisor import Supervisor

from tests.faults.helpers import METHODS, drive, gone, program, trace


def stop_once_waiting(*names):
    """act(): press Stop once every process named waits in its Event.wait(): its
    SIGTERM handler is in place then (at its start it was not yet: it died of SIGTERM)."""
    def act(model, supervisor):
        by_name = {r.name: r.proc for r in model.processes.values()}
        if set(names) <= set(by_name) and all(
                len(model.select((Kind.SYNC_WAIT,), proc=by_name[name])) for name in names):
            supervisor.request_stop()
    return act


def stop_once(*names):
    """act(): press Stop once every process named has said it started."""
    def act(model, supervisor):
        if set(names) <= {r.name for r in model.processes.values()}:
            supervisor.request_stop()
    return act


@pytest.mark.parametrize("method", METHODS)
def test_stop_ends_a_grandchild_too(method):
    summary, model = drive(Supervisor(program=program("grandchild.py", method), timeout=60),
                           stop_once("child", "grandchild"))
    assert summary["status"] == "stopped"
    pids = [r.os_pid for r in model.processes.values()]
    assert len(pids) == 3 and all(gone(pid) for pid in pids)
    assert summary["leftover_processes"] == 0 and summary["findings"] == []


def test_a_timeout_ends_the_tree_a_fork_server_started(tmp_path):
    """Under forkserver the grandchild's parent is not even in the program's tree."""
    done, summary = trace(tmp_path, "grandchild.py", "forkserver", options=["--timeout", "3"])
    assert summary["status"] == "timeout", done.stderr
    assert {p["name"] for p in summary["processes"]} >= {"child", "grandchild"}
    assert all(gone(p["pid"]) for p in summary["processes"])
    assert summary["leftover_processes"] == 0


def test_a_crash_during_stop_and_a_child_deaf_to_sigterm_still_stop(tmp_path):
    summary, model = drive(Supervisor(program=program("crash_on_stop.py", "spawn"),
                                      timeout=60),
                           stop_once_waiting("crashes_on_term", "ignores_term"))
    assert summary["status"] == "stopped" and summary["duration_s"] < 30
    processes = {p["name"]: p for p in summary["processes"]}
    assert processes["crashes_on_term"]["exitcode"] == -11     # its SIGTERM handler crashed
    assert all(gone(r.os_pid) for r in model.processes.values())
    assert summary["leftover_processes"] == 0
    assert summary["findings"] == []      # what the stop did is not what went wrong
