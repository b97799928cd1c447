"""Pipe ends of a traced program, the ends of its SimpleQueues, and the program's
multiprocessing.connection.wait().

A Pipe's messages travel as the program sent them (a reader may use recv_bytes on what
was sent with send), so sends and receives carry no item id.  An end pickled to another
process keeps its pipe's id: the reducer for Connection is replaced by one that carries
it.  A SimpleQueue's ends (tagged by queues.py) count as its puts and gets when a Pool
writes or reads them directly.  A wait() that has to wait is shown in the lane: what it
waits on (WAIT_ON rows: pipe ends, queues, children's sentinels), then SYNC_WAIT ...
SYNC_DONE, then what was ready (WAIT_READY).  multiprocessing's own wait()s (a join with
a timeout) are not the program's and are left alone.
"""
from __future__ import annotations

import sys
import time
import zlib
from multiprocessing import connection, process, reduction

from ipcscope.core import sink
from ipcscope.core.events import Kind, ObjType
from ipcscope.core.tracing import objects
from ipcscope.core.tracing.queues import simple_get, task_item

_now = time.monotonic_ns
_original_pipe = connection.Pipe
_original_wait = connection.wait
_Connection = connection.Connection
_CONNECTION_MODULE = vars(connection)


def stable_id(key: str) -> int:
    """32 bits from a key every process can work out by itself (a block's name, a
    listener's address): the high half 0x4000 and up, clear of the process numbers in
    the ids of objects.py, as a manager's proxies' (managers.referent_id)."""
    crc = zlib.crc32(key.encode("utf-8", "replace"))
    return ((0x4000 | (crc >> 16) & 0x3FFF) << 16) | (crc & 0xFFFF)


def Pipe(duplex=True):  # noqa: N802 - as multiprocessing
    a, b = _original_pipe(duplex)
    if sys._getframe(1).f_globals.get("__name__") == "multiprocessing.managers":
        return a, b      # a manager's own start-up pipe (managers.py passes on the rest)
    obj_id = objects.register((a, b), ObjType.PIPE, "pipe", depth=3)
    if obj_id:
        for number, end in enumerate((a, b)):
            end._ipcscope_pipe = (obj_id, number)
            objects.emit(Kind.PIPE_HOLD, obj_id, a=number)
    return a, b


def _send(original):
    def send(self, obj):
        original(self, obj)
        pipe = self.__dict__.get("_ipcscope_pipe")
        if pipe is not None:
            objects.emit(Kind.SEND, pipe[0], a=pipe[1])
        elif "_ipcscope_queue" in self.__dict__:
            queue_id = self._ipcscope_queue
            objects.emit(Kind.PUT_END, queue_id, task_item(queue_id, obj), obj is None)
    return send


def _recv(original):
    def recv(self):
        pipe = self.__dict__.get("_ipcscope_pipe")
        queue_id = self.__dict__.get("_ipcscope_queue", 0)
        if pipe is None and not queue_id:
            return original(self)
        obj_id = pipe[0] if pipe else queue_id
        started = _now()
        if pipe is not None:
            objects.emit(Kind.RECV_BEGIN, obj_id, a=pipe[1])
            if not self.poll(0):
                objects.emit_wait_site(obj_id)
                sink.flush()
            try:
                value = original(self)
            except EOFError:
                objects.emit(Kind.RECV_EOF, obj_id, a=pipe[1])
                raise
            objects.emit(Kind.RECV_END, obj_id, a=pipe[1], b=_now() - started)
            return value
        return simple_get(queue_id, original, self)
    return recv


def _close(original):
    def close(self):
        pipe = self.__dict__.get("_ipcscope_pipe")
        was_open = not self.closed
        original(self)
        if pipe is not None and was_open:
            objects.emit(Kind.PIPE_CLOSE, pipe[0], a=pipe[1])
    return close


def _what_it_is(thing) -> tuple[int, int, int]:
    """(obj, end, child os pid) of something wait() waits on, as WAIT_ON says it."""
    tags = getattr(thing, "__dict__", {})
    if "_ipcscope_pipe" in tags:
        return tags["_ipcscope_pipe"][0], tags["_ipcscope_pipe"][1], 0
    if tags.get("_ipcscope_queue"):
        return tags["_ipcscope_queue"], -1, 0
    if type(thing) is int:
        for child in list(process._children):
            popen = getattr(child, "_popen", None)
            if popen is not None and getattr(popen, "sentinel", None) == thing:
                return 0, -1, popen.pid
    return 0, -1, 0


def wait(object_list, timeout=None):
    caller = sys._getframe(1)
    # Connection.poll() calls wait() (hot: every traced recv polls): the first test
    if caller.f_globals is _CONNECTION_MODULE or sink.current() is None or \
            objects.program_frame(caller) is not caller:
        return _original_wait(object_list, timeout)
    things = list(object_list)
    started = _now()
    ready = _original_wait(things, 0)
    if ready or (timeout is not None and timeout <= 0):
        return ready
    described = [_what_it_is(thing) for thing in things]
    for obj_id, end, pid in described:
        objects.emit(Kind.WAIT_ON, obj_id, a=end, b=pid)
    first = next((obj_id for obj_id, _, _ in described if obj_id), 0)
    objects.emit(Kind.SYNC_WAIT, first, a=-1 if timeout is None else min(int(timeout * 1e9), 1 << 62))
    objects.emit_wait_site(first)
    sink.flush()
    remaining = None if timeout is None else max(0.0, timeout - (_now() - started) / 1e9)
    ready = _original_wait(things, remaining)
    objects.emit(Kind.SYNC_DONE, first, a=1 if ready else 0)
    for thing in ready:
        obj_id, end, pid = _what_it_is(thing)
        objects.emit(Kind.WAIT_READY, obj_id, a=end, b=pid)
    return ready


def _reduce(conn):
    rebuild, args = connection.reduce_connection(conn)
    tags = {key: value for key, value in conn.__dict__.items() if key.startswith("_ipcscope")}
    return _rebuild, (rebuild, args, tags)


def _rebuild(rebuild, args, tags):
    conn = rebuild(*args)
    conn.__dict__.update(tags)
    pipe = tags.get("_ipcscope_pipe")
    if pipe is not None:
        objects.emit(Kind.PIPE_HOLD, pipe[0], a=pipe[1])
    return conn


def patch() -> None:
    connection.Pipe = Pipe
    connection.wait = wait
    _Connection.send = _send(_Connection.send)
    _Connection.recv = _recv(_Connection.recv)
    _Connection.close = _close(_Connection.close)
    if hasattr(connection, "reduce_connection"):
        reduction.register(_Connection, _reduce)
