"""CompareWindow: two runs one above the other on one time axis — the same scenario as
the main window has it (A) and with one parameter changed (B), run at the same time;
its code as edited in the source view (A) and as it was (B), for a scenario or a
program (gui/compare_runs.py); or two saved runs opened side by side — with what
differs listed between them.

Each side is a RunSession of its own (gui/run_session.py: a controller, the plots, the
summary with its findings), so both go live at once.  B's plots are linked to A's x
axis: pan or zoom either and the other follows, and the view of both pauses and
resumes together (a pan stops the following on both sides, or the one still following
would pull the shared axis back).  When both have ended the axis shows both whole and
the strip between them lists what differs (gui/compare_differences.py).

Stop stops both.  Closing the window while a run goes ends every process first, as the
main window does: hidden, both stopped, closed for real once both have ended.
"""
from __future__ import annotations

from ipcscope.core.scenarios.base import ParamError
from ipcscope.gui.compare_choice import CompareChoice
from ipcscope.gui.compare_differences import DifferencesStrip
from ipcscope.gui.compare_runs import side_texts, start_programs, start_scenarios
from ipcscope.gui.compare_side import CannotOpen, CompareSide, saved_run, trace_labels
from ipcscope.gui.file_actions import trace_filter
from ipcscope.gui.i18n import translate
from ipcscope.gui.run_session import RunSession
from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QLayout,
    QMainWindow,
    QSplitter,
    QStyle,
    QToolBar,
)

SIDES = ("A", "B")


