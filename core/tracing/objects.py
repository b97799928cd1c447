"""Object ids and names for what a traced program makes.

Ids must be unique across processes: a worker can make a queue, and an object pickled
to another process keeps its id.  An id is this process's number in the run (the
supervisor tells it when the channel opens) in the high 16 bits and a counter in the
low 16; rows carry the high half where the probe's rows carry 0 (core/events.py).

Only what the program itself makes is traced.  A Queue makes locks and a semaphore, a
Condition makes semaphores, a Pool makes queues: the frames between the constructor and
the first frame of the program's own code tell which.  Of what multiprocessing makes
for itself, the task and result queues of a Pool or ProcessPoolExecutor are traced (the
pool's backlog is what a user wants to see), named after the pool: `pool.tasks`.
"""
from __future__ import annotations

import itertools
import os
import sys

from ipcscope.core import sink
from ipcscope.core.events import Kind
from ipcscope.core.tracing import source_names

_counter = itertools.count(1)
_kind_numbers: dict[str, itertools.count] = {}

# Frames are told apart by their module's name, not their file's: in the bundle
# (PyInstaller) code objects carry relative paths ("multiprocessing/context.py").
_STDLIB_PACKAGES = ("multiprocessing", "concurrent.futures")
_OWN_PACKAGE = __name__.rpartition(".")[0]          # ipcscope.core.tracing
# Frames that only pass a creation on: mp.Queue() in context.py, manager.dict() in
# managers.py, mp.Value() in sharedctypes.py.
_FACTORIES = ("multiprocessing.context", "multiprocessing.managers",
              "multiprocessing.sharedctypes")
# multiprocessing's own queues that are worth a line of their own: attribute -> role
_POOL_QUEUES = {"_inqueue": "tasks", "_outqueue": "results",
                "_call_queue": "tasks", "_result_queue": "results"}


def _after_fork() -> None:
    global _counter
    _counter = itertools.count(1)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


def new_id() -> int:
    channel = sink.current()
    high = channel.proc_number if channel is not None else 0
    return (high << 16) | (next(_counter) & 0xFFFF)


def split(obj_id: int) -> tuple[int, int]:
    """(low 16 bits as a signed short, high 16 bits): the row's obj and proc fields."""
    low = obj_id & 0xFFFF
    return (low - 0x10000 if low >= 0x8000 else low), (obj_id >> 16) & 0x7FFF


def emit(kind: int, obj_id: int, item: int = 0, a: int = 0, b: int = 0,
         text: str | None = None) -> None:
    channel = sink.current()
    if channel is not None:
        low, high = split(obj_id)
        channel.emit(kind, low, item, a, b, text, None, high)


def _module(frame) -> str:
    return frame.f_globals.get("__name__") or ""


def _in_package(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _internal(frame) -> bool:
    module = _module(frame)
    return module == "threading" or _in_package(module, _OWN_PACKAGE) or \
        any(_in_package(module, package) for package in _STDLIB_PACKAGES)


def traced_name(obj, kind_word: str, depth: int = 2) -> str | None:
    """The name to trace `obj` under, or None if multiprocessing made it for itself.
    Called from a patched constructor; `depth` frames up is its caller."""
    frame = sys._getframe(depth)
    role = None
    while frame is not None and _internal(frame):
        module = _module(frame)
        if _in_package(module, _OWN_PACKAGE) or module in _FACTORIES or \
                frame.f_locals.get("self") is obj:
            frame = frame.f_back       # the constructor's own chain, or mp.Queue() itself
            continue
        # (the bundle ships no source of multiprocessing: then the bytecode says)
        attribute = source_names.assigned_name(frame) or source_names.stored_name(frame)
        role = _POOL_QUEUES.get((attribute or "").rpartition(".")[2])
        if role is None:
            return None                # a lock inside a queue, a Condition's semaphores...
        frame = frame.f_back
        while frame is not None and _internal(frame):
            frame = frame.f_back       # up to the program's line that made the pool
        break
    if frame is None:
        return None
    name = source_names.assigned_name(frame)
    if role is not None:
        return f"{name or 'pool'}.{role}"
    if name is None:
        number = next(_kind_numbers.setdefault(kind_word, itertools.count(1)))
        name = f"{kind_word}{number}"
    return f"{name}\x1f{source_names.site(frame)}"


def register(obj, obj_type: int, kind_word: str, maxsize: int = 0, depth: int = 3,
             name: str | None = None) -> int:
    """Trace `obj` if the program made it: give it an id, announce it; returns the id
    (0: not traced)."""
    name = name or traced_name(obj, kind_word, depth)
    if name is None:
        return 0
    obj_id = new_id()
    emit(Kind.OBJ_CREATE, obj_id, a=maxsize, b=int(obj_type), text=name)
    sink.flush()      # known to the supervisor before any other process can use it
    return obj_id


def program_frame(frame):
    """The first frame outward that is the program's own (not multiprocessing's, not
    IPC Scope's), or None."""
    while frame is not None and _internal(frame):
        frame = frame.f_back
    return frame


def site_of_thread(ident: int) -> str | None:
    """The program's line thread `ident` is at (for a wait the sink shows late)."""
    frame = program_frame(sys._current_frames().get(ident))
    return source_names.site(frame) if frame is not None else None


def emit_wait_site(obj_id: int) -> None:
    """Say which of the program's lines the wait about to start waits at."""
    frame = program_frame(sys._getframe(1))
    if frame is not None:
        emit(Kind.WAIT_SITE, obj_id, text=source_names.site(frame))
