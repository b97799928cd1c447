"""Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event and Barrier of a traced
program: each wait is shown in the waiter's lane with what it waits on.

A SemLock binds acquire/release to its C semaphore per instance (_make_methods, run by
__init__ and __setstate__), so the traced ones are bound there too; `with lock:` goes
through them.  A Condition's lock is the program's (`with cond:` takes it), so it is
traced as `<cond>.lock` even when the Condition made it; the semaphores a Condition,
an Event or a Barrier keep inside are not.
"""
from __future__ import annotations

import threading
import time
from multiprocessing import synchronize

from ipcscope.core import sink
from ipcscope.core.events import Kind, ObjType
from ipcscope.core.tracing import objects

_now = time.monotonic_ns


def _ns(timeout) -> int:
    return -1 if timeout is None else int(max(timeout, 0) * 1e9)


def _semlock_type(lock) -> tuple[ObjType, str]:
    if isinstance(lock, synchronize.RLock):
        return ObjType.RLOCK, "rlock"
    if isinstance(lock, synchronize.Lock):
        return ObjType.LOCK, "lock"
    return ObjType.SEMAPHORE, "semaphore"


def _bind_traced(lock) -> None:
    obj_id = lock.__dict__.get("_ipcscope_obj", 0)
    if not obj_id:
        return
    raw_acquire, raw_release = lock._semlock.acquire, lock._semlock.release

    def acquire(block=True, timeout=None):
        if raw_acquire(False):
            objects.emit(Kind.LOCK_ACQUIRED, obj_id)
            return True
        if not block:
            return False
        started = _now()
        objects.emit(Kind.LOCK_WAIT, obj_id)
        objects.emit_wait_site(obj_id)
        sink.flush()
        got = raw_acquire(True, timeout)
        if got:
            objects.emit(Kind.LOCK_ACQUIRED, obj_id, b=_now() - started)
        else:
            objects.emit(Kind.SYNC_DONE, obj_id, a=0)
        return got

    def release():
        raw_release()
        objects.emit(Kind.LOCK_RELEASE, obj_id)

    lock.acquire, lock.release = acquire, release


def trace_lock(lock, name: str | None = None) -> None:
    """Trace a lock multiprocessing made for the program (a Condition's, a Value's)."""
    if lock.__dict__.get("_ipcscope_obj"):
        return
    obj_type, word = _semlock_type(lock)
    lock._ipcscope_obj = objects.register(lock, obj_type, word, name=name)
    _bind_traced(lock)


def _patch_semlock() -> None:
    SemLock = synchronize.SemLock
    original_init, make_methods = SemLock.__init__, SemLock._make_methods
    get_state, set_state = SemLock.__getstate__, SemLock.__setstate__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        name = getattr(self._semlock, "name", None)
        if name:      # every one, ours or not: a run killed before its exit handlers
            sink.emit(Kind.SEM_CREATE, text=name)      # ran is cleaned up by name
        obj_type, word = _semlock_type(self)
        maxsize = getattr(self._semlock, "maxvalue", 0) if obj_type == ObjType.SEMAPHORE else 0
        self._ipcscope_obj = objects.register(self, obj_type, word,
                                              0 if maxsize >= 2**31 - 1 else maxsize)
        _bind_traced(self)

    def _make_methods(self):
        make_methods(self)
        _bind_traced(self)

    def __getstate__(self):
        return get_state(self) + (self.__dict__.get("_ipcscope_obj", 0),)

    def __setstate__(self, state):
        self._ipcscope_obj = state[-1]
        set_state(self, state[:-1])

    SemLock.__init__, SemLock._make_methods = __init__, _make_methods
    SemLock.__getstate__, SemLock.__setstate__ = __getstate__, __setstate__
    SemLock.__enter__ = lambda self: self.acquire()
    SemLock.__exit__ = lambda self, *args: self.release()


def _traced_waits(cls, word: str, obj_type: ObjType, wait_name: str = "wait"):
    """Patch cls: its construction registers it; wait() is a SYNC_WAIT ... SYNC_DONE."""
    original_init, original_wait = cls.__init__, getattr(cls, wait_name)

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        if "_ipcscope_obj" in self.__dict__:
            return
        name = objects.traced_name(self, word)
        self._ipcscope_obj = objects.register(self, obj_type, word, name=name) if name else 0
        if self._ipcscope_obj and cls is synchronize.Condition:
            name, _, site = name.partition("\x1f")
            trace_lock(self._lock, name=f"{name}.lock\x1f{site}")

    def wait(self, *args, **kwargs):
        obj_id = self.__dict__.get("_ipcscope_obj", 0)
        if not obj_id or (cls is synchronize.Event and self.is_set()):
            return original_wait(self, *args, **kwargs)
        timeout = kwargs.get("timeout", args[0] if args else None)
        objects.emit(Kind.SYNC_WAIT, obj_id, a=_ns(timeout))
        objects.emit_wait_site(obj_id)
        sink.flush()
        try:
            result = original_wait(self, *args, **kwargs)
        except threading.BrokenBarrierError:
            objects.emit(Kind.SYNC_DONE, obj_id, a=0)
            raise
        objects.emit(Kind.SYNC_DONE, obj_id, a=0 if result is False else 1)
        return result

    cls.__init__ = __init__
    setattr(cls, wait_name, wait)
    if "__setstate__" in vars(cls):      # else pickling keeps __dict__, the id with it
        _keeps_id(cls)


def _keeps_id(cls) -> None:
    get_state, set_state = cls.__getstate__, cls.__setstate__

    def __getstate__(self):
        return (get_state(self), self.__dict__.get("_ipcscope_obj", 0))

    def __setstate__(self, state):
        # Barrier.__init__ calls __setstate__ itself, with its own tuple
        if len(state) == 2 and type(state[0]) is tuple and type(state[1]) is int:
            state, self._ipcscope_obj = state
        set_state(self, state)
    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__


def _signals(cls, *names: str) -> None:
    for name in names:
        original = getattr(cls, name)

        def signal(self, *args, _original=original, _a=int(name == "set"), **kwargs):
            result = _original(self, *args, **kwargs)
            obj_id = self.__dict__.get("_ipcscope_obj", 0)
            if obj_id:
                objects.emit(Kind.SYNC_SIGNAL, obj_id, a=_a)
            return result
        setattr(cls, name, signal)


def patch() -> None:
    _patch_semlock()
    _traced_waits(synchronize.Condition, "condition", ObjType.CONDITION)
    _traced_waits(synchronize.Event, "event", ObjType.EVENT)
    _traced_waits(synchronize.Barrier, "barrier", ObjType.BARRIER)
    _signals(synchronize.Condition, "notify", "notify_all")
    _signals(synchronize.Event, "set", "clear")
