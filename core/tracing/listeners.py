"""Listener and Client of a traced program (multiprocessing.connection).

A Listener is an object of its own, named from the program's line; accept() and
Client() connecting are waits on it.  Each connection made through it is traced like a
Pipe: the accepted end is end 0, the client's end 1, and both processes must give it
the same id without sending anything the program did not send (an untraced peer must
still understand the bytes).  So the id comes from what both ends can see of the
socket: for TCP the two addresses; for a Unix socket its path, the client's pid (the
listener reads it with SO_PEERCRED) and how many times that pid connected to that path
before.  Where neither works (Windows named pipes, a Unix socket without SO_PEERCRED)
the connection runs untraced.  The client announces the connection, named from its
line (`conn = Client(address)`), as soon as its socket is connected: before the
handshake of an authkey, before it sends a byte, so before the listener's side can
receive anything on it.
"""
from __future__ import annotations

import collections
import os
import socket
import struct
import sys
import threading
from multiprocessing import connection

from ipcscope.core import sink
from ipcscope.core.events import Kind, ObjType
from ipcscope.core.tracing import objects
from ipcscope.core.tracing.connections import _original_wait, stable_id

_Listener = connection.Listener
_original_client = connection.Client
_original_socket_client = connection.SocketClient
_connecting = threading.local()       # .name: what the program's Client() call makes
_PEERCRED = getattr(socket, "SO_PEERCRED", None)
_CRED = struct.Struct("3i")                 # pid, uid, gid
_connects: collections.Counter = collections.Counter()   # (path, pid) -> connections made
_accepts: collections.Counter = collections.Counter()    # (path, client pid) -> accepted


def listener_id(address) -> int:
    """From the address as either side has it: a path, or (host, port) by its port."""
    where = f"port {address[1]}" if isinstance(address, tuple) else str(address)
    return stable_id(f"listener|{where}")


def _socket_of(conn) -> socket.socket | None:
    try:
        fd = os.dup(conn.fileno())
    except (OSError, ValueError):
        return None                          # a closed end, a Windows pipe handle
    try:
        return socket.socket(fileno=fd)
    except OSError:
        os.close(fd)                         # not a socket
        return None


def _connection_key(conn, accepted: bool) -> str | None:
    """What both ends of one connection can tell of it, alike; None if they cannot
    (the peer already gone, a socket of another kind)."""
    sock = _socket_of(conn)
    if sock is None:
        return None
    with sock:
        try:
            return _key_of(sock, accepted)
        except OSError:
            return None


def _key_of(sock: socket.socket, accepted: bool) -> str | None:
    if sock.family in (socket.AF_INET, socket.AF_INET6):
        here, there = sock.getsockname(), sock.getpeername()
        client, server = (there, here) if accepted else (here, there)
        return f"inet|{client}|{server}"
    if sock.family != socket.AF_UNIX or _PEERCRED is None:
        return None
    if accepted:
        path = str(sock.getsockname())
        pid = _CRED.unpack(sock.getsockopt(socket.SOL_SOCKET, _PEERCRED, _CRED.size))[0]
        counter = _accepts
    else:
        path, pid, counter = str(sock.getpeername()), os.getpid(), _connects
    number = counter[(path, pid)]
    counter[(path, pid)] += 1
    return f"unix|{path}|{pid}|{number}"


def _tag(conn, accepted: bool, name: str | None = None) -> None:
    key = _connection_key(conn, accepted)
    if key is None:
        return
    pipe_id, end = stable_id(f"conn|{key}"), 0 if accepted else 1
    if name is not None:
        objects.emit(Kind.OBJ_CREATE, pipe_id, b=int(ObjType.PIPE), text=name)
    conn._ipcscope_pipe = (pipe_id, end)
    objects.emit(Kind.PIPE_HOLD, pipe_id, a=end)
    sink.flush()


def _waiting(obj_id: int, call, *args, **kwargs):
    """call(*args) shown as a wait on obj_id."""
    objects.emit(Kind.SYNC_WAIT, obj_id, a=-1)
    objects.emit_wait_site(obj_id)
    sink.flush()
    try:
        made = call(*args, **kwargs)
    except BaseException:
        objects.emit(Kind.SYNC_DONE, obj_id, a=0)
        raise
    objects.emit(Kind.SYNC_DONE, obj_id, a=1)
    return made


def _called_by_program() -> bool:
    """Is the caller of the function that asks the program's own code (not
    multiprocessing's: a manager's server, the channel of a traced process)?"""
    caller = sys._getframe(2)
    return objects.program_frame(caller) is caller


def _traced_init(original):
    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        name = objects.traced_name(self, "listener") if _called_by_program() else None
        if name:
            self._ipcscope_obj = listener_id(self.address)
            objects.emit(Kind.OBJ_CREATE, self._ipcscope_obj, b=int(ObjType.LISTENER),
                         text=name)
            sink.flush()
    return __init__


def _traced_accept(original):
    def accept(self):
        obj_id = self.__dict__.get("_ipcscope_obj", 0)
        if not obj_id or sink.current() is None or not _called_by_program():
            return original(self)
        inner = getattr(self._listener, "_socket", None)
        if inner is not None and _original_wait([inner], 0):
            conn = original(self)              # someone is there already: no wait
        else:
            conn = _waiting(obj_id, original, self)
        _tag(conn, accepted=True)
        return conn
    return accept


def Client(address, family=None, authkey=None):  # noqa: N802 - as multiprocessing
    if sink.current() is None or not _called_by_program():
        return _original_client(address, family, authkey)
    _connecting.name = objects.traced_name(object(), "connection") or "connection"
    try:
        return _waiting(listener_id(address), _original_client, address, family, authkey)
    finally:
        _connecting.name = None


def SocketClient(address):  # noqa: N802 - as multiprocessing
    """The socket of the program's Client() is connected: announce it now (Client()
    calls this first, then does the authkey's handshake)."""
    conn = _original_socket_client(address)
    name = getattr(_connecting, "name", None)
    if name is not None:
        _connecting.name = None
        _tag(conn, accepted=False, name=name)
    return conn


def patch() -> None:
    _Listener.__init__ = _traced_init(_Listener.__init__)
    _Listener.accept = _traced_accept(_Listener.accept)
    connection.Client = Client
    connection.SocketClient = SocketClient
