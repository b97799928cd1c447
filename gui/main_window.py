"""MainWindow: scenarios and parameters on the left, the run's plots in the middle with
the source and the event log below, the run summary on the right.

Data flow: the bridge's batches reach RunController's slots (append only); a frame
timer redraws at ~30 fps while a run is on.  Pause freezes the view, never the run.
"""
from __future__ import annotations

import html
import time

from ipcscope.core import scenarios as scenario_registry
from ipcscope.core.scenarios.base import ParamError
from ipcscope.core.trace import run_metadata
from ipcscope.gui.file_actions import FileActions
from ipcscope.gui.panels.bottom_area import BottomArea
from ipcscope.gui.panels.event_log import EventLog
from ipcscope.gui.panels.finding_banner import FindingBadge, FindingBanner
from ipcscope.gui.panels.findings_panel import FindingsPanel
from ipcscope.gui.panels.replay_bar import ReplayBar
from ipcscope.gui.panels.run_toolbar import RunToolbar
from ipcscope.gui.panels.scenario_panel import ScenarioPanel
from ipcscope.gui.panels.source_view import SourceView
from ipcscope.gui.panels.stall_meter import StallMeter
from ipcscope.gui.panels.summary_panel import SummaryPanel
from ipcscope.gui.panels.text_strip import TextStrip
from ipcscope.gui.run.findings_tracker import FindingsTracker
from ipcscope.gui.run.replay_controller import ReplayController
from ipcscope.gui.run.run_controller import RunController
from ipcscope.gui.run_view import RunView
from ipcscope.gui.window_findings import FindingsWindowMixin
from ipcscope.gui.window_replay import TITLE, ReplayWindowMixin
from ipcscope.gui.window_settings import (
    WindowSettings,
    default_settings,
    lay_out_default,
    restore_window,
    save_window,
)
from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLayout, QMainWindow, QSplitter, QWidget

FRAME_MS = 33                 # ~30 fps while a run is on
SLOW_EVERY = 6                # log, summary and status bar: every 6th frame (~5 Hz)


