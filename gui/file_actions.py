"""FileActions: File > Save run…, Open…, Open script…, drag and drop of a trace or a
script, and Export (the plots as PNG or SVG, the run for Perfetto or as CSV).

Every run is kept in memory until the next one starts, so "Save run…" writes the run
on screen, finished or opened.  It can be used as soon as the run's events are final:
the moment a run ends or is stopped.  A big run's summary is made in a worker after
that (gui/run_controller.py); a save asked for meanwhile is written the moment the
summary is there, with every event.  While a run is going, Save run… is off and says
why (its tooltip; Ctrl+S says it in the status bar): Stop ends the run at once and
keeps every event it recorded.

A file that cannot be opened or written is told in one sentence in a bar over the
plots (gui/message_bar.py) that blocks nothing; the run on screen stays.

It works on one RunSession (gui/run_session.py); the window it sits in gives it a parent
for dialogs, takes its status messages (`said`), shows an opened trace
(`trace_loaded`) and lists an opened script (`script_opened`: a program of the user's
own, checked first).  A file dropped on that window is opened here too: a `.py` as a
script, anything else as a trace.
"""
from __future__ import annotations

import os

from ipcscope.core import scenarios
from ipcscope.core.export import ExportError, write_chrome, write_csv
from ipcscope.core.scenarios.base import ParamError
from ipcscope.core.trace import FILE_SUFFIX, TraceError, load_run, save_run
from ipcscope.gui.i18n import translate
from ipcscope.gui.animation_dialog import AnimationExport
from ipcscope.gui.run.program_run import ProgramRun, program_at
from PySide6.QtCore import QEvent, QObject, QRectF, Signal, Slot
from PySide6.QtGui import QAction, QColor, QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton


def trace_filter() -> str:
    return translate("FileActions", "IPC Scope traces ({pattern});;All files (*)").format(
        pattern=f"*{FILE_SUFFIX}")


def script_filter() -> str:
    return translate("FileActions", "Python programs (*.py);;All files (*)")


def save_tip() -> str:
    return translate("FileActions", "Write this run to a trace file (Ctrl+S)")


def save_while_running() -> str:
    return translate("FileActions", "The run is still going: Save run… works once it has ended. "
              "Stop (Esc) ends it now and keeps every event it recorded.")


def save_nothing() -> str:
    return translate("FileActions", "Nothing to save yet: run a scenario, or open a saved run.")


