"""The run's processes as the operating system sees them: signal the group, reap what
was left to us, count what is still alive.  Linux reads /proc; elsewhere the group is
probed with signal 0."""
from __future__ import annotations

import ctypes
import os
import signal
import sys
import time

_PR_SET_CHILD_SUBREAPER = 36
_subreaper = False


def become_subreaper() -> None:
    """Orphans of a run (its children, when its main was killed first) become ours,
    not init's: some inits never reap, and a run must leave nothing behind."""
    global _subreaper
    if _subreaper or not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        _subreaper = libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        _subreaper = False


_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Linux: this process is killed the moment the process that started it dies (the
    run's main, before its channel to the supervisor is open).  Elsewhere the channel's
    end (core/sink.py) is all there is."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:      # it died before the line above
        os._exit(1)


def take_terminal(only_from: int | None = None) -> None:
    """Make this process's group the terminal's foreground (it reads stdin and gets
    Ctrl-C), if stdin is a terminal and, given `only_from`, that group has it now."""
    try:
        if not os.isatty(0) or os.tcgetpgrp(0) == os.getpgrp() or \
                (only_from is not None and os.tcgetpgrp(0) != only_from):
            return
        old = signal.signal(signal.SIGTTOU, signal.SIG_IGN)   # asked from the background
        try:
            os.tcsetpgrp(0, os.getpgrp())
        finally:
            signal.signal(signal.SIGTTOU, old)
    except OSError:
        pass


def signal_group(pgid: int, signum: int) -> None:
    try:
        os.killpg(pgid, signum)
    except (ProcessLookupError, PermissionError):
        pass


def _stat(pid: int) -> tuple[str, int, int] | None:
    """(state, ppid, pgid) from /proc, or None if there is no such process."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read().decode("ascii", "replace")
    except OSError:
        return None
    fields = data[data.rindex(")") + 2:].split()
    return fields[0], int(fields[1]), int(fields[2])


def _members(pgid: int, extra_pid: int) -> list[tuple[int, str, int]]:
    """(pid, state, ppid) of every process in the group, plus extra_pid."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        pid = int(name)
        stat = _stat(pid)
        if stat and (stat[2] == pgid or pid == extra_pid):
            found.append((pid, stat[0], stat[1]))
    return found


def any_runnable(pgid: int) -> bool:
    """Is a thread of the group's processes runnable (state R: running, or waiting for
    a CPU)?  A run whose every process waits on another looks stalled; if one of its
    threads is only waiting for a CPU (a machine with a load of 100 starves a Manager's
    server for seconds) it is not.  Linux only (False elsewhere); ~0.1 ms a thread."""
    if not os.path.isdir("/proc/self/task"):
        return False
    for pid, state, _ in _members(pgid, 0):
        if state == "R":
            return True
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in threads:
            try:
                with open(f"/proc/{pid}/task/{tid}/stat", "rb") as f:
                    data = f.read()
            except OSError:
                continue
            if data[data.rindex(b")") + 2:data.rindex(b")") + 3] == b"R":
                return True
    return False


def count_alive(pgid: int, extra_pid: int) -> int:
    """Processes of the run still alive (zombies waiting to be reaped do not count)."""
    if os.path.isdir("/proc/self"):
        return sum(1 for _, state, _ in _members(pgid, extra_pid) if state != "Z")
    alive = 0
    try:
        os.killpg(pgid, 0)
        alive += 1
    except (ProcessLookupError, PermissionError):
        pass
    if extra_pid:
        try:
            os.kill(extra_pid, 0)
            alive += 1
        except (ProcessLookupError, PermissionError):
            pass
    return alive


def reap_run(pgid: int, extra_pid: int) -> None:
    """Collect the exit status of the run's processes that ended as our children."""
    if not os.path.isdir("/proc/self"):
        return
    me = os.getpid()
    for pid, state, ppid in _members(pgid, extra_pid):
        if ppid == me and state == "Z":
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass


def unlink_semaphores(names: list[str]) -> int:
    """Unlink the named semaphores that still exist; how many there were."""
    try:
        from _multiprocessing import sem_unlink
    except ImportError:  # Windows: no named POSIX semaphores
        return 0
    unlinked = 0
    for name in names:
        try:
            sem_unlink(name)
            unlinked += 1
        except OSError:
            pass
    return unlinked


KILLED_DIES_S = 2.0        # a SIGKILLed process's exit still takes CPU time


def wait_gone(pid: int, deadline: float) -> bool:
    """Wait (polling /proc, 10 ms steps) until pid has exited; kill it at the deadline,
    and then wait for it to be dead (at most KILLED_DIES_S): a killed process is still
    "R" in /proc until its exit has run, which takes a niced one on a busy machine a
    while (the window's run is niced), and counted then it was a leftover the command
    line, whose run is not niced, never saw."""
    if not pid:
        return True
    if _wait_dead(pid, deadline):
        return True
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _wait_dead(pid, time.monotonic() + KILLED_DIES_S)
    return False


def _wait_dead(pid: int, deadline: float) -> bool:
    while True:
        stat = _stat(pid) if os.path.isdir("/proc/self") else None
        if stat is None or stat[0] == "Z":
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.01)
