"""The traced program's main process: runs `script.py args` or `-m module args` as
`python` would (sys.argv, sys.path[0], __main__, its traceback and exit code), after
installing tracing.

`ipcscope trace` forks it from the command itself (run_forked: no interpreter to start);
the window, whose process runs threads and must not fork, starts it with `-c` and the
program's own command line after it (main).  It starts the resource tracker, then takes
a process group of its own (a forced stop signals the group and must spare the tracker,
which unlinks the run's semaphores once the others are gone), and takes the terminal's
foreground if it has one, so the program reads its stdin and gets Ctrl-C as under
`python`.

The tracker is started before this process imports tracing (probe, sink, install:
~40 ms): its own start (an interpreter and its imports, ~40 ms more) then overlaps those
imports instead of following them, and a short program no longer ends before its tracker
is up (the supervisor waits for the tracker at the end of the run).  Hence the imports
inside the functions.
"""
from __future__ import annotations

import builtins
import io
import os
import runpy
import signal
import sys
import threading
import traceback
import types

from ipcscope.core import processes
from ipcscope.core.tracing.config import ENV, TraceConfig

# by module, not file: in the bundle code objects carry relative paths
_OWN_MODULES = ("runpy", __name__.rpartition(".")[0])


def main() -> None:
    config = TraceConfig.from_env()
    if config is None:
        sys.exit("ipcscope: this process is started by `ipcscope trace`, not by hand.")
    sys.exit(run(sys.argv[1:], config))


def run_forked(argv: list[str], cwd: str, config: TraceConfig, signals: dict,
               greeted: tuple) -> None:
    """In a fork of `ipcscope trace` (core/program.py: ForkedProgramMain): undo what
    the command changed, run the program, and leave by SystemExit through the command's
    frames, which let it pass, so that python ends this process as it ends a program.
    greeted: (connection, number), its channel, made before the fork."""
    try:
        for signum, handler in signals.items():
            signal.signal(signum, handler)
        sys.excepthook = sys.__excepthook__
        threading.excepthook = threading.__excepthook__
        os.chdir(cwd)
        os.environ[ENV] = config.to_env()
        code = run(argv, config, greeted)
    except SystemExit as stop:
        code = _exit_code(stop.code)
    except BaseException as error:  # noqa: BLE001 - ours, before the program ran
        traceback.print_exception(error)
        code = 1
    raise SystemExit(code)


def run(argv: list[str], config: TraceConfig, greeted: tuple | None = None) -> int:
    """Install tracing, run the program; its exit code.  greeted: see run_forked."""
    processes.die_with_parent()
    _start_resource_tracker()
    if hasattr(os, "setpgid"):
        os.setpgid(0, 0)
        processes.take_terminal(only_from=os.getpgid(os.getppid()))
    from ipcscope.core import probe
    from ipcscope.core.tracing import install
    install.niceness(config)
    install.install(config, greeted=greeted)
    from ipcscope.core.tracing import processes as traced_processes
    traced_processes.announce_main()
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    if hasattr(os, "register_at_fork"):
        # A SIGTERM that comes during a fork must not run this handler in the child
        # (it would stop nothing and keep the child alive): held back across the fork.
        os.register_at_fork(before=_hold_sigterm, after_in_parent=_release_sigterm,
                            after_in_child=_default_sigterm_in_child)
    code, reason = _run(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    probe.report_exit_when_gone(code, "stopped" if _stopping else reason)
    if code < 0:
        # Ctrl-C: python runs its exit handlers (joining the children), then dies of
        # SIGINT, so the shell sees 130.
        from multiprocessing import util
        util._exit_function()
        _die_of(-code)
    return code


def _run(argv: list[str]) -> tuple[int, str]:
    """Run the program; (exit code, or -signal; its exit reason)."""
    from ipcscope.core import probe, sink
    from ipcscope.core.events import Kind
    try:
        if argv[0] == "-m":
            sys.argv = [argv[1], *argv[2:]]
            sys.path[0] = os.getcwd()
            runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
        else:
            sys.argv = list(argv)
            sys.path[0] = os.path.dirname(os.path.abspath(argv[0]))
            _run_script(os.path.abspath(argv[0]))
        sink.emit(Kind.TARGET_END, a=0)
        return 0, "returned"
    except SystemExit as stop:
        return _exit_code(stop.code), "returned" if stop.code in (None, 0) else \
            f"sys.exit({stop.code!r})"
    except KeyboardInterrupt as error:
        _print_traceback(error)
        return -signal.SIGINT, "KeyboardInterrupt"
    except BaseException as error:  # noqa: BLE001 - printed as python prints it
        probe.record_exception(error)
        _print_traceback(error)
        return 1, f"exception: {type(error).__name__}"


def _run_script(path: str) -> None:
    """As `python script.py`: __file__ is the absolute path, sys.argv[0] stays as given
    (runpy.run_path would set it to the path too)."""
    with io.open_code(path) as f:
        code = compile(f.read(), path, "exec")
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = builtins
    sys.modules["__main__"] = main       # spawned children import it as __mp_main__
    exec(code, main.__dict__)


def _exit_code(code) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)       # sys.exit("message"): python prints it, exit 1
    return 1


def _ours(frame) -> bool:
    module = frame.f_globals.get("__name__") or ""
    return any(module == own or module.startswith(own + ".") for own in _OWN_MODULES)


def _print_traceback(error: BaseException) -> None:
    """The traceback python would print: the program's frames, not runpy's or ours."""
    tb = error.__traceback__
    while tb is not None and _ours(tb.tb_frame):
        tb = tb.tb_next
    if isinstance(error, ImportError) and tb is None:
        print(f"{sys.executable}: {error}", file=sys.stderr)   # -m with no such module
        return
    sys.excepthook(type(error), error.with_traceback(tb), tb)


def _start_resource_tracker() -> None:
    if sys.platform == "win32":
        return
    from multiprocessing import resource_tracker
    resource_tracker._resource_tracker.ensure_running()


_stopping = False


def _stop_on_sigterm(signum, frame):
    """Stopped by IPC Scope: record it, then leave through SystemExit so
    multiprocessing's exit handlers unlink the run's semaphores."""
    global _stopping
    if _stopping:
        return
    _stopping = True
    from ipcscope.core import sink
    from ipcscope.core.events import Kind
    sink.emit(Kind.PROC_EXIT, a=-signum, b=signum, text="stopped")
    sink.flush(final=True)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(128 + signum)


def _hold_sigterm() -> None:
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})


def _release_sigterm() -> None:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})


def _default_sigterm_in_child() -> None:
    """A forked child must die of SIGTERM as under python (terminate() right after
    start(): exit code -15), not stop the run as this process does."""
    try:
        if signal.getsignal(signal.SIGTERM) is _stop_on_sigterm:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
    except ValueError:
        pass
    _release_sigterm()


def _die_of(signum: int) -> None:
    from ipcscope.core import sink
    sink.flush(final=True)
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