class FileActions(QObject):
    said = Signal(str, int)                        # a status message, and for how many ms
    trace_loaded = Signal(object, object, str)     # LoadedRun, its Scenario, file name
    script_opened = Signal(str, object)            # a program's absolute path, its args

    def __init__(self, session, window):
        """session: the RunSession whose run is saved, exported, or replaced by an opened
        one; window: the widget that parents the dialogs and takes dropped files."""
        super().__init__(window)
        self.session, self.window = session, window
        self.last_problem = ""            # the last sentence told to the user (tests)
        self.pending_save: str | None = None    # asked for while the summary is made
        self.save_action = self._action(QKeySequence.Save, self.ask_save)
        # Ctrl+S while Save run… is off (a run is going) says why, not nothing
        self.save_refused = QShortcut(QKeySequence(QKeySequence.Save), window,
                                      self.explain_save)
        session.run_finished.connect(self._on_run_finished)
        session.took_run.connect(self.update_enabled)
        session.ticked.connect(self.update_enabled)
        # a big run can be saved the moment its events stop, while its summary is made
        session.controller.events_final.connect(self.update_enabled)
        self.open_action = self._action(QKeySequence.Open, self.ask_open)
        self.script_action = self._action(QKeySequence("Ctrl+Shift+O"), self.ask_script)
        self.export_menu = QMenu(window)
        self.png_action = self._action(None, self.ask_png, self.export_menu)
        self.svg_action = self._action(None, self.ask_svg, self.export_menu)
        self.chrome_action = self._action(None, self.ask_chrome, self.export_menu)
        self.csv_action = self._action(None, self.ask_csv, self.export_menu)
        self.animation = AnimationExport(session, window, self.export_menu)
        self.export_button = QToolButton()
        self.export_button.setObjectName("button-export")
        self.export_button.setMenu(self.export_menu)
        self.export_button.setPopupMode(QToolButton.InstantPopup)
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.save_action.setText(translate("FileActions", "Save run…"))
        self.open_action.setText(translate("FileActions", "Open…"))
        self.open_action.setToolTip(translate(
            "FileActions", "Open a saved run; you can also drop the file on "
                                       "the window (Ctrl+O)"))
        self.script_action.setText(translate("FileActions", "Open script…"))
        self.script_action.setToolTip(translate("FileActions", 
            "Add a Python program of your own to the list, to run it traced; you can "
            "also drop the .py file on the window (Ctrl+Shift+O)"))
        self.export_menu.setTitle(translate("FileActions", "Export"))
        self.export_button.setText(translate("FileActions", "Export"))
        self.export_button.setToolTip(translate(
            "FileActions", "Export the plots as a picture, or the run for "
                                         "Perfetto or as CSV"))
        for action, text in ((self.png_action, translate("FileActions", "Plots as PNG…")),
                             (self.svg_action, translate("FileActions", "Plots as SVG…")),
                             (self.chrome_action, translate(
                                 "FileActions", "Run for Perfetto (Chrome JSON)…")),
                             (self.csv_action, translate("FileActions", "Events as CSV…"))):
            action.setText(text)
            action.setToolTip(text)
        self.animation.retranslate()
        self.update_enabled()

    def _action(self, shortcut, slot, menu=None) -> QAction:
        action = QAction(self.window)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        return action

    def add_to(self, toolbar) -> None:
        toolbar.addSeparator()
        toolbar.addAction(self.save_action)
        toolbar.addAction(self.open_action)
        toolbar.addAction(self.script_action)
        toolbar.addWidget(self.export_button)

    @Slot()
    def update_enabled(self) -> None:
        c, replaying = self.session.controller, self.session.replay.active
        has_events = c.model is not None and c.model.t0 is not None
        has_run = replaying or (has_events and not c.running)
        # the events are final once they stop coming, summary or not
        can_save = replaying or (has_events and not c.streaming)
        self.save_action.setEnabled(can_save)
        tip = save_tip() if can_save else save_while_running() if c.streaming else \
            save_nothing()
        self.save_action.setToolTip(tip)
        self.save_action.setStatusTip("" if can_save else tip)
        self.save_refused.setEnabled(not can_save)
        self.open_action.setEnabled(not c.running)
        self.export_button.setEnabled(has_run or c.running)
        for action in (self.chrome_action, self.csv_action):
            action.setEnabled(has_run)

    # --- a trace dropped on the window ------------------------------------------------

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.DragEnter:
            urls = event.mimeData().urls()
            if urls and urls[0].isLocalFile() and not self.session.running:
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if event.type() == QEvent.Drop:
            urls = event.mimeData().urls()
            if urls and urls[0].isLocalFile():
                event.acceptProposedAction()
                self.open_dropped(urls[0].toLocalFile())
            return True
        return super().eventFilter(watched, event)

    # --- the work (also called by tests, drag and drop and `ipcscope FILE`) -----------

    def open_dropped(self, path: str) -> bool:
        """A file dropped on the window: a script is listed, anything else opened."""
        if path.lower().endswith(".py"):
            return self.open_script(path)
        return self.open_path(path)

    def open_script(self, path: str, args: list | None = None) -> bool:
        """List a program of the user's own (Open script…, a drop, `ipcscope x.py`);
        args, if given, become its arguments.  False, with one sentence, if it cannot
        be run."""
        try:
            program_at(path).check()
        except ParamError as error:
            return self.tell(str(error))
        self.script_opened.emit(os.path.abspath(path), args)
        return True

    def open_path(self, path: str, loaded=None) -> bool:
        if self.session.running:
            return self.tell(translate("FileActions", "Stop the run first, then open the file."))
        try:
            loaded = loaded or load_run(path)
            scenario = run_of(loaded)
        except TraceError as error:
            return self.tell(str(error))
        except ParamError:
            return self.tell(translate(
                "FileActions", "{path} is a run of a scenario this IPC Scope does not know "
                                "({scenario}).").format(
                path=path, scenario=repr(loaded.meta.get('scenario'))))
        if loaded.model.t0 is None:
            return self.tell(translate(
                "FileActions", "{path} holds no events, so there is nothing to show.")
                             .format(path=path))
        self.trace_loaded.emit(loaded, scenario, os.path.basename(path))
        return True

    def save_to(self, path: str) -> bool:
        """Write the run on screen to `path`.  Right after a big run, while its summary
        is made, the file is written as soon as the summary is there (True: it will be;
        the status bar says so)."""
        c = self.session.controller
        # an opened trace is saved whole, wherever its replay is
        model, summary = self.session.recorded()
        if not self.session.replay.active:
            if c.streaming:
                return self.tell(save_while_running())
            if model is None or model.t0 is None:
                return self.tell(save_nothing())
            if c.summarizing:
                self.pending_save = path
                self.said.emit(translate(
                    "FileActions", "Saving the run to {path} once it is summed up…")
                               .format(path=path), 0)
                return True
            if summary is None:
                return self.tell(translate(
                    "FileActions", "This run has no summary (IPC Scope hit an error while "
                                    "summing it up), so it cannot be saved."))
        try:
            save_run(path, model, self.session.meta, summary)
        except TraceError as error:
            return self.tell(str(error))
        self.said.emit(translate("FileActions", "Saved the run to {path}.").format(path=path), 5000)
        return True

    @Slot(object)
    def _on_run_finished(self, _summary) -> None:
        """The summary is there (before the views settle): a save asked for while it
        was made is written now."""
        self.update_enabled()
        path, self.pending_save = self.pending_save, None
        if path is not None and not self.session.replay.active:
            self.save_to(path)

    @Slot()
    def explain_save(self) -> None:
        streaming = self.session.controller.streaming
        self.said.emit(save_while_running() if streaming else save_nothing(), 8000)

    def export_png(self, path: str) -> bool:
        """The plots as on screen, pixel for pixel."""
        view = self.session.run_view
        image = QImage(view.plots_size(), QImage.Format_ARGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            view.paint_plots(painter)
        finally:
            painter.end()
        if not image.save(path, "PNG"):
            return self.tell(translate(
                "FileActions", "Could not write the PNG to {path}.").format(path=path))
        return True

    def export_svg(self, path: str) -> bool:
        """The same, as vectors: the plots paint themselves into an SVG file."""
        view = self.session.run_view
        size = view.plots_size()
        generator = QSvgGenerator()
        generator.setFileName(path)
        # the screen's resolution: the lanes paint in device pixels, so no rescaling
        generator.setResolution(view.logicalDpiX())
        generator.setSize(size)
        generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
        generator.setTitle("IPC Scope plots")
        painter = QPainter()
        if not painter.begin(generator):
            return self.tell(translate(
                "FileActions", "Could not write the SVG to {path}.").format(path=path))
        try:
            view.paint_plots(painter)
        finally:
            painter.end()
        if not os.path.isfile(path) or os.path.getsize(path) == 0:
            return self.tell(translate(
                "FileActions", "Could not write the SVG to {path}.").format(path=path))
        return True

    def export_run(self, path: str, chrome: bool) -> bool:
        model, _summary = self.session.recorded()
        try:
            if chrome:
                write_chrome(path, model, self.session.meta)
            else:
                write_csv(path, model)
        except ExportError as error:
            return self.tell(str(error))
        self.said.emit(translate("FileActions", "Exported to {path}.").format(path=path), 5000)
        return True

    def tell(self, sentence: str) -> bool:
        """One sentence in the window's message bar; returns False."""
        self.last_problem = sentence
        self.session.run_view.tell(sentence)
        return False

    # --- dialogs ----------------------------------------------------------------------

    def _ask(self, title: str, suffix: str, name_filter: str, save: bool) -> str | None:
        c = self.session.controller
        # a scenario's id, or a program's file name without .py
        stem = os.path.splitext(os.path.basename(c.scenario.id))[0] if c.scenario else "run"
        name = f"{stem}{suffix}"
        if save:
            path, _ = QFileDialog.getSaveFileName(self.window, title, name, name_filter)
        else:
            path, _ = QFileDialog.getOpenFileName(self.window, title, "", name_filter)
        if path and save and not os.path.splitext(path)[1]:
            path += suffix
        return path or None

    @Slot()
    def ask_open(self) -> None:
        path = self._ask(translate("FileActions", "Open a run"), "", trace_filter(), save=False)
        if path:
            self.open_path(path)

    @Slot()
    def ask_script(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, translate(
            "FileActions", "Open a Python program"), "",
                                              script_filter())
        if path:
            self.open_script(path)

    @Slot()
    def ask_save(self) -> None:
        path = self._ask(translate(
            "FileActions", "Save the run"), FILE_SUFFIX, trace_filter(), save=True)
        if path:
            self.save_to(path)

    @Slot()
    def ask_png(self) -> None:
        path = self._ask(translate("FileActions", "Export the plots as PNG"), ".png",
                         translate("FileActions", "PNG images (*.png)"), save=True)
        if path:
            self.export_png(path)

    @Slot()
    def ask_svg(self) -> None:
        path = self._ask(translate("FileActions", "Export the plots as SVG"), ".svg",
                         translate("FileActions", "SVG images (*.svg)"), save=True)
        if path:
            self.export_svg(path)

    @Slot()
    def ask_chrome(self) -> None:
        path = self._ask(translate("FileActions", "Export for Perfetto"), ".json",
                         translate("FileActions", "Chrome trace JSON (*.json)"), save=True)
        if path:
            self.export_run(path, chrome=True)

    @Slot()
    def ask_csv(self) -> None:
        path = self._ask(translate(
            "FileActions", "Export the events as CSV"), ".csv", "CSV (*.csv)", save=True)
        if path:
            self.export_run(path, chrome=False)


def run_of(loaded):
    """What an opened trace is a run of: a program's (its metadata names it), or a known
    scenario's (ParamError if this IPC Scope does not know it)."""
    meta = loaded.meta
    if meta.get("program"):
        model = loaded.model
        return ProgramRun.from_meta(meta, pipes_only=bool(model.pipes()) and not model.queues())
    return scenarios.get(meta.get("scenario", ""))
