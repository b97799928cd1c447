"""Supervisor: starts a run, carries its events out, decides how it ended, stops it.

One thread drives it: `start()`, then `poll()` until `finished`, then read `status`.
`request_stop()` may be called from any thread.  Nothing here imports Qt: the CLI calls
poll() in a loop, the GUI's bridge does the same in a QThread.

Statuses
    completed  the scenario's main returned and every process is gone
    stalled    processes alive, every one blocked with no timeout, nothing for stall_after
    crashed    a process died by a signal or an exception (status sticks to the end)
    timeout    the run took longer than `timeout` seconds
    stopped    request_stop() ended it
"""
from __future__ import annotations

import math
import multiprocessing
import os
import select
import shutil
import signal
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

import numpy as np
from ipcscope.core import probe, processes, runner, scenarios
from ipcscope.core import rows as event_rows
from ipcscope.core.events import NUMPY_FIELDS, TEXT_KINDS, Kind, decode_batch_parts, kind_table
from ipcscope.core.model import unstarted_reason
from ipcscope.core.program import Program
from ipcscope.core.program_launch import Launch, greet

EVENT_DTYPE = np.dtype(NUMPY_FIELDS)
_IS_TEXT = np.array(kind_table(TEXT_KINDS))
STATUSES = ("completed", "stalled", "crashed", "timeout", "stopped")
STALL_AFTER_S = 3.0          # at speed 1; scaled by speed, never below STALL_FLOOR_S
STALL_FLOOR_S = 0.5
STOP_POLITE_S = 1.0          # SIGTERM, then this long before SIGKILL
STOP_TOTAL_S = 2.0
DRAIN_BUDGET_S = 0.02        # one poll() reads for at most this long
STARVED_RECHECK_S = 0.5      # a run that looks stalled but has a runnable thread: look again
MAX_INTERNED = 100_000        # texts remembered for reuse; past it, new ones are kept as sent
MAX_INTERNED_CHARS = 400     # (a long print is seldom sent twice)

# After these, a process waits until someone else acts (a = -1: no timeout).
_WAITS_FOREVER_IF_NO_TIMEOUT = {Kind.PUT_BEGIN, Kind.GET_BEGIN, Kind.SYNC_WAIT}
_WAITS_FOREVER = {Kind.RECV_BEGIN, Kind.LOCK_WAIT, Kind.QJOIN_BEGIN, Kind.PJOIN_BEGIN,
                  Kind.GATE_WAIT, Kind.TARGET_END}
# Reports about someone else, or from a helper thread: they say nothing of this
# process's own state.
_NOT_STATE = {Kind.CHILD_EXIT, Kind.STDERR, Kind.EXCEPTION, Kind.PIPE_HOLD, Kind.WAIT_SITE,
              Kind.TERMINATE}
_IS_LIFE = np.array(kind_table([Kind.PROC_START, Kind.PROC_EXIT, Kind.EXCEPTION, Kind.SPAWNED,
                                Kind.TERMINATE,
                                Kind.CHILD_EXIT, Kind.SEM_CREATE]))


class _ReadySet:
    """Which of the run's channels (and the listener, and main's sentinel) can be read:
    one select.poll kept for the run.  multiprocessing.connection.wait builds and fills
    a new selector on every call, which cost more than the reading it guarded."""

    def __init__(self, watched):
        self._by_fd: dict[int, object] = {}
        self._poll = select.poll() if hasattr(select, "poll") else None
        for thing in watched:
            self.add(thing)

    def add(self, thing) -> None:
        fd = thing if isinstance(thing, int) else thing.fileno()
        self._by_fd[fd] = thing
        if self._poll is not None:
            self._poll.register(fd, select.POLLIN)

    def discard(self, thing) -> None:
        for fd, known in list(self._by_fd.items()):
            if known == thing:
                del self._by_fd[fd]
                if self._poll is not None:
                    self._poll.unregister(fd)

    def wait(self, timeout_s: float) -> list:
        if self._poll is None:
            return wait(list(self._by_fd.values()), timeout=timeout_s)
        timeout_ms = math.ceil(max(0.0, timeout_s) * 1000)
        return [self._by_fd[fd] for fd, _ in self._poll.poll(timeout_ms) if fd in self._by_fd]


