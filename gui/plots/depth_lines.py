"""DepthLinesItem: every queue's depth as a thick step line, its capacity as a dashed
one, and a JoinableQueue's unfinished tasks as a dotted one, drawn a pixel column at a
time from the lines' full data (step_columns.py).

Why not pyqtgraph lines: a 3-pixel pen over a flood's zigzag cost ~95 ms for 1,100
columns (Qt strokes every joint), and binning a big run for them beforehand lost the
detail a zoom should show.  Here each column is a rectangle spanning the lowest to the
highest level of its time, neighbouring columns of one range merge, and the
rectangles are kept until the data or the view changes; each frame adds only the
stretch from the last change to "now".  Painted in device pixels, as the lanes are.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
import PySide6  # noqa: F401 - one binding, imported before pyqtgraph
from ipcscope.gui.plots.depth_series import StepLine
from ipcscope.gui.plots.step_columns import column_ranges, merged_runs
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen

DOT_PX = 4                     # a dotted line: this many columns on, as many off


@dataclass
class DrawnLine:
    line: StepLine
    color: str
    width: int                 # pixels
    dotted: bool = False


class DepthLinesItem(pg.GraphicsObject):
    def __init__(self):
        super().__init__()
        self.t0: int | None = None
        self.now_ns = 0
        self.lines: list[DrawnLine] = []
        self.capacities: list[tuple[int, str]] = []     # (maxsize, colour)
        self._version = 0              # of the lines: a new one invalidates the cache
        self._cache_key = None
        self._cached: list[tuple[QBrush, list[QRectF], int]] = []   # + first tail column
        self._right, self._top = 1.0, 1.0          # seconds, items: what the extent covers
        self._extent = QRectF(0, 0, 1, 1)

    def set_lines(self, t0: int, lines: list[DrawnLine],
                  capacities: list[tuple[int, str]]) -> None:
        self.t0, self.lines, self.capacities = t0, lines, capacities
        self._version += 1
        top = max([1] + [d.line.peak for d in lines] + [c for c, _ in capacities])
        self._grow(self._right, top)
        self.update()

    def clear(self) -> None:
        self.set_lines(None, [], [])

    def set_now(self, now_s: float) -> None:
        """The lines hold their last level up to now."""
        if self.t0 is not None:
            self.now_ns = self.t0 + int(now_s * 1e9)
            self._grow(now_s, self._top)
            self.update()

    def _grow(self, right: float, top: float) -> None:
        """The bounding rect grows in steps (a change is a re-index of the scene)."""
        if right > self._right or top > self._top:
            self.prepareGeometryChange()
            self._right, self._top = 2 * max(right, self._right), 2 * max(top, self._top)
            self._extent = QRectF(-1, -0.05 * self._top, self._right + 1, 1.05 * self._top)

    def boundingRect(self) -> QRectF:
        return self._extent

    # --- painting -----------------------------------------------------------------

    def paint(self, painter, *_args) -> None:
        if self.t0 is None or not (self.lines or self.capacities):
            return
        (x0, x1), (y0, y1) = self.getViewBox().viewRange()
        tr = painter.transform()
        sx, dx, sy, dy = tr.m11(), tr.dx(), tr.m22(), tr.dy()
        left_px, right_px = x0 * sx + dx, x1 * sx + dx
        top_px, bottom_px = sorted((y0 * sy + dy, y1 * sy + dy))
        # pixel columns from just left of the view to just right of it; column c
        # holds the times that fall in [c - 0.5, c + 0.5)
        first_column = int(left_px) - 2
        n_columns = int(right_px) + 3 - first_column
        key = (first_column, n_columns, sx, dx, sy, dy, self.t0, self._version)
        if key != self._cache_key:
            edges_px = first_column - 0.5 + np.arange(n_columns + 1)
            edges_t = self.t0 + np.round((edges_px - dx) / sx * 1e9).astype(np.int64)
            self._cached = [self._line_rects(d, edges_t, first_column, sy, dy,
                                             top_px, bottom_px) for d in self.lines]
            self._cache_key = key
        painter.save()
        painter.resetTransform()
        painter.setClipRect(QRectF(left_px, top_px, right_px - left_px, bottom_px - top_px),
                            Qt.IntersectClip)
        for maxsize, color in self.capacities:
            pen = QPen(QColor(color), 2)
            pen.setStyle(Qt.DashLine)
            painter.setPen(pen)
            y = maxsize * sy + dy
            painter.drawLine(QLineF(left_px, y, right_px, y))
        painter.setPen(Qt.NoPen)
        now_column = int(round((self.now_ns - self.t0) / 1e9 * sx + dx))
        for drawn, (brush, rects, tail_from) in zip(self.lines, self._cached):
            painter.setBrush(brush)
            painter.drawRects(rects)
            tail = self._tail_rects(drawn, tail_from, now_column, first_column + n_columns,
                                    sy, dy)
            if tail:
                painter.drawRects(tail)
        painter.restore()

    def _line_rects(self, drawn: DrawnLine, edges_t: np.ndarray, first_column: int,
                    sy: float, dy: float, top_px: float, bottom_px: float
                    ) -> tuple[QBrush, list[QRectF], int]:
        """The line from the run's start to its last change, and the first column
        after that (where the stretch to "now" begins)."""
        line = drawn.line
        last = line.last()
        start = max(0, int(np.searchsorted(edges_t, self.t0, side="right")) - 1)
        end = int(np.searchsorted(edges_t, last[0], side="right")) - 1 if last else start - 1
        end = min(end, len(edges_t) - 2)
        rects: list[QRectF] = []
        if end >= start:
            edges = edges_t[start:end + 2]
            low, high = column_ranges(line.parts_for(edges), edges)
            columns = first_column + np.arange(start, end + 1)
            # a level far off the view is drawn at its edge: the clip hides it, and
            # Qt is spared rectangles millions of pixels high
            y_low = np.clip(np.round(low * sy + dy), top_px - 10, bottom_px + 10)
            y_high = np.clip(np.round(high * sy + dy), top_px - 10, bottom_px + 10)
            rects = self._rects(drawn, columns, np.minimum(y_low, y_high),
                                np.maximum(y_low, y_high))
        return QBrush(QColor(drawn.color)), rects, first_column + max(start, end + 1)

    def _tail_rects(self, drawn: DrawnLine, tail_from: int, now_column: int,
                    past_view: int, sy: float, dy: float) -> list[QRectF]:
        """The last level, held from the last change up to now."""
        until = min(now_column, past_view)
        if until < tail_from:
            return []
        last = drawn.line.last()
        y = round((last[1] if last else 0) * sy + dy)
        if not drawn.dotted:               # one rectangle: this runs every frame
            half = drawn.width / 2
            return [QRectF(tail_from - half, y - half, until - tail_from + drawn.width,
                           drawn.width)]
        columns = np.arange(tail_from, until + 1)
        ys = np.full(len(columns), y)
        return self._rects(drawn, columns, ys, ys)

    def _rects(self, drawn: DrawnLine, columns, top, bottom) -> list[QRectF]:
        """Columns with their pixel ranges, as rectangles `width` thick."""
        if drawn.dotted:       # dashes where the level holds; every change is drawn
            keep = (top != bottom) | ((columns // DOT_PX) % 2 == 0)
            columns, top, bottom = columns[keep], top[keep], bottom[keep]
        firsts, lasts, tops, bottoms = merged_runs(columns, top, bottom)
        half = drawn.width / 2
        return [QRectF(a - half, t - half, b - a + drawn.width, u - t + drawn.width)
                for a, b, t, u in zip(firsts.tolist(), lasts.tolist(), tops.tolist(),
                                      bottoms.tolist())]
