"""Pipe ends of a traced program, and the ends of its SimpleQueues.

A Pipe's messages travel as the program sent them (a reader may use recv_bytes on what
was sent with send), so sends and receives carry no item id.  An end pickled to another
process keeps its pipe's id: the reducer for Connection is replaced by one that carries
it.  A SimpleQueue's ends (tagged by queues.py) count as its puts and gets when a Pool
writes or reads them directly.
"""
from __future__ import annotations

import time
from multiprocessing import connection, reduction

from ipcscope.core import sink
from ipcscope.core.events import Kind, ObjType
from ipcscope.core.tracing import objects
from ipcscope.core.tracing.queues import simple_get, task_item

_now = time.monotonic_ns
_original_pipe = connection.Pipe
_Connection = connection.Connection


def Pipe(duplex=True):  # noqa: N802 - as multiprocessing
    a, b = _original_pipe(duplex)
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
    _Connection.send = _send(_Connection.send)
    _Connection.recv = _recv(_Connection.recv)
    _Connection.close = _close(_Connection.close)
    if hasattr(connection, "reduce_connection"):
        reduction.register(_Connection, _reduce)
