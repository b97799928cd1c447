"""A process the supervisor had to SIGKILL is dead when it says so.  Its exit still
takes CPU time (a big address space to tear down; a niced process on a busy machine),
and a leftover count taken the instant after the kill counted it: the window's runs are
niced, so a window run of pipe-eof said "1 process(es) left behind" (the resource
tracker, killed at the deadline) where `ipcscope run` of the same said 0."""
from __future__ import annotations

import subprocess
import sys
import time

import pytest
from ipcscope.core import processes

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

HOLDS_MEMORY = ("import sys, time; b = bytearray(300_000_000); "
                "sys.stdout.write('x'); sys.stdout.flush(); time.sleep(60)")


def test_a_process_killed_at_the_deadline_is_dead_when_wait_gone_returns():
    for _ in range(3):
        child = subprocess.Popen([sys.executable, "-c", HOLDS_MEMORY], stdout=subprocess.PIPE)
        try:
            assert child.stdout.read(1) == b"x"
            assert processes.wait_gone(child.pid, time.monotonic()) is False   # killed
            state = processes._stat(child.pid)
            assert state is None or state[0] == "Z", f"still {state[0]} after the kill"
        finally:
            child.kill()
            child.wait()
            child.stdout.close()
