"""RunBridge: a QThread that drives one run's Supervisor and hands its events to the GUI.

The supervisor is driven from this thread alone (start, then poll until finished); the
GUI thread only ever calls `request_stop()`, which is thread-safe.  Batches are
coalesced on a time window, so the GUI gets at most ~50 signals a second whatever the
event rate (each cross-thread emit costs tens of microseconds, and each wakes the GUI).

Connect the signals to bound @Slot methods of QObjects living in the GUI thread: a
lambda or a free function may be called in this thread instead.
"""
from __future__ import annotations

import os
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field

import numpy as np
from ipcscope.core import rows as event_rows
from ipcscope.core.supervisor import Supervisor
from PySide6.QtCore import QThread, Signal

EMIT_EVERY_S = 0.02          # at most ~50 batches a second
POLL_WAIT_S = 0.01
RUN_NICENESS = 19            # the run yields the CPU to the window, not the other way


@dataclass
class RunBatch:
    """Events since the last batch, in arrival order, and the run's vital signs."""
    rows: np.ndarray
    strings: list[str] = field(default_factory=list)
    processes_alive: int = 0
    events_total: int = 0
    dropped_total: int = 0


@dataclass
class RunEnd:
    status: str
    duration_s: float
    leftover_processes: int
    events_total: int
    dropped_total: int = 0
    stall_after_s: float = 3.0


class RunBridge(QThread):
    run_started = Signal(float)     # the supervisor's start, time.monotonic()
    batch_ready = Signal(object)    # RunBatch
    run_finished = Signal(object)   # RunEnd, always the last signal of a run
    run_failed = Signal(str)        # the bridge itself broke: a traceback

    def __init__(self, supervisor: Supervisor, parent=None):
        super().__init__(parent)
        self.supervisor = supervisor
        what = supervisor.program.title if supervisor.program else supervisor.scenario.id
        self.setObjectName(f"ipcscope-bridge-{what}")
        self.batches_emitted = 0
        self.native_id: int | None = None    # this thread's, once it runs (for tests)

    def request_stop(self) -> None:
        """From any thread: end the run (every process within ~2 s)."""
        self.supervisor.request_stop()

    def run(self) -> None:  # the thread's body
        supervisor = self.supervisor
        pending_rows: list[np.ndarray] = []
        pending_strings: list[str] = []
        last_emit = 0.0
        self.native_id = threading.get_native_id()
        try:
            _start_at_low_priority(supervisor)
            self.run_started.emit(supervisor.started_at)
            while not supervisor.finished:
                batch = supervisor.poll(POLL_WAIT_S)
                if batch is not None:
                    pending_rows.append(batch.rows)
                    pending_strings.extend(batch.strings)
                now = time.monotonic()
                if pending_rows and now - last_emit >= EMIT_EVERY_S:
                    self._emit(pending_rows, pending_strings)
                    pending_rows, pending_strings = [], []
                    last_emit = now
            batch = supervisor.poll(0)   # what the teardown still recorded
            if batch is not None:
                pending_rows.append(batch.rows)
                pending_strings.extend(batch.strings)
            if pending_rows:
                self._emit(pending_rows, pending_strings)
            self.run_finished.emit(RunEnd(
                supervisor.status or "stopped", supervisor.duration_s,
                supervisor.leftover_processes, supervisor.events, self._dropped(),
                supervisor.stall_after))
        except BaseException:  # noqa: BLE001 - the window shows it; the app goes on
            text = traceback.format_exc()
            self._stop_after_failure()
            self.run_failed.emit(text)
            self.run_finished.emit(RunEnd("crashed", supervisor.duration_s,
                                          supervisor.leftover_processes, supervisor.events,
                                          self._dropped(), supervisor.stall_after))

    def _emit(self, rows: list[np.ndarray], strings: list[str]) -> None:
        joined = event_rows.join(rows, rows[0].dtype)
        self.batches_emitted += 1
        self.batch_ready.emit(RunBatch(joined, strings, self.supervisor.processes_alive,
                                       self.supervisor.events, self._dropped()))

    def _dropped(self) -> int:
        # The supervisor keeps every event today; a future one may count what it sheds.
        return int(getattr(self.supervisor, "dropped_events", 0))

    def _stop_after_failure(self) -> None:
        """Whatever broke, leave no process behind."""
        supervisor = self.supervisor
        supervisor.request_stop()
        try:
            deadline = time.monotonic() + 5
            while not supervisor.finished and time.monotonic() < deadline:
                supervisor.poll(POLL_WAIT_S)
        except Exception:  # noqa: BLE001 - already reporting the first error
            pass


def _start_at_low_priority(supervisor: Supervisor) -> None:
    """Start the run from a short-lived thread of low priority, so that the run's
    processes inherit it while this thread keeps the normal one.  This thread holds the
    GIL whenever it runs Python: niced, it waited behind the 70 starting processes of
    the Manager example while holding it, and the window with it (stalls of ~0.3 s)."""
    failure: list[BaseException] = []

    def start() -> None:
        try:
            _lower_this_threads_priority()
            supervisor.start()
        except BaseException as error:  # noqa: BLE001 - raised again in the bridge
            failure.append(error)

    starter = threading.Thread(target=start, name="ipcscope-starter")
    starter.start()
    starter.join()
    if failure:
        raise failure[0]


def _lower_this_threads_priority() -> None:
    """On Linux a nice value belongs to a thread, and a process started from a thread
    inherits it: lowered here, it covers every process of the run, so
    on a busy machine the GUI thread still gets a core.  Nice weights add up: at nice 5
    the 70 starting processes of the Manager example still outweighed the window 20 to
    1 (measured: stalls of 1–2 s); at 19 they weigh about as much as the window alone.
    The scenario's sleeps, and so what it shows, do not change; on an idle machine
    nothing does."""
    if not sys.platform.startswith("linux"):
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid)
                                                   + RUN_NICENESS))
    except OSError:
        pass
