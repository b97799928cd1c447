"""Queue, JoinableQueue and SimpleQueue of a traced program.

A Queue's items travel as (item id, value), so a get can be matched to its put (the
producer's pid and a sequence, as in the scenarios); every put and get goes through the
methods patched here, in every process, so the program only ever sees its own values.
A SimpleQueue's ends are also read and written directly (Pool's task handler sends on
`_inqueue._writer`, its result handler receives on `_outqueue._reader`), so its values
travel as they are: connections.py traces those ends, and a pool task's id comes from
the task itself (its job and index), the same on both sides.
"""
from __future__ import annotations

import itertools
import os
import queue as _queue_mod
import threading
import time
import traceback
from multiprocessing import queues

from ipcscope.core import sink
from ipcscope.core.events import WIRE, Kind, ObjType, make_item_id
from ipcscope.core.sink import MAX_ROWS
from ipcscope.core.tracing import objects

Full, Empty = _queue_mod.Full, _queue_mod.Empty
_now = time.monotonic_ns
_items = itertools.count(make_item_id(os.getpid(), 1))


def _after_fork() -> None:
    global _items
    _items = itertools.count(make_item_id(os.getpid(), 1))


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)


def task_item(queue_id: int, value) -> int:
    """A pool task's or result's id from what it carries: (job, index, ...) for Pool, a
    work id for ProcessPoolExecutor; 0 for anything else."""
    if type(value) is tuple and len(value) >= 2 and type(value[0]) is int \
            and type(value[1]) is int:
        key = (value[0], value[1])
    else:
        work_id = getattr(value, "work_id", None)
        if type(work_id) is not int:
            return 0
        key = (work_id,)
    return hash(key) & 0x3FFF_FFFF_FFFF_FFFF or 1


def _put_event(kind: int, obj_id: int, item: int = 0, a: int = 0, b: int = 0) -> None:
    objects.emit(kind, obj_id, item, a, b)


# multiprocessing.Queue's put(obj, False) and get(), inlined in the traced ones below
# where the stdlib's methods are the ones this was written against (3.10-3.13: the same
# names in the same order; else they are called).  In a flood the producer's put loop
# and the consumer's get loop are the critical path: a call layer there costs about what
# the row that traces it costs (the same measure as core/probe.py's Queue).
_INLINE_PUT = queues.Queue.put.__code__.co_names == (
    "_closed", "ValueError", "_sem", "acquire", "Full", "_notempty", "_thread",
    "_start_thread", "_buffer", "append", "notify") and \
    hasattr(threading.Condition(), "_waiters")
_INLINE_GET = queues.Queue.get.__code__.co_names == (
    "_closed", "ValueError", "_rlock", "_recv_bytes", "_sem", "release", "time",
    "monotonic", "acquire", "Empty", "_poll", "_ForkingPickler", "loads")
_loads = queues._ForkingPickler.loads
_pack = WIRE.pack
_PUT_END = int(Kind.PUT_END)


def _set_id(queue, obj_id: int) -> None:
    """The queue's id, and the (obj, proc) fields of its rows, split once: a put or get
    packs them as they are."""
    queue._ipcscope_obj = obj_id
    queue._ipcscope_row = objects.split(obj_id) if obj_id else None


def _traced_put(original, inline: bool):
    def put(self, obj, block=True, timeout=None):
        row_ids = self.__dict__.get("_ipcscope_row")
        if row_ids is None:
            return original(self, obj, block, timeout)
        item = next(_items)
        payload = (item, obj)
        if inline:                      # original(self, payload, False), inlined
            if self._closed:
                raise ValueError(f"Queue {self!r} is closed")
            put_now = self._sem.acquire(False)
            if put_now:
                notempty = self._notempty
                with notempty:
                    if self._thread is None:
                        self._start_thread()
                    self._buffer.append(payload)
                    if notempty._waiters:       # notify() with no waiter does nothing
                        notempty.notify()
        else:
            try:
                original(self, payload, False)
                put_now = True
            except Full:
                put_now = False
        if not put_now:
            return _put_when_full(self, original, item, payload, obj, block, timeout)
        channel = sink.active           # channel.row(), inlined: hot
        rows = channel.rows
        rows.append(_pack(_now(), _PUT_END, row_ids[0], row_ids[1], item, obj is None, 0))
        n = len(rows)
        if n == 1 or n >= MAX_ROWS:
            channel.rows_added(n)
    return put


