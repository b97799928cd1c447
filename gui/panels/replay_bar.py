"""ReplayBar: the controls of an opened trace's replay — step back, play / pause, step
on (to the previous / next event of the chosen process, or of any), the time scrubber,
the speed (0.1× to 10×), and the previous / next finding.

Keys (a presenter's clicker sends Left/Right or Page Up/Down): Left / Page Up a step
back, Right / Page Down a step on, Up / Down faster / slower, Home / End the start and
the end, Ctrl+Left / Ctrl+Right the previous / next finding; Space plays and pauses.
"""
from __future__ import annotations

from ipcscope.gui.run.replay_controller import SPEEDS
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSlider, QStyle, QToolButton, QWidget

SLIDER_STEPS_PER_S = 1000


class ReplayBar(QWidget):
    step_requested = Signal(int)         # -1 or +1
    finding_requested = Signal(int)      # -1 or +1

    def __init__(self, replay, parent=None):
        super().__init__(parent)
        self.setObjectName("replay-bar")
        self.replay = replay
        self.back = self._button("", "Previous event of the chosen process (Left)",
                                 QStyle.SP_MediaSkipBackward)
        self.play = self._button("▶ Play", "Play / pause the replay (Space)")
        self.on = self._button("", "Next event of the chosen process (Right)",
                               QStyle.SP_MediaSkipForward)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setObjectName("replay-scrubber")
        self.slider.setToolTip("Drag to any moment of the run")
        self.time = QLabel()
        self.time.setMinimumWidth(self.time.fontMetrics().horizontalAdvance("000.00 / 000.00 s"))
        self.speed = QComboBox()
        self.speed.setToolTip("Replay speed (Up / Down)")
        for value in SPEEDS:
            self.speed.addItem(f"{value:g}×", value)
        self.speed.setCurrentIndex(SPEEDS.index(1.0))
        self.process = QComboBox()
        self.process.setToolTip("Whose events the step buttons (Left / Right) go to")
        self.prev_finding = self._button("◀ ⚠", "Previous finding (Ctrl+Left)")
        self.next_finding = self._button("⚠ ▶", "Next finding (Ctrl+Right)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (QLabel("Replay"), self.back, self.play, self.on):
            layout.addWidget(widget)
        layout.addWidget(self.slider, 1)
        for widget in (self.time, self.speed, self.process, self.prev_finding,
                       self.next_finding):
            layout.addWidget(widget)
        self.back.clicked.connect(self._on_back)
        self.on.clicked.connect(self._on_on)
        self.play.clicked.connect(self._on_play)
        self.prev_finding.clicked.connect(self._on_prev_finding)
        self.next_finding.clicked.connect(self._on_next_finding)
        self.slider.valueChanged.connect(self._on_slider)
        self.speed.currentIndexChanged.connect(self._on_speed)
        replay.moved.connect(self._on_moved)
        replay.playing_changed.connect(self._on_playing)
        self.hide()

    def _button(self, text: str, tip: str, icon=None) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        if icon is not None:        # the fonts a projector laptop has may lack ⏮ and ⏭
            button.setIcon(self.style().standardIcon(icon))
        button.setToolTip(tip)
        return button

    def start(self, labels: dict[int, str]) -> None:
        """A trace was opened: range and processes from it."""
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(1, int(round(self.replay.end_s * SLIDER_STEPS_PER_S))))
        self.slider.blockSignals(False)
        self.set_labels(labels)
        has = bool(self.replay.finding_times())
        self.prev_finding.setEnabled(has)
        self.next_finding.setEnabled(has)
        self.show()

    def set_labels(self, labels: dict[int, str]) -> None:
        current = self.process.currentData()
        self.process.blockSignals(True)
        self.process.clear()
        self.process.addItem("any process", None)
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
        self.play.setText("❚❚ Pause" if playing else "▶ Play")

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

    @Slot()
    def _on_back(self) -> None:
        self.step_requested.emit(-1)

    @Slot()
    def _on_on(self) -> None:
        self.step_requested.emit(1)

    @Slot()
    def _on_prev_finding(self) -> None:
        self.finding_requested.emit(-1)

    @Slot()
    def _on_next_finding(self) -> None:
        self.finding_requested.emit(1)
