"""RunSession: one run and every view of it — the RunController that runs a scenario (or
replays an opened trace), the plots (RunView), the event log, the run summary and the
findings — redrawn on its own frame timer.  Nothing in here knows the window: the window
lays the widgets out and wires its toolbar to the methods and signals below, so a window
can hold two of them (the lab's side-by-side comparison), each with its own run.

Data flow: the bridge's batches reach the controller's slots (append only); the frame
timer redraws at ~30 fps while a run is on.  Pause freezes the view, never the run.
"""
from __future__ import annotations

from ipcscope.core.trace import run_metadata
from ipcscope.gui.core_texts import core_text
from ipcscope.gui.findings_presenter import FindingsPresenter
from ipcscope.gui.i18n import translate
from ipcscope.gui.panels.event_log import EventLog
from ipcscope.gui.panels.replay_bar import ReplayBar
from ipcscope.gui.panels.stall_meter import StallMeter
from ipcscope.gui.panels.summary_panel import SummaryPanel
from ipcscope.gui.run.findings_tracker import FindingsTracker
from ipcscope.gui.run.replay_controller import ReplayController
from ipcscope.gui.run.run_controller import RunController
from ipcscope.gui.run_view import RunView
from PySide6.QtCore import QObject, QTimer, Signal, Slot

FRAME_MS = 33                 # ~30 fps while a run is on
SLOW_EVERY = 6                # log, summary and status: every 6th frame (~5 Hz)
SHUTDOWN_WAIT_MS = 3000