class CompareWindow(QMainWindow):
    both_ended = Signal(object, object)     # A's and B's summaries, once both have ended

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("compare-window")
        self.spec = None                    # the scenario compared (None: two traces)
        self.program = None                 # or the program compared (its code)
        self.edited = None                  # () -> the edited code, prepared; or None
        self.values_a: dict = {}
        self.speed = 1.0
        self.names: tuple[str, str] | None = None   # the opened traces' labels
        self.sessions = (RunSession(self), RunSession(self))
        self.sides = [CompareSide(s) for s in self.sessions]
        self.strip = DifferencesStrip()
        self._ended: dict[int, dict] = {}
        self.closing = False
        self._quit_after_close = False
        self.last_problem = ""              # the last sentence told (tests read it)
        self._make_toolbar()
        splitter = self.splitter = QSplitter(Qt.Vertical)
        splitter.setObjectName("compare-splitter")
        splitter.setChildrenCollapsible(False)
        for widget in (self.sides[0], self.strip, self.sides[1]):
            splitter.addWidget(widget)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(2, 1)
        self.setCentralWidget(splitter)
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status, 1)
        # size hints pushed to the platform window draw a warning offscreen (as MainWindow)
        self.layout().setSizeConstraint(QLayout.SetNoConstraint)
        self.setMinimumSize(900, 600)
        a, b = self.sessions
        a.run_view.timeline.link(b.run_view.depth)     # one time axis: B's follows A's
        a.run_view.legend.hide()                       # the same colours: one legend, under B
        for index, session in enumerate(self.sessions):
            session.pause_changed.connect(self._on_pause_changed)
            session.ended.connect(self._on_ended)
            session.ticked.connect(self._on_tick)
            session.event_log.setParent(self)           # not shown: freed with the window
            session.event_log.hide()
        QShortcut(QKeySequence(Qt.Key_Escape), self, self.stop)
        QShortcut(QKeySequence(Qt.Key_Space), self, self._on_space)
        self.retranslate()

    def _make_toolbar(self) -> None:
        bar = self.toolbar = QToolBar()
        bar.setObjectName("compare-toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        self.addToolBar(bar)
        self.choice = CompareChoice()
        self.choice.changed.connect(self._update_labels)
        bar.addWidget(self.choice)
        style = self.style()
        self.run_action = QAction(style.standardIcon(QStyle.SP_MediaPlay), "", self)
        self.run_action.triggered.connect(self.run_both)
        self.pause_action = QAction(style.standardIcon(QStyle.SP_MediaPause), "", self)
        self.pause_action.setCheckable(True)
        self.pause_action.toggled.connect(self.set_paused)
        self.stop_action = QAction(style.standardIcon(QStyle.SP_MediaStop), "", self)
        self.stop_action.triggered.connect(self.stop)
        self.show_all_action = QAction(self)
        self.show_all_action.triggered.connect(self.show_all)
        self.open_action = QAction(self)
        self.open_action.triggered.connect(self.ask_traces)
        for action in (self.run_action, self.pause_action, self.stop_action,
                       self.show_all_action):
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.open_action)
        self._set_running(False)

    def retranslate(self) -> None:
        self.setWindowTitle(translate("CompareWindow", "Compare A and B — IPC Scope"))
        self.toolbar.setWindowTitle(translate("CompareWindow", "Compare"))
        self.run_action.setText(translate("CompareWindow", "Run A and B"))
        self.run_action.setToolTip(translate(
            "CompareWindow", "Run the scenario as the main window has it (A) and with the "
                             "parameter changed (B), at the same time (Space)"))
        self.retranslate_pause()
        self.pause_action.setToolTip(translate(
            "CompareWindow", "Freeze both views while the runs go on (Space)"))
        self.stop_action.setText(translate("CompareWindow", "Stop"))
        self.stop_action.setToolTip(translate(
            "CompareWindow", "Stop both runs: every process ends within 2 s (Esc)"))
        self.show_all_action.setText(translate("CompareWindow", "Show all"))
        self.show_all_action.setToolTip(translate(
            "CompareWindow", "Show both runs whole on the time axis"))
        self.open_action.setText(translate("CompareWindow", "Open two runs…"))
        self.open_action.setToolTip(translate(
            "CompareWindow", "Open two saved runs (.ipcscope files), A above B"))
        self.choice.retranslate()
        self.strip.retranslate()
        for session in self.sessions:
            session.retranslate()
        self._update_labels()
        self._update_status()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.lay_out_default()

    def lay_out_default(self) -> None:
        """A and B get the height alike; the strip between them what its words need."""
        strip = self.strip.height_for(self.splitter.width())
        half = max(200, (self.splitter.height() - strip) // 2)
        self.splitter.setSizes([half, strip, half])
        for side in self.sides:
            side.lay_out_default()

    def _fit_strip(self) -> None:
        """The strip's words changed: it takes their height, from A and B alike — or
        from the one that has room above its least height (a side held at it would
        not give, and the strip's second line was cut)."""
        a, strip, b = self.splitter.sizes()
        wanted = self.strip.height_for(self.splitter.width())
        room_a, room_b = (max(0, size - side.minimumHeight())
                          for size, side in zip((a, b), self.sides))
        more = wanted - strip
        from_a = min(more // 2, room_a) if more > 0 else more // 2
        from_b = min(more - from_a, room_b) if more > 0 else more - from_a
        from_a = min(more - from_b, room_a) if more > 0 else from_a
        self.splitter.setSizes([a - from_a, strip + from_a + from_b, b - from_b])

    # --- what is compared -------------------------------------------------------------

    def prepare(self, spec, values_a: dict, speed: float, window_s=30.0,
                edited=None) -> None:
        """The main window's scenario, its values (A) and speed; B: one parameter changed
        (the choice row's first pick, until the user picks another).  edited: a callable
        that gives the scenario's edited code, prepared (ParamError if it cannot run),
        or None: then "the code" is B's first pick, the original against the edit."""
        if self.running:
            return
        self.spec, self.values_a, self.speed, self.names = spec, dict(values_a), speed, None
        self.program, self.edited = None, edited
        self.choice.set_scenario(spec, values_a, code_edited=edited is not None)
        self._ready(window_s)

    def prepare_program(self, program, edited, window_s=30.0) -> None:
        """A program of the user's own, edited: A runs the edit (edited(): the Program
        that runs it, or ParamError), B the program as its file has it."""
        if self.running:
            return
        self.spec, self.values_a, self.speed, self.names = None, {}, 1.0, None
        self.program, self.edited = program, edited
        self.choice.set_program()
        self._ready(window_s)

    def _ready(self, window_s) -> None:
        self.choice.set_enabled(True)
        self.run_action.setEnabled(True)
        for session in self.sessions:
            session.set_time_window(window_s)
        self._update_labels()

    @Slot()
    def _update_labels(self) -> None:
        if self.names is not None:
            texts = self.names
        elif self.spec is not None or self.program is not None:
            texts = side_texts(self.choice, self.values_a, self.edited)
        else:
            texts = ("", "")
        for side, name, text in zip(self.sides, SIDES, texts):
            side.label.setText(translate("CompareWindow", "{side}: {what}").format(
                side=name, what=text))

    @property
    def running(self) -> bool:
        return any(s.running for s in self.sessions)

    @Slot()
    def run_both(self) -> bool:
        """A and B at once; False, with one sentence in the status bar, if they cannot go
        (a line of edited code that cannot run is marked in the source view)."""
        if self.running or (self.spec is None and self.program is None):
            return False
        self._begin()
        try:
            if self.program is not None:
                start_programs(self.sessions, self.program, self.edited)
            else:
                start_scenarios(self.sessions, self.spec, self.values_a, self.speed,
                                self.choice, self.edited)
        except (ParamError, OSError) as problem:
            self.stop()
            return self._say(str(problem))
        self._set_running(True)
        self.strip.clear("running")
        self._fit_strip()
        return True

    def _begin(self) -> None:
        self._ended.clear()
        self.pause_action.setChecked(False)
        self.statusBar().clearMessage()

    @Slot()
    def ask_traces(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, translate("CompareWindow", "Open two saved runs: A, then B"), "",
            trace_filter())
        if len(paths) == 2:
            self.open_traces(*paths)
        elif paths:
            self._say(translate("CompareWindow", "Pick two saved runs: the first is A, "
                                                 "the second B."))

    def open_traces(self, path_a: str, path_b: str) -> bool:
        """Two saved runs, A above B, each with its replay bar; False, with one sentence,
        if either cannot be opened (nothing on screen changes then)."""
        if self.running:
            return self._say(translate("CompareWindow", "Stop the runs first, then open "
                                                        "the files."))
        try:
            opened = [saved_run(path) for path in (path_a, path_b)]
        except CannotOpen as problem:
            return self._say(str(problem))
        self.spec, self.program, self.edited = None, None, None
        self.names = trace_labels(opened)
        self.choice.set_enabled(False)
        self.run_action.setEnabled(False)
        self._begin()
        self.strip.clear("idle")
        self._update_labels()
        for session, (loaded, scenario, _path) in zip(self.sessions, opened):
            session.show_loaded(loaded, scenario)
        return True

    # --- while they go ----------------------------------------------------------------

    @Slot()
    def stop(self) -> None:
        for session in self.sessions:
            session.controller.stop()

    @Slot(bool)
    def set_paused(self, paused: bool) -> None:
        for session in self.sessions:
            session.set_paused(paused)
        self.retranslate_pause()

    @Slot(bool)
    def _on_pause_changed(self, paused: bool) -> None:
        """One side's view froze (a pan, a finding shown) or follows again: both do."""
        self.pause_action.setChecked(paused)

    def retranslate_pause(self) -> None:
        self.pause_action.setText(translate("CompareWindow", "Resume") if
                                  self.pause_action.isChecked() else
                                  translate("CompareWindow", "Pause"))

    @Slot()
    def _on_space(self) -> None:
        if self.running:
            self.pause_action.toggle()
        elif self.run_action.isEnabled():
            self.run_both()

    @Slot()
    def show_all(self) -> None:
        for session in self.sessions:
            session.set_time_window(None)
        self._show_both_whole()

    def _show_both_whole(self) -> None:
        """The shared axis from the earliest start to the later end of the two."""
        ranges = [s.run_view.story_range() for s in self.sessions
                  if s.controller.model is not None and s.controller.model.t0 is not None]
        if not ranges:
            return
        timeline = self.sessions[0].run_view.timeline
        timeline.following = False
        self.sessions[1].run_view.timeline.following = False
        timeline.show_range(min(r[0] for r in ranges), max(r[1] for r in ranges))
        for session in self.sessions:
            session.run_view.refresh()

    @Slot(bool)
    def _on_tick(self, slow: bool) -> None:
        if slow:
            self._update_status()

    def _update_status(self) -> None:
        self.status.setText("     ".join(f"{name}: {session.status_text()}"
                                        for name, session in zip(SIDES, self.sessions)))

    def _say(self, sentence: str) -> bool:
        self.statusBar().showMessage(sentence, 8000)
        self.last_problem = sentence
        return False

    def _set_running(self, running: bool) -> None:
        live = self.spec is not None or self.program is not None
        self.run_action.setEnabled(not running and live)
        self.choice.set_enabled(not running and live)
        self.open_action.setEnabled(not running)
        self.pause_action.setEnabled(running)
        self.stop_action.setEnabled(running)

    # --- the end ----------------------------------------------------------------------

    @Slot(object)
    def _on_ended(self, summary: dict) -> None:
        self._ended[self.sessions.index(self.sender())] = summary
        self._update_status()
        if len(self._ended) < 2:
            return
        if self.closing:
            self.close()
            return
        self._set_running(False)
        self.pause_action.setChecked(False)
        self._show_both_whole()
        self.strip.show_summaries(self._ended[0], self._ended[1])
        self._fit_strip()
        self.both_ended.emit(self._ended[0], self._ended[1])

    def closeEvent(self, event) -> None:
        if self.running:
            # end every process first (≤ 2 s, off the GUI thread), then close for real;
            # meanwhile the app must not quit under the runs' threads
            app = QApplication.instance()
            self.closing = True
            self._quit_after_close = app.quitOnLastWindowClosed()
            app.setQuitOnLastWindowClosed(False)
            self.hide()
            self.stop()
            event.ignore()
            return
        for session in self.sessions:
            session.shutdown()
        super().closeEvent(event)
        if self.closing:
            self.closing = False
            app = QApplication.instance()
            app.setQuitOnLastWindowClosed(self._quit_after_close)
            if self._quit_after_close and not any(w.isVisible() for w in app.topLevelWidgets()):
                app.quit()
