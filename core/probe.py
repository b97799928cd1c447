"""Traced stand-ins for multiprocessing, `time` and `print`.

A scenario imports these instead of the real ones and otherwise reads like the
article:

    from ipcscope.core.probe import Process, Queue, time, print, params

Every call becomes events (see core/events.py).  A call that may block first tries
without blocking; only if it would wait does it record "waiting" and flush the batch,
so the supervisor sees the wait while it happens and the fast path stays cheap.  A
Queue.get cannot try cheaply (a readiness check is a system call per get), so it blocks
at once and the sink shows the wait if it lasts (sink.begin_wait).

State here is per process: `install()` sets it in the scenario's main process and the
child bootstrap sets it in every child.  Objects must be created in the main process
(object ids are that process's counter).
"""
from __future__ import annotations

import builtins
import io
import itertools
import multiprocessing
import multiprocessing.queues as _mp_queues
import os
import queue as _queue_mod
import select
import signal
import sys
import threading
import time as _time
import traceback
import weakref
from dataclasses import dataclass, field
from types import SimpleNamespace

from ipcscope.core import sink
from ipcscope.core.events import WIRE, Kind, ObjType, make_item_id

Full = _queue_mod.Full
Empty = _queue_mod.Empty
_now = _time.monotonic_ns
_pack = WIRE.pack
_BATCH_ROWS = sink.MAX_ROWS
_real_sleep = _time.sleep


@dataclass(frozen=True)
class RunConfig:
    """Everything a traced process needs to know, picklable for spawn."""
    address: object
    authkey: bytes
    scenario_id: str
    scenario_module: str
    params: dict = field(default_factory=dict)
    speed: float = 1.0
    start_method: str = "spawn"
    echo: bool = False
    niceness: int = 10   # the run yields the CPU to the supervisor that watches it


params = SimpleNamespace()   # the scenario's parameters, in every process
_config: RunConfig | None = None
_ctx = multiprocessing.get_context("spawn")
_obj_ids = itertools.count(1)
_exit_reason: list[str] = [""]          # why this process's target is about to end
_open_queues: "weakref.WeakSet[Queue]" = weakref.WeakSet()
_open_ends: "weakref.WeakSet[Connection]" = weakref.WeakSet()
_children: list = []
_helpers: list = []      # children IPC Scope does not trace (a Manager's server)
# Objects main created live as long as main does, like a script's module globals:
# a Lock collected when main() returns would unlink its semaphore before a spawned
# child had opened it.
_keep_alive: list = []
_watcher: "_ChildWatcher | None" = None


def install(config: RunConfig) -> None:
    """Make this process a traced one (the scenario's main, or a child)."""
    global _config, _ctx
    _config = config
    _ctx = multiprocessing.get_context(config.start_method)
    params.__dict__.clear()
    params.__dict__.update(config.params)
    sink.open_sink(config.address, config.authkey)


def speed() -> float:
    return _config.speed if _config else 1.0


def _scaled(seconds):
    return None if seconds is None else max(0.0, seconds / speed())


def _ns(seconds) -> int:
    return -1 if seconds is None else int(seconds * 1e9)


# Item ids, this process's pid << 32 | 1, 2, 3...: one counter, no arithmetic per item
# (a process that put more than 4 billion items would run into the next pid's range).
_item_ids = itertools.count(make_item_id(os.getpid(), 1))

# Kinds as plain ints for the hot paths (an IntEnum member lookup costs ~0.2 µs).
_PUT_END, _PUT_FULL = int(Kind.PUT_END), int(Kind.PUT_FULL)
_GET_BEGIN, _GET_END, _GET_EMPTY = int(Kind.GET_BEGIN), int(Kind.GET_END), int(Kind.GET_EMPTY)


def _new_item() -> int:
    return next(_item_ids)


