"""Export ▸ Animation…: the run on screen (finished, or opened from a file) as a GIF, MP4
or WebM for slides.  A small dialog asks the format, size, frame rate and replay speed;
then a file name; then the frames are made (gui/animation_export.py) behind a progress
dialog whose Cancel leaves no file.  The export replays the run in views of its own, so
the window's view stays where the user left it.
"""
from __future__ import annotations

import importlib.util
import os

from ipcscope.core.cli_args import UsageError
from ipcscope.core.export import ExportError
from ipcscope.core.trace import LoadedRun
from ipcscope.gui.animation_export import export_animation
from ipcscope.gui.animation_options import (
    DEFAULT_FPS,
    DEFAULT_WIDTH,
    FPS_RANGE,
    SPEED_RANGE,
    WIDTH_RANGE,
    AnimationOptions,
)
from ipcscope.gui.animation_writers import NEEDS_VIDEO, VideoUnavailable
from ipcscope.gui.i18n import translate
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QProgressDialog,
    QSpinBox,
)

FORMATS = {"gif": QT_TRANSLATE_NOOP("AnimationExport", "GIF (plays anywhere, loops)"),
           "mp4": "MP4 (H.264)", "webm": "WebM (VP9)"}
FILTERS = {"gif": QT_TRANSLATE_NOOP("AnimationExport", "GIF images (*.gif)"),
           "mp4": QT_TRANSLATE_NOOP("AnimationExport", "MP4 videos (*.mp4)"),
           "webm": QT_TRANSLATE_NOOP("AnimationExport", "WebM videos (*.webm)")}
NOTHING_YET = QT_TRANSLATE_NOOP("AnimationExport", "Nothing to animate yet: run a scenario to "
                                "its end, or open a saved run.")


class AnimationExport(QObject):
    """The menu entry and the work behind it, for one RunSession."""

    def __init__(self, session, window, menu):
        super().__init__(window)
        self.session, self.window = session, window
        self.last_problem = ""                 # the last sentence told (tests)
        self.action = QAction(window)
        self.retranslate()
        self.action.triggered.connect(self.ask)
        menu.addAction(self.action)
        session.took_run.connect(self.update_enabled)
        session.ticked.connect(self.update_enabled)
        session.run_finished.connect(self.update_enabled)
        self.update_enabled()

    def retranslate(self) -> None:
        self.action.setText(translate("AnimationExport", "Animation (GIF, MP4, WebM)…"))
        self.action.setToolTip(
            translate("AnimationExport", "The run's replay as an animation, for slides"))

    def source(self):
        """(LoadedRun, scenario) of the run on screen, or None if it cannot be animated
        (nothing yet, still running, its summary not made yet)."""
        session = self.session
        if session.replay.active:
            return session.replay.loaded, session.replay.scenario
        c = session.controller
        if c.running or c.model is None or c.model.t0 is None or c.summary is None:
            return None
        end = {"status": c.summary.get("status"), "summary": c.summary}
        return LoadedRun(model=c.model, meta=dict(session.meta), end=end), c.scenario

    @Slot()
    def update_enabled(self) -> None:
        self.action.setEnabled(self.source() is not None)

    @Slot()
    def ask(self) -> None:
        chosen = AnimationOptionsDialog.ask(self.window, self.session.replay.speed
                                            if self.session.replay.active else 1.0)
        if chosen is None:
            return
        kind, options = chosen
        controller = self.session.controller
        stem = os.path.splitext(os.path.basename(controller.scenario.id))[0] \
            if controller.scenario else "run"
        path, _ = QFileDialog.getSaveFileName(
            self.window, translate("AnimationExport", "Export an animation"), f"{stem}.{kind}",
            translate("AnimationExport", FILTERS[kind]))
        if path:
            if not os.path.splitext(path)[1]:
                path += f".{kind}"
            self.export_to(path, kind, options)

    def export_to(self, path: str, kind: str, options: AnimationOptions) -> bool:
        """Write the animation, with a progress dialog; False, with one sentence over
        the plots, if it could not be (Cancel: False, and no file)."""
        source = self.source()
        if source is None:
            return self.tell(translate("AnimationExport", NOTHING_YET))
        progress = QProgressDialog(translate("AnimationExport", "Making the animation…"),
                                   translate("AnimationExport", "Cancel"), 0, 100, self.window)
        progress.setWindowTitle(translate("AnimationExport", "Export an animation"))
        progress.setWindowModality(Qt.WindowModal)
        progress.setMinimumDuration(400)

        def advance(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)            # a modal progress dialog takes events here
            return not progress.wasCanceled()

        try:
            made = export_animation(*source, {kind: path}, options, advance)
        except (UsageError, ExportError, VideoUnavailable) as error:
            return self.tell(str(error))
        finally:
            progress.close()
            progress.deleteLater()
        if not made:
            self.window.statusBar().showMessage(
                translate("AnimationExport", "The animation was cancelled."), 5000)
            return False
        self.window.statusBar().showMessage(
            translate("AnimationExport", "Exported {frames} frames to {path} ({mb} MB).").format(
                frames=f"{made[0].frames:,}", path=path, mb=f"{made[0].bytes / 1e6:.1f}"), 8000)
        return True

    def tell(self, sentence: str) -> bool:
        self.last_problem = sentence
        self.session.run_view.tell(sentence)
        return False


def video_available() -> bool:
    return importlib.util.find_spec("av") is not None


class AnimationOptionsDialog(QDialog):
    def __init__(self, parent, speed: float):
        super().__init__(parent)
        self.setWindowTitle(translate("AnimationExport", "Export an animation"))
        form = QFormLayout(self)
        self.format = QComboBox()
        for kind, text in FORMATS.items():
            self.format.addItem(translate("AnimationExport", text), kind)
        if not video_available():
            for row in (1, 2):
                item = self.format.model().item(row)
                item.setEnabled(False)
                item.setToolTip(NEEDS_VIDEO)
            form.addRow(_note(NEEDS_VIDEO))
        self.width_box = QSpinBox()
        self.width_box.setRange(*WIDTH_RANGE)
        self.width_box.setSingleStep(160)
        self.width_box.setValue(DEFAULT_WIDTH)
        self.width_box.setSuffix(translate("AnimationExport", " px wide (16:9)"))
        self.fps = QDoubleSpinBox()
        self.fps.setRange(*FPS_RANGE)
        self.fps.setDecimals(1)
        self.fps.setValue(DEFAULT_FPS)
        self.fps.setSuffix(translate("AnimationExport", " frames a second"))
        self.speed = QDoubleSpinBox()
        self.speed.setRange(*SPEED_RANGE)
        self.speed.setDecimals(2)
        self.speed.setValue(speed)
        self.speed.setSuffix(translate("AnimationExport", "× the run's pace"))
        form.addRow(translate("AnimationExport", "Format"), self.format)
        form.addRow(translate("AnimationExport", "Size"), self.width_box)
        form.addRow(translate("AnimationExport", "Frame rate"), self.fps)
        form.addRow(translate("AnimationExport", "Replay speed"), self.speed)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> tuple[str, AnimationOptions]:
        return self.format.currentData(), AnimationOptions(
            fps=self.fps.value(), width=self.width_box.value() // 2 * 2,  # even: video
            speed=self.speed.value())

    @classmethod
    def ask(cls, parent, speed: float) -> tuple[str, AnimationOptions] | None:
        dialog = cls(parent, speed)
        try:
            return dialog.chosen() if dialog.exec() == QDialog.Accepted else None
        finally:
            dialog.deleteLater()


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
