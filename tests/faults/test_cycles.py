"""100 runs started and stopped in one process, as a window does Run/Stop: the
supervisor's process grows nothing (file descriptors, threads, child processes, memory)
once warmed up.  Each run is stopped once its child and grandchild have said they
started, so every cycle has a whole traced tree to end (fork: the cheapest to start)."""
from __future__ import annotations

import gc

import psutil
from ipcscope.core.supervisor import Supervisor

from tests.faults.helpers import drive, program
from tests.faults.test_stopping import stop_once

WARM_UP, CYCLES = 10, 100


def start_and_stop() -> None:
    summary, model = drive(Supervisor(program=program("grandchild.py", "fork"), timeout=60),
                           stop_once("child", "grandchild"))
    assert summary["status"] == "stopped"
    assert {r.name for r in model.processes.values()} >= {"child", "grandchild"}
    assert summary["leftover_processes"] == 0


def counts(me: psutil.Process) -> dict:
    gc.collect()
    return {"fds": me.num_fds(), "threads": me.num_threads(),
            "processes": len(me.children(recursive=True))}


def test_a_hundred_start_stop_cycles_grow_nothing():
    me = psutil.Process()
    for _ in range(WARM_UP):
        start_and_stop()
    before, rss_before = counts(me), me.memory_info().rss
    for _ in range(CYCLES):
        start_and_stop()
    assert counts(me) == before
    assert me.memory_info().rss - rss_before < 8 * 1024 * 1024
