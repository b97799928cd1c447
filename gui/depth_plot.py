"""QueueDepthPlot: how many items each queue holds, as a step line, with the capacity of
a bounded queue, ✕ where put_nowait met a full queue (the item is lost), ○ where a get
gave up on an empty one, ★ where a consumer took the None sentinel, and for a
JoinableQueue the unfinished tasks that join() waits for.

The depth is brought up to date (see depth_series.py) only when new queue events came,
at most every MIN_RECOMPUTE_S, and off the GUI thread once the run is big; between
updates the last level is drawn on to "now".
"""
from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem

from core.events import ObjType
from gui import colors
from gui.depth_series import SETTLE_S, DepthComputer, DepthResult, QueueRows
from gui.plot_base import TimePlot, curve, seconds, step_xy

MAX_MARKERS = 4000
MIN_RECOMPUTE_S = 0.15
# An update of a big run takes a while (its first, of 2.8M events: ~0.4 s), and while
# it runs the worker takes the GIL from the GUI thread now and then: the worker is kept
# busy at most a third of the time.
RECOMPUTE_DUTY = 1 / 3


class _QueueCurves:
    def __init__(self, plot: TimePlot, queue, color: str):
        kind = "JoinableQueue" if queue.type == ObjType.JOINABLE_QUEUE else "Queue"
        self.label = f"{queue.name}: {kind}({queue.maxsize or ''})"
        self.color = color
        self.depth = curve(plot, color, width=3)
        # Kept as a picture between frames: the tail below changes every frame, the depth
        # only when a recompute lands, and a big run's line cost ~1 ms a frame to draw
        self.depth.curve.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.tail = curve(plot, color, width=3)
        self.capacity = None
        if queue.maxsize:
            self.capacity = curve(plot, colors.EXITED_GREY, width=2, style=Qt.DashLine)
            self.capacity.setData([0.0, 1e7], [queue.maxsize] * 2)
        self.unfinished = None
        if queue.type == ObjType.JOINABLE_QUEUE:
            self.unfinished = curve(plot, colors.REDDISH_PURPLE, width=2, style=Qt.DotLine)
        self.maxsize = queue.maxsize
        self.last_t = 0.0
        self.last_depth = 0.0
        self.max_depth = 0
        self.unfinished_xy: tuple[np.ndarray, np.ndarray] | None = None

    def items(self):
        return [i for i in (self.depth, self.tail, self.capacity, self.unfinished)
                if i is not None]