class _ReadyCheck:
    """Is something waiting to be read on a connection?  A select.poll object made once:
    multiprocessing's Connection.poll() builds a selector on every call, which would
    cost more than the recv it guards."""

    def __init__(self, conn):
        self._conn = conn
        self._poller = None
        if hasattr(select, "poll"):
            self._poller = select.poll()
            self._poller.register(conn.fileno(), select.POLLIN)

    def __call__(self) -> bool:
        if self._poller is None:
            return self._conn.poll(0)
        return bool(self._poller.poll(0))


def set_exit_reason(reason: str) -> None:
    _exit_reason[0] = reason


def _report_semaphores(obj_id: int, *mp_objects) -> None:
    """Name each named semaphore an object made, so a run killed before its own exit
    handlers could unlink them can still be cleaned up (and tests can check it was)."""
    from multiprocessing import synchronize

    def walk(value, depth, seen):
        if id(value) in seen or depth > 3:
            return
        seen.add(id(value))
        if isinstance(value, synchronize.SemLock) and value._semlock.name:
            sink.emit(Kind.SEM_CREATE, obj_id, text=value._semlock.name)
        for inner in getattr(value, "__dict__", {}).values():
            if isinstance(inner, (synchronize.SemLock, synchronize.Condition,
                                  synchronize.Event)):
                walk(inner, depth + 1, seen)

    seen: set = set()
    for value in mp_objects:
        walk(value, 0, seen)


# --- time and print -----------------------------------------------------------------

class _TracedTime:
    """`time`, except that sleep() is the scenario's "work": traced and scaled by speed."""

    def __getattr__(self, name):
        return getattr(_time, name)

    @staticmethod
    def sleep(seconds: float) -> None:
        real = _scaled(seconds)
        sink.emit(Kind.WORK_BEGIN, a=int(real * 1e9))
        sink.flush()
        _real_sleep(real)
        sink.emit(Kind.WORK_END)


time = _TracedTime()


def print(*args, sep=" ", end="\n", file=None, flush=False):  # noqa: A001 - shadows on purpose
    if file is not None and file not in (sys.stdout, sys.stderr):
        builtins.print(*args, sep=sep, end=end, file=file, flush=flush)
        return
    buffer = io.StringIO()
    builtins.print(*args, sep=sep, end=end, file=buffer)
    sink.emit(Kind.PRINT, text=buffer.getvalue().rstrip("\n"))
    if _config is not None and _config.echo:
        builtins.print(*args, sep=sep, end=end, flush=True)


# --- Process ------------------------------------------------------------------------

class StartGate:
    """Holds started processes at their first line until all have arrived, then lets
    them go at once, so racers race.

    Spawned children start one by one (70 take seconds); without a gate the first
    ones finish before the last exist and the race the article describes never happens.
    `open()` waits for every holder to arrive, then releases a plain semaphore once per
    holder: they wake together (an Event's notify_all wakes them one by one)."""

    def __init__(self):
        self._arrived = _ctx.Semaphore(0)
        self._go = _ctx.Semaphore(0)
        self._holders = 0
        _report_semaphores(0, self._arrived, self._go)
        _keep_alive.append(self)

    def __getstate__(self):
        return self._arrived, self._go

    def __setstate__(self, state):
        (self._arrived, self._go), self._holders = state, 0

    def hold(self) -> None:
        self._holders += 1

    def wait(self) -> None:
        sink.emit(Kind.GATE_WAIT)
        sink.flush()
        self._arrived.release()
        self._go.acquire()
        sink.emit(Kind.GATE_PASS)

    def open(self) -> None:
        sink.emit(Kind.GATE_WAIT)
        sink.flush()
        for _ in range(self._holders):
            self._arrived.acquire()
        for _ in range(self._holders):
            self._go.release()
        self._holders = 0
        sink.emit(Kind.GATE_PASS)


_process_numbers = itertools.count(1)


