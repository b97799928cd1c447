"""ReplayBar: the controls of an opened trace's replay — step back, play / pause, step
on (to the previous / next event of the chosen process, or of any), the time scrubber,
the speed (0.1× to 10×), and the previous / next finding.

Keys (a presenter's clicker sends Left/Right or Page Up/Down): Left / Page Up a step
back, Right / Page Down a step on, Up / Down faster / slower, Home / End the start and
the end, Ctrl+Left / Ctrl+Right the previous / next finding — one table, install_keys();
Space plays and pauses (the window's, as it also starts and pauses live runs).
"""
from __future__ import annotations

from ipcscope.gui.i18n import translate
from ipcscope.gui.run.replay_controller import SPEEDS
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QToolButton,
    QWidget,
)

SLIDER_STEPS_PER_S = 1000


class ReplayBar(QWidget):
    finding_requested = Signal(int)      # -1 or +1: whoever shows findings goes there

    def __init__(self, replay, parent=None):
        super().__init__(parent)
        self.setObjectName("replay-bar")
        self.replay = replay
        self.back = self._button(QStyle.SP_MediaSkipBackward)
        self.play = self._button()
        self.on = self._button(QStyle.SP_MediaSkipForward)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setObjectName("replay-scrubber")
        self.time = QLabel()
        self.time.setMinimumWidth(self.time.fontMetrics().horizontalAdvance("000.00 / 000.00 s"))
        self.speed = QComboBox()
        for value in SPEEDS:
            self.speed.addItem(f"{value:g}×", value)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.process = QComboBox()
        self.previous_finding_button = self._button()
        self.previous_finding_button.setText("◀ ⚠")
        self.next_finding_button = self._button()
        self.next_finding_button.setText("⚠ ▶")
        self.title = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (self.title, self.back, self.play, self.on):
            layout.addWidget(widget)
        layout.addWidget(self.slider, 1)
        for widget in (self.time, self.speed, self.process, self.previous_finding_button,
                       self.next_finding_button):
            layout.addWidget(widget)
        self.back.clicked.connect(self.step_back)
        self.on.clicked.connect(self.step_on)
        self.play.clicked.connect(self._on_play)
        self.previous_finding_button.clicked.connect(self.previous_finding)
        self.next_finding_button.clicked.connect(self.next_finding)
        self.slider.valueChanged.connect(self._on_slider)
        self.speed.currentIndexChanged.connect(self._on_speed)
        replay.moved.connect(self._on_moved)
        replay.playing_changed.connect(self._on_playing)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.title.setText(translate("ReplayBar", "Replay"))
        self.back.setToolTip(translate("ReplayBar", "Previous event of the chosen process (Left)"))
        self.on.setToolTip(translate("ReplayBar", "Next event of the chosen process (Right)"))
        self.play.setToolTip(translate("ReplayBar", "Play / pause the replay (Space)"))
        self._on_playing(self.replay.playing)
        self.slider.setToolTip(translate("ReplayBar", "Drag to any moment of the run"))
        self.speed.setToolTip(translate("ReplayBar", "Replay speed (Up / Down)"))
        self.process.setToolTip(
            translate("ReplayBar", "Whose events the step buttons (Left / Right) go to"))
        self.previous_finding_button.setToolTip(translate("ReplayBar", "Previous finding (Ctrl+Left)"))
        self.next_finding_button.setToolTip(translate("ReplayBar", "Next finding (Ctrl+Right)"))
        if self.process.count():
            self.process.setItemText(0, translate("ReplayBar", "any process"))

    def install_keys(self, target: QWidget) -> None:
        """The replay's keys, as shortcuts of target (the window they work in)."""
        table = ((Qt.Key_Left, self.step_back), (Qt.Key_PageUp, self.step_back),
                 (Qt.Key_Right, self.step_on), (Qt.Key_PageDown, self.step_on),
                 (Qt.Key_Up, self.faster), (Qt.Key_Down, self.slower),
                 (Qt.Key_Home, self.to_start), (Qt.Key_End, self.to_end),
                 (Qt.CTRL | Qt.Key_Left, self.previous_finding),
                 (Qt.CTRL | Qt.Key_Right, self.next_finding))
        for key, slot in table:
            QShortcut(QKeySequence(key), target, slot)

    def _button(self, icon=None) -> QToolButton:
        button = QToolButton()
        if icon is not None:        # the fonts a projector laptop has may lack ⏮ and ⏭
            button.setIcon(self.style().standardIcon(icon))
        return button

    def start(self, labels: dict[int, str]) -> None:
        """A trace was opened: range and processes from it."""
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(1, int(round(self.replay.end_s * SLIDER_STEPS_PER_S))))
        self.slider.blockSignals(False)
        self.set_labels(labels)
        has = bool(self.replay.finding_times())
        self.previous_finding_button.setEnabled(has)
        self.next_finding_button.setEnabled(has)
        self.show()

    def set_labels(self, labels: dict[int, str]) -> None:
        current = self.process.currentData()
        self.process.blockSignals(True)
        self.process.clear()
        self.process.addItem(translate("ReplayBar", "any process"), None)
        for proc, label in labels.items():
            self.process.addItem(label, proc)
        self.process.setCurrentIndex(max(0, self.process.findData(current)))
        self.process.blockSignals(False)

    def chosen_process(self) -> int | None:
        return self.process.currentData()

    def show_speed(self) -> None:
        self.speed.blockSignals(True)
        self.speed.setCurrentIndex(self.speed.findData(self.replay.speed))
        self.speed.blockSignals(False)

    @Slot(float)
    def _on_moved(self, position_s: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(int(round(position_s * SLIDER_STEPS_PER_S)))
        self.slider.blockSignals(False)
        self.time.setText(f"{position_s:.2f} / {self.replay.end_s:.2f} s")

    @Slot(bool)
    def _on_playing(self, playing: bool) -> None:
        self.play.setText("❚❚ " + translate("ReplayBar", "Pause") if playing else
                          "▶ " + translate("ReplayBar", "Play"))

    @Slot(int)
    def _on_slider(self, value: int) -> None:
        self.replay.set_playing(False)
        self.replay.seek(value / SLIDER_STEPS_PER_S)

    @Slot(int)
    def _on_speed(self, _index: int) -> None:
        self.replay.set_speed(float(self.speed.currentData()))

    @Slot()
    def _on_play(self) -> None:
        self.replay.set_playing(not self.replay.playing)

    # --- what the buttons and keys do -------------------------------------------------

    @Slot()
    def step_back(self) -> None:
        self.replay.step(-1, self.chosen_process())

    @Slot()
    def step_on(self) -> None:
        self.replay.step(1, self.chosen_process())

    @Slot()
    def faster(self) -> None:
        self.replay.faster(1)
        self.show_speed()

    @Slot()
    def slower(self) -> None:
        self.replay.faster(-1)
        self.show_speed()

    @Slot()
    def to_start(self) -> None:
        self.replay.seek(0.0)

    @Slot()
    def to_end(self) -> None:
        self.replay.seek(self.replay.end_s)

    @Slot()
    def previous_finding(self) -> None:
        if self.replay.active:
            self.finding_requested.emit(-1)

    @Slot()
    def next_finding(self) -> None:
        if self.replay.active:
            self.finding_requested.emit(1)
