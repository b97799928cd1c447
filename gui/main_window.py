"""MainWindow: scenarios and parameters on the left, the run's plots in the middle with
the source and the event log below, the run summary and findings on the right.

The run and its views are a RunSession (gui/run_session.py): the window lays its widgets
out, wires the toolbar, the keys and the file actions to it, and keeps the status bar.
Each part remembers its own state (`save_settings` / `restore_settings`).
"""
from __future__ import annotations

import html
import os
import shlex

from ipcscope.core import scenarios as scenario_registry
from ipcscope.core.scenarios.base import ParamError
from ipcscope.gui.compare_action import CompareAction
from ipcscope.gui.file_actions import FileActions
from ipcscope.gui.i18n import translate
from ipcscope.gui.language_menu import LanguageMenu
from ipcscope.gui.panel_toggles import PanelToggles
from ipcscope.gui.panels.bottom_area import BottomArea
from ipcscope.gui.panels.run_toolbar import RunToolbar
from ipcscope.gui.panels.scenario_panel import ScenarioPanel
from ipcscope.gui.panels.source_view import SourceView
from ipcscope.gui.panels.text_strip import TextStrip
from ipcscope.gui.predict_dialog import PredictFirst
from ipcscope.gui.presenter import Presenter
from ipcscope.gui.repeat_action import RepeatAction
from ipcscope.gui.run.program_run import ProgramRun, program_at, split_args
from ipcscope.gui.run_session import RunSession
from ipcscope.gui.source_links import SourceLinks
from ipcscope.gui.window_settings import WindowSettings, default_settings
from PySide6.QtCore import QEvent, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLayout, QMainWindow, QSplitter, QWidget


def title() -> str:
    return translate("MainWindow", "IPC Scope — watch Python processes talk")


def speed_off_for_programs() -> str:
    return translate("MainWindow", "The speed scales a scenario's sleeps and timeouts; a "
                     "program of your own runs at its own pace.")