class Process:
    """multiprocessing.Process whose child is traced.  Its name is `name`, else the
    first string argument (the article passes names like '吉祥' that way)."""

    def __init__(self, target, args=(), kwargs=None, name=None, daemon=None,
                 start_gate: StartGate | None = None):
        role = getattr(target, "__name__", "process")
        label = name or next((a for a in args if isinstance(a, str)), None)
        if label is not None and label.isdigit():
            label = f"{role} {label}"  # the article names some processes '0', '1', ...
        label = label or f"{role}-{next(_process_numbers)}"
        if start_gate is not None:
            start_gate.hold()
        self._p = _ctx.Process(
            target=_child_main,
            args=(_config, label, role, target, tuple(args), dict(kwargs or {}), start_gate),
            name=label, daemon=daemon)

    name = property(lambda self: self._p.name)
    pid = property(lambda self: self._p.pid)
    exitcode = property(lambda self: self._p.exitcode)
    sentinel = property(lambda self: self._p.sentinel)
    daemon = property(lambda self: self._p.daemon,
                      lambda self, value: setattr(self._p, "daemon", value))

    def start(self) -> None:
        self._p.start()
        sink.emit(Kind.SPAWNED, a=self._p.pid)
        _children.append(self._p)
        _ensure_watcher().wake()

    def join(self, timeout=None) -> None:
        if self._p.exitcode is not None:
            return self._p.join(0)
        sink.emit(Kind.PJOIN_BEGIN, a=self._p.pid or 0)
        sink.flush()
        self._p.join(_scaled(timeout))
        sink.emit(Kind.PJOIN_END, a=self._p.pid or 0)

    def is_alive(self) -> bool:
        return self._p.is_alive()

    def terminate(self) -> None:
        self._p.terminate()

    def kill(self) -> None:
        self._p.kill()


class _ChildWatcher(threading.Thread):
    """Reports each child's exit code (or signal) the moment it ends.  The supervisor
    is not the children's parent, so only this process can know."""

    def __init__(self):
        super().__init__(name="ipcscope-child-watcher", daemon=True)
        self._reported: set[int] = set()
        self._wake_r, self._wake_w = os.pipe()

    def wake(self) -> None:
        os.write(self._wake_w, b"x")

    def run(self) -> None:
        from multiprocessing.connection import wait
        while True:
            pending = [p for p in list(_children) + list(_helpers)
                       if p.pid not in self._reported]
            ready = wait([p.sentinel for p in pending] + [self._wake_r], timeout=0.5)
            if self._wake_r in ready:
                os.read(self._wake_r, 4096)
            for p in pending:
                if p.sentinel in ready:
                    code = _peek_exit_code(p)
                    if code is not None:
                        self._reported.add(p.pid)
                        sink.emit(Kind.CHILD_EXIT, a=p.pid, b=code)
                        sink.flush()


def _peek_exit_code(p) -> int | None:
    """Exit code of an ended child without reaping it (its join() still must)."""
    if hasattr(os, "waitid"):
        try:
            info = os.waitid(os.P_PID, p.pid, os.WEXITED | os.WNOWAIT | os.WNOHANG)
        except ChildProcessError:
            return p.exitcode  # join() reaped it already
        if info is None:
            return None
        return -info.si_status if info.si_code in (os.CLD_KILLED, os.CLD_DUMPED) \
            else info.si_status
    return p.exitcode


def _ensure_watcher() -> _ChildWatcher:
    global _watcher
    if _watcher is None:
        _watcher = _ChildWatcher()
        _watcher.start()
    return _watcher


def _forget_children_after_fork() -> None:
    global _watcher, _item_ids
    _watcher = None
    _children.clear()
    _helpers.clear()
    _item_ids = itertools.count(make_item_id(os.getpid(), 1))


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_children_after_fork)


