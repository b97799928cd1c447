"""A run that only waits for a CPU is not stalled: the stall check asks /proc whether
any thread of the run is runnable (on a machine with a load of 100, a Manager's server
can go seconds without a CPU while every racer waits on it)."""
import subprocess
import sys
import time

import pytest
from ipcscope.core import processes

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc")

SLEEPS = "import time\nwhile True: time.sleep(1)"
SPINS_IN_A_THREAD = ("import threading, time\n"
                     "def spin():\n    while True: pass\n"
                     "threading.Thread(target=spin, daemon=True).start()\n"
                     "while True: time.sleep(1)")


def _group(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code], start_new_session=True)


def _wait_started(child: subprocess.Popen) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:     # the interpreter's own start is runnable too
        with open(f"/proc/{child.pid}/stat", "rb") as f:
            if f.read().split(b") ")[1][:1] == b"S":
                return
        time.sleep(0.02)


def test_a_group_that_only_sleeps_is_not_runnable():
    child = _group(SLEEPS)
    try:
        _wait_started(child)
        assert not processes.any_runnable(child.pid)
    finally:
        child.kill()
        child.wait()


def test_a_thread_that_runs_makes_the_group_runnable():
    """The main thread sleeps (what /proc/PID/stat says), another thread runs."""
    child = _group(SPINS_IN_A_THREAD)
    try:
        _wait_started(child)
        assert processes.any_runnable(child.pid)
    finally:
        child.kill()
        child.wait()