class QueueDepthPlot(TimePlot):
    def __init__(self, parent=None):
        super().__init__("Queue depth", "items", parent)
        self.model = None
        self.queue_rows: QueueRows | None = None
        self.computer = DepthComputer()
        self._queues: dict[int, _QueueCurves] = {}
        self._full = self._marker_item("x", colors.VERMILLION)
        self._empty = self._marker_item("o", colors.BLUE, hollow=True)
        self._sentinel = self._marker_item("star", colors.BLACK)
        for item in (self._full, self._empty, self._sentinel):
            self.addItem(item)
        self._last_submit = 0.0
        self._pending = False
        self._newest_t = 0                     # ns: the newest event's stamp
        self.recompute_ms: list[float] = []   # measured, for the report and tests
        self._submitted_at = 0.0

    def _marker_item(self, symbol: str, color: str, hollow: bool = False):
        item = pg.ScatterPlotItem(symbol=symbol, size=13, pen=pg.mkPen(color, width=2),
                                  brush=None if hollow else pg.mkBrush(color))
        item.setZValue(10)
        return item

    def set_run(self, model) -> None:
        for queue in self._queues.values():
            for item in queue.items():
                self.removeItem(item)
        for item in (self._full, self._empty, self._sentinel):
            item.clear()
        self._queues.clear()
        self.computer.forget()
        self.model = model
        self.queue_rows = QueueRows(model.dtype)
        self._pending = False
        self._newest_t = 0
        self._last_submit = 0.0
        self.recompute_ms.clear()
        self.set_key([])
        self.setYRange(0, 5, padding=0)

    def add_rows(self, rows: np.ndarray) -> None:
        if len(rows):
            self._newest_t = max(self._newest_t, int(rows["t"].max()))
        if self.queue_rows is not None and self.queue_rows.add(rows):
            self._pending = True

    @property
    def busy(self) -> bool:
        """Work still owed: new queue events not drawn yet, or a recompute under way."""
        return self._pending or self.computer.busy

    def refresh(self, now_s: float) -> None:
        model = self.model
        if model is None or model.t0 is None:
            return
        ended = model.status is not None
        wall = time.monotonic()
        self._take_result()
        last_took = self.recompute_ms[-1] / 1000 if self.recompute_ms else 0.0
        gap = max(MIN_RECOMPUTE_S, last_took / RECOMPUTE_DUTY)
        if self._pending and not self.computer.busy and \
                (ended or wall - self._last_submit >= gap):
            self._pending = False
            self._last_submit = self._submitted_at = wall
            settle_before = self._newest_t - int(SETTLE_S * 1e9)
            if ended:
                settle_before = np.iinfo(np.int64).max
            self.computer.submit(self.queue_rows.snapshot(), model.strings, settle_before)
            self._take_result()            # a small run's is computed at once
        for queue in self._queues.values():
            end = max(now_s, queue.last_t)
            queue.tail.setData([queue.last_t, end], [queue.last_depth] * 2)
            if queue.unfinished_xy is not None:     # it holds its level until "now"
                xs, ys = queue.unfinished_xy
                queue.unfinished.setData(np.append(xs, max(end, xs[-1])), np.append(ys, ys[-1]))

    def _take_result(self) -> None:
        result = self.computer.take()
        if result is not None:
            self.recompute_ms.append((time.monotonic() - self._submitted_at) * 1000)
            self._apply(result)

    def _apply(self, result: DepthResult) -> None:
        t0 = self.model.t0
        for queue in result.queues:
            curves = self._queues.get(queue.obj)
            if curves is None:
                color = colors.SERIES_COLORS[len(self._queues) % len(colors.SERIES_COLORS)]
                curves = self._queues[queue.obj] = _QueueCurves(self, queue, color)
                self._update_key()
            xs, ys = step_xy(seconds(queue.shown_t_ns, t0), queue.shown, None)
            curves.depth.setData(xs, ys)
            curves.last_t, curves.last_depth = float(xs[-1]), float(ys[-1])
            curves.max_depth = int(queue.depth.max()) if len(queue.depth) else 0
            if curves.unfinished is not None and queue.unfinished is not None:
                curves.unfinished_xy = step_xy(seconds(queue.shown_unfinished_t_ns, t0),
                                               queue.shown_unfinished, None)
                top = int(queue.unfinished.max()) if len(queue.unfinished) else 0
                curves.max_depth = max(curves.max_depth, top)
        self._full.setData(seconds(result.full_t_ns[-MAX_MARKERS:], t0),
                           result.full_capacity[-MAX_MARKERS:].astype(float))
        empty = seconds(result.empty_t_ns[-MAX_MARKERS:], t0)
        self._empty.setData(empty, np.zeros(len(empty)))
        nones = seconds(result.sentinel_t_ns[-MAX_MARKERS:], t0)
        self._sentinel.setData(nones, np.zeros(len(nones)))
        self._seen = {"full": len(result.full_t_ns), "empty": len(result.empty_t_ns),
                      "none": len(result.sentinel_t_ns)}
        self._update_key()
        top = max([1] + [q.max_depth for q in self._queues.values()]
                  + [q.maxsize for q in self._queues.values()])
        self.setYRange(0, top * 1.15 + 0.5, padding=0)

    def _update_key(self) -> None:
        """The key sits in the title row, so it never hides a line."""
        entries = []
        for queue in self._queues.values():
            entries.append(("━━", queue.color, queue.label))
            if queue.maxsize:
                entries.append(("╍╍", colors.EXITED_GREY, f"capacity {queue.maxsize}"))
            if queue.unfinished is not None:
                entries.append(("┈┈", colors.REDDISH_PURPLE, "unfinished tasks (join waits for 0)"))
        seen = getattr(self, "_seen", {})
        if seen.get("full"):
            entries.append(("✕", colors.VERMILLION, f"Full: item lost ({seen['full']})"))
        if seen.get("empty"):
            entries.append(("○", colors.BLUE, f"Empty raised ({seen['empty']})"))
        if seen.get("none"):
            entries.append(("★", colors.BLACK, "None (sentinel) taken"))
        self.set_key(entries)

    def queue_labels(self) -> list[str]:
        return [q.label for q in self._queues.values()]

    def curve_points(self) -> int:
        """Points in the depth curves (tests check that the plot holds data)."""
        return sum(len(q.depth.xData) if q.depth.xData is not None else 0
                   for q in self._queues.values())