def _child_main(config, label, role, target, args, kwargs, start_gate):
    """Runs first in every traced child: open its channel, then the article's target."""
    held = list(_open_ends) if config.start_method == "fork" else []
    install(config)
    announce(label, role, multiprocessing.current_process().daemon)
    held += [a for a in list(args) + list(kwargs.values()) if isinstance(a, Connection)]
    for end in {id(e): e for e in held if not e.closed}.values():
        sink.emit(Kind.PIPE_HOLD, obj=end._obj, a=end._end)
    signal.signal(signal.SIGTERM, _die_on_sigterm)
    if start_gate is not None:
        for arg in args:
            if isinstance(arg, DictProxy):
                arg.connect()  # the manager connection takes a while: make it before the race
        start_gate.wait()
    code = 0
    try:
        target(*args, **kwargs)
        sink.emit(Kind.TARGET_END, a=0, item=0)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        sink.emit(Kind.TARGET_END, a=0 if code == 0 else 1)
    except BaseException as error:  # noqa: BLE001 - every crash is shown, not hidden
        record_exception(error)
        code = 1
    report_exit_when_gone(code, _exit_reason[0] or "returned")
    sys.exit(code)


def report_exit_when_gone(code: int, reason: str) -> None:
    """Say "exited" only when really leaving: after multiprocessing's exit handlers,
    which wait until everything this process put on a queue is flushed into its pipe
    (until then the process is seen finishing but not gone: see join-before-drain)."""
    from multiprocessing import util

    def report():
        sink.emit(Kind.PROC_EXIT, a=code, text=reason)
        sink.flush(final=True)
    util.Finalize(None, report, exitpriority=-100)


def announce(label: str, role: str, daemon: bool, extra: str = "") -> None:
    text = "\x1f".join([label, role, "1" if daemon else "0", extra])
    sink.emit(Kind.PROC_START, a=os.getpid(), b=os.getppid(), text=text)
    sink.flush()


def record_exception(error: BaseException) -> None:
    sink.emit(Kind.EXCEPTION, text="".join(
        traceback.format_exception(type(error), error, error.__traceback__)))
    sink.emit(Kind.TARGET_END, a=1)
    set_exit_reason(f"exception: {type(error).__name__}")


def _die_on_sigterm(signum, frame):
    """A terminated child says so, then really dies by SIGTERM (its exit code tells)."""
    sink.emit(Kind.PROC_EXIT, a=-signum, b=signum, text="terminated")
    sink.flush(final=True)
    for q in list(_open_queues):
        q.cancel_join_thread()
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


# --- Queue and JoinableQueue --------------------------------------------------------

# multiprocessing.Queue's put() and blocking get(), inlined in Queue below.  In a flood the
# producer's put loop and the consumer's get loop are the critical path, and there a
# call, and put's notify() of nobody, cost about what the row that traces them costs
# (measured in place: 2.2 µs a traced put inlined against 3.1 µs calling q.put; a raw
# put is 0.9-1.6 µs).  Inlined only where the stdlib's methods are the ones this was
# written against (3.10-3.13: the same names in the same order); else they are called.
_INLINE_PUT = _mp_queues.Queue.put.__code__.co_names == (
    "_closed", "ValueError", "_sem", "acquire", "Full", "_notempty", "_thread",
    "_start_thread", "_buffer", "append", "notify") and \
    hasattr(threading.Condition(), "_waiters")
_INLINE_GET = _mp_queues.Queue.get.__code__.co_names == (
    "_closed", "ValueError", "_rlock", "_recv_bytes", "_sem", "release", "time",
    "monotonic", "acquire", "Empty", "_poll", "_ForkingPickler", "loads")
_loads = _mp_queues._ForkingPickler.loads


