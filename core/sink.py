"""EventSink: the per-process buffer that carries events to the supervisor.

Each traced process opens its own channel (a `multiprocessing.connection` socket) when
it starts, so a process killed mid-write cannot wedge anybody else's events, and its
death shows at once as EOF on that channel.

Batching: a batch goes out when it holds 256 rows, when its oldest row is 10 ms old (a
small flusher thread sees to that while the process sleeps or computes), and whenever a
traced call is about to block, so "waiting on get" is seen while it waits.

Overload: a batch is written only when the channel can take it; otherwise it waits in
a small backlog, so a supervisor that cannot keep up never slows the scenario down.
When the backlog is full its oldest batch is dropped and counted, and the count rides
on the next batch that gets through.  At exit the backlog is sent, waiting if it must.
"""
from __future__ import annotations

import collections
import os
import select
import threading
import time
from multiprocessing.connection import Client

from core.events import WIRE, Kind, TEXT_KINDS, encode_batch

_pack = WIRE.pack

MAX_ROWS = 256
MAX_AGE_NS = 10_000_000
MAX_BACKLOG = 256            # batches (at most ~64k events) held while the channel is full
_sleep = time.sleep  # the real one; the scenario's is traced
_now = time.monotonic_ns


class EventSink:
    """Rows are appended without a lock (list.append is atomic under the GIL); taking a
    batch out is locked, copies a prefix of the list and deletes exactly that prefix, so
    a row appended meanwhile by another thread stays for the next batch.  Rows that
    carry text take the lock, so their string indices match the batch they go in."""

    def __init__(self, address, authkey: bytes):
        self._conn = Client(address, authkey=authkey)
        # Re-entrant: a SIGTERM handler flushes, and may interrupt a flush in progress.
        self._lock = threading.RLock()
        self._rows: list[tuple] = []
        self._strings: list[str] = []
        self._last_send = 0
        self._backlog: collections.deque[tuple[int, list, list[str]]] = collections.deque()
        self._dropped = 0
        self._writable = _WritableCheck(self._conn)
        self._broken = False
        self._has_rows = threading.Event()
        self._closed = False
        threading.Thread(target=self._flush_aged, name="ipcscope-flusher", daemon=True).start()

    def emit(self, kind: int, obj: int = 0, item: int = 0, a: int = 0, b: int = 0,
             text: str | None = None, t: int | None = None) -> None:
        if t is None:
            t = _now()
        rows = self._rows
        if kind in TEXT_KINDS:
            with self._lock:
                rows.append((t, kind, obj, 0, len(self._strings), a, b))
                self._strings.append(text or "")
        else:
            rows.append((t, kind, obj, 0, item, a, b))
        if len(rows) >= MAX_ROWS or t - self._last_send >= MAX_AGE_NS:
            self.flush()
        elif len(rows) == 1:
            self._has_rows.set()

    def flush(self, final: bool = False) -> None:
        """Send what is buffered; `final` (at exit) waits until the backlog is out."""
        with self._lock:
            self._send_locked(final)

    def close(self) -> None:
        self.flush(final=True)
        with self._lock:
            self._closed = True
            self._conn.close()

    def drop_after_fork(self) -> None:
        """In a forked child: forget the parent's rows and close our copy of its channel
        (a copy left open would hide the parent's death from the supervisor)."""
        self._closed = True
        try:
            self._conn.close()
        except OSError:
            pass

    def _send_locked(self, final: bool = False) -> None:
        rows = self._rows[:]
        if rows:
            del self._rows[:len(rows)]
            strings, self._strings = self._strings, []
            self._last_send = _now()
            if len(self._backlog) >= MAX_BACKLOG:
                self._dropped += len(self._backlog.popleft()[1])
            self._backlog.append((len(rows), rows, strings))
        while self._backlog and not (self._broken or self._closed):
            if not final and not self._writable():
                return  # the supervisor is behind: keep the batch, do not wait
            n_rows, rows, strings = self._backlog.popleft()
            payload = encode_batch(b"".join([_pack(*row) for row in rows]), n_rows, strings,
                                   self._dropped)
            try:
                self._conn.send_bytes(payload)
                self._dropped = 0
            except (OSError, EOFError):
                self._broken = True  # the supervisor is gone; the scenario runs on untraced

    def _flush_aged(self) -> None:
        """The safety net for rows left behind while the process computes untraced."""
        while not self._closed:
            self._has_rows.wait()
            _sleep(MAX_AGE_NS / 1e9)
            with self._lock:
                if self._closed:
                    return
                if self._backlog or (self._rows and _now() - self._last_send >= MAX_AGE_NS):
                    self._send_locked()
                if not self._rows and not self._backlog:
                    self._has_rows.clear()
                    if self._rows:  # appended between the check and the clear
                        self._has_rows.set()


class _WritableCheck:
    """Can the channel take a batch now?  (poll() with no wait; select.poll is made once.)"""

    def __init__(self, conn):
        self._poller = None
        if hasattr(select, "poll"):
            self._poller = select.poll()
            self._poller.register(conn.fileno(), select.POLLOUT)

    def __call__(self) -> bool:
        return self._poller is None or bool(self._poller.poll(0))


_sink: EventSink | None = None


def current() -> EventSink | None:
    return _sink


def open_sink(address, authkey: bytes) -> EventSink:
    global _sink
    _sink = EventSink(address, authkey)
    return _sink


def _forget_in_child() -> None:
    global _sink
    if _sink is not None:
        _sink.drop_after_fork()
    _sink = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)


def emit(kind: Kind, obj: int = 0, item: int = 0, a: int = 0, b: int = 0,
         text: str | None = None, t: int | None = None) -> None:
    sink = _sink
    if sink is not None:
        sink.emit(kind, obj, item, a, b, text, t)


def flush(final: bool = False) -> None:
    sink = _sink
    if sink is not None:
        sink.flush(final)
