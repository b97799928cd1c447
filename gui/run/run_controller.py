"""RunController: one run's life in the GUI thread — start it, take its batches into the
model and the activity spans, stop it, and summarize it when it ends.

Slots only append and count; views redraw on their own timer (see main_window).  A
summary that cannot be made still ends the run: run_finished carries what can be said
without it, and `problem` says why in one sentence.
"""
from __future__ import annotations

import collections
import time

from ipcscope.core.model import RunModel
from ipcscope.core.spans import SpanBuilder
from ipcscope.core.summary import summarize
from ipcscope.core.supervisor import EVENT_DTYPE, Supervisor
from ipcscope.gui.run.bridge import RunBatch, RunBridge, RunEnd
from ipcscope.gui.run.off_thread import OffThread
from ipcscope.gui.run.program_run import (
    PROGRAM_STALL_AFTER_S,
    ProgramRun,
    summary_target,
)
from PySide6.QtCore import QObject, Signal, Slot

GUI_TIMEOUT_S = 600.0          # a live run may go on; the stop button is always there
# summarize() reads every event (findings, depths): ~120 ms at 200k events.  Bigger runs
# are summarized in a worker thread; the model no longer changes once the run has ended.
SUMMARY_SYNC_LIMIT = 50_000


class RunController(QObject):
    run_started = Signal()
    rows_appended = Signal(object)   # the batch's rows (already in the model)
    events_final = Signal()          # the run's events stopped coming (its summary may not)
    run_finished = Signal(object)    # the summary dict
    run_failed = Signal(str)         # a traceback from the bridge itself
    problem = Signal(str)            # the summary could not be made, in words

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model: RunModel | None = None
        self.spans: SpanBuilder | None = None
        self.scenario = None
        self.params: dict = {}
        self.speed = 1.0
        self.summary: dict | None = None
        self.processes_alive = 0
        self.events_total = 0
        self.dropped_total = 0
        self.started_wall = 0.0          # time.monotonic() when the run began
        self.ended_wall = 0.0
        self._bridge: RunBridge | None = None
        self._end: RunEnd | None = None      # the bridge's word on the run that ended
        self._summarizer = OffThread("ipcscope-summary", "sum up the run", self)
        self._summarizer.finished.connect(self._publish)
        self._summarizer.errored.connect(self._on_summary_failed)
        self._summarizer.problem.connect(self.problem)
        self._retired: list[RunBridge] = []  # threads finishing; kept until they have
        self._rate = collections.deque(maxlen=64)
        self._end_ns: int | None = None
        self.replay_now_ns: int | None = None   # a replay's position: the plots' "now"

    # --- control ------------------------------------------------------------------

    @property
    def running(self) -> bool:
        """A run is going, or its summary is still being made."""
        return self._bridge is not None or self._summarizer.busy

    def start(self, scenario_id: str, params: dict, speed: float, code=None,
              stall_after: float | None = None) -> None:
        """Raises ParamError (one sentence) on a parameter that cannot be used.  code: the
        scenario's edited code, prepared (core/edited_code.py), to run instead of its own;
        stall_after: the supervisor's (seconds at speed 1; None: its usual 3 s)."""
        if self.running:
            raise RuntimeError("a run is already going")
        supervisor = Supervisor(scenario_id, params, speed=speed, timeout=GUI_TIMEOUT_S,
                                stall_after=stall_after)
        scenario = supervisor.scenario
        if code is not None:
            code.run_by(supervisor)
        self._begin(supervisor, scenario, supervisor.params, speed)

    def start_program(self, program) -> None:
        """A program of the user's own (core/program.py), traced: it runs until it ends
        or Stop, and is ended as stalled once every process has waited for 3 s.  Raises
        ParamError (one sentence) for a path that cannot be run."""
        if self.running:
            raise RuntimeError("a run is already going")
        supervisor = Supervisor(program=program, timeout=None,
                                stall_after=PROGRAM_STALL_AFTER_S, echo=False)
        self._begin(supervisor, ProgramRun(program), {}, 1.0)

    def _begin(self, supervisor: Supervisor, scenario, params: dict, speed: float) -> None:
        self.scenario, self.params, self.speed = scenario, params, speed
        self.model = RunModel(EVENT_DTYPE)
        self.spans = SpanBuilder()
        self.summary = None
        self.replay_now_ns = None
        self.processes_alive = self.events_total = self.dropped_total = 0
        self.started_wall, self.ended_wall = time.monotonic(), 0.0
        self._rate.clear()
        self._end_ns = None
        self._summarizer.forget()
        bridge = RunBridge(supervisor)
        bridge.run_started.connect(self._on_started)
        bridge.batch_ready.connect(self._on_batch)
        bridge.run_finished.connect(self._on_finished)
        bridge.run_failed.connect(self._on_failed)
        bridge.finished.connect(self._on_thread_done)
        self._bridge = bridge
        bridge.start()
        self.run_started.emit()

    # --- a replayed trace (gui/replay_controller.py feeds it) -------------------------

    def begin_replay(self, scenario, params: dict, speed: float, dtype) -> None:
        """A fresh, empty run that a replay fills with feed(): the views cannot tell it
        from a live one."""
        if self.running:
            raise RuntimeError("a run is going")
        self.scenario, self.params, self.speed = scenario, dict(params), speed
        self.model = RunModel(dtype)
        self.spans = SpanBuilder()
        self.summary = None
        self.processes_alive = self.events_total = self.dropped_total = 0
        self.started_wall = self.ended_wall = 0.0
        self._rate.clear()
        self._end_ns = None
        self.replay_now_ns = None

    def feed(self, rows, strings: list[str]) -> None:
        self.model.append(rows, strings)
        self.spans.append(rows)
        self.events_total = len(self.model)
        self.rows_appended.emit(rows)

    def end_replay(self, summary: dict) -> None:
        self.summary = summary
        self.started_wall = 1.0                     # elapsed_s() is the run's length
        self.ended_wall = 1.0 + float(summary.get("duration_s", 0.0))
        self.run_finished.emit(summary)

    def stall_after_s(self) -> float:
        """How long the run's supervisor waits before it calls a run stalled."""
        bridge = self._bridge
        return float(bridge.supervisor.stall_after) if bridge is not None else 3.0

    def stop(self) -> None:
        if self._bridge is not None:
            self._bridge.request_stop()

    @property
    def summarizing(self) -> bool:
        return self._bridge is None and self._summarizer.busy

    def wait_for_threads(self, timeout_ms: int) -> bool:
        """For shutdown only: the run must have been stopped already."""
        deadline = time.monotonic() + timeout_ms / 1000
        for bridge in [b for b in [self._bridge, *self._retired] if b is not None]:
            left = max(0, int((deadline - time.monotonic()) * 1000))
            if not bridge.wait(left):
                return False
        return True

    # --- from the bridge (queued to this thread) -----------------------------------

    @Slot(float)
    def _on_started(self, started_at: float) -> None:
        self.started_wall = started_at

    @Slot(object)
    def _on_batch(self, batch: RunBatch) -> None:
        if self.model is None or self.sender() is not self._bridge:
            return
        self.model.append(batch.rows, batch.strings)
        self.spans.append(batch.rows)
        self.processes_alive = batch.processes_alive
        self.events_total = batch.events_total
        self.dropped_total = batch.dropped_total
        self._rate.append((time.monotonic(), len(self.model)))
        self.rows_appended.emit(batch.rows)

    @Slot(object)
    def _on_finished(self, end: RunEnd) -> None:
        if self.sender() is not self._bridge:
            return
        self._retired.append(self._bridge)
        self._bridge = None
        self.ended_wall = time.monotonic()
        self.processes_alive = 0
        self.dropped_total = end.dropped_total
        self._end = end
        if len(self.model) < SUMMARY_SYNC_LIMIT:
            self._summarizer.run_here(self._summarize, end)
        else:
            self._summarizer.submit(self._summarize, end)
        self.events_final.emit()

    def _summarize(self, end: RunEnd) -> dict:
        scenario, params = summary_target(self.scenario, self.params)
        return summarize(scenario, params, self.model, status=end.status,
                         speed=self.speed, duration_s=end.duration_s,
                         leftover_processes=end.leftover_processes,
                         dropped_events=end.dropped_total, stall_after_s=end.stall_after_s)

    @Slot(object)
    def _publish(self, summary: dict) -> None:
        self.summary = summary
        self.run_finished.emit(summary)

    @Slot(object)
    def _on_summary_failed(self, error: Exception) -> None:
        self._publish(self._what_can_be_said(self._end, error))

    def _what_can_be_said(self, end: RunEnd, error: Exception) -> dict:
        """A summary of the shape summarize() gives, from what the bridge said alone."""
        return {"scenario": self.scenario.id, "params": self.params, "speed": self.speed,
                "status": end.status, "duration_s": round(end.duration_s, 3),
                "events": len(self.model), "dropped_events": end.dropped_total,
                "processes": [], "queues": [], "pipes": [], "result": {}, "findings": [],
                "leftover_processes": end.leftover_processes,
                "predicted": "not checked: the summary could not be made",
                "as_predicted": False,
                "problems": [f"IPC Scope could not sum up the run ({type(error).__name__})"]}

    def shutdown(self) -> None:
        self._summarizer.shutdown()

    @Slot(str)
    def _on_failed(self, text: str) -> None:
        self.run_failed.emit(text)

    @Slot()
    def _on_thread_done(self) -> None:
        bridge = self.sender()
        if bridge in self._retired:
            self._retired.remove(bridge)
            bridge.deleteLater()

    # --- reading ------------------------------------------------------------------

    def events_per_s(self) -> float:
        """Events a second over the last second of batches."""
        if not self.streaming or len(self._rate) < 2:
            return 0.0
        t_last, n_last = self._rate[-1]
        if time.monotonic() - t_last > 1.0:
            return 0.0
        t_old, n_old = next((t, n) for t, n in self._rate if t_last - t <= 1.0)
        if t_last - t_old < 0.05:
            return 0.0
        return (n_last - n_old) / (t_last - t_old)

    def elapsed_s(self) -> float:
        if not self.started_wall:
            return 0.0
        return (self.ended_wall or time.monotonic()) - self.started_wall

    @property
    def streaming(self) -> bool:
        """Events are still coming."""
        return self._bridge is not None

    def now_ns(self) -> int:
        """The plots' "now": the shared monotonic clock while running, the last event
        after the end."""
        if self.model is None or self.model.t0 is None:
            return 0
        if self.replay_now_ns is not None:
            return self.replay_now_ns
        if self.streaming:
            return time.monotonic_ns()
        if self._end_ns is None:
            self._end_ns = self.model.t_last
        return self._end_ns