class Queue:
    """multiprocessing.Queue whose items carry an identity (producer pid + sequence)."""
    _type = ObjType.QUEUE
    _inline_put = _INLINE_PUT
    _inline_get = _INLINE_GET

    def __init__(self, maxsize: int = 0, *, name: str | None = None):
        self._q = self._make(maxsize)
        self._maxsize = maxsize
        self._obj = next(_obj_ids)
        self._name = name or f"queue{self._obj}"
        sink.emit(Kind.OBJ_CREATE, obj=self._obj, a=maxsize, b=self._type, text=self._name)
        _report_semaphores(self._obj, self._q)
        _open_queues.add(self)
        _keep_alive.append(self)

    def _make(self, maxsize):
        return _ctx.Queue(maxsize)

    def __getstate__(self):
        return self._q, self._maxsize, self._obj, self._name

    def __setstate__(self, state):
        self._q, self._maxsize, self._obj, self._name = state
        _open_queues.add(self)

    def put(self, obj, block: bool = True, timeout: float | None = None) -> None:
        item = next(_item_ids)
        payload = (item, obj)
        q = self._q
        if self._inline_put:
            # q.put(payload, False), inlined (see _INLINE_PUT)
            if q._closed:
                raise ValueError(f"Queue {q!r} is closed")
            put_now = q._sem.acquire(False)
            if put_now:
                notempty = q._notempty
                with notempty:
                    if q._thread is None:
                        q._start_thread()
                    q._buffer.append(payload)
                    if notempty._waiters:      # notify() with no waiter does nothing
                        notempty.notify()
        else:
            try:
                q.put(payload, False)
                put_now = True
            except Full:
                put_now = False
        if not put_now:
            self._put_when_full(item, payload, obj, block, timeout)
            return
        # sink.row(), inlined: in a flood the producer's put loop is the critical path,
        # and a call there cost ~0.5 µs (measured: put loop 0.49 s with an empty call
        # per put against 0.40 s without)
        rows = sink.active.rows
        rows.append(_pack(_now(), _PUT_END, self._obj, 0, item, obj is None, 0))
        n = len(rows)
        if n == 1 or n >= _BATCH_ROWS:
            sink.active.rows_added(n)

    def _put_when_full(self, item: int, payload: tuple, obj, block: bool,
                       timeout: float | None) -> None:
        if not block:
            sink.active.row(_PUT_FULL, self._obj, item)
            raise Full
        started = _now()
        sink.emit(Kind.PUT_BEGIN, self._obj, item, a=_ns(_scaled(timeout)))
        sink.flush()
        try:
            self._q.put(payload, True, _scaled(timeout))
        except Full:
            sink.emit(Kind.PUT_FULL, self._obj, item)
            raise
        sink.emit(Kind.PUT_END, self._obj, item, a=obj is None, b=_now() - started)

    def get(self, block: bool = True, timeout: float | None = None):
        if not block:
            try:
                item, obj = self._q.get(False)
            except Empty:
                sink.emit(Kind.GET_EMPTY, self._obj, a=0)
                _exit_reason[0] = "empty"
                raise
            sink.active.row(_GET_END, self._obj, item, obj is None)
            _exit_reason[0] = "sentinel" if obj is None else ""
            return obj
        # Block at once: the sink shows the wait if it lasts (see sink.begin_wait), so
        # a get that finds an item costs no readiness check.
        limit = -1 if timeout is None else int(_scaled(timeout) * 1e9)
        channel = sink.active
        waiting = channel.begin_wait(_GET_BEGIN, self._obj, limit)
        try:
            if timeout is None and self._inline_get:
                # q.get(), inlined (see _INLINE_GET)
                q = self._q
                if q._closed:
                    raise ValueError(f"Queue {q!r} is closed")
                with q._rlock:
                    res = q._recv_bytes()
                q._sem.release()
                item, obj = _loads(res)
            else:
                item, obj = self._q.get(True, None if timeout is None else _scaled(timeout))
        except Empty:
            channel.end_wait(waiting, _GET_EMPTY, self._obj, a=limit, shown=True)
            _exit_reason[0] = "timeout"
            raise
        channel.end_wait(waiting, _GET_END, self._obj, item, obj is None)
        _exit_reason[0] = "sentinel" if obj is None else ""
        return obj

    def put_nowait(self, obj) -> None:
        self.put(obj, False)

    def get_nowait(self):
        return self.get(False)

    def qsize(self) -> int:
        return self._q.qsize()

    def empty(self) -> bool:
        return self._q.empty()

    def full(self) -> bool:
        return self._q.full()

    def close(self) -> None:
        self._q.close()

    def join_thread(self) -> None:
        self._q.join_thread()

    def cancel_join_thread(self) -> None:
        self._q.cancel_join_thread()


