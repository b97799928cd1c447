"""QueueDepthPlot: how many items each queue holds, as a step line, with the capacity of
a bounded queue, ✕ where put_nowait met a full queue (the item is lost), ○ where a get
gave up on an empty one, ★ where a consumer took the None sentinel, and for a
JoinableQueue the unfinished tasks that join() waits for.

The depth is brought up to date (see depth_series.py) only when new queue events came,
at most every MIN_RECOMPUTE_S, and off the GUI thread once the run is big; between
updates the last level is drawn on to "now".  The lines are drawn by DepthLinesItem.
"""
from __future__ import annotations

import functools
import time

import numpy as np
import pyqtgraph as pg
from ipcscope.core.events import ObjType
from ipcscope.gui import colors
from ipcscope.gui.i18n import translate
from ipcscope.gui.plots.depth_lines import DepthLinesItem, DrawnLine
from ipcscope.gui.plots.depth_series import (
    QUEUE_KINDS,
    RESTART_ROWS,
    SETTLE_S,
    SYNC_LIMIT,
    DepthComputer,
    DepthResult,
    QueueRows,
    StepLine,
    depth_now,
    queues_made,
)
from ipcscope.gui.plots.plot_base import TimePlot, seconds
from PySide6.QtCore import QT_TRANSLATE_NOOP

MIN_RECOMPUTE_S = 0.15
# A big run's update runs in a worker thread, and the GUI thread loses about the
# worker's CPU time to it (they share the GIL): frames drawn meanwhile are slower.
# Measured back to back, from up to ~6 updates a second to 2: the redraw's p95 went
# from 17.9 to 16.4 ms.  So a big run's depth comes at most twice a second, and the
# worker is kept busy at most a third of the time (a first update of 2M events takes
# ~0.15 s).
BIG_RUN_RECOMPUTE_S = 0.5
RECOMPUTE_DUTY = 1 / 3


def queue_class(obj_type: ObjType) -> str:
    return {ObjType.JOINABLE_QUEUE: "JoinableQueue",
            ObjType.SIMPLE_QUEUE: "SimpleQueue"}.get(obj_type, "Queue")


class _QueueKey:
    """What the key says of a queue, and how high its lines go."""

    def __init__(self, name: str, obj_type: ObjType, maxsize: int, color: str):
        self.joinable = obj_type == ObjType.JOINABLE_QUEUE
        self.label = f"{name}: {queue_class(obj_type)}({maxsize or ''})"
        self.color = color
        self.maxsize = maxsize
        self.max_depth = 0


