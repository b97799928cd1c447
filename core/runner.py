"""The scenario's main process: the article's `if __name__ == '__main__':` block.

The app spawns this (never forks), so the scenario may use fork, spawn or forkserver
like a user's own script would, and the whole run is one process group to stop.
"""
from __future__ import annotations

import importlib
import os
import signal
import sys

from ipcscope.core import probe, processes, sink
from ipcscope.core.events import Kind


def scenario_main(config: probe.RunConfig, stdio_path: str) -> None:
    processes.die_with_parent()
    _capture_stdio(stdio_path)
    _yield_cpu_to_the_supervisor(config.niceness)
    tracker_pid = _own_resource_tracker()
    if hasattr(os, "setpgid"):
        os.setpgid(0, 0)  # after the tracker started: a forced stop must spare it
    # Children re-import the spawning process's __main__: make that this small module,
    # not whatever script started the app (a test runner, the GUI).
    sys.modules["__main__"] = sys.modules[__name__]
    probe.install(config)
    probe.announce("main", "main", False, extra=str(tracker_pid))
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    module = importlib.import_module(config.scenario_module)
    code = 0
    try:
        module.main()
        _join_remaining_children()
        sink.emit(Kind.TARGET_END, a=0)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 0
        if _stopped:
            sink.flush()
            raise
    except BaseException as error:  # noqa: BLE001 - shown in the run, not on a terminal
        probe.record_exception(error)
        code = 1
    sink.flush()
    probe.report_exit_when_gone(code, "exception" if code else "returned")
    if code:
        sys.exit(code)


def _yield_cpu_to_the_supervisor(niceness: int) -> None:
    """On a busy machine the supervisor must keep up with the run, or the run's events
    are dropped: the run (this process and every child, which inherit it) is niced.
    The scenario's sleeps, and so what it shows, do not change; on an idle machine
    nothing does."""
    if niceness and hasattr(os, "nice"):
        try:
            os.nice(niceness)
        except OSError:
            pass


def _capture_stdio(path: str) -> None:
    """Anything not traced (a stray print, the resource tracker's warnings) goes to a
    file the supervisor reads back into the run, not onto the user's terminal."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


def _own_resource_tracker() -> int:
    """Start a resource tracker of this run's own (the app's is shared and long-lived),
    so semaphores of a killed run are unlinked as soon as its processes are gone."""
    if sys.platform == "win32":
        return 0
    from multiprocessing import resource_tracker
    tracker = resource_tracker._resource_tracker
    if tracker._fd is not None and tracker._pid is None:
        os.close(tracker._fd)  # inherited from the app: not ours to keep
        tracker._fd = None
    tracker.ensure_running()
    return tracker._pid or 0


def _join_remaining_children() -> None:
    """What multiprocessing does silently at exit (join every non-daemon child), done
    traced, so a main process stuck there is seen to be stuck there."""
    for child in list(probe._children):
        if not child.daemon:
            sink.emit(Kind.PJOIN_BEGIN, a=child.pid or 0)   # joined, even if already gone
            if child.exitcode is None:
                sink.flush()
                child.join()
            sink.emit(Kind.PJOIN_END, a=child.pid or 0)


_stopped = False


def _stop_on_sigterm(signum, frame):
    """Stopped: record it, then leave through SystemExit so multiprocessing's exit
    handlers unlink this run's semaphores (a plain kill would leak them)."""
    global _stopped
    _stopped = True
    sink.emit(Kind.PROC_EXIT, a=-signum, b=signum, text="stopped")
    sink.flush(final=True)
    for q in list(probe._open_queues):
        q.cancel_join_thread()
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(128 + signum)