class JoinableQueue(Queue):
    _type = ObjType.JOINABLE_QUEUE
    _inline_put = False    # its put() also counts the task: called, not inlined

    def _make(self, maxsize):
        return _ctx.JoinableQueue(maxsize)

    def task_done(self) -> None:
        self._q.task_done()
        sink.emit(Kind.TASK_DONE, self._obj)

    def join(self) -> None:
        sink.emit(Kind.QJOIN_BEGIN, self._obj)
        sink.flush()
        self._q.join()
        sink.emit(Kind.QJOIN_END, self._obj)


# --- Pipe ---------------------------------------------------------------------------

def Pipe(duplex: bool = True, *, name: str | None = None):  # noqa: N802 - as multiprocessing
    a, b = _ctx.Pipe(duplex)
    obj = next(_obj_ids)
    sink.emit(Kind.OBJ_CREATE, obj=obj, a=0, b=ObjType.PIPE, text=name or f"pipe{obj}")
    ends = Connection(a, obj, 0), Connection(b, obj, 1)
    _keep_alive.extend(ends)
    for end in ends:
        sink.emit(Kind.PIPE_HOLD, obj=obj, a=end._end)
    return ends


class Connection:
    """One end of a Pipe.  Like the real one, it is not process-safe: several readers
    of one end can split a message between them; recv() then raises as it would."""

    def __init__(self, conn, obj: int, end: int):
        self._conn, self._obj, self._end = conn, obj, end
        self._ready = None
        _open_ends.add(self)

    def __getstate__(self):
        return self._conn, self._obj, self._end

    def __setstate__(self, state):
        self._conn, self._obj, self._end = state
        self._ready = None
        _open_ends.add(self)

    @property
    def closed(self) -> bool:
        return self._conn.closed

    def fileno(self) -> int:
        return self._conn.fileno()

    def poll(self, timeout: float | None = 0.0) -> bool:
        return self._conn.poll(_scaled(timeout))

    def send(self, obj) -> None:
        item = _new_item()
        self._conn.send((item, obj))
        sink.emit(Kind.SEND, self._obj, item, a=self._end)

    def recv(self):
        # Always marked, even when a message is ready: readers that share one end are
        # only seen reading at the same time if every read has a start.
        started = _now()
        if self._ready is None:
            self._ready = _ReadyCheck(self._conn)
        sink.emit(Kind.RECV_BEGIN, self._obj, a=self._end, t=started)
        if not self._ready():
            sink.flush()
        try:
            message = self._conn.recv()
        except EOFError:
            sink.emit(Kind.RECV_EOF, self._obj, a=self._end)
            set_exit_reason("eof")
            raise
        except Exception as error:
            sink.emit(Kind.RECV_CORRUPT, self._obj, a=self._end,
                      text=f"{type(error).__name__}: {error}"[:200])
            raise
        waited = _now() - started
        if not (isinstance(message, tuple) and len(message) == 2
                and isinstance(message[0], int)):
            sink.emit(Kind.RECV_CORRUPT, self._obj, a=self._end,
                      text=f"not a whole message: {message!r}"[:200])
            return message
        item, obj = message
        sink.emit(Kind.RECV_END, self._obj, item, a=self._end, b=waited)
        set_exit_reason("")
        return obj

    def close(self) -> None:
        if not self._conn.closed:
            self._conn.close()
            sink.emit(Kind.PIPE_CLOSE, self._obj, a=self._end)


# --- Lock, RLock --------------------------------------------------------------------