def _put_when_full(queue, original, item: int, payload: tuple, obj, block: bool,
                   timeout) -> None:
    obj_id = queue._ipcscope_obj
    if not block:
        _put_event(Kind.PUT_FULL, obj_id, item)
        raise Full
    started = _now()
    _put_event(Kind.PUT_BEGIN, obj_id, item, -1 if timeout is None else int(timeout * 1e9))
    objects.emit_wait_site(obj_id)
    sink.flush()
    try:
        original(queue, payload, True, timeout)
    except Full:
        _put_event(Kind.PUT_FULL, obj_id, item)
        raise
    _put_event(Kind.PUT_END, obj_id, item, obj is None, _now() - started)


def _traced_get(original, inline: bool):
    def get(self, block=True, timeout=None):
        row_ids = self.__dict__.get("_ipcscope_row")
        if row_ids is None:
            return original(self, block, timeout)
        low, high = row_ids
        channel = sink.active
        limit = -1 if timeout is None or not block else int(max(timeout, 0) * 1e9)
        waiting = channel.begin_wait(Kind.GET_BEGIN, low, limit, high) if block else None
        try:
            if inline and block and timeout is None:     # original(self), inlined
                if self._closed:
                    raise ValueError(f"Queue {self!r} is closed")
                rlock = self._rlock    # `with`, without the SemLock.__enter__ sync.py adds
                rlock.acquire()
                try:
                    res = self._recv_bytes()
                finally:
                    rlock.release()
                self._sem.release()
                item, value = _loads(res)
            else:
                item, value = original(self, block, timeout)
        except Empty:
            if waiting is None:
                _put_event(Kind.GET_EMPTY, self._ipcscope_obj, 0, 0)
            else:
                channel.end_wait(waiting, Kind.GET_EMPTY, low, 0, limit, shown=True,
                                 obj_high=high)
            raise
        except BaseException:
            if waiting is not None:
                channel.end_wait(waiting, Kind.GET_END, low, 0, 0, obj_high=high)
            raise
        if waiting is None:
            _put_event(Kind.GET_END, self._ipcscope_obj, item, value is None)
        else:
            channel.end_wait(waiting, Kind.GET_END, low, item, value is None, obj_high=high)
        return value
    return get


def _unwrapping_feeder(original_start_thread):
    """The feeder thread hands a value it could not pickle to the queue's
    _on_queue_feeder_error (ProcessPoolExecutor fails that work item's future there, a
    subclass may look at it): hand it the program's value, not (item id, value).  The
    feeder takes the hook when it starts: it is given one that unwraps."""
    def _start_thread(self):
        if not self.__dict__.get("_ipcscope_obj"):
            return original_start_thread(self)
        hook = self._on_queue_feeder_error

        def unwrapping(error, obj):
            if type(obj) is tuple and len(obj) == 2:
                # the item was put but will never arrive: say so (EXCEPTION, a=1: in a
                # helper thread, the process goes on; b=the lost item's id)
                objects.emit(Kind.EXCEPTION, self._ipcscope_obj, a=1, b=obj[0], text="".join(
                    traceback.format_exception(type(error), error, error.__traceback__)))
                obj = obj[1]
            return hook(error, obj)
        self._on_queue_feeder_error = unwrapping
        try:
            return original_start_thread(self)
        finally:
            del self.__dict__["_on_queue_feeder_error"]
    return _start_thread


def _traced_init(original, obj_type, word):
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        if "_ipcscope_obj" in self.__dict__:
            return            # JoinableQueue -> Queue.__init__: the outer one names it
        _set_id(self, 0)
        kind = ObjType.JOINABLE_QUEUE if isinstance(self, queues.JoinableQueue) else obj_type
        maxsize = getattr(self, "_maxsize", 0)
        maxsize = 0 if maxsize >= 2**31 - 1 else maxsize   # Queue() means "no bound"
        _set_id(self, objects.register(self, kind, word, maxsize))
        if obj_type == ObjType.SIMPLE_QUEUE:
            _tag_ends(self)
    return __init__


def _tag_ends(simple_queue) -> None:
    obj_id = simple_queue.__dict__.get("_ipcscope_obj", 0)
    if obj_id:
        simple_queue._writer._ipcscope_queue = obj_id
        simple_queue._reader._ipcscope_queue = obj_id


