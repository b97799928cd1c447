"""A Manager's proxies in a traced program: dict, list, Namespace and Value reads and
writes (so `d['count'] -= 1`, two round trips, is seen as the read and the write it
is), Queue puts and gets, Lock and Semaphore waits, Event, Condition and Barrier waits.
The manager's server is a process of the run like any other (a lane of its own).

A proxy's id comes from its referent (the server's address and the object's id there),
the same in every process that holds a proxy to it, so nothing has to travel with a
pickled proxy; the process that asked the manager for it announces it, named from the
program's line.
"""
from __future__ import annotations

import zlib
from multiprocessing import managers

from ipcscope.core import sink
from ipcscope.core.events import Kind, ObjType
from ipcscope.core.tracing import objects
from ipcscope.core.tracing.shared_values import _read, _write

_TYPES = {"dict": ObjType.DICT, "list": ObjType.LIST, "Namespace": ObjType.DICT,
          "Value": ObjType.VALUE, "Array": ObjType.LIST,
          "Queue": ObjType.QUEUE, "JoinableQueue": ObjType.JOINABLE_QUEUE,
          "Lock": ObjType.LOCK, "RLock": ObjType.RLOCK, "Semaphore": ObjType.SEMAPHORE,
          "BoundedSemaphore": ObjType.SEMAPHORE, "Condition": ObjType.CONDITION,
          "Event": ObjType.EVENT, "Barrier": ObjType.BARRIER}
_READS = {"__getitem__", "get", "__getattribute__"}
_WRITES = {"__setitem__", "set", "__setattr__"}


def referent_id(token) -> int:
    """32 bits from the referent's identity; the high half is 0x4000 and up, clear of
    the process numbers that make the ids of objects.py."""
    key = zlib.crc32(f"{token.address}|{token.id}".encode())
    return ((0x4000 | (key >> 16) & 0x3FFF) << 16) | (key & 0xFFFF)


def _create(original):
    def _create(self, typeid, *args, **kwds):
        token, exposed = original(self, typeid, *args, **kwds)
        obj_type = _TYPES.get(typeid)
        if obj_type is not None:
            name = objects.traced_name(token, typeid.lower(), depth=2)
            if name:
                objects.emit(Kind.OBJ_CREATE, referent_id(token), b=int(obj_type), text=name)
                sink.flush()
        return token, exposed
    return _create


def _callmethod(original):
    def _callmethod(self, methodname, args=(), kwds={}):
        obj_type = _TYPES.get(self._token.typeid)
        if obj_type is None:
            return original(self, methodname, args, kwds)
        obj_id = referent_id(self._token)
        if obj_type in (ObjType.DICT, ObjType.LIST, ObjType.VALUE):
            result = original(self, methodname, args, kwds)
            key = str(args[0]) if args else "value"
            if methodname in _READS:
                _read(obj_id, key, result)
            elif methodname in _WRITES:
                _write(obj_id, key, args[-1] if args else None)
            return result
        return _WAITS.get((obj_type, methodname), _plain)(original, self, obj_id, methodname,
                                                          args, kwds)
    return _callmethod


def _plain(original, proxy, obj_id, methodname, args, kwds):
    return original(proxy, methodname, args, kwds)


def _queue_put(original, proxy, obj_id, methodname, args, kwds):
    result = original(proxy, methodname, args, kwds)
    objects.emit(Kind.PUT_END, obj_id, a=bool(args) and args[0] is None)
    return result


def _queue_get(original, proxy, obj_id, methodname, args, kwds):
    low, high = objects.split(obj_id)
    channel = sink.active
    token = channel.begin_wait(Kind.GET_BEGIN, low, -1, high)
    try:
        value = original(proxy, methodname, args, kwds)
    except BaseException:
        channel.end_wait(token, Kind.GET_EMPTY, low, 0, 0, shown=True, obj_high=high)
        raise
    channel.end_wait(token, Kind.GET_END, low, 0, value is None, obj_high=high)
    return value


def _acquire(original, proxy, obj_id, methodname, args, kwds):
    if original(proxy, methodname, (False,), {}):
        objects.emit(Kind.LOCK_ACQUIRED, obj_id)
        return True
    blocking = args[0] if args else kwds.get("blocking", True)
    if not blocking:
        return False
    objects.emit(Kind.LOCK_WAIT, obj_id)
    objects.emit_wait_site(obj_id)
    sink.flush()
    got = original(proxy, methodname, args, kwds)
    objects.emit(Kind.LOCK_ACQUIRED if got else Kind.SYNC_DONE, obj_id)
    return got


def _release(original, proxy, obj_id, methodname, args, kwds):
    result = original(proxy, methodname, args, kwds)
    objects.emit(Kind.LOCK_RELEASE, obj_id)
    return result


def _wait(original, proxy, obj_id, methodname, args, kwds):
    timeout = args[0] if args else kwds.get("timeout")
    objects.emit(Kind.SYNC_WAIT, obj_id, a=-1 if timeout is None else int(timeout * 1e9))
    objects.emit_wait_site(obj_id)
    sink.flush()
    try:
        result = original(proxy, methodname, args, kwds)
    except BaseException:
        objects.emit(Kind.SYNC_DONE, obj_id, a=0)
        raise
    objects.emit(Kind.SYNC_DONE, obj_id, a=0 if result is False else 1)
    return result


def _signal(original, proxy, obj_id, methodname, args, kwds):
    result = original(proxy, methodname, args, kwds)
    objects.emit(Kind.SYNC_SIGNAL, obj_id, a=int(methodname == "set"))
    return result


_WAITS = {}
for _type in (ObjType.QUEUE, ObjType.JOINABLE_QUEUE):
    _WAITS[(_type, "put")] = _WAITS[(_type, "put_nowait")] = _queue_put
    _WAITS[(_type, "get")] = _queue_get
for _type in (ObjType.LOCK, ObjType.RLOCK, ObjType.SEMAPHORE, ObjType.CONDITION):
    _WAITS[(_type, "acquire")] = _acquire
    _WAITS[(_type, "release")] = _release
for _type in (ObjType.CONDITION, ObjType.EVENT, ObjType.BARRIER):
    _WAITS[(_type, "wait")] = _wait
for _name in ("notify", "notify_all", "set", "clear"):
    _WAITS[(ObjType.CONDITION, _name)] = _WAITS[(ObjType.EVENT, _name)] = _signal


def patch() -> None:
    managers.BaseManager._create = _create(managers.BaseManager._create)
    managers.BaseProxy._callmethod = _callmethod(managers.BaseProxy._callmethod)
