"""EventSink: the per-process buffer that carries events to the supervisor.

Each traced process opens its own channel (a `multiprocessing.connection` socket) when
it starts, so a process killed mid-write cannot wedge anybody else's events, and its
death shows at once as EOF on that channel.

Batching: a batch goes out when it holds 1024 rows, when its rows have waited 10 ms (a
small flusher thread sees to that, whatever the process is doing), and whenever a traced
call is about to block, so "waiting" shows while it waits.

Waits: a call that may block without knowing it will (a get on a queue that may be
empty) registers a pending wait and blocks at once.  If it is still blocked when the
flusher next looks (≥ 1 ms), the flusher records its start and sends it; if it returned
sooner, its owner records the wait only if it lasted ≥ 1 ms.  A get that did not block
thus costs no system call, which a readiness check before every get would.

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

from ipcscope.core.events import TEXT_KINDS, WIRE, Kind, encode_batch

_pack = WIRE.pack

MAX_ROWS = 1024
MAX_AGE_NS = 10_000_000
MAX_BACKLOG = 64             # batches (at most ~64k events) held while the channel is full
WAIT_SHOWN_NS = 1_000_000    # a pending wait this old is a wait worth showing
_sleep = time.sleep  # the real one; the scenario's is traced
_now = time.monotonic_ns


class EventSink:
    """Rows are packed as they are emitted and appended without a lock (list.append is
    atomic under the GIL); taking a batch out is locked, copies a prefix of the list and
    deletes exactly that prefix, so a row appended meanwhile by another thread stays for
    the next batch.  Rows that carry text take the lock, so their string indices match
    the batch they go in."""

    def __init__(self, address, authkey: bytes, *, bound_to_supervisor: bool = False,
                 greeted: tuple | None = None):
        if greeted is not None:
            # (connection, number): a channel made before this process was forked from
            # the supervisor's own, so there was nobody to greet (core/program_launch.py)
            self._conn, self.proc_number = greeted
        else:
            self._conn = Client(address, authkey=authkey)
            # The supervisor answers with this process's number in the run: the high
            # half of the 32-bit ids of objects this process makes (tracing/objects.py).
            self.proc_number = int.from_bytes(self._conn.recv_bytes(8), "little")
        # Re-entrant: a SIGTERM handler flushes, and may interrupt a flush in progress.
        self._lock = threading.RLock()
        # The batch being gathered, packed rows.  A hot path may append to it itself,
        # then call rows_added(len) when the length is one that matters (see row()).
        self.rows: list[bytes] = []
        self._strings: list[str] = []
        # pending waits not yet shown: [kind, obj, a, t, obj_high, thread ident]
        self.waits: list[list] = []
        # A traced program's: the program's line a thread is at (core/tracing/), so a wait
        # shown late still says where it waits.
        self.site_of_thread = None
        self._last_send = 0
        self._backlog: collections.deque[tuple[int, bytes, list[str]]] = collections.deque()
        self._dropped = 0
        self._writable = _WritableCheck(self._conn)
        self._broken = False
        self._has_rows = threading.Event()   # the flusher has something to look after
        self._closed = False
        threading.Thread(target=self._flush_aged, name="ipcscope-flusher", daemon=True).start()
        if bound_to_supervisor:
            threading.Thread(target=self._end_run_with_supervisor, name="ipcscope-lifeline",
                             daemon=True).start()

    def row(self, kind: int, obj: int = 0, item: int = 0, a: int = 0, b: int = 0,
            t: int | None = None) -> None:
        """One row without text: the hot path of every traced call.  (Rows wait for the
        flusher's age check: a clock comparison here cost every put and get more than it
        saved.)"""
        rows = self.rows
        rows.append(_pack(_now() if t is None else t, kind, obj, 0, item, a, b))
        n = len(rows)
        if n == 1 or n >= MAX_ROWS:
            self.rows_added(n)

    def rows_added(self, n: int) -> None:
        """The batch now holds n rows: send a full one, wake the flusher for a first."""
        if n >= MAX_ROWS:
            self.flush()
        elif not self._has_rows.is_set():
            self._has_rows.set()

    def emit(self, kind: int, obj: int = 0, item: int = 0, a: int = 0, b: int = 0,
             text: str | None = None, t: int | None = None, obj_high: int = 0) -> None:
        """`obj_high`: the high 16 bits of a 32-bit object id, `obj` its low 16 (as a
        signed short); see core/events.py."""
        if kind not in TEXT_KINDS:
            if obj_high:
                self.rows.append(_pack(_now() if t is None else t, kind, obj, obj_high,
                                       item, a, b))
                self.rows_added(len(self.rows))
            else:
                self.row(kind, obj, item, a, b, t)
            return
        with self._lock:
            self.rows.append(_pack(_now() if t is None else t, kind, obj, obj_high,
                                    len(self._strings), a, b))
            self._strings.append(text or "")
        self.rows_added(len(self.rows))

    def begin_wait(self, kind: int, obj: int, a: int, obj_high: int = 0) -> list:
        """A call may now block: row `kind` (stamped now) is recorded if it does."""
        token = [kind, obj, a, _now(), obj_high, threading.get_ident()]
        self.waits.append(token)
        if not self.rows:
            self.rows_added(1)   # the flusher may be parked: it must see the wait
        return token

    def end_wait(self, token: list, kind: int, obj: int, item: int = 0, a: int = 0,
                 shown: bool = False, obj_high: int = 0) -> None:
        """The call returned: record its start if it waited (or `shown`), then row
        `kind` with b = ns it took."""
        t = _now()
        rows, began = self.rows, token[3]
        try:
            self.waits.remove(token)
        except ValueError:
            # The flusher took it and recorded the start: it holds the lock until that
            # row is in, and the start must come before the end.
            with self._lock:
                pass
        else:
            if shown or t - began >= WAIT_SHOWN_NS:
                rows.append(_pack(began, token[0], token[1], token[4], 0, token[2], 0))
        rows.append(_pack(t, kind, obj, obj_high, item, a, t - began))   # row(), inlined: hot
        n = len(rows)
        if n == 1 or n >= MAX_ROWS:
            self.rows_added(n)

    def flush(self, final: bool = False) -> None:
        """Send what is buffered; `final` (at exit, or killed) shows every pending wait
        and waits until the backlog is out."""
        with self._lock:
            if final:
                self._show_waits_locked(older_than_ns=0)
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

    def _end_run_with_supervisor(self) -> None:
        """The run lives only as long as the IPC Scope that watches it.  The supervisor
        never writes after its greeting, so the channel turns readable only when it is
        gone (killed, crashed, its terminal closed): then end this process's whole
        group, the run (the resource tracker, outside it, then unlinks the run's
        semaphores and shared memory).  A channel this process closed itself says
        nothing."""
        try:
            select.select([self._conn], [], [])
        except (OSError, ValueError):
            return
        if self._closed or self._conn.closed:
            return
        try:
            os.killpg(os.getpgrp(), 9)
        except OSError:
            os.kill(os.getpid(), 9)

    def _show_waits_locked(self, older_than_ns: int) -> bool:
        now, shown = _now(), False
        for token in list(self.waits):
            if now - token[3] < older_than_ns:
                continue
            try:
                self.waits.remove(token)
            except ValueError:
                continue   # it just returned: its owner records it
            kind, obj, a, t, obj_high, thread = token
            self.rows.append(_pack(t, kind, obj, obj_high, 0, a, 0))
            site = self.site_of_thread(thread) if self.site_of_thread else None
            if site:
                self.rows.append(_pack(t, Kind.WAIT_SITE, obj, obj_high, len(self._strings),
                                       0, 0))
                self._strings.append(site)
            shown = True
        return shown

    def _send_locked(self, final: bool = False) -> None:
        rows = self.rows[:]
        if rows:
            del self.rows[:len(rows)]
            strings, self._strings = self._strings, []
            self._last_send = _now()
            if len(self._backlog) >= MAX_BACKLOG:
                self._dropped += self._backlog.popleft()[0]
            self._backlog.append((len(rows), b"".join(rows), strings))
        while self._backlog and not (self._broken or self._closed):
            if not final and not self._writable():
                return  # the supervisor is behind: keep the batch, do not wait
            n_rows, packed, strings = self._backlog.popleft()
            payload = encode_batch(packed, n_rows, strings, self._dropped)
            try:
                self._conn.send_bytes(payload)
                self._dropped = 0
            except (OSError, EOFError):
                self._broken = True  # the supervisor is gone; the scenario runs on untraced

    def _flush_aged(self) -> None:
        """The safety net for rows left behind while the process computes untraced, and
        the eye that sees a call blocked (see begin_wait)."""
        while not self._closed:
            self._has_rows.wait()
            _sleep(MAX_AGE_NS / 1e9)
            with self._lock:
                if self._closed:
                    return
                waits_shown = self._show_waits_locked(older_than_ns=WAIT_SHOWN_NS)
                if waits_shown or self._backlog or \
                        (self.rows and _now() - self._last_send >= MAX_AGE_NS):
                    self._send_locked()
                if not self.rows and not self._backlog and not self.waits:
                    self._has_rows.clear()
                    if self.rows or self.waits:  # appended between the check and the clear
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


class _Discard(list):
    def append(self, row) -> None:
        pass


class _Untraced:
    """Where the hot paths write when this process has no channel: nowhere."""
    rows = _Discard()

    def rows_added(self, n) -> None:
        pass

    def row(self, kind, obj=0, item=0, a=0, b=0, t=None) -> None:
        pass

    def begin_wait(self, kind, obj, a, obj_high=0) -> None:
        return None

    def end_wait(self, token, kind, obj, item=0, a=0, shown=False, obj_high=0) -> None:
        pass


_sink: EventSink | None = None
# The probe's hot paths call `sink.active.row(...)`: one lookup, no None check.
active: EventSink | _Untraced = _Untraced()


def current() -> EventSink | None:
    return _sink


def open_sink(address, authkey: bytes, *, bound_to_supervisor: bool = True,
              greeted: tuple | None = None) -> EventSink:
    """This process's channel; the process (and its run) dies with the supervisor.
    greeted: (connection, number) of a channel already open (see EventSink)."""
    global _sink, active
    _sink = active = EventSink(address, authkey, bound_to_supervisor=bound_to_supervisor,
                               greeted=greeted)
    return _sink


def _forget_in_child() -> None:
    global _sink, active
    if _sink is not None:
        _sink.drop_after_fork()
    _sink, active = None, _Untraced()


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
