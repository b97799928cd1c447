"""AnimationFrames: the pictures of an exported animation, rendered from a replay.

A RunSession of its own (never the window's: exporting does not move the user's
view) replays the run in widgets that are laid out but never put on a screen
(WA_DontShowOnScreen), so frames come out the same under a desktop, Xvfb or
QT_QPA_PLATFORM=offscreen.  For each frame the replay is moved to that moment, the
plots are brought up to date at once (no frame-rate throttle: frames are made faster
or slower than the clock), and the plots and their legend are painted into an image —
what Export ▸ Plots as PNG would write at that moment.

Findings appear as the replay passes their moment (from the run's summary), so a
frame shows what a viewer of the replay would know by then, and nothing depends on
how fast the frames were made.
"""
from __future__ import annotations

import numpy as np
from ipcscope.gui.run_session import RunSession
from PySide6.QtCore import QCoreApplication, QEventLoop, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QLayout

WAIT_STEP_MS = 20             # a big run's depth is computed in a worker: wait in steps


class AnimationFrames:
    def __init__(self, loaded, scenario, width: int, height: int):
        """loaded: an ipcscope.core.trace.LoadedRun (or the same fields of a finished
        run); scenario: what it is a run of (gui/file_actions.run_of)."""
        self.size = QSize(width, height)
        self.session = session = RunSession()
        view = self.view = session.run_view
        view.setAttribute(Qt.WA_DontShowOnScreen, True)
        # a top-level's size hints would go to the platform window, which offscreen
        # answers with a warning (as for MainWindow)
        view.layout().setSizeConstraint(QLayout.SetNoConstraint)
        session.replay_bar.hide()
        view.message_bar.hide()
        view.lanes.info.hide()              # "point at a lane…": nobody can, in a film
        view.resize(self.size)
        view.show()
        view.lay_out_default(height)
        self._fit_plots_to(height)
        session.show_loaded(loaded, scenario)       # the replay, at the run's end
        session.frame_timer.stop()                  # frames are drawn here, not by a clock
        self.replay = session.replay
        self.end_s = self.replay.end_s
        self.findings = sorted(self.replay.summary.get("findings", []) if
                               self.replay.summary else [], key=lambda f: f["t_s"])
        self._shown_findings = -1

    def _fit_plots_to(self, height: int) -> None:
        """The plots and their legend take exactly `height` pixels (the view's bars
        are hidden; what is left of the layout is its spacing)."""
        self.view.layout().activate()
        extra = self.view.height() - self.view.plots_size().height()
        self.view.resize(self.size.width(), height + extra)
        self.view.layout().activate()

    def frame_at(self, t_s: float) -> np.ndarray:
        """The plots at run time t_s, as an (height, width, 3) uint8 RGB array."""
        replay, view = self.replay, self.view
        replay.seek(t_s)
        self.session.frame_timer.stop()             # a seek back restarts the views
        if view.banner.isVisible():                 # a finding announced: the plots'
            view.banner.hide()                      # room stays theirs (the markers
            view.layout().activate()                # name it on the lanes)
        known = sum(1 for f in self.findings if f["t_s"] <= t_s + 1e-9)
        if known != self._shown_findings:
            self._shown_findings = known
            view.markers.set_findings(self.findings[:known])
        view.depth.refresh(view.now_s(), at_once=True)
        while view.depth.computer.busy:             # a big run's: off the GUI thread
            QCoreApplication.processEvents(QEventLoop.AllEvents, WAIT_STEP_MS)
            view.depth.refresh(view.now_s(), at_once=True)
        view.refresh()
        return self._paint()

    def _paint(self) -> np.ndarray:
        image = QImage(self.size, QImage.Format_RGB888)
        image.fill(QColor("white"))
        painter = QPainter(image)
        try:
            self.view.paint_plots(painter)
        finally:
            painter.end()
        pixels = np.frombuffer(image.constBits(), np.uint8)
        rows = pixels.reshape(self.size.height(), image.bytesPerLine())
        return rows[:, :self.size.width() * 3].reshape(
            self.size.height(), self.size.width(), 3).copy()

    def close(self) -> None:
        """No worker, thread or widget left behind."""
        self.session.frame_timer.stop()
        self.session.shutdown()
        self.view.hide()
        self.view.deleteLater()
        self.session.event_log.deleteLater()
        self.session.summary.deleteLater()
        self.session.deleteLater()
