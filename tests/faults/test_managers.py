"""The Manager's server killed mid-run: one finding says the manager died, when and by
what, and names every process that lost its connection to it; those processes are
not each a crash of their own."""
from __future__ import annotations

import os
import signal

from ipcscope.core.events import Kind
from ipcscope.core.supervisor import Supervisor

from tests.faults.helpers import drive, findings, trace


def test_a_scenario_whose_manager_is_killed_names_the_manager():
    killed = []

    def kill_the_manager(model, supervisor):
        spawned = model.of_kind(Kind.SPAWNED)
        server = spawned[spawned["b"] == 1]             # the Manager's server, untraced
        if not killed and len(server) and model.count(Kind.DICT_WRITE):
            killed.append(int(server["a"][0]))
            os.kill(killed[0], signal.SIGKILL)

    summary, _ = drive(Supervisor("manager-counter", {"processes": 8, "lock": True},
                                  timeout=60, stall_after=0.5), kill_the_manager)
    (died,) = findings(summary, "manager-died")
    assert f"(pid {killed[0]}) was killed by SIGKILL at" in died["message"]
    assert died["details"]["signal"] == "SIGKILL"
    lost = died["details"]["lost_connection"]
    assert lost and set(lost) <= set(died["processes"])
    assert set(lost.values()) <= {"ConnectionResetError", "BrokenPipeError", "EOFError",
                                  "ConnectionRefusedError", "ConnectionAbortedError"}
    crashed = {name for f in findings(summary, "process-crashed") for name in f["processes"]}
    assert not crashed & set(lost)


def test_a_program_whose_manager_is_killed_names_the_manager(tmp_path):
    done, summary = trace(tmp_path, "manager_killed.py", "spawn")
    assert done.stdout == "exit codes [1, 1, 1]\n", done.stderr
    assert summary["status"] == "crashed"
    (died,) = findings(summary, "manager-died")
    assert "SyncManager-1 was killed by SIGKILL" in died["message"]
    assert "3 process(es) lost their connection to it" in died["message"]
    assert sorted(died["details"]["lost_connection"]) == ["Process-2", "Process-3",
                                                          "Process-4"]
    assert not findings(summary, "process-crashed")
