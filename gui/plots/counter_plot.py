"""SharedCounterPlot: the value of the Manager dict's counter after every write, against
where it should be if no update were lost (start − writes so far).

Every process subtracts one, so the two lines should fall together.  When two
processes read the same value, both write the same result: the actual line stays put
while the expected one drops, and each such write is marked ✕ as a lost update.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from ipcscope.core.events import Kind
from ipcscope.gui import colors
from ipcscope.gui.i18n import translate
from ipcscope.gui.plots.plot_base import MARK_ROOM_PX, TimePlot, curve, seconds, step_xy
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

TITLE = QT_TRANSLATE_NOOP("TimePlot", "Shared counter")
KEY = "count"          # the article's dic['count']


class SharedCounterPlot(TimePlot):
    def __init__(self, parent=None):
        super().__init__(TITLE, QT_TRANSLATE_NOOP("TimePlot", "counter"), parent)
        self._described: tuple | None = None     # what _describe said last, to say again
        self._actual = curve(self, colors.BLUE, width=3)
        self._expected = curve(self, colors.BLUISH_GREEN, width=2, style=Qt.DashLine)
        # across the whole view at any zoom: a line to t = 1e7 s was ~1e10 px long at a
        # race's zoom, past what Qt's raster draws, and never showed
        self._end_line = pg.InfiniteLine(angle=0, movable=False, pen=self._end_pen())
        self._end_line.setVisible(False)
        self.addItem(self._end_line, ignoreBounds=True)
        self._lost = pg.ScatterPlotItem(symbol="x", size=12, brush=pg.mkBrush(colors.VERMILLION),
                                        pen=pg.mkPen(colors.VERMILLION, width=2))
        self._lost.setZValue(10)
        self.addItem(self._lost)
        self.set_run(None, {})

    @staticmethod
    def _end_pen():
        pen = pg.mkPen(colors.EXITED_GREY, width=1)
        pen.setStyle(Qt.DotLine)
        return pen

    def set_run(self, model, params: dict) -> None:
        self.model, self.params = model, params
        self.writes: list[tuple[int, int]] = []    # (t, value) of the counter's writes
        self._first_read: tuple[int, int] | None = None
        self._dirty = True
        for item in (self._actual, self._expected):
            item.setData([], [])
        self._end_line.setVisible(False)
        self._lost.clear()
        self.set_title(TITLE)
        self.set_key([])

    def add_rows(self, rows: np.ndarray) -> None:
        if self.model is None:
            return
        picked = rows[np.isin(rows["kind"], [Kind.DICT_WRITE, Kind.DICT_READ]) & (rows["b"] == 1)]
        for row in picked:
            if self.model.text(row) != KEY:
                continue
            if int(row["kind"]) == Kind.DICT_WRITE:
                self.writes.append((int(row["t"]), int(row["a"])))
                self._dirty = True
            elif self._first_read is None or int(row["t"]) < self._first_read[0]:
                self._first_read = (int(row["t"]), int(row["a"]))

    def start_value(self) -> int | None:
        if "start" in self.params:
            return int(self.params["start"])
        return self._first_read[1] if self._first_read else None

    def expected_end(self, start: int) -> int | None:
        if "processes" in self.params:
            return start - int(self.params["processes"])
        return None

    def focus_range(self) -> tuple[float, float] | None:
        """Where the story is: the writes.  70 processes take seconds to start and a
        fraction of one to race; a view of the whole run shows the race as a line."""
        if len(self.writes) < 2 or self.model is None or self.model.t0 is None:
            return None
        times = [t for t, _ in self.writes]
        first, last = (min(times) - self.model.t0) / 1e9, (max(times) - self.model.t0) / 1e9
        width = max(last - first, 0.02)
        return max(0.0, first - 0.4 * width), last + 0.8 * width

    def refresh(self, now_s: float, _x_range) -> None:
        start = self.start_value()
        if self.model is None or self.model.t0 is None or start is None or not self._dirty:
            return
        self._dirty = False
        writes = np.array(sorted(self.writes), dtype=np.int64).reshape(-1, 2)
        t_s = seconds(writes[:, 0], self.model.t0)
        self._actual.setData(*step_xy(t_s, writes[:, 1], None, start))
        expected = start - np.arange(1, len(writes) + 1)
        self._expected.setData(*step_xy(t_s, expected, None, start))
        lost = _repeated(writes[:, 1])
        self._lost.setData(t_s[lost], writes[lost, 1].astype(float))
        end = self.expected_end(start)
        if end is not None:
            self._end_line.setPos(end)
            self._end_line.setVisible(True)
        low = min([start] + writes[:, 1].tolist() + ([end] if end is not None else []))
        # a lost write's ✕ can sit on the highest value or the lowest: whole at both
        self.set_y_range(low - 1, start + 1, top_px=MARK_ROOM_PX, bottom_px=MARK_ROOM_PX)
        self._describe(start, writes, int(lost.sum()), end)

    def _describe(self, start: int, writes: np.ndarray, lost: int, end: int | None) -> None:
        self._described = (start, writes, lost, end)
        n = len(writes)
        title = translate("TimePlot", TITLE)
        if n:
            value = int(writes[-1, 1])
            title = translate("SharedCounterPlot", "Shared counter: {value} after {n} "
                              "subtractions from {start}; should be {expected}").format(
                value=value, n=n, start=start, expected=start - n)
            if value > start - n:
                title += translate("SharedCounterPlot", " — {n} lost").format(
                    n=value - (start - n))
        self.set_title(title)
        key = [("━━", colors.BLUE, translate("SharedCounterPlot", "value written")),
               ("╍╍", colors.BLUISH_GREEN,
                translate("SharedCounterPlot", "start − writes (no update lost)"))]
        if end is not None:
            key.append(("┈┈", colors.EXITED_GREY,
                        translate("SharedCounterPlot", "expected end {n}").format(n=end)))
        if lost:
            key.append(("✕", colors.VERMILLION,
                        translate("SharedCounterPlot", "lost: wrote a value already written")))
        self.set_key(key)

    def take_scheme(self) -> None:
        """The scheme changed (gui/theme.py): the expected end's line and key entry in
        its grey."""
        self._end_line.setPen(self._end_pen())
        if self._described is not None:
            self._describe(*self._described)

    def retranslate(self) -> None:
        super().retranslate()
        if self._described is not None:
            self._describe(*self._described)


def _repeated(values: np.ndarray) -> np.ndarray:
    """True for each write whose value an earlier write already wrote."""
    seen: set[int] = set()
    out = np.zeros(len(values), bool)
    for i, v in enumerate(values.tolist()):
        out[i] = v in seen
        seen.add(v)
    return out
