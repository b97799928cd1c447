"""FindingMarkers: a vertical line at each finding's moment on every plot of the shared
time axis, labelled "⚠ kind" on the lanes; a click on a line selects its finding."""
from __future__ import annotations

import pyqtgraph as pg
import PySide6  # noqa: F401 - one binding, imported before pyqtgraph
from ipcscope.gui import colors
from PySide6.QtCore import QObject, Qt, Signal, Slot


class FindingMarkers(QObject):
    clicked = Signal(object)        # the finding dict

    def __init__(self, labelled_plot, other_plots, parent=None):
        super().__init__(parent)
        self.labelled_plot = labelled_plot
        self.other_plots = list(other_plots)
        self.lines: list[tuple[object, pg.InfiniteLine, dict]] = []

    def set_findings(self, findings: list[dict]) -> None:
        self.clear()
        for i, finding in enumerate(findings):
            for plot in [self.labelled_plot, *self.other_plots]:
                self._add(plot, finding, i if plot is self.labelled_plot else None)

    def clear(self) -> None:
        for plot, line, _finding in self.lines:
            plot.removeItem(line)
        self.lines = []

    def _add(self, plot, finding: dict, label_row: int | None) -> None:
        pen = pg.mkPen(colors.VERMILLION, width=2, style=Qt.DashLine)
        options = {}
        if label_row is not None:
            # one row lower per finding: close findings stay legible; right of the line,
            # or left of it when the view's middle is there (a finding near the right
            # edge keeps its whole name)
            options = {"label": f"⚠ {finding['kind']}",
                       "labelOpts": {"position": 0.03 + 0.12 * (label_row % 4),
                                     "anchors": [(0, 0), (1, 0)], "color": colors.VERMILLION,
                                     "fill": (255, 255, 255, 220), "movable": False}}
        line = pg.InfiniteLine(pos=finding["t_s"], angle=90, movable=False, pen=pen,
                               hoverPen=pg.mkPen(colors.VERMILLION, width=4), **options)
        line.setZValue(50)
        line.finding = finding
        line.sigClicked.connect(self._on_clicked)
        plot.addItem(line, ignoreBounds=True)
        self.lines.append((plot, line, finding))

    def positions(self) -> list[float]:
        return [line.value() for plot, line, _f in self.lines if plot is self.labelled_plot]

    @Slot(object, object)
    def _on_clicked(self, line, _event) -> None:
        self.clicked.emit(line.finding)