class MainWindow(FindingsWindowMixin, ReplayWindowMixin, QMainWindow):
    run_ended = Signal(object)        # the summary; after the last frame was drawn

    def __init__(self, settings: QSettings | None = None, scenarios: list | None = None):
        super().__init__()
        self.setWindowTitle(TITLE)
        self.settings = WindowSettings(settings if settings is not None else default_settings())
        self.controller = RunController(self)
        self.toolbar = RunToolbar(self)
        self.addToolBar(self.toolbar)
        self.scenario_panel = ScenarioPanel(scenarios or scenario_registry.all_scenarios())
        self.run_view = RunView()
        self.source = SourceView()
        self.event_log = EventLog()
        self.summary = SummaryPanel()
        self.findings = FindingsTracker(self)
        self.findings_panel = FindingsPanel()
        self.summary.set_findings_panel(self.findings_panel)
        self.banner = FindingBanner(self.run_view)
        self.badge = FindingBadge()
        self.run_meta: dict = {}           # of the run on screen, for "Save run…"
        self.message_bar = self.run_view.message_bar
        self.replay = ReplayController(self.controller, self)
        self.replay_bar = ReplayBar(self.replay)
        self.run_view.layout().addWidget(self.replay_bar)
        self.files = FileActions(self)
        self.files.add_to(self.toolbar)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.badge)
        self.setAcceptDrops(True)
        self.bottom = BottomArea(self.source, self.event_log)
        self.center = self._splitter(Qt.Vertical, "center-splitter", self.run_view,
                                     self.bottom, stretch=(3, 1))
        self.main_split = self._splitter(Qt.Horizontal, "main-splitter", self.scenario_panel,
                                         self.center, self.summary, stretch=(0, 1, 0))
        self.setCentralWidget(self.main_split)
        # The layout would push every minimum-size change to the platform window, which
        # some platforms (offscreen, used by the tests) answer with a warning.
        self.layout().setSizeConstraint(QLayout.SetNoConstraint)
        self.setMinimumSize(960, 600)
        self.scenario_panel.setMinimumWidth(250)
        self.summary.setMinimumWidth(230)
        self.status_label = TextStrip(wrap=False)
        self.statusBar().addPermanentWidget(self.status_label, 1)
        # the strip takes the whole bar, so it shows showMessage()'s messages too
        self.statusBar().messageChanged.connect(self._on_status_message)
        self.paused = False
        self.closing = False
        self._unsettled_summary = None
        self.frames = 0
        self.frame_timer = QTimer(self)
        self.frame_timer.setInterval(FRAME_MS)
        self.frame_timer.timeout.connect(self._on_frame)
        self.stall_meter = StallMeter(self)
        self._connect()
        self._laid_out = restore_window(self, self.settings)
        self._update_status()

    def _splitter(self, orientation, name: str, *widgets: QWidget, stretch=()) -> QSplitter:
        splitter = QSplitter(orientation)
        splitter.setObjectName(name)
        splitter.setChildrenCollapsible(False)
        for i, widget in enumerate(widgets):
            splitter.addWidget(widget)
            if i < len(stretch):
                splitter.setStretchFactor(i, stretch[i])
        return splitter

    def _connect(self) -> None:
        bar = self.toolbar
        bar.run_action.triggered.connect(self.start_run)
        bar.pause_action.toggled.connect(self.set_paused)
        bar.stop_action.triggered.connect(self.stop_run)
        bar.show_all_action.triggered.connect(self._on_show_all)
        bar.time_window.currentIndexChanged.connect(self._on_window)
        bar.large_text_action.toggled.connect(self.set_large_text)
        QShortcut(QKeySequence(Qt.Key_Space), self, self._on_space)
        QShortcut(QKeySequence(Qt.Key_Escape), self, self.stop_run)
        self.scenario_panel.scenario_changed.connect(self._on_scenario)
        self.run_view.timeline.taken_by_hand.connect(self._on_taken_by_hand)
        self.findings.changed.connect(self._on_findings_changed)
        self.findings.found.connect(self._on_new_findings)
        self.findings_panel.finding_selected.connect(self.show_finding)
        self.run_view.markers.clicked.connect(self.select_finding)
        self.banner.clicked.connect(self.select_finding)
        self.badge.clicked.connect(self._on_badge)
        self.scenario_panel.watch.chinese.toggled.connect(self.findings_panel.set_chinese)
        self.replay.restarted.connect(self._on_replay_restart)
        self.replay_bar.step_requested.connect(self.replay_step)
        self.replay_bar.finding_requested.connect(self.replay_finding)
        for key, slot in ((Qt.Key_Left, self._on_key_back), (Qt.Key_PageUp, self._on_key_back),
                          (Qt.Key_Right, self._on_key_on), (Qt.Key_PageDown, self._on_key_on),
                          (Qt.Key_Up, self._on_key_faster), (Qt.Key_Down, self._on_key_slower),
                          (Qt.Key_Home, self._on_key_home), (Qt.Key_End, self._on_key_end),
                          (Qt.CTRL | Qt.Key_Left, self._on_key_prev_finding),
                          (Qt.CTRL | Qt.Key_Right, self._on_key_next_finding)):
            QShortcut(QKeySequence(key), self, slot)
        c = self.controller
        c.rows_appended.connect(self._on_rows)
        c.run_finished.connect(self._on_finished)
        c.run_failed.connect(self._on_failed)

    # --- what it remembers (window_settings.py) --------------------------------------

    def splitters(self) -> list[QSplitter]:
        return [self.main_split, self.center, self.bottom.splitter, self.scenario_panel,
                self.run_view.splitter]

    def save_settings(self) -> None:
        save_window(self, self.settings)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._laid_out:          # first start: proportions that suit 1280×800 up
            self._laid_out = True
            lay_out_default(self)

    # --- scenario and run ---------------------------------------------------------

    @Slot(str)
    def _on_scenario(self, scenario_id: str) -> None:
        self.scenario_panel.show_params(scenario_id, self.settings.params(scenario_id))
        self.source.show_scenario(scenario_id)
        self.bottom.show_source()
        if not self.controller.running and self.controller.model is None:
            self.run_view.choose_third_plot(scenario_id)

    @Slot()
    def start_run(self) -> bool:
        if self.controller.running:
            return False
        form = self.scenario_panel.form
        if not form.check():
            self.statusBar().showMessage("Fix the parameter marked in the form first.", 5000)
            return False
        scenario_id = self.scenario_panel.current_id()
        values = form.values()
        self.settings.set_params(scenario_id, values)
        try:
            self.controller.start(scenario_id, values, self.toolbar.speed_value())
        except (ParamError, OSError) as problem:
            self.statusBar().showMessage(str(problem), 8000)
            return False
        self.summary.clear_error()
        self.message_bar.hide()
        self.replay.close()
        self.replay_bar.hide()
        self.run_meta = run_metadata(scenario_id, values, self.toolbar.speed_value())
        self.setWindowTitle(TITLE)
        self.findings.start(self.controller.model, self.controller.stall_after_s())
        self.run_view.set_run(self.controller)
        self.run_view.timeline.set_window(self.toolbar.window_value())
        self.event_log.set_run(self.controller.model)
        self.bottom.show_log()
        self.paused = False
        self.toolbar.set_running(True)
        self.scenario_panel.set_editable(False)
        self.frames = 0
        self.frame_timer.start()
        self.stall_meter.start()
        self.files.update_enabled()
        self._update_status()
        return True

    @Slot()
    def stop_run(self) -> None:
        if self.controller.running:
            self.controller.stop()
            self.statusBar().showMessage("Stopping: every process ends within 2 s…", 3000)

    @Slot()
    def _on_space(self) -> None:
        if self.replay.active and not self.controller.running:
            self.replay.set_playing(not self.replay.playing)
        elif self.controller.running:
            self.toolbar.pause_action.toggle()
        else:
            self.start_run()

    @Slot(bool)
    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        self.toolbar.pause_action.setText("Resume" if paused else "Pause")
        if not paused:
            self.run_view.timeline.following = True
            self._on_frame()

    @Slot()
    def _on_taken_by_hand(self) -> None:
        if self.controller.running and not self.paused:
            self.toolbar.pause_action.setChecked(True)

    @Slot(int)
    def _on_window(self, _index: int) -> None:
        self.run_view.timeline.set_window(self.toolbar.window_value())
        self.run_view.timeline.following = True
        self.run_view.refresh()

    @Slot()
    def _on_show_all(self) -> None:
        self.toolbar.set_window(None)
        self.run_view.show_all()
        self.run_view.refresh()

    @Slot(bool)
    def set_large_text(self, large: bool) -> None:
        app = QApplication.instance()
        font = app.font()
        font.setPointSize(14 if large else 10)
        app.setFont(font)
        self.run_view.set_large(large)
        self.source.set_point_size(14 if large else 10)
        self.event_log.fit_columns()
        # bigger text needs taller lanes: on a projector the plots get the room
        height = self.center.height() or self.height()
        share = 0.82 if large else 0.70
        self.center.setSizes([int(height * share), int(height * (1 - share))])

    # --- from the controller ------------------------------------------------------

    @Slot(object)
    def _on_rows(self, rows) -> None:
        self.event_log.add_rows(rows)
        self.run_view.add_rows(rows)

    @Slot(object)
    def _on_finished(self, summary: dict) -> None:
        self.toolbar.set_running(False)
        self.files.update_enabled()
        self.scenario_panel.set_editable(True)
        self.paused = False
        self._unsettled_summary = summary
        self._settle()

    def _settle(self) -> None:
        """The run is over: draw until nothing is owed, then show the whole story."""
        self._draw(slow=True)
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
        self._update_status()
        self.run_ended.emit(summary)
        if self.closing:
            self.close()
            # The window was hidden when the user closed it (the run had to end first):
            # closing a hidden window does not count as "the last window closed", so the
            # app would live on invisibly.  Leave as that close would have.
            app = QApplication.instance()
            if app is not None and app.quitOnLastWindowClosed() and \
                    not any(w.isVisible() for w in app.topLevelWidgets()):
                app.quit()

    @Slot(str)
    def _on_failed(self, text: str) -> None:
        self.summary.show_bridge_error(text)

    # --- drawing ------------------------------------------------------------------

    @Slot()
    def _on_frame(self) -> None:
        self.controller.poll()
        self.findings.poll()
        if self._unsettled_summary is not None:
            self._settle()
            return
        self.frames += 1
        slow = self.frames % SLOW_EVERY == 0
        if not self.paused and not self.isMinimized():
            self._draw(slow)
        self.files.update_enabled()         # a run's events are final once they stop
        if slow:
            self._update_status()

    def draw_now(self) -> None:
        """Bring every view up to date at once (a screenshot, a test)."""
        self._draw(slow=True)

    def _draw(self, slow: bool) -> None:
        self.run_view.refresh()
        if slow:
            self.event_log.refresh()
            if self.controller.running:
                self.summary.show_live(self.controller)
            elif self.replay.active and not self.replay.ended:
                self.summary.show_replay(self.replay)

    def perf_text(self) -> str:
        frames = sorted(self.run_view.frame_ms)
        depth = self.run_view.depth.recompute_ms
        if not frames:
            return "no frames drawn"
        return (f"{len(frames)} frames, update median {frames[len(frames) // 2]:.1f} ms, "
                f"max {frames[-1]:.1f} ms; depth recomputes {len(depth)}, max "
                f"{max(depth, default=0):.1f} ms; " + self.stall_meter.text())

    def _update_status(self) -> None:
        c = self.controller
        elapsed, alive = c.elapsed_s(), c.processes_alive
        if c.summarizing:
            state = "summing up the run"
        elif c.running:
            state = "running" + (" — view paused" if self.paused else "")
        elif self.replay.active and not self.replay.ended:
            state = f"replay at {self.replay.speed:g}×"
            # the replay's cursor, in run seconds, and who is alive there (once it has
            # ended: the run's length, as the live run showed it)
            elapsed = self.replay.position_s
            alive = sum(p.alive for p in c.model.processes.values()) if c.model else 0
        else:
            state = c.summary["status"] if c.summary else "ready"
        message = self.statusBar().currentMessage()
        self.status_label.setText(html.escape(
            f"{state} · {alive} processes alive · {c.events_per_s():,.0f} events/s"
            f" · {c.dropped_total} dropped · {int(elapsed // 60):02d}:{elapsed % 60:04.1f}")
            + (f"&nbsp;&nbsp;&nbsp;<b>{html.escape(message)}</b>" if message else ""))

    @Slot(str)
    def _on_status_message(self, _message: str) -> None:
        self._update_status()

    # --- closing ------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        self.replay.set_playing(False)
        if self.controller.running:
            # End every process first (≤ 2 s, off the GUI thread), then close for real.
            self.closing = True
            self.hide()
            self.controller.stop()
            event.ignore()
            return
        self.save_settings()
        self.run_view.depth.computer.shutdown()
        self.controller.shutdown()
        self.findings.shutdown()
        deadline = time.monotonic() + 3
        self.controller.wait_for_threads(int((deadline - time.monotonic()) * 1000))
        super().closeEvent(event)
