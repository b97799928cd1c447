"""100 runs started and stopped in one process, as a window does Run/Stop: the
supervisor's process grows nothing (file descriptors, threads, child processes, memory)
once warmed up."""
from __future__ import annotations

import gc

import psutil
from ipcscope.core.supervisor import Supervisor

from tests.faults.helpers import program

WARM_UP, CYCLES = 10, 100


def start_and_stop() -> None:
    supervisor = Supervisor(program=program("grandchild.py", "spawn"), timeout=60)
    supervisor.start()
    supervisor.request_stop()
    assert supervisor.run_to_end() == "stopped"
    assert supervisor.leftover_processes == 0


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
