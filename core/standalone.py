"""The names a scenario imports from core.probe, as plain multiprocessing: what a
scenario saved as a program (the source view's Save as…) imports instead, so the file
runs as any program does — under `python`, and traced under `ipcscope trace` or from
"Your programs", where the real multiprocessing is what gets traced.

    from ipcscope.core.standalone import Process, Queue, params, print, time

`params` holds the values the file sets at its top level (`use_params`), so every
process — a spawned child imports the file again — sees the same ones.  The start
method is `params.start_method` (spawn if none).  Processes take their name as in a
scenario's run (`name`, else the first string argument), and a StartGate holds them at
their first line until all have started, then lets them go at once.
"""
from __future__ import annotations

import builtins
import itertools
import multiprocessing
import queue as _queue
import time  # noqa: F401 - the scenario's `time`: here the real one
from types import SimpleNamespace

Full = _queue.Full
Empty = _queue.Empty

params = SimpleNamespace()
_process_numbers = itertools.count(1)


def use_params(values: dict) -> None:
    """The scenario's parameters for this file (called at its top level)."""
    params.__dict__.clear()
    params.__dict__.update(values)


def _context():
    return multiprocessing.get_context(getattr(params, "start_method", None) or "spawn")


def print(*args, sep=" ", end="\n", file=None, flush=True):  # noqa: A001 - as the probe's
    """print, flushed: a child's lines come out in order with everyone else's."""
    builtins.print(*args, sep=sep, end=end, file=file, flush=flush)


class StartGate:
    """Holds started processes until all have arrived, then releases them together."""

    def __init__(self):
        ctx = _context()
        self._arrived = ctx.Semaphore(0)
        self._go = ctx.Semaphore(0)
        self._holders = 0

    def __getstate__(self):
        return self._arrived, self._go

    def __setstate__(self, state):
        (self._arrived, self._go), self._holders = state, 0

    def hold(self) -> None:
        self._holders += 1

    def wait(self) -> None:
        self._arrived.release()
        self._go.acquire()

    def open(self) -> None:
        for _ in range(self._holders):
            self._arrived.acquire()
        for _ in range(self._holders):
            self._go.release()
        self._holders = 0


class _Gated:
    """A process's target that first waits at its StartGate (named as the target)."""

    def __init__(self, gate: StartGate, target):
        self.gate, self.target = gate, target
        self.__name__ = getattr(target, "__name__", "process")

    def __call__(self, *args, **kwargs):
        self.gate.wait()
        return self.target(*args, **kwargs)


def Process(target, args=(), kwargs=None, name=None, daemon=None,  # noqa: N802
            start_gate: StartGate | None = None):
    """A multiprocessing Process of the start method in params, named as in a run."""
    role = getattr(target, "__name__", "process")
    label = name or next((a for a in args if isinstance(a, str)), None)
    if label is not None and label.isdigit():
        label = f"{role} {label}"
    label = label or f"{role}-{next(_process_numbers)}"
    if start_gate is not None:
        start_gate.hold()
        target = _Gated(start_gate, target)
    return _context().Process(target=target, args=tuple(args), kwargs=dict(kwargs or {}),
                              name=label, daemon=daemon)


def Queue(maxsize: int = 0, *, name: str | None = None):  # noqa: N802
    return _context().Queue(maxsize)


def JoinableQueue(maxsize: int = 0, *, name: str | None = None):  # noqa: N802
    return _context().JoinableQueue(maxsize)


def Pipe(duplex: bool = True, *, name: str | None = None):  # noqa: N802
    return _context().Pipe(duplex)


def Lock(*, name: str | None = None):  # noqa: N802
    return _context().Lock()


def RLock(*, name: str | None = None):  # noqa: N802
    return _context().RLock()


def Manager():  # noqa: N802
    return _context().Manager()
