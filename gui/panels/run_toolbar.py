"""RunToolbar: Run / Pause / Stop, the speed (0.1× to 10×, scaling the scenario's
sleeps and timeouts), the time window, "show all", and large text for projectors.
It remembers its speed, time window and text size itself (gui/window_settings.py)."""
from __future__ import annotations

from ipcscope.gui.i18n import translate
from ipcscope.gui.plots.timeline import WINDOW_CHOICES, window_label
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QStyle, QToolBar

SPEEDS = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)


class RunToolbar(QToolBar):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("run-toolbar")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        style = self.style()
        self.run_action = QAction(style.standardIcon(QStyle.SP_MediaPlay), "", self)
        self.pause_action = QAction(style.standardIcon(QStyle.SP_MediaPause), "", self)
        self.pause_action.setCheckable(True)
        self.stop_action = QAction(style.standardIcon(QStyle.SP_MediaStop), "", self)
        for name, action in (("run", self.run_action), ("pause", self.pause_action),
                             ("stop", self.stop_action)):
            self.addAction(action)
            self.widgetForAction(action).setObjectName(f"button-{name}")
        self.addSeparator()
        self.speed = QComboBox()
        self.speed.setObjectName("speed")
        for value in SPEEDS:
            self.speed.addItem(f"{value:g}×", value)
        self.set_speed(1.0)
        self.speed_label = QLabel()
        self.addWidget(self.speed_label)
        self.addWidget(self.speed)
        self.time_window = QComboBox()
        self.time_window.setObjectName("time-window")
        for seconds, _label in WINDOW_CHOICES:
            self.time_window.addItem("", seconds)
        self.window_label = QLabel()
        self.addWidget(self.window_label)
        self.addWidget(self.time_window)
        self.show_all_action = QAction(self)
        self.addAction(self.show_all_action)
        self.addSeparator()
        self.large_text_action = QAction(self)
        self.large_text_action.setCheckable(True)
        self.large_text_action.setShortcut("Ctrl+L")
        self.addAction(self.large_text_action)
        self.set_running(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(translate("RunToolbar", "Run"))
        self.run_action.setText(translate("RunToolbar", "Run"))
        self.run_action.setToolTip(translate("RunToolbar", "Run the scenario (Space)"))
        self.show_paused(self.pause_action.isChecked())
        self.pause_action.setToolTip(
            translate("RunToolbar", "Freeze the view while the run goes on (Space)"))
        self.stop_action.setText(translate("RunToolbar", "Stop"))
        self.stop_action.setToolTip(
            translate("RunToolbar", "Stop the run: every process ends within 2 s (Esc)"))
        self.speed.setToolTip(self.speed_tip())      # the window says when it is off
        self.speed_label.setText(translate("RunToolbar", " speed "))
        self.time_window.setToolTip(
            translate("RunToolbar", "How many seconds the plots show while following the run"))
        for index in range(self.time_window.count()):
            self.time_window.setItemText(index, window_label(self.time_window.itemData(index)))
        self.window_label.setText(translate("RunToolbar", "  window "))
        self.show_all_action.setText(translate("RunToolbar", "Show all"))
        self.show_all_action.setToolTip(translate("RunToolbar", "Show the whole run on the time axis"))
        self.large_text_action.setText(translate("RunToolbar", "Large text"))
        self.large_text_action.setToolTip(
            translate("RunToolbar", "Bigger text and lanes for a projector (Ctrl+L)"))

    @staticmethod
    def speed_tip() -> str:
        return translate("RunToolbar", "Scale the scenario's sleeps and timeouts (1× = the article)")

    def show_paused(self, paused: bool) -> None:
        self.pause_action.setText(translate("RunToolbar", "Resume") if paused else
                                  translate("RunToolbar", "Pause"))

    def speed_value(self) -> float:
        return float(self.speed.currentData())

    def set_speed(self, value: float) -> None:
        index = self.speed.findData(value)
        if index < 0:                       # from --speed: offer it as it was asked
            self.speed.addItem(f"{value:g}×", value)
            index = self.speed.count() - 1
        self.speed.setCurrentIndex(index)

    def window_value(self):
        return self.time_window.currentData()

    def set_window(self, seconds) -> None:
        if seconds is None:
            index = self.time_window.count() - 1          # "all"
        else:
            index = self.time_window.findData(float(seconds))
        self.time_window.setCurrentIndex(index if index >= 0 else 1)

    def set_running(self, running: bool) -> None:
        self.run_action.setEnabled(not running)
        self.pause_action.setEnabled(running)
        self.stop_action.setEnabled(running)
        self.speed.setEnabled(not running)
        if not running:
            self.pause_action.setChecked(False)

    # --- what it remembers ------------------------------------------------------------

    def save_settings(self, settings) -> None:
        settings.set_value("run/speed", self.speed_value())
        seconds = self.window_value()
        settings.set_value("run/window", "all" if seconds is None else str(seconds))
        settings.set_value("view/large_text", self.large_text_action.isChecked())

    def restore_settings(self, settings) -> None:
        self.set_speed(settings.value("run/speed", 1.0, float))
        seconds = settings.value("run/window", "30", str)
        self.set_window(None if seconds == "all" else float(seconds))
        self.large_text_action.setChecked(settings.value("view/large_text", False, bool))
