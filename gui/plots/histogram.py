"""ResultHistogram: how many runs ended at each value of one result (Run ×N,
gui/repeat_window.py), drawn as it fills, and which bar the user clicked.

Numbers stand where they are on the x axis, so a gap between 86 and 93 shows as a gap;
statuses (words) stand side by side.  The bars come from core/distribution.py `bars()`,
the same ones the command line prints.  A dashed line can mark the value the article
expects (the counter's 30), so the distance of the whole distribution from it shows.
"""
from __future__ import annotations

import itertools
import math

import pyqtgraph as pg
import PySide6  # noqa: F401 - one binding, imported before pyqtgraph
from ipcscope.core.distribution import Bar
from ipcscope.gui import colors
from PySide6.QtCore import QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QFont

COUNTS_SHOWN_UP_TO = 40      # bars; past this their counts over them would overlap
BAR_FILL = 0.8               # of the room a bar has


class ResultHistogram(pg.PlotWidget):
    bar_clicked = Signal(int)            # the index of the bar, in the order set_bars gave

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("repeat-histogram")
        self.setMinimumHeight(160)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.showGrid(y=True, alpha=0.25)
        item.getAxis("bottom").enableAutoSIPrefix(False)
        item.getAxis("left").enableAutoSIPrefix(False)
        self.bars: list[Bar] = []
        self.edges: list[tuple[float, float]] = []     # each bar's x0, x1 as drawn
        self._labels: list[pg.TextItem] = []
        self._reference: pg.InfiniteLine | None = None
        self._graph = pg.BarGraphItem(x0=[], x1=[], height=[], brush=colors.BLUE,
                                      pen=pg.mkPen(colors.BLUE, width=1))
        item.addItem(self._graph)
        self.scene().sigMouseClicked.connect(self._on_click)
        self.setCursor(Qt.PointingHandCursor)

    def set_axis_labels(self, x_label: str, y_label: str) -> None:
        self.getPlotItem().setLabel("bottom", x_label)
        self.getPlotItem().setLabel("left", y_label)

    def set_bars(self, bars: list[Bar], words: list[str] | None = None) -> None:
        """Numbers (words None) where they are on the axis; else one word per bar."""
        self.bars = list(bars)
        self.edges = _edges(self.bars) if words is None else \
            [(i - BAR_FILL / 2, i + BAR_FILL / 2) for i in range(len(self.bars))]
        self._graph.setOpts(x0=[a for a, _ in self.edges], x1=[b for _, b in self.edges],
                            height=[bar.count for bar in self.bars])
        axis = self.getPlotItem().getAxis("bottom")
        axis.setTicks(None if words is None else [list(enumerate(words))])
        self._show_counts()
        self._fit()

    def set_reference(self, value: float | None, label: str = "") -> None:
        """A dashed line at `value` (None: none)."""
        if self._reference is not None:
            self.removeItem(self._reference)
            self._reference = None
        if value is not None:
            self._reference = pg.InfiniteLine(
                value, angle=90, pen=pg.mkPen(colors.VERMILLION, width=2, style=Qt.DashLine),
                label=label, labelOpts={"position": 0.92, "color": colors.VERMILLION,
                                        "anchors": [(0, 1), (0, 1)]})
            self.addItem(self._reference)
        self._fit()

    def bar_point(self, index: int) -> QPoint:
        """Where bar `index` is on this widget, half way up (a click there opens it)."""
        x0, x1 = self.edges[index]
        scene = self.getPlotItem().getViewBox().mapViewToScene(
            QPointF((x0 + x1) / 2, self.bars[index].count / 2))
        return self.mapFromScene(scene)

    def _show_counts(self) -> None:
        for label in self._labels:
            self.removeItem(label)
        self._labels = []
        if len(self.bars) > COUNTS_SHOWN_UP_TO:
            return
        font = QFont()
        font.setPointSize(8 if len(self.bars) > 15 else 10)
        for (x0, x1), bar in zip(self.edges, self.bars):
            label = pg.TextItem(str(bar.count), color=colors.TEXT, anchor=(0.5, 1.0))
            label.setFont(font)
            label.setPos((x0 + x1) / 2, bar.count)
            self.addItem(label)
            self._labels.append(label)

    def _fit(self) -> None:
        xs = [x for edge in self.edges for x in edge]
        if self._reference is not None:
            xs.append(self._reference.value())
        if not xs:
            return
        low, high = min(xs), max(xs)
        room = max(1.0, (high - low) * 0.04)
        top = max((bar.count for bar in self.bars), default=1)
        # runs are counted in whole numbers: no 0.5 on the axis
        step = max(1, math.ceil(top / 6))
        self.getPlotItem().getAxis("left").setTickSpacing(step, step)
        view = self.getPlotItem().getViewBox()
        view.setRange(xRange=(low - room, high + room), yRange=(0, top * 1.15 + 0.5),
                      padding=0)

    def _on_click(self, event) -> None:
        if event.button() != Qt.LeftButton:
            return
        x = self.getPlotItem().getViewBox().mapSceneToView(event.scenePos()).x()
        for index, (x0, x1) in enumerate(self.edges):
            if x0 <= x <= x1 and self.bars[index].count:
                self.bar_clicked.emit(index)
                return


def _edges(bars: list[Bar]) -> list[tuple[float, float]]:
    """Each bar from its low to its high value; a bar of one value gets BAR_FILL of the
    room to its nearest neighbour (whole numbers: of 1), so bars never touch."""
    if not bars:
        return []
    whole = all(float(b.low).is_integer() and float(b.high).is_integer() for b in bars)
    if all(b.low == b.high for b in bars):
        gaps = [b.low - a.low for a, b in itertools.pairwise(bars)]
        room = 1.0 if whole else (min(gaps) if gaps else 1.0)
        return [(b.low - room * BAR_FILL / 2, b.low + room * BAR_FILL / 2) for b in bars]
    if whole:          # whole-number ranges: 30-32 covers 29.5 to 32.5
        return [(b.low - 0.5 + (1 - BAR_FILL) / 2, b.high + 0.5 - (1 - BAR_FILL) / 2)
                for b in bars]
    return [(b.low + (b.high - b.low) * (1 - BAR_FILL) / 2,
             b.high - (b.high - b.low) * (1 - BAR_FILL) / 2) for b in bars]
