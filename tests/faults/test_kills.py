"""A process SIGKILLed by someone else in the middle of something: it is named, with
what it was doing and what it took with it (a Lock it held, a queue's read lock)."""
from __future__ import annotations

import os
import signal

import pytest
from ipcscope.core.events import Kind
from ipcscope.core.supervisor import Supervisor

from tests.faults.helpers import by_name, drive, findings, program, trace


def kill_victim_after(*kinds):
    """act(): SIGKILL the process named victim once it has recorded each of kinds."""
    done = []

    def act(model, supervisor):
        victim = next((r for r in model.processes.values() if r.name == "victim"), None)
        if done or victim is None:
            return
        rows = model.rows()
        mine = set(rows["kind"][rows["proc"] == victim.proc].tolist())
        if all(int(kind) in mine for kind in kinds):
            done.append(victim.os_pid)
            os.kill(victim.os_pid, signal.SIGKILL)
    return act


def printed(model) -> str:
    return "".join(model.text(row) for row in model.of_kind(Kind.PRINT))


def test_a_process_killed_holding_a_lock_is_named_with_the_lock():
    summary, model = drive(Supervisor(program=program("killed_holding.py", "lock"),
                                      timeout=60),
                       kill_victim_after(Kind.LOCK_ACQUIRED, Kind.GET_BEGIN))
    assert summary["status"] == "crashed"
    (crashed,) = findings(summary, "process-crashed")
    assert crashed["processes"] == ["victim"]
    assert "killed by SIGKILL" in crashed["message"]
    assert "holding lock: whoever waits for lock now waits for ever" in crashed["message"]
    assert "lock free: False" in printed(model)        # main could not take it


def test_a_process_killed_inside_get_is_named_with_the_queue_it_wedged():
    summary, model = drive(Supervisor(program=program("killed_holding.py", "get"), timeout=60),
                       kill_victim_after(Kind.GET_BEGIN))
    assert summary["status"] == "crashed"
    assert by_name(summary)["victim"]["exit_reason"] == "killed by SIGKILL"
    (crashed,) = findings(summary, "process-crashed")
    assert crashed["processes"] == ["victim"]
    assert "while it waits in get() on q" in crashed["message"]
    assert "took q's read lock with it" in crashed["message"]
    assert "queue works: False" in printed(model)     # main's get() waited in vain


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_a_shared_memory_holder_killed_leaves_nothing_in_dev_shm(tmp_path, method):
    done, summary = trace(tmp_path, "shm_holder.py", method)
    name = done.stdout.split()[0]
    assert name.startswith("psm_"), done.stderr
    assert by_name(summary)["holder"]["exitcode"] == -9
    assert summary["leftover_processes"] == 0
    assert not os.path.exists(f"/dev/shm/{name}")
