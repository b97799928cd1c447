"""A child that dies, every way a child can: each is listed with its exit code and why,
and each death that is not the program's own choice is a process-crashed finding naming
it, under every start method (each starts its children differently)."""
from __future__ import annotations

import os
import signal

import pytest
from ipcscope.core.events import Kind
from ipcscope.core.supervisor import Supervisor

from tests.faults.helpers import METHODS, by_name, drive, findings, trace


@pytest.mark.parametrize("method", METHODS)
def test_segfault_exit_codes_and_an_exception_are_named(tmp_path, method):
    done, summary = trace(tmp_path, "child_deaths.py", method)
    assert done.stdout == "segfault=-11 hard_exit=3 soft_exit=2 raises=1\n", done.stderr
    assert summary["status"] == "crashed" and summary["leftover_processes"] == 0
    processes = by_name(summary)
    assert (processes["segfault"]["exitcode"], processes["segfault"]["exit_reason"]) == \
        (-11, "killed by SIGSEGV")
    assert processes["hard_exit"]["exitcode"] == 3
    assert (processes["soft_exit"]["exitcode"], processes["soft_exit"]["exit_reason"]) == \
        (2, "sys.exit(2)")
    assert processes["raises"]["exit_reason"] == "exception: ValueError"
    crashed = {f["processes"][0]: f["message"] for f in findings(summary, "process-crashed")}
    assert "killed by SIGSEGV" in crashed["segfault"]
    assert "exited with code 3 without returning" in crashed["hard_exit"]
    assert "raised ValueError: bad input" in crashed["raises"]
    assert "soft_exit" not in crashed       # sys.exit(2) is the program's own choice


@pytest.mark.parametrize("method", METHODS)
def test_a_child_killed_while_starting_is_listed_and_named(tmp_path, method):
    done, summary = trace(tmp_path, "killed_starting.py", method)
    assert done.stdout == "exit -9\n", done.stderr
    assert summary["status"] == "crashed"
    killed = [p for p in summary["processes"] if p["exitcode"] == -9]
    assert len(killed) == 1, summary["processes"]
    crashed = findings(summary, "process-crashed")
    assert [f["processes"] for f in crashed] == [[killed[0]["name"]]]
    assert "killed by SIGKILL" in crashed[0]["message"]
    assert f"pid {killed[0]['pid']}" in crashed[0]["message"] or \
        method == "fork"      # a forked child may be up before the kill: named as any other


def test_a_racer_killed_at_its_spawn_crashes_the_run_not_stalls_it():
    """manager-counter: the last racer SIGKILLed as soon as its parent says it started,
    before its tracing is up: the others wait at the start gate for ever."""
    racers = 6
    killed = []

    def kill_the_last_racer(model, supervisor):
        spawned = model.of_kind(Kind.SPAWNED)
        spawned = spawned[spawned["b"] == 0]           # b=1: the Manager's server
        if not killed and len(spawned) == racers:
            killed.append(int(spawned["a"][-1]))
            assert killed[0] not in {r.os_pid for r in model.processes.values()}
            os.kill(killed[0], signal.SIGKILL)

    summary, _ = drive(Supervisor("manager-counter", {"processes": racers}, timeout=60,
                                  stall_after=0.5), kill_the_last_racer)
    assert summary["status"] == "crashed"
    listed = [p for p in summary["processes"] if p["pid"] == killed[0]]
    assert listed and listed[0]["exitcode"] == -9, summary["processes"]
    assert listed[0]["exit_reason"] == "killed by SIGKILL while starting"
    crashed = findings(summary, "process-crashed")
    assert [f["processes"] for f in crashed] == [[listed[0]["name"]]]
    assert f"pid {killed[0]}, started by main" in crashed[0]["message"]
    assert not findings(summary, "deadlock")


@pytest.mark.parametrize("method", METHODS)
def test_a_crash_reaped_by_active_children_keeps_its_exit_code(tmp_path, method):
    """python's exit handlers reap ended children with poll() (active_children()); a
    crashed child reaped there before the exit watcher looked lost its exit code (seen
    in the Stop of a crash during stop, under load)."""
    done, summary = trace(tmp_path, "reaped_by_poll.py", method)
    assert done.stdout == "exit -11\n", done.stderr
    segfault = by_name(summary)["segfault"]
    assert (segfault["exitcode"], segfault["exit_reason"]) == (-11, "killed by SIGSEGV")