class Lock:
    _type = ObjType.LOCK

    def __init__(self, *, name: str | None = None):
        self._lock = self._make()
        self._obj = next(_obj_ids)
        sink.emit(Kind.OBJ_CREATE, obj=self._obj, b=self._type, text=name or f"lock{self._obj}")
        _report_semaphores(self._obj, self._lock)
        _keep_alive.append(self)

    def _make(self):
        return _ctx.Lock()

    def __getstate__(self):
        return self._lock, self._obj

    def __setstate__(self, state):
        self._lock, self._obj = state

    def acquire(self, block: bool = True, timeout: float | None = None) -> bool:
        if self._lock.acquire(False):
            sink.emit(Kind.LOCK_ACQUIRED, self._obj)
            return True
        if not block:
            return False
        started = _now()
        sink.emit(Kind.LOCK_WAIT, self._obj)
        sink.flush()
        got = self._lock.acquire(True, _scaled(timeout))
        if got:
            sink.emit(Kind.LOCK_ACQUIRED, self._obj, b=_now() - started)
        return got

    def release(self) -> None:
        self._lock.release()
        sink.emit(Kind.LOCK_RELEASE, self._obj)

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc):
        self.release()


class RLock(Lock):
    _type = ObjType.RLOCK

    def _make(self):
        return _ctx.RLock()


# --- Manager().dict() ---------------------------------------------------------------

class Manager:
    """A multiprocessing Manager whose dict() is traced.  `d[k] -= 1` is two round
    trips to the manager (a read, then a write): other processes can write between."""

    def __init__(self):
        self._manager = _ctx.Manager()
        _keep_alive.append(self)
        # Its server is not traced, but this process is its parent: say it started it
        # (b=1: a helper, no channel to wait for) and report how it ends, so a server
        # killed mid-run is named as what broke every proxy to it.
        server = self._manager._process
        sink.emit(Kind.SPAWNED, a=server.pid, b=1)
        _helpers.append(server)     # watched, never joined: it ends with its manager
        _ensure_watcher().wake()

    def dict(self, *args, name: str | None = None, **kwargs):
        obj = next(_obj_ids)
        sink.emit(Kind.OBJ_CREATE, obj=obj, b=ObjType.DICT, text=name or f"dict{obj}")
        return DictProxy(self._manager.dict(*args, **kwargs), obj)

    def shutdown(self) -> None:
        self._manager.shutdown()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.shutdown()


def _int_or_zero(value) -> tuple[int, int]:
    if isinstance(value, int) and not isinstance(value, bool) and -2**63 <= value < 2**63:
        return value, 1
    return 0, 0


class DictProxy:
    def __init__(self, proxy, obj: int):
        self._proxy, self._obj = proxy, obj

    def __getstate__(self):
        return self._proxy, self._obj

    def __setstate__(self, state):
        self._proxy, self._obj = state

    def connect(self) -> None:
        """Open this process's connection to the manager now, untraced."""
        self._proxy._callmethod("__len__")

    def __getitem__(self, key):
        value = self._proxy[key]
        number, known = _int_or_zero(value)
        sink.emit(Kind.DICT_READ, self._obj, a=number, b=known, text=str(key))
        return value

    def __setitem__(self, key, value) -> None:
        self._proxy[key] = value
        number, known = _int_or_zero(value)
        sink.emit(Kind.DICT_WRITE, self._obj, a=number, b=known, text=str(key))

    def get(self, key, default=None):
        return self[key] if key in self._proxy else default

    def __contains__(self, key) -> bool:
        return key in self._proxy

    def __len__(self) -> int:
        return len(self._proxy)

    def keys(self):
        return self._proxy.keys()

    def items(self):
        return self._proxy.items()

    def copy(self) -> dict:
        return self._proxy.copy()

    def __repr__(self) -> str:
        """print(dic) in the article: one round trip; the values it shows are reads."""
        snapshot = self._proxy.copy()
        for key, value in snapshot.items():
            number, known = _int_or_zero(value)
            sink.emit(Kind.DICT_READ, self._obj, a=number, b=known, text=str(key))
        return repr(snapshot)

    __str__ = __repr__