def _wait_gone(pid: int, deadline: float) -> bool:
    """processes.wait_gone (which polls every 10 ms), woken the moment pid ends where
    Linux gives a pidfd: the resource tracker often ends just after the run.  False if
    it had to be killed."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):     # no such process (any more), or no pidfd here
        fd = None
    if fd is not None:
        try:
            select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        finally:
            os.close(fd)
    return processes.wait_gone(pid, deadline)


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass


class ObjectIds:
    """Object ids made outside the main process (32 bits: the maker's process number and
    a counter, core/tracing/objects.py) turned into the run's small ones, counted down
    from 32767 so they never meet the main process's, counted up from 1."""

    def __init__(self):
        self._small: dict[int, int] = {}

    def compact(self, rows: np.ndarray) -> None:
        made_elsewhere = rows["proc"] != 0
        keys = (rows["proc"][made_elsewhere].astype(np.int64) << 16) | \
            (rows["obj"][made_elsewhere].astype(np.int64) & 0xFFFF)
        unique, where = np.unique(keys, return_inverse=True)
        small = np.array([self._small.setdefault(int(key), 32767 - len(self._small))
                          for key in unique.tolist()], dtype=np.int16)
        rows["obj"][made_elsewhere] = small[where]


@dataclass
class Batch:
    """Events drained in one poll, in arrival order.  Rows of TEXT_KINDS point (item)
    into the run's string list; `strings` are the ones this batch adds to it."""
    rows: np.ndarray
    strings: list[str] = field(default_factory=list)


@dataclass
class _Live:
    proc: int
    os_pid: int = 0
    name: str = ""
    daemon: bool = False
    last_kind: int = 0
    last_a: int = 0
    exit_reason: str = ""
    exception: bool = False
    open: bool = True


