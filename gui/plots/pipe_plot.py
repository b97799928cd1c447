"""PipeTrafficPlot: messages sent into the pipes against messages received whole, and
the ones that arrived broken (two readers on one end).  The gap between the lines at
the end is what was lost.

Each line is a count against time, kept as the sorted times of its messages (`Arrivals`:
the older ones on disk, core/paged.py), so an hour of pipe flood stays in bounded
memory.  A view drawing more messages than it has pixel columns draws the count at each
column's edge (a count only grows, so that is the line a pixel can show); a closer view
draws every step."""
from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from ipcscope.core.events import Kind
from ipcscope.core.paged import PagedArray
from ipcscope.core.spill import SpillPool
from ipcscope.core.spans import TICK_DTYPE
from ipcscope.gui import colors
from ipcscope.gui.i18n import translate
from ipcscope.gui.plots.plot_base import MARK_ROOM_PX, TimePlot, curve, seconds, step_xy
from PySide6.QtCore import QT_TRANSLATE_NOOP

TITLE = QT_TRANSLATE_NOOP("TimePlot", "Pipe: sent vs received")
REDRAW_EVERY_S = 0.2
SETTLE_NS = 1_000_000_000      # a message stamped this much before the newest has arrived
EXACT_PER_COLUMN = 2           # fewer messages in view than this a column: every step


class Arrivals:
    """The sorted times of one kind of message.  Rows come in time order per process
    but interleave by batch, so the newest second is kept aside and sorted with the
    next; what is older is final (a stamp that still comes later counts at the end of
    what is final: its count is right, its time off by its lateness)."""

    def __init__(self, pool: SpillPool):
        self.final = PagedArray(TICK_DTYPE, "t", pool=pool)
        self._recent = np.zeros(0, np.int64)        # sorted
        self.late = 0

    def add(self, t: np.ndarray) -> None:
        self._recent = np.sort(np.concatenate([self._recent, t.astype(np.int64)]))
        cut = int(np.searchsorted(self._recent, int(self._recent[-1]) - SETTLE_NS))
        if cut:
            settled, self._recent = self._recent[:cut], self._recent[cut:]
            last = self.final.last_key()
            if last is not None and settled[0] < last:
                self.late += int(np.count_nonzero(settled < last))
                settled = np.maximum(settled, last)
            rows = np.empty(len(settled), TICK_DTYPE)
            rows["t"] = settled
            self.final.extend(rows)

    def __len__(self) -> int:
        return len(self.final) + len(self._recent)

    def count_before(self, t, column_ns: float | None = None):
        """How many are stamped before each time in t (to a column's width, if given:
        see core/paged.py)."""
        return self.final.searchsorted(t, resolution=column_ns) + \
            np.searchsorted(self._recent, t)

    def between(self, lo: int, hi: int) -> np.ndarray:
        return np.concatenate([self.final.between(lo, hi)["t"],
                               self._recent[(self._recent >= lo) & (self._recent <= hi)]])


