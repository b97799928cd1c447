"""The shared time axis: follows the run live with a window of N seconds (or all of
it), and lets go when the user pans or zooms by hand."""
from __future__ import annotations

from ipcscope.gui.i18n import translate
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal, Slot

WINDOW_CHOICES = [(10.0, "10 s"), (30.0, "30 s"), (60.0, QT_TRANSLATE_NOOP("Timeline", "1 min")),
                  (120.0, QT_TRANSLATE_NOOP("Timeline", "2 min")),
                  (None, QT_TRANSLATE_NOOP("Timeline", "all"))]


def window_label(seconds: float | None) -> str:
    """A time window's name in the window's language."""
    return translate("Timeline", dict(WINDOW_CHOICES)[seconds])


class Timeline(QObject):
    taken_by_hand = Signal()    # the user moved the view: following stops

    def __init__(self, master_plot, parent=None):
        super().__init__(parent)
        self.view_box = master_plot.getPlotItem().getViewBox()
        self.window_s: float | None = 30.0
        self.following = True
        self.view_box.sigRangeChangedManually.connect(self._on_manual)

    def link(self, plot) -> None:
        plot.getPlotItem().setXLink(self.view_box)
        plot.getPlotItem().getViewBox().sigRangeChangedManually.connect(self._on_manual)

    def set_window(self, seconds: float | None) -> None:
        self.window_s = seconds

    def range_for(self, now_s: float) -> tuple[float, float]:
        now_s = max(now_s, 0.5)
        if self.window_s is None:
            return 0.0, now_s * 1.02
        if now_s <= self.window_s:
            return 0.0, self.window_s
        return now_s - self.window_s, now_s

    def apply(self, now_s: float) -> None:
        if self.following:
            x0, x1 = self.range_for(now_s)
            self.view_box.setXRange(x0, x1, padding=0)

    def show_range(self, x0: float, x1: float) -> None:
        self.view_box.setXRange(x0, x1, padding=0)

    def visible(self) -> tuple[float, float]:
        return tuple(self.view_box.viewRange()[0])

    @Slot(object)
    def _on_manual(self, *_args) -> None:
        if self.following:
            self.following = False
            self.taken_by_hand.emit()