class RunSession(QObject):
    took_run = Signal()           # the views took a new run (a live one, or a replay's)
    ticked = Signal(bool)         # after a frame tick; True on the slow ones (~5 Hz)
    pause_changed = Signal(bool)  # the view froze (by hand, on a finding) or follows again
    run_finished = Signal(object)  # the summary: the run is over, its last frame owed
    ended = Signal(object)        # the summary, once the run's last frame is drawn

    def __init__(self, parent=None):
        super().__init__(parent)
        self.controller = RunController(self)
        self.run_view = RunView()
        self.event_log = EventLog()
        self.summary = SummaryPanel()
        self.findings = FindingsTracker(self)
        self.findings_presenter = FindingsPresenter(self.findings, self.run_view,
                                                    self.summary, self)
        self.replay = ReplayController(self.controller, self)
        self.replay_bar = ReplayBar(self.replay)
        self.run_view.add_bar(self.replay_bar)
        self.meta: dict = {}           # of the run on screen, for "Save run…"
        self.paused = False
        self.frames = 0
        self._unsettled_summary = None
        self.frame_timer = QTimer(self)
        self.frame_timer.setInterval(FRAME_MS)
        self.frame_timer.timeout.connect(self._on_frame)
        self.stall_meter = StallMeter(self)
        self.run_view.timeline.taken_by_hand.connect(self._pause_live_view)
        self.findings_presenter.showing.connect(self._pause_live_view)
        self.replay.restarted.connect(self._on_replay_restart)
        self.replay_bar.finding_requested.connect(self.replay_finding)
        c = self.controller
        c.rows_appended.connect(self.add_rows)
        c.run_finished.connect(self._on_finished)
        c.run_failed.connect(self._on_failed)
        for worker in (c, self.findings, self.run_view.depth.computer):  # off_thread.py
            worker.problem.connect(self._on_worker_problem)

    @property
    def running(self) -> bool:
        return self.controller.running

    # --- a run starts -----------------------------------------------------------------

    def start(self, scenario_id: str, values: dict, speed: float, code=None,
              stall_after: float | None = None) -> None:
        """A live run (code: the scenario's edited code, core/edited_code.py; stall_after:
        RunController.start's).  Raises ParamError or OSError (one sentence) if it
        cannot start."""
        self.controller.start(scenario_id, values, speed, code, stall_after)
        self._begin_live(run_metadata(scenario_id, values, speed))

    def start_program(self, program) -> None:
        """A live run of a program of the user's own (gui/run/program_run.py).  Raises
        ParamError (one sentence) if it cannot start."""
        self.controller.start_program(program)
        about = self.controller.scenario.meta()
        self._begin_live({**run_metadata(program.id, {}, 1.0), **about})

    def _begin_live(self, meta: dict) -> None:
        self.summary.clear_error()
        self.run_view.message_bar.hide()
        self.replay.close()
        self.replay_bar.hide()
        self.meta = meta
        self._take_new_run()
        self.stall_meter.start()

    def show_loaded(self, loaded, scenario) -> None:
        """An opened trace: shown whole at once, in the same views as a live run, with
        the replay bar to play it again (gui/run/replay_controller.py)."""
        self.replay.close()
        self.replay.load(loaded, scenario)
        self.meta = dict(loaded.meta)
        self.summary.clear_error()
        self.run_view.message_bar.hide()
        if loaded.notes:
            self.summary.show_note(" ".join(loaded.notes))
        self.replay.seek(self.replay.end_s)
        self.replay_bar.start(self.controller.model.process_names())

    def _take_new_run(self) -> None:
        """The one reset for a new run, live or replayed: every view takes the
        controller's run, and the frame timer starts."""
        model = self.controller.model
        self.findings.start(model, self.controller.stall_after_s())
        self.run_view.set_run(self.controller)
        self.event_log.set_run(model)
        self.paused = False
        self.frames = 0
        self.frame_timer.start()
        self.took_run.emit()

    @Slot()
    def _on_replay_restart(self) -> None:
        """The replay starts over (opened, or moved back)."""
        self._take_new_run()
        # the whole run's length on the axis, room on the right for the exits' words:
        # the plots fill up as the replay goes
        timeline = self.run_view.timeline
        timeline.following = False
        timeline.show_range(0.0, max(0.5, self.replay.end_s) / 0.8)
        self.summary.show_replay(self.replay)

    # --- while it goes ----------------------------------------------------------------

    @Slot(object)
    def add_rows(self, rows) -> None:
        self.event_log.add_rows(rows)
        self.run_view.add_rows(rows)

    @Slot(bool)
    def set_paused(self, paused: bool) -> None:
        if paused == self.paused:
            return
        self.paused = paused
        if not paused:
            self.run_view.timeline.following = True
            self._on_frame()
        self.pause_changed.emit(paused)

    @Slot()
    def _pause_live_view(self) -> None:
        """The user moved the view, or a finding was brought into it: a live view stays."""
        if self.controller.running and not self.paused:
            self.set_paused(True)

    def set_time_window(self, seconds: float | None) -> None:
        self.run_view.timeline.set_window(seconds)
        self.run_view.timeline.following = True
        self.run_view.refresh()

    def show_all(self) -> None:
        self.run_view.show_all()
        self.run_view.refresh()

    def set_large(self, large: bool) -> None:
        self.run_view.set_large(large)
        self.event_log.fit_columns()

    def toggle_replay(self) -> bool:
        """Play or pause an opened trace; False if none is open."""
        if not self.replay.active:
            return False
        self.replay.set_playing(not self.replay.playing)
        return True

    @Slot(int)
    def replay_finding(self, direction: int) -> None:
        target = self.replay.jump_to_finding(direction)
        found = [f for f in self.replay.summary.get("findings", []) if f["t_s"] == target]
        if found:
            self.draw()
            self.findings_presenter.go_to(found[0])

    # --- drawing ----------------------------------------------------------------------

    @Slot()
    def _on_frame(self) -> None:
        self.findings.poll()
        if self._unsettled_summary is not None:
            self._settle()
            return
        self.frames += 1
        slow = self.frames % SLOW_EVERY == 0
        if not self.paused and not self.run_view.window().isMinimized():
            self.draw(slow)
        self.ticked.emit(slow)

    def draw(self, slow: bool = True) -> None:
        """Bring the views up to date (slow: the log and the summary too)."""
        self.run_view.refresh()
        if slow:
            self.event_log.refresh()
            if self.controller.running:
                self.summary.show_live(self.controller)
            elif self.replay.active and not self.replay.ended:
                self.summary.show_replay(self.replay)

    # --- the end ----------------------------------------------------------------------

    @Slot(object)
    def _on_finished(self, summary: dict) -> None:
        self.run_finished.emit(summary)
        self.set_paused(False)
        self._unsettled_summary = summary
        self._settle()

    def _settle(self) -> None:
        """The run is over: draw until nothing is owed, then show the whole story."""
        self.draw(slow=True)
        if self.run_view.busy:
            if not self.frame_timer.isActive():
                self.frame_timer.start()
            return
        self.frame_timer.stop()
        self.stall_meter.stop()
        summary, self._unsettled_summary = self._unsettled_summary, None
        timeline = self.run_view.timeline
        if timeline.following:
            timeline.following = False
            timeline.show_range(*self.run_view.story_range())
            self.run_view.refresh()
        self.summary.show_final(summary, self.controller.model)
        self.findings.finish(summary.get("findings", []))
        self.ended.emit(summary)

    @Slot(str)
    def _on_failed(self, text: str) -> None:
        self.summary.show_bridge_error(text)

    @Slot(str)
    def _on_worker_problem(self, sentence: str) -> None:
        self.run_view.tell(sentence)

    def shutdown(self) -> None:
        """Closing, once the run has ended: no worker or thread left behind."""
        self.replay.set_playing(False)
        self.run_view.depth.computer.shutdown()
        self.controller.shutdown()
        self.findings.shutdown()
        self.controller.wait_for_threads(SHUTDOWN_WAIT_MS)

    def retranslate(self) -> None:
        """Every view of the run in the window's language."""
        self.run_view.retranslate()
        self.event_log.retranslate()
        self.summary.retranslate()
        self.findings_presenter.retranslate()
        self.replay_bar.retranslate()

    # --- words ------------------------------------------------------------------------

    def recorded(self) -> tuple:
        """(model, summary) of the run on screen as it can be saved: an opened trace
        whole, wherever its replay is."""
        if self.replay.active:
            return self.replay.loaded.model, self.replay.summary
        return self.controller.model, self.controller.summary

    def status_text(self) -> str:
        c = self.controller
        elapsed, alive = c.elapsed_s(), c.processes_alive
        if c.summarizing:
            state = translate("RunSession", "summing up the run")
        elif c.running:
            state = core_text("running") + (translate("RunSession", " — view paused")
                                             if self.paused else "")
        elif self.replay.active and not self.replay.ended:
            state = translate("RunSession", "replay at {speed}×").format(
                speed=f"{self.replay.speed:g}")
            # the replay's cursor, in run seconds, and who is alive there (once it has
            # ended: the run's length, as the live run showed it)
            elapsed = self.replay.position_s
            alive = sum(p.alive for p in c.model.processes.values()) if c.model else 0
        else:
            state = core_text(c.summary["status"]) if c.summary else \
                translate("RunSession", "ready")
        counts = translate("RunSession", "{alive} processes alive · {rate} events/s · "
                           "{dropped} dropped").format(
            alive=alive, rate=f"{c.events_per_s():,.0f}", dropped=c.dropped_total)
        return f"{state} · {counts} · {int(elapsed // 60):02d}:{elapsed % 60:04.1f}"

    def perf_text(self) -> str:
        frames = sorted(self.run_view.frame_ms)
        depth = self.run_view.depth.recompute_ms
        if not frames:
            return "no frames drawn"
        return (f"{len(frames)} frames, update median {frames[len(frames) // 2]:.1f} ms, "
                f"max {frames[-1]:.1f} ms; depth recomputes {len(depth)}, max "
                f"{max(depth, default=0):.1f} ms; " + self.stall_meter.text())