class Supervisor:
    """Runs a scenario (`scenario_id`) or a program of the user's own (`program`: its
    main is started by core/program.py and traced by core/tracing/).  A program's run
    is ended as stalled only if `stall_after` is given; `launch`: the program already
    started (core/program_launch.py), else start() starts it."""

    def __init__(self, scenario_id: str | None = None, params: dict | None = None, *,
                 speed: float = 1.0, timeout: float | None = 120.0,
                 stall_after: float | None = None, echo: bool = False,
                 program: Program | None = None, launch: Launch | None = None):
        self.program = program
        self._launch = launch
        if program is not None:
            program.check()
            self.scenario, self.params = None, {}
        else:
            self.scenario = scenarios.get(scenario_id)
            self.params = self.scenario.resolve(params or {})
        if not (0.01 <= speed <= 1000):
            raise scenarios.ParamError(f"speed must be between 0.01 and 1000, not {speed}.")
        if timeout is not None and timeout <= 0:
            raise scenarios.ParamError(f"timeout must be more than 0 seconds, not {timeout}.")
        self.speed = speed
        self.timeout = timeout
        if stall_after is not None and not stall_after > 0:
            raise scenarios.ParamError(f"stall must be more than 0 seconds, not {stall_after}.")
        self.stall_after = max(STALL_FLOOR_S, (stall_after or STALL_AFTER_S) / speed)
        self.stall_check = program is None or stall_after is not None
        self.echo = echo
        self.status: str | None = None
        self.started_at = 0.0
        self.ended_at = 0.0
        self.leftover_processes = 0
        self.events = 0
        self.dropped_events = 0      # thrown away by children whose channel stayed full
        self._stop_requested = threading.Event()
        self._conns: dict[Connection, _Live] = {}
        self._ready: _ReadySet | None = None
        self._lives: list[_Live] = []
        self._pending_rows: list[np.ndarray] = []
        self._pending_strings: list[str] = []
        self._n_strings = 0
        self._string_index: dict[str, int] = {}   # text -> its index (see _interned)
        self._starved_until = 0.0          # a thread of the run was runnable: not stalled
        self._crashed = False
        self._last_event_at = 0.0
        self._main_gone_at: float | None = None
        self._tracker_pid = 0
        self._starting: set[int] = set()   # os pids spawned, not yet connected or ended
        # os pids that said they started or were seen to end: a forked child's start can
        # come in on its own channel before its parent's word that it spawned it
        self._arrived: set[int] = set()
        self._terminated: set[int] = set()   # os pids a parent terminate()d or kill()ed
        self._abrupt: set[int] = set()       # a program's processes gone without a word
        self._spawned_at: dict[int, int] = {}
        # children that ended before their tracing said who they are (SIGKILLed while
        # starting): os pid -> (exit code, parent's os pid, when the parent saw it)
        self._unstarted: dict[int, tuple[int, int, int]] = {}
        self._semaphores: list[str] = []   # named semaphores the run created
        self.semaphores_unlinked = 0       # ...that IPC Scope had to unlink itself
        self._stdio_offset = 0
        self._stdio_partial = b""
        self._teardown_done = False
        self._object_ids = ObjectIds()

    # --- life cycle -------------------------------------------------------------------

    def start(self) -> None:
        if self.program is not None:
            launch = self._launch or Launch(self.program, echo=self.echo, greeter=False)
            self._dir, self._address, self._authkey = launch.dir, launch.address, launch.authkey
            self._listen, self._stdio_path = launch.listen, launch.stdio_path
            self.started_at = self._last_event_at = launch.started_at
            self._main = launch.main
            for conn in launch.take_channels():     # greeted while this was imported
                self._add_channel(conn)
            if launch.stop_requested:
                self.request_stop()
            return
        processes.become_subreaper()
        self._dir = tempfile.mkdtemp(prefix="ipcscope-")
        self._address = os.path.join(self._dir, "events.sock")
        self._authkey = os.urandom(32)
        self._listen = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._listen.bind(self._address)
        self._listen.listen(512)
        self._listen.setblocking(False)
        self._stdio_path = os.path.join(self._dir, "stdio.log")
        config = probe.RunConfig(
            address=self._address, authkey=self._authkey, scenario_id=self.scenario.id,
            scenario_module=scenarios.module_name(self.scenario.id),
            params=dict(self.params), speed=self.speed,
            start_method=self.params.get("start_method", "spawn"), echo=self.echo)
        # The app's own process never forks (it runs Qt threads): spawn, everywhere.
        self._main = multiprocessing.get_context("spawn").Process(
            target=runner.scenario_main, args=(config, self._stdio_path),
            name=f"ipcscope-{self.scenario.id}")
        self.started_at = self._last_event_at = time.monotonic()
        self._main.start()

    @property
    def finished(self) -> bool:
        return self.status is not None

    @property
    def processes_alive(self) -> int:
        return sum(1 for live in self._lives if live.open)

    def request_stop(self) -> None:
        self._stop_requested.set()

    def poll(self, wait_s: float = DRAIN_BUDGET_S) -> Batch | None:
        """Drain what arrived (waiting at most wait_s for something), decide the status,
        and return the new events, or None if there are none."""
        if self.status is None:
            self._drain(wait_s)
            self._read_stdio()
            self._decide()
        return self._take_batch()

    def run_to_end(self, on_batch=None) -> str:
        """Poll until the run ends; hand each batch to on_batch.  Returns the status."""
        try:
            while not self.finished:
                batch = self.poll()
                if batch is not None and on_batch is not None:
                    on_batch(batch)
        except BaseException:
            self.request_stop()
            self._teardown("stopped")
            batch = self._take_batch()     # the stop's own events: the trace stays whole
            if batch is not None and on_batch is not None:
                on_batch(batch)
            raise
        batch = self._take_batch()
        if batch is not None and on_batch is not None:
            on_batch(batch)
        return self.status

    # --- reading events ---------------------------------------------------------------

    def _drain(self, wait_s: float) -> None:
        """Read what the channels hold, one batch per ready channel per round, until
        none is ready or DRAIN_BUDGET_S is spent."""
        if self._ready is None:
            self._ready = _ReadySet([self._listen, *self._conns] + (
                [self._main.sentinel] if self._main.sentinel is not None else []))
        deadline = time.monotonic() + DRAIN_BUDGET_S
        timeout = wait_s
        while True:
            ready = self._ready.wait(timeout)
            if self._listen in ready:
                self._accept()
            conns = [c for c in ready if isinstance(c, Connection)]
            for conn in conns:
                live = self._conns.get(conn)
                if live is None:
                    continue
                try:
                    payload = conn.recv_bytes()
                except (EOFError, OSError):
                    self._channel_closed(conn, live)
                    continue
                self._add_payload(payload, live)
            if not conns or time.monotonic() > deadline:
                return
            timeout = 0

    def _accept(self) -> None:
        while True:
            conn = greet(self._listen, self._authkey, len(self._lives))
            if conn is None:
                return
            if conn:
                self._add_channel(conn)

    def _add_channel(self, conn: Connection) -> None:
        live = _Live(proc=len(self._lives))
        self._lives.append(live)
        self._conns[conn] = live
        if self._ready is not None:
            self._ready.add(conn)

    def _add_payload(self, payload: bytes, live: _Live) -> None:
        try:
            raw, strings, dropped = decode_batch_parts(payload)
        except ValueError:
            return  # a batch cut in half by a dying writer: what came whole was kept
        self.dropped_events += dropped
        rows = event_rows.from_bytes(raw, EVENT_DTYPE)
        if not len(rows):
            return
        if rows["proc"].any():
            self._object_ids.compact(rows)
        rows["proc"] = live.proc
        self._note_state(rows, strings, live)     # (texts still by their batch index)
        if strings:
            text_rows = _IS_TEXT[rows["kind"]]
            rows["item"][text_rows] = self._interned(strings)[rows["item"][text_rows]]
        self._pending_rows.append(rows)
        self.events += len(rows)
        self._last_event_at = time.monotonic()

    def _note_state(self, rows: np.ndarray, strings: list[str], live: _Live) -> None:
        kinds = rows["kind"]
        for i in range(len(rows) - 1, -1, -1):
            if int(kinds[i]) not in _NOT_STATE:
                live.last_kind, live.last_a = int(kinds[i]), int(rows["a"][i])
                break
        for i in np.flatnonzero(_IS_LIFE[kinds]):
            kind = int(kinds[i])
            if kind == Kind.TERMINATE:
                self._terminated.add(int(rows["a"][i]))
            elif kind == Kind.SPAWNED:
                pid = int(rows["a"][i])
                # b=1: a helper IPC Scope does not trace (a scenario's Manager server)
                if pid not in self._arrived and not rows["b"][i]:
                    self._starting.add(pid)
                    self._spawned_at[pid] = int(rows["t"][i])
            elif kind == Kind.CHILD_EXIT:
                pid, code = int(rows["a"][i]), int(rows["b"][i])
                if pid in self._starting and code != 0:
                    self._unstarted[pid] = (code, live.os_pid, int(rows["t"][i]))
                self._starting.discard(pid)
                self._arrived.add(pid)
            elif kind == Kind.PROC_START:
                self._starting.discard(int(rows["a"][i]))
                self._arrived.add(int(rows["a"][i]))
                fields = strings[int(rows["item"][i])].split("\x1f")
                live.name, live.daemon = fields[0], fields[2] == "1"
                live.os_pid = int(rows["a"][i])
                if live.proc == 0 and fields[3].isdigit():
                    self._tracker_pid = int(fields[3])
            elif kind == Kind.PROC_EXIT:
                live.exit_reason = strings[int(rows["item"][i])]
            elif kind == Kind.SEM_CREATE:
                self._semaphores.append(strings[int(rows["item"][i])])
            elif not rows["a"][i]:     # a=1: a queue's feeder thread failed, not the process
                live.exception = True

    def _interned(self, strings: list[str]) -> np.ndarray:
        """The run's index of each of a batch's strings.  A text seen before gets its
        first index again: a program blocked on one line sends its "path:LINE" at
        every wait (an hour of flood: millions of copies of a dozen texts)."""
        indices = np.empty(len(strings), np.int64)
        new = []
        for i, text in enumerate(strings):
            known = self._string_index.get(text)
            if known is None:
                known = self._n_strings + len(new)
                new.append(text)
                if len(self._string_index) < MAX_INTERNED and len(text) <= MAX_INTERNED_CHARS:
                    self._string_index[text] = known
            indices[i] = known
        self._add_strings(new)
        return indices

    def _add_strings(self, strings: list[str]) -> None:
        self._pending_strings.extend(strings)
        self._n_strings += len(strings)

    def _synthesize(self, kind: Kind, proc: int, a: int = 0, b: int = 0,
                    text: str | None = None, t_ns: int | None = None) -> None:
        """An event only the supervisor can see (a channel's EOF, main's exit code)."""
        row = np.zeros(1, dtype=EVENT_DTYPE)
        row["t"], row["kind"], row["proc"], row["a"], row["b"] = \
            time.monotonic_ns() if t_ns is None else t_ns, kind, proc, a, b
        if text is not None:
            row["item"] = self._n_strings
            self._add_strings([text])
        self._pending_rows.append(row)
        self.events += 1

    def _channel_closed(self, conn: Connection, live: _Live) -> None:
        if self._ready is not None:
            self._ready.discard(conn)
        conn.close()
        del self._conns[conn]
        live.open = False
        self._synthesize(Kind.CHANNEL_CLOSED, live.proc)
        if self._stop_requested.is_set() or self._teardown_done:
            return
        died_abruptly = not live.exit_reason          # SIGKILL, a segfault: no last word
        if self.program is not None and died_abruptly and not live.exception:
            # A program's Pool terminates its daemon workers as a matter of course, some
            # before they had even said who they are; a parent's terminate() is meant.
            # Whether the parent said so may come in just after this: decided at the end.
            if not live.daemon and live.name:
                self._abrupt.add(live.os_pid)
            return
        terminated = live.exit_reason == "terminated" and not live.daemon
        if died_abruptly or live.exception or terminated:
            self._crashed = True   # noticed the moment its channel closed

    def _name_unstarted(self) -> None:
        """A child that ended before it said who it is gets a process number and its
        life as its parent saw it (spawned, ended with this code), so it is listed and
        named like any other.  Decided once no connected channel is still silent: a
        child whose start is still unread on its channel did start."""
        if not self._unstarted or any(l.open and not l.os_pid for l in self._lives):
            return
        for pid, (code, parent_pid, t_exit) in sorted(self._unstarted.items()):
            if pid in {l.os_pid for l in self._lives} or pid in self._terminated:
                continue        # it did start; or its parent terminate()d it, as meant
            live = _Live(proc=len(self._lives), os_pid=pid, open=False)
            live.exit_reason = unstarted_reason(code)
            self._lives.append(live)
            self._synthesize(Kind.PROC_START, live.proc, a=pid, b=parent_pid, text="\x1f\x1f0",
                             t_ns=self._spawned_at.get(pid, t_exit))
            self._synthesize(Kind.PROC_EXIT, live.proc, a=code, b=max(0, -code),
                             text=live.exit_reason, t_ns=t_exit)
            self._synthesize(Kind.CHANNEL_CLOSED, live.proc, t_ns=t_exit)
            self._crashed = True
        self._unstarted.clear()

    def _has_crashed(self) -> bool:
        return self._crashed or bool(self._abrupt - self._terminated)

    def _read_stdio(self) -> None:
        try:
            if os.stat(self._stdio_path).st_size <= self._stdio_offset:
                return   # nothing new (a stat is a tenth of an open, and this runs every poll)
            with open(self._stdio_path, "rb") as f:
                f.seek(self._stdio_offset)
                data = f.read()
        except OSError:
            return
        if not data:
            return
        self._stdio_offset += len(data)
        lines = (self._stdio_partial + data).split(b"\n")
        self._stdio_partial = lines.pop()
        for line in lines:
            self._synthesize(Kind.STDERR, -1, text=line.decode("utf-8", "replace"))

    def _take_batch(self) -> Batch | None:
        if not self._pending_rows:
            return None
        rows = event_rows.join(self._pending_rows, EVENT_DTYPE)
        batch = Batch(rows, self._pending_strings)
        self._pending_rows, self._pending_strings = [], []
        return batch

    # --- deciding how it ends ---------------------------------------------------------

    def _decide(self) -> None:
        now = time.monotonic()
        self._name_unstarted()
        if self._stop_requested.is_set():
            return self._teardown("stopped")
        main_done = self._main.exitcode is not None
        if main_done and not self._conns:
            # A program's exit code is its own business (sys.exit(3) is no crash); a
            # scenario's main exits 0 unless something went wrong.
            failed = self._main.exitcode and self.program is None
            return self._teardown("crashed" if self._has_crashed() or failed else "completed")
        if main_done and self._main_gone_at is None:
            self._main_gone_at = now
            if self._ready is not None:   # readable for good now: polls would not wait
                self._ready.discard(self._main.sentinel)
        if main_done and now - self._main_gone_at > STOP_POLITE_S:
            # main is gone but processes it left behind are still talking
            return self._teardown("crashed")
        if self.timeout is not None and now - self.started_at > self.timeout:
            return self._teardown("timeout")
        if self.stall_check and self._all_blocked() and \
                now - self._last_event_at >= self.stall_after and not self._starved(now):
            return self._teardown("crashed" if self._has_crashed() else "stalled")

    def _starved(self, now: float) -> bool:
        """Is the run only waiting for a CPU?  Read from /proc at most every
        STARVED_RECHECK_S while the run looks stalled."""
        if now < self._starved_until:
            return True
        if processes.any_runnable(self._main.pid):
            self._starved_until = now + STARVED_RECHECK_S
            return True
        return False

    def _all_blocked(self) -> bool:
        open_lives = [live for live in self._lives if live.open]
        if not open_lives or self._starting:
            return False
        for live in open_lives:
            if live.last_kind in _WAITS_FOREVER:
                continue
            if live.last_kind in _WAITS_FOREVER_IF_NO_TIMEOUT and live.last_a < 0:
                continue
            return False
        return True

    # --- stopping ---------------------------------------------------------------------

    def _teardown(self, status: str) -> None:
        """Stop everything still running: SIGTERM to the run's process group (each
        traced process records why and leaves, main's exit handlers unlink the
        semaphores), then SIGKILL to what is left, sparing the resource tracker, which
        cleans up once the others are gone.  Every event that still arrives is kept."""
        if self._teardown_done:
            return
        self._teardown_done = True
        self._synthesize(Kind.RUN_STOPPING, -1, text=status)
        pgid = self._main.pid
        deadline = time.monotonic() + STOP_TOTAL_S
        # (each _run_alive() reads all of /proc: ~1.5 ms, ~10 ms on a busy machine)
        nothing_alive = not self._run_alive(pgid)
        if not nothing_alive:
            processes.signal_group(pgid, signal.SIGTERM)
            if self.program is not None and self._main.exitcode is None:
                _signal(self._main.pid, signal.SIGTERM)   # not yet in its own group
            self._drain_until(lambda: not self._run_alive(pgid), time.monotonic() + STOP_POLITE_S)
            if self._run_alive(pgid):
                processes.signal_group(pgid, signal.SIGKILL)
                if self.program is not None and self._main.exitcode is None:
                    _signal(self._main.pid, signal.SIGKILL)
                self._drain_until(lambda: not self._run_alive(pgid), deadline - 0.3)
        self._main.join(max(0.0, deadline - time.monotonic()))
        if self._main.exitcode is not None:
            self._synthesize(Kind.CHILD_EXIT, -1, a=self._main.pid, b=self._main.exitcode)
        for conn, live in list(self._conns.items()):
            self._channel_closed(conn, live)
        self._name_unstarted()
        tracker_gone = _wait_gone(self._tracker_pid, deadline)
        processes.reap_run(pgid, self._tracker_pid)
        # Normally main's exit handlers or the run's resource tracker unlinked them all;
        # a tracker that had to be killed could not.
        self.semaphores_unlinked = processes.unlink_semaphores(self._semaphores)
        self._read_stdio()
        # Nothing of the group was alive when the teardown began, and nothing could
        # start since: only the tracker could be left.
        self.leftover_processes = 0 if nothing_alive and tracker_gone else \
            processes.count_alive(pgid, self._tracker_pid)
        self._listen.close()
        if self.program is not None:
            self._main.close()
        shutil.rmtree(self._dir, ignore_errors=True)
        self.ended_at = time.monotonic()
        self.status = status
        self._synthesize(Kind.RUN_END, -1, text=status)

    def forward_signal(self, signum: int) -> None:
        """Send signum to every process of the run, as a terminal sends Ctrl-C to a
        foreground `python` and its children."""
        if self.status is None and hasattr(self, "_main"):
            processes.signal_group(self._main.pid, signum)

    def _run_alive(self, pgid: int) -> bool:
        return self._main.exitcode is None or bool(self._conns) or \
            processes.count_alive(pgid, 0) > 0

    def _drain_until(self, done, deadline: float) -> None:
        while not done() and time.monotonic() < deadline:
            self._drain(0.02)

    @property
    def duration_s(self) -> float:
        end = self.ended_at or time.monotonic()
        return end - self.started_at
