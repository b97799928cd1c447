"""Run ×N: the toolbar button next to Run and the Run menu's entry that run the chosen
scenario (with the form's parameters) or program many times in the Run ×N window
(gui/repeat_window.py).

A scenario runs at its self-test speed, as `ipcscope run ID --repeat N` does: the
distribution is what matters, and a fast run shows the same race; runs at once are
called stalled only after a longer silence (core/repeat.py `stall_after_at_once`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ipcscope.core import scenarios
from ipcscope.core.repeat import stall_after_at_once
from ipcscope.core.scenarios.base import ParamError
from ipcscope.gui import i18n
from ipcscope.gui.i18n import translate
from ipcscope.gui.run.program_run import program_at, split_args
from ipcscope.gui.run_menu import run_menu
from PySide6.QtCore import QEvent, QObject, Slot
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QStyle

RUN_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class RepeatTarget:
    """What Run ×N runs: `start_run` as RunPool takes it, `about` for its distribution."""
    start_run: Callable
    about: dict
    title: str
    title_zh: str
    detail: str

    def heading(self) -> str:
        return f"<b>{self.title_zh if i18n.chinese() else self.title}</b>  {self.detail}"


def scenario_target(scenario_id: str, values: dict, code=None) -> RepeatTarget:
    """`code`: the scenario's code as edited in the source view (prepared), or None."""
    from ipcscope.core import headless
    spec = scenarios.get(scenario_id)
    params, speed = spec.resolve(values), spec.self_test_speed

    def start_run(index, trace_path, on_start):
        return headless.run(scenario_id, params, speed=speed, timeout=RUN_TIMEOUT_S,
                            stall_after=stall_after_at_once(speed), trace_path=trace_path,
                            on_start=on_start, code=code)[0]
    detail = ", ".join(f"{k}={v}" for k, v in params.items()) + f" · {speed:g}×"
    if code is not None:
        detail += " · " + translate("RepeatAction", "edited code")
    return RepeatTarget(start_run, {"scenario": scenario_id, "params": params, "speed": speed},
                        spec.title, spec.title_zh, detail)


def program_target(path: str, args_text: str, edited=None) -> RepeatTarget:
    """`edited(program)`: the Program that runs its code as edited (itself if not)."""
    from ipcscope.core import headless
    program = program_at(path, split_args(args_text))
    program.check()
    runs = edited(program) if edited is not None else program
    if runs is not program:
        args_text = (args_text + " · " if args_text else "") + \
            translate("RepeatAction", "edited code")

    def start_run(index, trace_path, on_start):
        return headless.trace(runs, timeout=RUN_TIMEOUT_S, trace_path=trace_path,
                              echo=False, on_start=on_start)[0]
    return RepeatTarget(start_run, {"program": program.id, "args": list(program.args)},
                        program.id, program.id, args_text)


def bring_forward(widget) -> None:
    """Raise and activate a window (the offscreen platform, in tests, cannot raise)."""
    if QGuiApplication.platformName() != "offscreen":
        widget.raise_()
    widget.activateWindow()


class RepeatAction(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.repeat_window = None
        icon = window.style().standardIcon(QStyle.SP_BrowserReload)
        self.action = QAction(icon, "", self)
        self.action.setObjectName("action-repeat")
        self.action.triggered.connect(self._on_triggered)
        self.menu = run_menu(window)
        self.menu.addAction(self.action)
        window.installEventFilter(self)
        self.retranslate()

    def add_to(self, toolbar, before) -> None:
        toolbar.insertAction(before, self.action)
        toolbar.widgetForAction(self.action).setObjectName("button-repeat")

    def retranslate(self) -> None:
        self.menu.setTitle(translate("RepeatAction", "&Run"))
        self.action.setText(translate("RepeatAction", "Run ×N"))
        self.action.setToolTip(translate(
            "RepeatAction", "Run it many times, several at once, and see the distribution "
            "of its outcome"))

    @Slot()
    def _on_triggered(self) -> None:
        self.start()

    def start(self, count: int | None = None) -> bool:
        """Open the Run ×N window for the scenario or program chosen, and run it `count`
        times (else as many as the window says: the N last chosen, 100 at first)."""
        target = self.target()
        if target is None:
            return False
        if self.repeat_window is None:
            from ipcscope.gui.repeat_window import RepeatWindow
            self.repeat_window = RepeatWindow(self.window)
        self.repeat_window.show()
        bring_forward(self.repeat_window)
        self.repeat_window.run(target, count)
        return True

    def target(self) -> RepeatTarget | None:
        panel = self.window.scenario_panel
        if not panel.form.check():
            self._say(translate("MainWindow", "Fix the parameter marked in the form first."))
            return None
        source = self.window.source     # Run ×N runs what Run would: the code as edited
        try:
            path = panel.current_program()
            if path is not None:
                return program_target(path, panel.form.args_text(), source.edited_program)
            scenario_id = panel.current_id()
            return scenario_target(scenario_id, panel.form.values(),
                                   source.edited_scenario(scenario_id))
        except (ParamError, OSError) as problem:
            self._say(str(problem))
            return None

    def _say(self, sentence: str) -> None:
        self.window.statusBar().showMessage(sentence, 8000)

    def eventFilter(self, watched, event) -> bool:
        """The main window's language is ours; its closing closes Run ×N too (its runs
        are stopped)."""
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Close and self.repeat_window is not None:
            self.repeat_window.close()
        return False