def _keeps_id(cls):
    get_state, set_state = cls.__getstate__, cls.__setstate__

    def __getstate__(self):
        return get_state(self) + (self.__dict__.get("_ipcscope_obj", 0),)

    def __setstate__(self, state):
        _set_id(self, state[-1])
        set_state(self, state[:-1])
        if cls is queues.SimpleQueue:
            _tag_ends(self)
    cls.__getstate__, cls.__setstate__ = __getstate__, __setstate__


def _simple_put(original):
    def put(self, obj):
        obj_id = self.__dict__.get("_ipcscope_obj", 0)
        original(self, obj)
        if obj_id:
            item = task_item(obj_id, obj)
            failure = task_failure(obj) if item else None
            if failure:
                objects.emit(Kind.TASK_FAILED, obj_id, a=item & 0xFFFF_FFFF, text=failure)
            _put_event(Kind.PUT_END, obj_id, item, obj is None)
            if failure:
                sink.flush()    # out before the pool terminate()s this worker (SIGTERM kills)
    return put


def task_failure(result) -> str | None:
    """The traceback a pool worker sends back for a task that raised: Pool's
    (job, i, (False, error)), ProcessPoolExecutor's result item with an exception."""
    error = None
    if type(result) is tuple and len(result) == 3 and type(result[2]) is tuple \
            and len(result[2]) == 2 and result[2][0] is False:
        error = result[2][1]
    elif getattr(result, "exception", None) is not None and hasattr(result, "work_id"):
        error = result.exception
    if error is None:
        return None
    text = getattr(error, "tb", None)        # the worker's traceback, as the pool keeps it
    cause = getattr(error, "exc", error)
    head = f"{type(cause).__name__}: {cause}"
    return f"{text.strip().strip(chr(34)).strip()}\n" if isinstance(text, str) else head


def simple_get(obj_id: int, receive, *args):
    """A get from SimpleQueue `obj_id` (by its get(), or by reading its end directly, as
    Pool does): the wait shows if it lasts; the item is the task's."""
    low, high = objects.split(obj_id)
    channel = sink.active
    waiting = channel.begin_wait(Kind.GET_BEGIN, low, -1, high)
    try:
        value = receive(*args)
    except BaseException:
        channel.end_wait(waiting, Kind.GET_END, low, 0, 0, obj_high=high)
        raise
    channel.end_wait(waiting, Kind.GET_END, low, task_item(obj_id, value), value is None,
                     obj_high=high)
    return value


def _simple_get(original):
    def get(self):
        obj_id = self.__dict__.get("_ipcscope_obj", 0)
        if not obj_id:
            return original(self)
        return simple_get(obj_id, original, self)
    return get


def _joinable(original_task_done, original_join):
    def task_done(self):
        original_task_done(self)
        if self.__dict__.get("_ipcscope_obj"):
            _put_event(Kind.TASK_DONE, self._ipcscope_obj)

    def join(self):
        obj_id = self.__dict__.get("_ipcscope_obj", 0)
        if obj_id:
            _put_event(Kind.QJOIN_BEGIN, obj_id)
            objects.emit_wait_site(obj_id)
            sink.flush()
        original_join(self)
        if obj_id:
            _put_event(Kind.QJOIN_END, obj_id)
    return task_done, join


def patch() -> None:
    Q, JQ, SQ = queues.Queue, queues.JoinableQueue, queues.SimpleQueue
    Q.__init__ = _traced_init(Q.__init__, ObjType.QUEUE, "queue")
    JQ.__init__ = _traced_init(JQ.__init__, ObjType.JOINABLE_QUEUE, "queue")
    SQ.__init__ = _traced_init(SQ.__init__, ObjType.SIMPLE_QUEUE, "queue")
    Q.put = _traced_put(Q.put, _INLINE_PUT)
    JQ.put = _traced_put(JQ.put, False)
    Q.get = _traced_get(Q.get, _INLINE_GET)
    Q._start_thread = _unwrapping_feeder(Q._start_thread)
    JQ.task_done, JQ.join = _joinable(JQ.task_done, JQ.join)
    SQ.put, SQ.get = _simple_put(SQ.put), _simple_get(SQ.get)
    for cls in (Q, SQ):
        _keeps_id(cls)
