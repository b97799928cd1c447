"""Processes of a traced program: one lane each, named by the program (`Process-3`,
`SpawnPoolWorker-2`, or the name it gave), with how each ended.

In the parent: start() says which child it started (so a child killed before its
tracing is up is still known), join() shows the wait, the exit watcher reports each
child's exit code the moment it ends, and whatever reaps a child (poll()) reports it
too, in case the watcher found it reaped already.  In the child,
_bootstrap (run under every start method, also for subclasses that override run())
opens the channel if the process has none yet (a forked child), announces the process,
and reports its exit after multiprocessing's own exit handlers (a Queue's feeder is
flushed there: until then the process is seen finishing, not gone).
"""
from __future__ import annotations

import os
import signal
import sys
import threading
from multiprocessing import process as mp_process
from multiprocessing.connection import wait

from ipcscope.core import probe, sink
from ipcscope.core.events import Kind
from ipcscope.core.tracing import objects

_open_channel = None      # set by install: opens this process's channel


def _role(process) -> str:
    target = getattr(process, "_target", None)
    if target is None:
        return type(process).__name__
    name = getattr(target, "__name__", "") or type(process).__name__
    return "manager" if name == "_run_server" else name


def _start(original):
    def start(self):
        original(self)
        sink.emit(Kind.SPAWNED, a=self.pid or 0)
        _watch(self.pid, self.sentinel)
    return start


class _ExitWatcher(threading.Thread):
    """Reports each child's exit code the moment it ends (the supervisor is not its
    parent).  It keeps a copy of each child's sentinel, not the Process object, so a
    program that closes or drops its Process objects gets them collected as under
    python, and a child reported is forgotten.  With no child left to watch it ends (a
    test suite that counts threads finds none of IPC Scope's); the next start() starts
    another."""

    def __init__(self):
        super().__init__(name="ipcscope-exit-watcher", daemon=True)
        self.pending: dict[int, int] = {}       # copy of the sentinel -> pid
        self.done = False
        self._wake_r, self._wake_w = os.pipe()

    def wake(self) -> None:
        os.write(self._wake_w, b"x")

    def run(self) -> None:
        while True:
            with _watch_lock:
                if not self.pending:
                    self.done = True
                    os.close(self._wake_r)
                    os.close(self._wake_w)
                    return
                watched = list(self.pending)
            ready = wait(watched + [self._wake_r])
            if self._wake_r in ready:
                os.read(self._wake_r, 4096)
            for fd in ready:
                if fd == self._wake_r:
                    continue
                pid = self.pending[fd]
                code = _exit_code(pid)
                if code is None:
                    continue
                if code is not _REAPED:
                    sink.emit(Kind.CHILD_EXIT, a=pid, b=code)
                    sink.flush()
                with _watch_lock:
                    del self.pending[fd]
                os.close(fd)


def _exit_code(pid: int) -> int | None:
    """An ended child's exit code without reaping it (the program's join() must)."""
    try:
        info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT | os.WNOHANG)
    except ChildProcessError:
        return _REAPED      # joined already: the child said its exit code itself
    if info is None:
        return None
    return -info.si_status if info.si_code in (os.CLD_KILLED, os.CLD_DUMPED) \
        else info.si_status


_REAPED = object()
_watcher: _ExitWatcher | None = None
_watch_lock = threading.Lock()


def _watch(pid: int, sentinel: int) -> None:
    global _watcher
    with _watch_lock:
        if _watcher is None or _watcher.done:
            _watcher = _ExitWatcher()
            _watcher.start()
        _watcher.pending[os.dup(sentinel)] = pid
        _watcher.wake()


def _forget_watcher_after_fork() -> None:
    global _watcher, _watch_lock
    _watcher, _watch_lock = None, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_watcher_after_fork)


def _join(original):
    def join(self, timeout=None):
        if self._popen is None:
            return original(self, timeout)
        if self._popen.poll() is None:
            sink.emit(Kind.PJOIN_BEGIN, a=self.pid or 0)
            objects.emit_wait_site(0)
            sink.flush()
        else:                                   # joined, without a wait to show
            sink.emit(Kind.PJOIN_BEGIN, a=self.pid or 0)
        try:
            return original(self, timeout)
        finally:
            sink.emit(Kind.PJOIN_END, a=self.pid or 0)    # its exit: reported by _poll
    return join


def _poll(original):
    """Whatever reaps an ended child (join(), is_alive(), exitcode, active_children()
    and python's exit handlers all poll()) reports its exit code: a crashed child cannot
    say it itself, and the exit watcher takes a reaped child for one that did."""
    def poll(self, *args, **kwargs):
        running = self.returncode is None
        code = original(self, *args, **kwargs)
        if running and self.returncode is not None:
            sink.emit(Kind.CHILD_EXIT, a=self.pid or 0, b=self.returncode)
            sink.flush()
        return code
    return poll


def _bootstrap(original):
    def _bootstrap(self, *args, **kwargs):
        if sink.current() is None and _open_channel is not None:
            _open_channel()
        probe.announce(self.name, _role(self), bool(self.daemon))
        # SIGTERM stays as python leaves it (it kills, whichever thread takes it): a
        # handler runs only in the main thread, and one blocked in a semaphore wait never
        # would.  The parent says when it terminate()s a child (TERMINATE).
        run = self.run
        reason = ["returned"]

        def traced_run():
            try:
                run()
            except SystemExit as stop:
                code = stop.code
                reason[0] = "returned" if code in (None, 0) else f"sys.exit({code!r})"
                sink.emit(Kind.TARGET_END, a=0 if code in (None, 0) else 1)
                raise
            except BaseException as error:
                probe.record_exception(error)
                reason[0] = f"exception: {type(error).__name__}"
                raise
            sink.emit(Kind.TARGET_END, a=0)
        self.run = traced_run
        try:
            code = original(self, *args, **kwargs)
        finally:
            self.__dict__.pop("run", None)
        sink.emit(Kind.PROC_EXIT, a=code, text=reason[0])
        sink.flush(final=True)
        return code
    return _bootstrap


def announce_main() -> None:
    probe.announce("MainProcess", "main", False, extra=str(_tracker_pid()))


def _tracker_pid() -> int:
    if sys.platform == "win32":
        return 0
    from multiprocessing import resource_tracker
    return resource_tracker._resource_tracker._pid or 0


def _signals_child(original, signum):
    def send(self):
        if self._popen is not None and self._popen.returncode is None:
            sink.emit(Kind.TERMINATE, a=self.pid or 0, b=signum)
            sink.flush()
        return original(self)
    return send


def patch(open_channel) -> None:
    global _open_channel
    _open_channel = open_channel
    BaseProcess = mp_process.BaseProcess
    BaseProcess.terminate = _signals_child(BaseProcess.terminate, signal.SIGTERM)
    BaseProcess.kill = _signals_child(BaseProcess.kill, signal.SIGKILL)
    BaseProcess.start = _start(BaseProcess.start)
    BaseProcess.join = _join(BaseProcess.join)
    BaseProcess._bootstrap = _bootstrap(BaseProcess._bootstrap)
    if sys.platform != "win32":
        from multiprocessing import popen_fork, popen_forkserver
        popen_fork.Popen.poll = _poll(popen_fork.Popen.poll)     # spawn's inherits it
        popen_forkserver.Popen.poll = _poll(popen_forkserver.Popen.poll)
