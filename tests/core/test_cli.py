"""The `ipcscope` command as a user types it: real subprocesses, exit codes, output."""
import json
import os
import subprocess
import sys

import pytest
from ipcscope.core import scenarios

EXE = [sys.executable, "-m", "ipcscope.gui.app"]


def ipcscope(*args, timeout=90):
    return subprocess.run([*EXE, *args], capture_output=True, text=True, timeout=timeout,
                          cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))


def test_list_shows_every_scenario():
    out = ipcscope("list")
    assert out.returncode == 0
    for scenario_id in scenarios.SCENARIO_IDS:
        assert scenario_id in out.stdout


@pytest.mark.timeout(60)
def test_run_json_has_every_field():
    out = ipcscope("run", "manager-counter", "--set", "processes=8", "--set", "lock=true",
                   "--speed", "10", "--json")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert {"scenario", "params", "status", "duration_s", "events", "dropped_events",
            "processes", "queues", "pipes", "result", "findings",
            "leftover_processes"} <= set(summary)
    assert summary["status"] == "completed"
    assert summary["result"] == {"start": 100, "decrements": 8, "expected": 92, "final": 92,
                                 "lost_updates": 0}
    assert summary["params"]["processes"] == 8
    assert len(summary["processes"]) == 9
    assert all({"name", "role", "exitcode", "exit_reason"} <= set(p)
               for p in summary["processes"])
    assert summary["leftover_processes"] == 0


@pytest.mark.timeout(60)
def test_run_readable_summary():
    out = ipcscope("run", "bounded-queue", "--set", "items=6", "--speed", "10")
    assert out.returncode == 0, out.stderr
    assert "bounded-queue: completed" in out.stdout
    assert "Queue(5)" in out.stdout


@pytest.mark.parametrize("args,words", [
    (["run", "no-such"], "no scenario"),
    (["run", "queue-flood", "--set", "colour=blue"], "no parameter"),
    (["run", "queue-flood", "--set", "items=0"], "between"),
    (["run", "queue-flood", "--set", "items=many"], "whole number"),
    (["run", "joinable-queue", "--set", "task_done=maybe"], "true or false"),
    (["run", "bounded-queue", "--set", "mode=shout"], "one of"),
    (["run", "queue-flood", "--set", "items"], "KEY=VALUE"),
    (["run", "queue-flood", "--speed", "fast"], "invalid float"),
    (["run", "queue-flood", "--speed", "0"], "speed"),
    (["run", "queue-flood", "--timeout", "-1"], "timeout"),
    (["run", "queue-flood", "--trace", "/no/such/dir/t.trace"], "Cannot write"),
])
def test_bad_input_is_one_sentence_and_exit_2(args, words):
    out = ipcscope(*args)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert words.lower() in out.stderr.lower()


@pytest.mark.timeout(400)
def test_self_test_passes():
    out = ipcscope("--self-test", timeout=380)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "all scenarios as predicted" in out.stdout
