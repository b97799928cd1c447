"""RunToolbar: Run / Pause / Stop, the speed (0.1× to 10×, scaling the scenario's
sleeps and timeouts), the time window, "show all", and large text for projectors.
It remembers its speed, time window and text size itself (gui/window_settings.py)."""
from __future__ import annotations

from ipcscope.gui.plots.timeline import WINDOW_CHOICES
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QLabel, QStyle, QToolBar

SPEEDS = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)


class RunToolbar(QToolBar):
    def __init__(self, parent=None):
        super().__init__("Run", parent)
        self.setObjectName("run-toolbar")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        style = self.style()
        self.run_action = QAction(style.standardIcon(QStyle.SP_MediaPlay), "Run", self)
        self.run_action.setToolTip("Run the scenario (Space)")
        self.pause_action = QAction(style.standardIcon(QStyle.SP_MediaPause), "Pause", self)
        self.pause_action.setCheckable(True)
        self.pause_action.setToolTip("Freeze the view while the run goes on (Space)")
        self.stop_action = QAction(style.standardIcon(QStyle.SP_MediaStop), "Stop", self)
        self.stop_action.setToolTip("Stop the run: every process ends within 2 s (Esc)")
        for action in (self.run_action, self.pause_action, self.stop_action):
            self.addAction(action)
            self.widgetForAction(action).setObjectName(f"button-{action.text().lower()}")
        self.addSeparator()
        self.speed = QComboBox()
        self.speed.setObjectName("speed")
        self.speed.setToolTip("Scale the scenario's sleeps and timeouts (1× = the article)")
        for value in SPEEDS:
            self.speed.addItem(f"{value:g}×", value)
        self.set_speed(1.0)
        self.addWidget(QLabel(" speed "))
        self.addWidget(self.speed)
        self.time_window = QComboBox()
        self.time_window.setObjectName("time-window")
        self.time_window.setToolTip("How many seconds the plots show while following the run")
        for seconds, label in WINDOW_CHOICES:
            self.time_window.addItem(label, seconds)
        self.addWidget(QLabel("  window "))
        self.addWidget(self.time_window)
        self.show_all_action = QAction("Show all", self)
        self.show_all_action.setToolTip("Show the whole run on the time axis")
        self.addAction(self.show_all_action)
        self.addSeparator()
        self.large_text_action = QAction("Large text", self)
        self.large_text_action.setCheckable(True)
        self.large_text_action.setShortcut("Ctrl+L")
        self.large_text_action.setToolTip("Bigger text and lanes for a projector (Ctrl+L)")
        self.addAction(self.large_text_action)
        self.set_running(False)

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