class MainWindow(QMainWindow):
    run_ended = Signal(object)        # the summary; after the last frame was drawn

    def __init__(self, settings: QSettings | None = None, scenarios: list | None = None,
                 language: str | None = None):
        """language: "zh" or "en" (`--lang`); else the remembered one, else the system's."""
        super().__init__()
        self.title_name = ""            # an opened file's name, before the title
        self.settings = WindowSettings(settings if settings is not None else default_settings())
        self.session = s = RunSession(self)
        # the session's parts, by the names the window always gave them (it lays the
        # widgets out; tests read them all)
        self.controller, self.run_view = s.controller, s.run_view
        self.event_log, self.summary = s.event_log, s.summary
        self.findings, self.findings_panel = s.findings, s.findings_presenter.panel
        self.replay, self.replay_bar = s.replay, s.replay_bar
        self.message_bar = s.run_view.message_bar
        self.toolbar = RunToolbar(self)
        self.addToolBar(self.toolbar)
        self.scenario_panel = ScenarioPanel(scenarios or scenario_registry.all_scenarios())
        self.source = SourceView()
        self.source_links = SourceLinks(self.session, self.source, self)
        self.files = FileActions(self.session, self)
        self.files.add_to(self.toolbar)
        self.repeat = RepeatAction(self)      # Run ×N, next to Run
        self.repeat.add_to(self.toolbar, before=self.toolbar.pause_action)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(s.findings_presenter.badge)
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
        self.closing = False
        self._connect()
        self.language_menu = LanguageMenu(self)
        self.language_menu.chosen.connect(self.set_language)
        self.panel_toggles = PanelToggles(self, {"scenarios": self.scenario_panel,
                                                 "summary": self.summary, "bottom": self.bottom})
        self.presenter = Presenter(self)
        self.predict = PredictFirst(self)
        self.toolbar.insertAction(self.toolbar.pause_action, self.predict.action)
        self.compare = CompareAction(self)
        self._laid_out = self.restore_settings()
        self.language_menu.start(self.settings, language)
        self.retranslate()
        self.session.set_time_window(self.toolbar.window_value())
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
        bar, session = self.toolbar, self.session
        bar.run_action.triggered.connect(self.start_run)
        bar.pause_action.toggled.connect(self.set_paused)
        bar.stop_action.triggered.connect(self.stop_run)
        bar.show_all_action.triggered.connect(self._on_show_all)
        bar.time_window.currentIndexChanged.connect(self._on_window)
        bar.large_text_action.toggled.connect(self.set_large_text)
        QShortcut(QKeySequence(Qt.Key_Space), self, self._on_space)
        QShortcut(QKeySequence(Qt.Key_Escape), self, self._on_escape)
        session.replay_bar.install_keys(self)
        self.scenario_panel.scenario_changed.connect(self._on_scenario)
        self.scenario_panel.program_changed.connect(self._on_program)
        self.scenario_panel.watch.chinese.toggled.connect(session.findings_presenter.set_chinese)
        self.files.said.connect(self._on_said)
        self.files.trace_loaded.connect(self.present_loaded)
        self.files.script_opened.connect(self.add_program)
        self.source.program_saved.connect(self.add_program)
        self.source.scenario_values = self.scenario_values
        session.took_run.connect(self.bottom.show_log)
        session.ticked.connect(self._on_tick)
        session.pause_changed.connect(bar.pause_action.setChecked)
        session.run_finished.connect(self._on_finished)
        session.ended.connect(self._on_ended)

    # --- what it remembers (gui/window_settings.py) ------------------------------------

    def restore_settings(self) -> bool:
        """Each part puts back its own; True if a layout was among it."""
        s = self.settings
        s.restore_state("window/geometry", self.restoreGeometry)
        s.restore_state("window/state", self.restoreState)
        laid_out = s.restore_splitter(self.main_split)
        laid_out = s.restore_splitter(self.center) or laid_out
        self.bottom.restore_settings(s)
        self.run_view.restore_settings(s)
        self.scenario_panel.restore_settings(s)
        self.toolbar.restore_settings(s)      # after the splitters: large text sizes them
        self.panel_toggles.restore_settings(s)
        self.predict.restore_settings(s)
        return laid_out

    def save_settings(self) -> None:
        s = self.settings
        s.set_value("window/geometry", self.saveGeometry())
        s.set_value("window/state", self.saveState())
        s.save_splitter(self.main_split)
        s.save_splitter(self.center)
        for part in (self.bottom, self.run_view, self.scenario_panel, self.toolbar,
                     self.panel_toggles, self.predict):
            part.save_settings(s)
        s.sync()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._laid_out:          # first start: proportions that suit 1280×800 up
            self._laid_out = True
            self._lay_out_default()

    def _lay_out_default(self) -> None:
        """The plots get most of the room."""
        width, height = max(self.width(), 960), max(self.height(), 600)
        side = min(330, max(250, width // 5))
        self.main_split.setSizes([side, width - 2 * side + 20, side - 20])
        self.center.setSizes([int(height * 0.70), int(height * 0.30)])
        self.bottom.lay_out_default(width - 2 * side)
        self.scenario_panel.lay_out_default(height)
        self.run_view.lay_out_default(height)

    # --- scenario and run ---------------------------------------------------------

    @Slot(str)
    def _on_scenario(self, scenario_id: str) -> None:
        self.scenario_panel.show_params(scenario_id, self.settings.params(scenario_id))
        self.source.show_scenario(scenario_id)
        self.bottom.show_source()
        self._update_speed()
        if not self.controller.running and self.controller.model is None:
            self.run_view.choose_third_plot(self.scenario_panel.spec(scenario_id))

    @Slot(str)
    def _on_program(self, path: str) -> None:
        self.scenario_panel.show_program(path)
        self.source.show_file(path)
        self.bottom.show_source()
        self._update_speed()

    @Slot(str, object)
    def add_program(self, path: str, args=None) -> None:
        """List a program of the user's own and choose it (args, if given, fill in its
        arguments).  FileActions.open_script checks the file first."""
        self.scenario_panel.add_program(path, None if args is None else shlex.join(args))

    def scenario_values(self, scenario_id: str) -> dict:
        """A scenario's parameter values: the form's if it shows them, else the last
        used (its defaults filling what they lack)."""
        panel = self.scenario_panel
        spec = panel.spec(scenario_id)
        shown = panel.current_program() is None and panel.current_id() == scenario_id
        values = panel.form.values() if shown else self.settings.params(scenario_id)
        try:
            return spec.resolve(values)
        except ParamError:
            return spec.defaults()

    def _update_speed(self) -> None:
        """The speed is a scenario's: off, and saying why, for a program."""
        program = self.scenario_panel.current_program() is not None
        self.toolbar.speed.setEnabled(not program and not self.controller.running)
        self.toolbar.speed.setToolTip(speed_off_for_programs() if program else
                                      self.toolbar.speed_tip())

    def prepare_run(self, scenario_id: str, params: dict, speed: float | None = None) -> None:
        """Choose a scenario, its parameters and the speed, as a user would."""
        self.scenario_panel.select(scenario_id)
        self.scenario_panel.show_params(scenario_id, params)
        if speed is not None:
            self.toolbar.set_speed(speed)

    @Slot()
    def start_run(self) -> bool:
        if self.controller.running or self.predict.dialog is not None:
            return False
        form = self.scenario_panel.form
        if not form.check():
            self.statusBar().showMessage(
                translate("MainWindow", "Fix the parameter marked in the form first."), 5000)
            return False
        path = self.scenario_panel.current_program()
        if path is not None:
            return self._start_program(path)
        scenario_id = self.scenario_panel.current_id()
        values = form.values()
        self.settings.set_params(scenario_id, values)
        question = self.predict.question_for(scenario_id, values)
        if question is not None:            # asked first; the run starts once answered
            self.predict.ask(question, lambda: self._start_scenario(scenario_id, values))
            return True
        return self._start_scenario(scenario_id, values)

    def _start_scenario(self, scenario_id: str, values: dict) -> bool:
        try:
            code = self.source.edited_scenario(scenario_id)    # None: its own code
            self.session.start(scenario_id, values, self.toolbar.speed_value(), code)
        except (ParamError, OSError) as problem:
            self.statusBar().showMessage(str(problem), 8000)
            return False
        self._started()
        return True

    def _start_program(self, path: str) -> bool:
        """A program of the user's own, traced; one sentence over the plots if it
        cannot start (gone since it was listed, a folder, not Python)."""
        program = program_at(path, split_args(self.scenario_panel.form.args_text()))
        try:
            self.session.start_program(self.source.edited_program(program))
        except (ParamError, OSError) as problem:
            self.files.tell(str(problem))
            return False
        self._started()
        return True

    def _started(self) -> None:
        self.title_name = ""
        self._update_title()
        self.toolbar.set_running(True)
        self.scenario_panel.set_editable(False)
        self._update_status()

    def open_file(self, path: str, loaded=None) -> bool:
        """Open a saved run (`ipcscope FILE`); False, with a sentence shown, if it fails."""
        return self.files.open_path(path, loaded)

    @Slot(object, object, str)
    def present_loaded(self, loaded, scenario, name: str) -> None:
        """An opened trace: its scenario and parameters in the form, its speed for Run to
        repeat, its name in the title, the run in the session's views.  A program's
        run lists the program, if its file is here."""
        if isinstance(scenario, ProgramRun):
            path = scenario.source_path
            if path and os.path.isfile(path):
                self.add_program(path, list(scenario.program.args))
        else:
            self.scenario_panel.select(scenario.id)
            self.scenario_panel.show_params(scenario.id, dict(loaded.meta.get("params") or {}))
            self.toolbar.set_speed(float(loaded.meta.get("speed") or 1.0))
        self.title_name = name
        self._update_title()
        self.session.show_loaded(loaded, scenario)

    @Slot()
    def stop_run(self) -> None:
        if self.controller.running:
            self.controller.stop()
            self.statusBar().showMessage(
                translate("MainWindow", "Stopping: every process ends within 2 s…"), 3000)

    @Slot()
    def _on_escape(self) -> None:
        """Esc leaves presenter mode; outside it, Esc stops the run."""
        if self.presenter.active:
            self.presenter.set_active(False)
        else:
            self.stop_run()

    @Slot()
    def _on_space(self) -> None:
        if self.controller.running:
            self.toolbar.pause_action.toggle()
        elif not self.session.toggle_replay():
            self.start_run()

    @Slot(bool)
    def set_paused(self, paused: bool) -> None:
        self.toolbar.show_paused(paused)
        self.session.set_paused(paused)

    @Slot(int)
    def _on_window(self, _index: int) -> None:
        self.session.set_time_window(self.toolbar.window_value())

    @Slot()
    def _on_show_all(self) -> None:
        self.toolbar.set_window(None)
        self.session.show_all()

    @Slot(bool)
    def set_large_text(self, large: bool) -> None:
        app = QApplication.instance()
        font = app.font()
        font.setPointSize(14 if large else 10)
        app.setFont(font)
        self.session.set_large(large)
        self.source.set_point_size(14 if large else 10)
        # bigger text needs taller lanes: on a projector the plots get the room
        height = self.center.height() or self.height()
        share = 0.82 if large else 0.70
        self.center.setSizes([int(height * share), int(height * (1 - share))])

    def draw_now(self) -> None:
        """Bring every view up to date at once (a screenshot, a test)."""
        self.session.draw()

    def perf_text(self) -> str:
        return self.session.perf_text()

    # --- the language (gui/i18n.py) ----------------------------------------------------

    @Slot(str)
    def set_language(self, language: str) -> None:
        """Switch now; every part retranslates itself (a LanguageChange from Qt)."""
        self.language_menu.switch(language, self.settings)

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text of the window again, in the language now installed."""
        self._update_title()
        self.language_menu.retranslate()
        self.panel_toggles.retranslate()
        self.presenter.retranslate()
        self.toolbar.retranslate()
        self.predict.retranslate()
        self.compare.retranslate()
        self.files.retranslate()
        self.scenario_panel.retranslate()
        self.bottom.retranslate()
        self.session.retranslate()
        self._update_speed()
        self._update_status()

    def _update_title(self) -> None:
        name = self.title_name
        self.setWindowTitle(f"{name} — {title()}" if name else title())

    # --- from the session ---------------------------------------------------------

    @Slot(object)
    def _on_finished(self, _summary: dict) -> None:
        self.toolbar.set_running(False)
        self.scenario_panel.set_editable(True)
        self._update_speed()

    @Slot(bool)
    def _on_tick(self, slow: bool) -> None:
        if slow:
            self._update_status()

    @Slot(object)
    def _on_ended(self, summary: dict) -> None:
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

    # --- the status bar -----------------------------------------------------------

    @Slot(str, int)
    def _on_said(self, message: str, timeout_ms: int) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def _update_status(self) -> None:
        message = self.statusBar().currentMessage()
        shown = f"&nbsp;&nbsp;&nbsp;<b>{html.escape(message)}</b>" if message else ""
        self.status_label.setText(html.escape(self.session.status_text()) + shown)

    @Slot(str)
    def _on_status_message(self, _message: str) -> None:
        self._update_status()

    # --- closing ------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        self.compare.close_window()
        if self.controller.running:
            # End every process first (≤ 2 s, off the GUI thread), then close for real.
            self.closing = True
            self.hide()
            self.controller.stop()
            event.ignore()
            return
        self.presenter.set_active(False)        # remember the window, not the full screen
        self.save_settings()
        self.session.shutdown()
        super().closeEvent(event)
