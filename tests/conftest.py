"""Shared helpers: real runs, and checks that a run left nothing behind."""
from __future__ import annotations

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


def left_in_shm(names) -> list[str]:
    """Named semaphores (as multiprocessing names them, '/mp-...') still in /dev/shm."""
    return [n for n in names if os.path.exists("/dev/shm/sem." + n.lstrip("/"))]


@pytest.fixture
def no_leaks(monkeypatch):
    """Fails the test if a run it made left a semaphore in /dev/shm or a child process
    alive.  Exact: it checks the semaphores each run reported creating (other runs on a
    shared machine come and go in /dev/shm too)."""
    from ipcscope.core import model as model_module
    models = []
    original_init = model_module.RunModel.__init__

    def recording_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        models.append(self)
    monkeypatch.setattr(model_module.RunModel, "__init__", recording_init)
    children_before = {c.pid for c in psutil.Process().children(recursive=True)}
    yield
    leaked = [name for m in models for name in left_in_shm(m.semaphores)]
    assert not leaked, f"semaphores left in /dev/shm: {leaked}"
    children = [c for c in psutil.Process().children(recursive=True)
                if c.pid not in children_before and c.status() != psutil.STATUS_ZOMBIE]
    # the app's own resource tracker (started with the first spawn) stays by design
    children = [c for c in children if "resource_tracker" not in _cmdline(c)]
    # one exiting as the test ends (its memory already gone: no command line) is given
    # a moment to finish; a process left behind does not exit
    _, children = psutil.wait_procs(children, timeout=3)
    assert not children, f"processes left: {[(c.pid, _cmdline(c)) for c in children]}"


def _cmdline(process) -> str:
    try:
        return " ".join(process.cmdline())
    except psutil.Error:
        return ""


@pytest.fixture(autouse=True)
def _quiet_env(monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    yield


def pytest_configure(config):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
