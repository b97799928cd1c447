"""Shared helpers: real runs, and checks that a run left nothing behind."""
from __future__ import annotations

import glob
import os

import psutil
import pytest


def alive(pids) -> list[int]:
    """The pids that still run (a zombie waiting to be reaped does not run)."""
    left = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                left.append(pid)
        except psutil.NoSuchProcess:
            pass
    return left


def run_pids(model) -> list[int]:
    return [p.os_pid for p in model.processes.values() if p.os_pid]


def semaphores() -> set[str]:
    return set(glob.glob("/dev/shm/sem.mp-*"))


def in_use(paths: set[str]) -> set[str]:
    """The semaphores some live process still maps (another run on this machine, not a
    leak of ours: a leaked one is left in /dev/shm with nobody using it)."""
    used = set()
    for maps in glob.glob("/proc/[0-9]*/maps"):
        try:
            with open(maps) as f:
                text = f.read()
        except OSError:
            continue
        used |= {p for p in paths if p in text}
    return used


@pytest.fixture
def no_leaks():
    """Fails the test if it leaves a multiprocessing semaphore or a child behind."""
    before = semaphores()
    children_before = {c.pid for c in psutil.Process().children(recursive=True)}
    yield
    leaked = semaphores() - before
    leaked -= in_use(leaked)
    assert not leaked, f"semaphores left in /dev/shm: {sorted(leaked)}"
    children = [c for c in psutil.Process().children(recursive=True)
                if c.pid not in children_before and c.status() != psutil.STATUS_ZOMBIE]
    # the app's own resource tracker (started with the first spawn) stays by design
    children = [c for c in children if "resource_tracker" not in " ".join(c.cmdline())]
    assert not children, f"processes left: {[(c.pid, c.cmdline()) for c in children]}"


@pytest.fixture(autouse=True)
def _quiet_env(monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    yield


def pytest_configure(config):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
