"""Run ▸ Compare A and B (Ctrl+D, and a toolbar button next to Stop): opens the compare
window (gui/compare_window.py) on the main window's scenario, its parameters as A and
its speed, with B's parameter and value picked there — or, when the source view has
the scenario's or the program's code edited, the edited code (A) against the original
(B).  One compare window at a time:
while it is open, Compare brings it up again with the main window's current scenario
(unless its runs are going)."""
from __future__ import annotations

import functools
import os

from ipcscope.gui.compare_window import CompareWindow
from ipcscope.gui.i18n import translate
from ipcscope.gui.run.program_run import program_at, split_args
from ipcscope.gui.run_menu import run_menu
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence


class CompareAction(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.compare_window: CompareWindow | None = None
        self.action = QAction(window)
        self.action.setObjectName("compare")
        self.action.setShortcut(QKeySequence("Ctrl+D"))
        self.action.triggered.connect(self.open)
        bar = window.toolbar
        actions = bar.actions()
        after_stop = actions.index(bar.stop_action) + 1
        bar.insertAction(actions[after_stop] if after_stop < len(actions) else None, self.action)
        bar.widgetForAction(self.action).setObjectName("button-compare")
        self.menu = run_menu(window)
        self.menu.addAction(self.action)
        self.retranslate()

    def retranslate(self) -> None:
        self.menu.setTitle(translate("CompareAction", "&Run"))
        self.action.setText(translate("CompareAction", "Compare"))
        self.action.setToolTip(translate(
            "CompareAction", "Run the scenario twice at once, with one parameter changed, "
                             "one above the other on one time axis; or open two saved runs "
                             "side by side (Ctrl+D)"))

    @Slot()
    def open(self) -> CompareWindow | None:
        """The compare window, on the main window's scenario as A (None, with a sentence
        in the status bar, if the form has a value that cannot be used)."""
        w = self.window
        compare = self.compare_window
        if compare is None:
            compare = self.compare_window = CompareWindow()
            compare.setAttribute(Qt.WA_DeleteOnClose, True)
            compare.destroyed.connect(self._on_destroyed)
            compare.resize(w.size())
        path = w.scenario_panel.current_program()
        if not compare.running:
            if path is not None and w.source.edited_code(os.path.abspath(path)) is None:
                compare.statusBar().showMessage(translate(
                    "CompareAction", "Compare runs a scenario with one parameter changed, "
                                     "or edited code against the original (Edit in the "
                                     "source view); a program of your own can also be "
                                     "compared from two saved runs (Open two runs…)."),
                    15000)
            elif path is not None:
                program = program_at(path, split_args(w.scenario_panel.form.args_text()))
                compare.prepare_program(program,
                                        functools.partial(w.source.edited_program, program),
                                        w.toolbar.window_value())
            elif not w.scenario_panel.form.check():
                w.statusBar().showMessage(translate(
                    "CompareAction", "Fix the parameter marked in the form first."), 5000)
                return None
            else:
                scenario_id = w.scenario_panel.current_id()
                edited = None
                if w.source.edited_code(scenario_id) is not None:
                    edited = functools.partial(w.source.edited_scenario, scenario_id)
                compare.prepare(w.scenario_panel.spec(scenario_id),
                                w.scenario_panel.form.values(), w.toolbar.speed_value(),
                                w.toolbar.window_value(), edited)
        if compare.isVisible():             # behind the main window: brought up
            compare.raise_()
            compare.activateWindow()
        else:
            compare.show()
        return compare

    @Slot()
    def _on_destroyed(self) -> None:
        self.compare_window = None

    def close_window(self) -> None:
        """The main window closes: so does the compare window (its runs end first)."""
        if self.compare_window is not None:
            self.compare_window.close()