class QueueDepthPlot(TimePlot):
    def __init__(self, parent=None):
        super().__init__(QT_TRANSLATE_NOOP("TimePlot", "Queue depth"),
                         QT_TRANSLATE_NOOP("TimePlot", "items"), parent)
        self.model = None
        self.queue_rows: QueueRows | None = None
        self.computer = DepthComputer()
        self.lines = DepthLinesItem()
        self.addItem(self.lines, ignoreBounds=True)
        self._queues: dict[int, _QueueKey] = {}
        self._drawn: dict[int, StepLine] = {}      # each queue's depth, as drawn
        self._full = self._marker_item("x", colors.VERMILLION)
        self._empty = self._marker_item("o", colors.BLUE, hollow=True)
        self._sentinel = self._marker_item("star", colors.TEXT)   # black in light, white in dark
        for item in (self._full, self._empty, self._sentinel):
            self.addItem(item)
        self._last_submit = 0.0
        self._pending = False
        self._y_top: float | None = None       # the y range's top, once a depth is drawn
        self._seen: dict[str, int] = {}        # marks in the last result: Full, Empty, None
        self._newest_t = 0                     # ns: the newest event's stamp
        self.recompute_ms: list[float] = []   # measured, for the report and tests
        self._submitted_at = 0.0

    def _marker_item(self, symbol: str, color: str, hollow: bool = False):
        item = pg.ScatterPlotItem(symbol=symbol, size=13, pen=pg.mkPen(color, width=2),
                                  brush=None if hollow else pg.mkBrush(color))
        item.setZValue(10)
        return item

    def set_run(self, model) -> None:
        self.lines.clear()
        for item in (self._full, self._empty, self._sentinel):
            item.clear()
            item.setVisible(False)
        # the scheme may have changed since the last run (gui/theme.py)
        self._sentinel.setPen(pg.mkPen(colors.TEXT, width=2))
        self._sentinel.setBrush(pg.mkBrush(colors.TEXT))
        self._queues.clear()
        self._drawn.clear()
        self._seen = {}
        self.computer.forget()
        self.model = model
        self.queue_rows = QueueRows(model.dtype)
        self._pending = False
        self._newest_t = 0
        self._last_submit = 0.0
        self.recompute_ms.clear()
        self.set_key([])
        self._y_top = None
        self.setYRange(0, 5, padding=0)

    def add_rows(self, rows: np.ndarray) -> None:
        if len(rows):
            self._newest_t = max(self._newest_t, int(rows["t"].max()))
        if self.queue_rows is None:
            return
        picked = self.queue_rows.add(rows)
        if len(picked):
            self._pending = True
            # the key names a queue as it is made: its first depth, a big run's in
            # particular, may come much later (and a key that grows a line then
            # shrinks the plot: ~30 ms of a frame to lay out its axes again)
            made = queues_made(picked, self.model.strings)
            for obj, name, obj_type, maxsize in made:
                self._key_for(obj, name, obj_type, maxsize)
            if made:
                self._update_key()

    def _key_for(self, obj: int, name: str, obj_type: ObjType, maxsize: int) -> _QueueKey:
        key = self._queues.get(obj)
        if key is None:
            color = colors.SERIES_COLORS[len(self._queues) % len(colors.SERIES_COLORS)]
            key = self._queues[obj] = _QueueKey(name, obj_type, maxsize, color)
        return key

    @property
    def busy(self) -> bool:
        """Work still owed: new queue events not drawn yet, or a recompute under way."""
        return self._pending or self.computer.busy

    def refresh(self, now_s: float, at_once: bool = False) -> None:
        """at_once: every queue event in so far is drawn now, whatever it costs (a frame
        of an exported animation, whose frames come faster or slower than the clock)."""
        model = self.model
        if model is None or model.t0 is None:
            return
        ended = model.status is not None
        wall = time.monotonic()
        self._take_result()
        last_took = self.recompute_ms[-1] / 1000 if self.recompute_ms else 0.0
        big = len(self.queue_rows) >= SYNC_LIMIT
        gap = max(BIG_RUN_RECOMPUTE_S if big else MIN_RECOMPUTE_S, last_took / RECOMPUTE_DUTY)
        if self._pending and not self.computer.busy and \
                (ended or at_once or wall - self._last_submit >= gap):
            self._pending = False
            self._last_submit = self._submitted_at = wall
            settle_before = self._newest_t - int(SETTLE_S * 1e9)
            if ended:
                settle_before = np.iinfo(np.int64).max
            rows, earliest = self.queue_rows.take()
            computer, seed = self.computer, None
            restart = computer.needs_restart or computer.builder.is_late(earliest)
            if restart and len(self.queue_rows) <= RESTART_ROWS:
                # start over from the model's rows (rare): read off the GUI thread
                rows = functools.partial(model.snapshot().select, QUEUE_KINDS)
            elif restart:
                restart = False
                if computer.needs_restart:   # too big to read back: on from the depth now
                    seed = depth_now(model, rows)
            self.computer.submit(rows, model.strings, settle_before, restart, seed)
            self._take_result()            # a small run's is computed at once
        self.lines.set_now(now_s)

    def _take_result(self) -> None:
        result = self.computer.take()
        if result is not None:
            self.recompute_ms.append((time.monotonic() - self._submitted_at) * 1000)
            self._apply(result)

    def _apply(self, result: DepthResult) -> None:
        lines, capacities = [], []
        for queue in result.queues:
            key = self._key_for(queue.obj, queue.name, queue.type, queue.maxsize)
            key.max_depth = queue.depth.peak
            lines.append(DrawnLine(queue.depth, key.color, 3))
            self._drawn[queue.obj] = queue.depth
            if queue.maxsize:
                capacities.append((queue.maxsize, colors.EXITED_GREY))
            if queue.unfinished is not None:
                lines.append(DrawnLine(queue.unfinished, colors.REDDISH_PURPLE, 2, dotted=True))
                key.max_depth = max(key.max_depth, queue.unfinished.peak)
        self.lines.set_lines(self.model.t0, lines, capacities)
        t0 = self.model.t0
        self._set_markers(self._full, seconds(result.full_t_ns, t0),
                          result.full_capacity.astype(float))
        empty = seconds(result.empty_t_ns, t0)
        self._set_markers(self._empty, empty, np.zeros(len(empty)))
        nones = seconds(result.sentinel_t_ns, t0)
        self._set_markers(self._sentinel, nones, np.zeros(len(nones)))
        self._seen = dict(result.counts)
        self._update_key()
        top = max([1] + [q.max_depth for q in self._queues.values()]
                  + [q.maxsize for q in self._queues.values()])
        self._fit_y(top)

    def _fit_y(self, top: int) -> None:
        """Room for the highest line, in steps: a new range lays out the axis and the
        grid again (~3 ms), and a flood's peak grows with nearly every update."""
        low_enough = self._y_top is not None and top * 1.15 + 0.5 <= self._y_top <= top * 2 + 4
        if low_enough:
            return
        step = 10 ** max(0, len(str(top)) - 2)           # two significant digits
        self._y_top = (int(top * 1.3) // step + 1) * step + 0.5
        self.setYRange(0, self._y_top, padding=0)

    @staticmethod
    def _set_markers(item, xs: np.ndarray, ys: np.ndarray) -> None:
        """A scatter with no points still costs ~0.3 ms a frame to paint: hidden."""
        item.setData(xs, ys)
        item.setVisible(len(xs) > 0)

    def retranslate(self) -> None:
        super().retranslate()
        self._update_key()

    def take_scheme(self) -> None:
        """The scheme changed (gui/theme.py): capacity lines, their key and the None
        star in its colours, without waiting for the next run."""
        self._sentinel.setPen(pg.mkPen(colors.TEXT, width=2))
        self._sentinel.setBrush(pg.mkBrush(colors.TEXT))
        self.lines.capacities = [(maxsize, colors.EXITED_GREY)
                                 for maxsize, _ in self.lines.capacities]
        self.lines.update()
        self._update_key()

    def _update_key(self) -> None:
        """The key sits in the title row, so it never hides a line."""
        entries = []
        for queue in self._queues.values():
            entries.append(("━━", queue.color, queue.label))
            if queue.maxsize:
                entries.append(("╍╍", colors.EXITED_GREY, translate(
                    "QueueDepthPlot", "capacity {n}").format(n=queue.maxsize)))
            if queue.joinable:
                entries.append(("┈┈", colors.REDDISH_PURPLE, translate(
                    "QueueDepthPlot", "unfinished tasks (join waits for 0)")))
        seen = self._seen
        if seen.get("full"):
            entries.append(("✕", colors.VERMILLION, translate(
                "QueueDepthPlot", "Full: item lost ({n})").format(n=seen['full'])))
        if seen.get("empty"):
            entries.append(("○", colors.BLUE, translate(
                "QueueDepthPlot", "Empty raised ({n})").format(n=seen['empty'])))
        if seen.get("none"):
            entries.append(("★", colors.TEXT, translate("QueueDepthPlot", "None (sentinel) taken")))
        self.set_key(entries)

    def line_data(self, obj: int) -> tuple[np.ndarray, np.ndarray]:
        """A queue's depth as drawn: (seconds, level) at each change."""
        line = self._drawn[obj]
        return seconds(line.t_ns, self.model.t0), line.level

    def depth_changes(self) -> int:
        """Changes in the depth lines drawn (tests check that the plot holds data)."""
        return sum(len(line) for line in self._drawn.values())