class PipeTrafficPlot(TimePlot):
    def __init__(self, parent=None):
        super().__init__(TITLE, QT_TRANSLATE_NOOP("TimePlot", "messages"), parent)
        self._sent = curve(self, colors.BLUE, width=3)
        self._received = curve(self, colors.BLUISH_GREEN, width=2)
        self._corrupt = pg.ScatterPlotItem(symbol="x", size=12,
                                           pen=pg.mkPen(colors.VERMILLION, width=2))
        self._eof = pg.ScatterPlotItem(symbol="o", size=12, brush=None,
                                       pen=pg.mkPen(colors.BLUE, width=2))
        for item in (self._corrupt, self._eof):
            item.setZValue(10)
            self.addItem(item)
        self._now_s = 0.0
        self.set_run(None, {})
        self.getViewBox().sigXRangeChanged.connect(self._view_changed)

    def set_run(self, model, params: dict) -> None:
        self.model = model
        pool = SpillPool()                  # one spill file for both lines
        self._lines = {Kind.SEND: Arrivals(pool), Kind.RECV_END: Arrivals(pool)}
        self._times = {Kind.RECV_CORRUPT: [], Kind.RECV_EOF: []}     # few: kept as they are
        self._dirty = True
        self._last = 0.0
        self._drawn_view = None
        for item in (self._sent, self._received):
            item.setData([], [])
        for item in (self._corrupt, self._eof):
            item.clear()
        self.set_title(TITLE)
        self.set_key([])

    def add_rows(self, rows: np.ndarray) -> None:
        kinds = rows["kind"]
        for kind, line in self._lines.items():
            t = rows["t"][kinds == kind]
            if len(t):
                line.add(t)
                self._dirty = True
        for kind, times in self._times.items():
            t = rows["t"][kinds == kind]
            if len(t):
                times.append(t)
                self._dirty = True

    def totals(self) -> tuple[int, int]:
        """Messages sent, and received whole, so far."""
        return len(self._lines[Kind.SEND]), len(self._lines[Kind.RECV_END])

    def _sorted(self, kind) -> np.ndarray:
        parts = self._times[kind]
        if len(parts) > 1:
            parts[:] = [np.concatenate(parts)]
        return np.sort(parts[0]) if parts else np.zeros(0, np.int64)

    def _line_xy(self, line: Arrivals, x_range, until_s: float) -> tuple[np.ndarray, np.ndarray]:
        """The line's points in view (a little either side): every step, or its count
        at each pixel column's edge when the view holds more messages than that."""
        t0 = self.model.t0
        columns = max(16, int(self.getViewBox().width()))
        lo_s, hi_s = x_range[0], min(x_range[1], until_s)
        margin = (x_range[1] - x_range[0]) / columns
        lo_s, hi_s = max(0.0, lo_s - margin), max(0.0, hi_s + margin)
        lo, hi = t0 + int(lo_s * 1e9), t0 + int(hi_s * 1e9)
        before, upto = (int(n) for n in line.count_before(np.array([lo, hi + 1])))
        if upto - before <= EXACT_PER_COLUMN * columns:
            t = np.sort(line.between(lo, hi))
            counts = before + np.arange(1, len(t) + 1)
            xs, ys = step_xy(seconds(t, t0), counts, hi_s, start_value=before)
            xs[0] = lo_s         # the line enters the view at its count there
            return xs, ys
        edges_s = np.linspace(lo_s, hi_s, columns + 1)
        column_ns = (hi - lo) / columns
        counts = line.count_before(t0 + (edges_s * 1e9).astype(np.int64), column_ns)
        xs, ys = step_xy(edges_s[1:], counts[1:], None, start_value=counts[0])
        xs[0] = lo_s
        return xs, ys

    def running(self) -> bool:
        return self.model is not None and self.model.status is None

    def retranslate(self) -> None:
        super().retranslate()
        self._dirty, self._last = True, 0.0
        self.refresh(self._now_s, None)

    def _view_changed(self, *_args) -> None:
        """A zoom or a scroll after the run: the lines are drawn for the view."""
        if not self.running():
            self.refresh(self._now_s, None)

    def refresh(self, now_s: float, x_range) -> None:
        if self.model is None or self.model.t0 is None:
            return
        self._now_s = now_s
        if x_range is None:
            x_range = self.getViewBox().viewRange()[0]
        view = (tuple(x_range), int(self.getViewBox().width()), now_s)
        if not self._dirty and view == self._drawn_view:
            return
        if self.running() and time.monotonic() - self._last < REDRAW_EVERY_S:
            return
        self._dirty, self._last, self._drawn_view = False, time.monotonic(), view
        t0 = self.model.t0
        sent, received = self._lines[Kind.SEND], self._lines[Kind.RECV_END]
        for item, line in ((self._sent, sent), (self._received, received)):
            item.setData(*self._line_xy(line, x_range, now_s))
        broken = self._sorted(Kind.RECV_CORRUPT)
        eofs = self._sorted(Kind.RECV_EOF)
        for item, t in ((self._corrupt, broken), (self._eof, eofs)):
            at = received.count_before(t)           # on the received line, where it happened
            item.setData(seconds(t, t0), at.astype(float))
        # the marks sit on the received line: whole at its top (and at 0, if one is)
        at_zero = any(len(item.data) and float(item.data["y"].min()) == 0
                      for item in (self._corrupt, self._eof))
        self.set_y_range(0, max(1, len(sent), len(received)), top_px=MARK_ROOM_PX,
                         bottom_px=MARK_ROOM_PX if at_zero else 0, headroom=0.1)
        title = translate("PipeTrafficPlot", "Pipe: {sent} sent, {received} received whole").format(
            sent=f"{len(sent):,}", received=f"{len(received):,}")
        if not self.running() and len(sent) > len(received):
            title += translate("PipeTrafficPlot", " — {n} never arrived whole").format(
                n=f"{len(sent) - len(received):,}")
        self.set_title(title)
        key = [("━━", colors.BLUE, translate("PipeTrafficPlot", "sent")),
               ("━━", colors.BLUISH_GREEN, translate("PipeTrafficPlot", "received whole"))]
        if len(broken):
            key.append(("✕", colors.VERMILLION, translate(
                "PipeTrafficPlot", "arrived broken ({n})").format(n=len(broken))))
        if len(eofs):
            key.append(("○", colors.BLUE, "EOFError"))
        self.set_key(key)

