"""A program of the user's own, run traced (`ipcscope trace script.py args...`).

`Program` says what to run and checks it before anything starts (one sentence for a
path that is not there, a folder, a file that is not Python source); `ProgramMain` is
the running program's main process as the supervisor sees it: the same few things it
asks of a scenario's main (pid, exit code, a sentinel to wait on, join).
"""
from __future__ import annotations

import os
import select
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

from ipcscope.core.scenarios.base import ParamError
from ipcscope.core.tracing.config import ENV, TraceConfig

_MAIN_CODE = "from ipcscope.core.tracing.program_main import main; main()"


@dataclass(frozen=True)
class Program:
    path: str = ""                 # a script, or
    module: str = ""               # -m package.module
    args: tuple = ()
    cwd: str = field(default_factory=os.getcwd)

    @property
    def id(self) -> str:
        return f"-m {self.module}" if self.module else self.path

    @property
    def title(self) -> str:
        return self.module or os.path.basename(self.path)

    def argv(self) -> list[str]:
        head = ["-m", self.module] if self.module else [self.path]
        return head + list(self.args)

    def check(self) -> None:
        """ParamError with one sentence if this cannot be run at all."""
        if self.module:
            if not all(part.isidentifier() for part in self.module.split(".")):
                raise ParamError(f"{self.module!r} is not a module name.")
            return
        path = os.path.join(self.cwd, self.path)
        if not os.path.exists(path):
            raise ParamError(f"There is no file {self.path}.")
        if os.path.isdir(path):
            raise ParamError(f"{self.path} is a folder, not a Python program.")
        try:
            with open(path, "rb") as f:
                head = f.read(1 << 16)
        except OSError as error:
            raise ParamError(f"Cannot read {self.path}: {error.strerror or error}.") from None
        if b"\x00" in head:
            raise ParamError(f"{self.path} is not a Python program (it is not text).")
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(head) - 4:   # not just a character cut at the 64 KiB mark
                raise ParamError(f"{self.path} is not a Python program "
                                 "(it is not UTF-8 text).") from None

    def source_path(self) -> str | None:
        return os.path.join(self.cwd, self.path) if self.path else None


class ProgramMain:
    """The program's main process, started with subprocess (not multiprocessing: it
    keeps the terminal's stdin, and is the process a `python` command would be)."""

    def __init__(self, program: Program, config: TraceConfig, stdio_path: str | None):
        env = dict(os.environ, **{ENV: config.to_env()})
        if getattr(sys, "frozen", False):
            command = [sys.executable, "--ipcscope-program-main", *program.argv()]
        else:
            command = [sys.executable, "-c", _MAIN_CODE, *program.argv()]
        out = open(stdio_path, "ab") if stdio_path else None
        try:
            self._popen = subprocess.Popen(command, cwd=program.cwd, env=env,
                                           stdout=out, stderr=out,
                                           stdin=subprocess.DEVNULL if out else None)
        finally:
            if out is not None:
                out.close()
        self.pid = self._popen.pid
        self.sentinel = _pidfd(self.pid)

    @property
    def exitcode(self) -> int | None:
        return self._popen.poll()

    def join(self, timeout: float | None = None) -> None:
        try:
            self._popen.wait(timeout)
        except subprocess.TimeoutExpired:
            pass

    def close(self) -> None:
        if self.sentinel is not None:
            os.close(self.sentinel)
            self.sentinel = None


class ForkedProgramMain:
    """The program's main as a fork of `ipcscope trace` itself, taken while the command
    is one thread and has imported nothing heavy (no numpy yet): no interpreter to
    start, which a short program would wait for (~50 ms, docs/performance.md).  The
    child undoes what the command changed (signal handlers, excepthooks) and becomes
    the program's main (core/tracing/program_main.py: run_forked), leaving through
    SystemExit so that python ends it as it ends `python script.py`: threads joined,
    exit handlers run, the program's objects finalized."""

    def __init__(self, program: Program, config: TraceConfig, *, signals: dict,
                 channel: tuple, in_child=None):
        """channel: (this side's Connection, the child's, the child's number in the
        run): made before the fork, it needs no handshake, which would wait for this
        process's GIL while it imports numpy (20-35 ms)."""
        ours, its, number = channel
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            ours.close()
            if in_child is not None:
                in_child()
            from ipcscope.core.tracing.program_main import run_forked
            run_forked(program.argv(), program.cwd, config, signals,   # never returns
                       (its, number))
        its.close()
        self.pid = pid
        self.sentinel = _pidfd(pid)
        self._exitcode: int | None = None

    @staticmethod
    def possible() -> bool:
        """A fork copies only the forking thread: safe while there is no other."""
        return hasattr(os, "fork") and threading.active_count() == 1

    @property
    def exitcode(self) -> int | None:
        if self._exitcode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                return None
            if pid:
                self._exitcode = os.waitstatus_to_exitcode(status)
        return self._exitcode

    def join(self, timeout: float | None = None) -> None:
        if self.exitcode is not None:
            return
        if self.sentinel is not None:
            select.select([self.sentinel], [], [], timeout)
        elif timeout is None:
            self._exitcode = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        else:                       # no pidfd (Linux before 5.3): poll
            deadline = time.monotonic() + timeout
            while self.exitcode is None and time.monotonic() < deadline:
                time.sleep(0.005)

    def close(self) -> None:
        if self.sentinel is not None:
            os.close(self.sentinel)
            self.sentinel = None


def _pidfd(pid: int) -> int | None:
    """A file descriptor that becomes readable when the process ends (Linux 5.3+)."""
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None
