"""FindingMarkers: a vertical line at each finding's moment on every plot of the shared
time axis, labelled "⚠ kind" on the lanes; a click on a line selects its finding.

The labels sit in rows of their own above the first lane (the lanes view keeps that
strip free: `rows_changed`), a row in pixels apart: placed at a fraction of the view's
height, two labels ran into each other and over the top lane's words at 1280×800.  A
short view keeps one row: there, close findings' labels may cover each other (never a
lane); the findings list names them all."""
from __future__ import annotations

import pyqtgraph as pg
import PySide6  # noqa: F401 - one binding, imported before pyqtgraph
from ipcscope.gui import colors
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont, QFontMetrics

LABEL_ROWS = 2           # close findings take turns; more rows would cost the lanes room
TWO_ROWS_FROM_PX = 220   # a lanes view shorter than this keeps one row (1280×800, banner
                         # shown: ~100 px, where a second row left room for two lanes)


def label_row_px() -> int:
    """A label row's height: the labels' (default) font, their box's margins (4 px a
    side) and a pixel between rows."""
    return QFontMetrics(QFont()).height() + 9


def label_strip_px(rows: int) -> int:
    """The strip above the lanes that holds this many rows of labels."""
    return rows * label_row_px() + 2 if rows else 0


class FindingMarkers(QObject):
    clicked = Signal(object)        # the finding dict
    rows_changed = Signal(int)      # rows of labels above the lanes

    def __init__(self, labelled_plot, other_plots, parent=None):
        super().__init__(parent)
        self.labelled_plot = labelled_plot
        self.other_plots = list(other_plots)
        self.lines: list[tuple[object, pg.InfiniteLine, dict]] = []
        self.rows = 0
        labelled_plot.getPlotItem().getViewBox().sigResized.connect(self._place_labels)

    def set_findings(self, findings: list[dict]) -> None:
        self.clear()
        for i, finding in enumerate(findings):
            for plot in [self.labelled_plot, *self.other_plots]:
                self._add(plot, finding, i if plot is self.labelled_plot else None)
        self._place_labels()

    def clear(self) -> None:
        for plot, line, _finding in self.lines:
            plot.removeItem(line)
        self.lines = []
        self._set_rows(0)

    def _set_rows(self, rows: int) -> None:
        if rows != self.rows:
            self.rows = rows
            self.rows_changed.emit(rows)

    @Slot()
    def _place_labels(self, *_args) -> None:
        """Each label at the top of its row, in pixels from the view's top (the lanes'
        view runs downwards: position 0 is its top); rows taken in turn."""
        height = max(1.0, self.labelled_plot.getPlotItem().getViewBox().height())
        rows = LABEL_ROWS if height >= TWO_ROWS_FROM_PX else 1
        labels = [line for plot, line, _f in self.lines if plot is self.labelled_plot]
        for line in labels:
            row = line.label_index % rows
            line.label.setPosition(min(1.0, (1 + row * label_row_px()) / height))
        self._set_rows(min(len(labels), rows))

    def _add(self, plot, finding: dict, label_index: int | None) -> None:
        pen = pg.mkPen(colors.VERMILLION, width=2, style=Qt.DashLine)
        options = {}
        if label_index is not None:
            # rows taken in turn: close findings stay legible; right of the line, or left
            # of it when the view's middle is there (a finding near the right edge keeps
            # its whole name)
            options = {"label": f"⚠ {finding['kind']}",
                       "labelOpts": {"position": 0.0,
                                     "anchors": [(0, 0), (1, 0)], "color": colors.VERMILLION,
                                     "fill": pg.mkBrush(QColor(colors.LABEL_BACK)),
                                     "movable": False}}
        line = pg.InfiniteLine(pos=finding["t_s"], angle=90, movable=False, pen=pen,
                               hoverPen=pg.mkPen(colors.VERMILLION, width=4), **options)
        line.setZValue(50)
        line.finding = finding
        line.label_index = label_index
        line.sigClicked.connect(self._on_clicked)
        plot.addItem(line, ignoreBounds=True)
        self.lines.append((plot, line, finding))

    def positions(self) -> list[float]:
        return [line.value() for plot, line, _f in self.lines if plot is self.labelled_plot]

    @Slot(object, object)
    def _on_clicked(self, line, _event) -> None:
        self.clicked.emit(line.finding)
