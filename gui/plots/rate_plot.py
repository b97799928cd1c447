"""ItemRatePlot: items a second going into and out of the queues.

Puts and gets are counted into 50 ms bins as they arrive; a frame draws each rate as
a trailing average over a span that fits the visible window (~1/20 of it), so a slow
classroom run reads as a steady line and a flood still shows its bursts.  In above
out means the queue fills; out above in means it drains.
"""
from __future__ import annotations

import time

import numpy as np
from ipcscope.core.events import Kind
from ipcscope.gui import colors
from ipcscope.gui.i18n import translate
from ipcscope.gui.plots.plot_base import TimePlot, curve
from PySide6.QtCore import QT_TRANSLATE_NOOP

BASE_BIN_S = 0.05
_NICE_SPANS = [0.25, 0.5, 1, 2, 5, 10, 20, 30, 60]
KEY_EVERY_S = 0.5


class ItemRatePlot(TimePlot):
    def __init__(self, parent=None):
        super().__init__(QT_TRANSLATE_NOOP("TimePlot", "Items a second"),
                         QT_TRANSLATE_NOOP("TimePlot", "items/s"), parent)
        self._put = curve(self, colors.BLUE, width=3)
        self._got = curve(self, colors.VERMILLION, width=2)
        self.set_run(None, {})

    def set_run(self, model, params: dict) -> None:
        self.model = model
        self._bins = {Kind.PUT_END: np.zeros(0, np.int64), Kind.GET_END: np.zeros(0, np.int64)}
        self._put.setData([], [])
        self._got.setData([], [])
        self.span_s = 1.0
        self._key_drawn_at = 0.0
        self._top = None

    def add_rows(self, rows: np.ndarray) -> None:
        if self.model is None or self.model.t0 is None:
            return
        for kind in self._bins:
            t = rows["t"][rows["kind"] == kind]
            if not len(t):
                continue
            index = ((t - self.model.t0) // int(BASE_BIN_S * 1e9)).clip(0)
            counts = np.bincount(index)
            bins = self._bins[kind]
            if len(counts) > len(bins):
                bins = np.concatenate([bins, np.zeros(len(counts) - len(bins), np.int64)])
            bins[:len(counts)] += counts
            self._bins[kind] = bins

    def totals(self) -> tuple[int, int]:
        return int(self._bins[Kind.PUT_END].sum()), int(self._bins[Kind.GET_END].sum())

    def refresh(self, now_s: float, x_range: tuple[float, float]) -> None:
        visible = max(x_range[1] - x_range[0], 1.0)
        self.span_s = next((s for s in _NICE_SPANS if s >= visible / 20), _NICE_SPANS[-1])
        per_span = max(1, int(round(self.span_s / BASE_BIN_S)))
        complete = int(now_s / BASE_BIN_S)          # bins that are over
        top = 1.0
        for kind, item in ((Kind.PUT_END, self._put), (Kind.GET_END, self._got)):
            bins = np.zeros(complete, np.int64)
            have = self._bins[kind][:complete]
            bins[:len(have)] = have
            if complete == 0:
                item.setData([], [])
                continue
            total = np.concatenate([[0], np.cumsum(bins)])
            ends = np.arange(1, complete + 1)
            starts = np.maximum(ends - per_span, 0)
            rate = (total[ends] - total[starts]) / (per_span * BASE_BIN_S)
            item.setData(ends * BASE_BIN_S, rate)
            top = max(top, float(rate.max()))
        if top != self._top:        # the same range again still costs pyqtgraph ~0.2 ms
            self._top = top
            self.setYRange(0, top * 1.15, padding=0)
        # the key's counts change on every frame of a flood; laying out its rich text
        # costs ~8 ms, so it follows at most twice a second until the run has ended
        ended = self.model is not None and self.model.status is not None
        if not ended and time.monotonic() - self._key_drawn_at < KEY_EVERY_S:
            return
        self._key_drawn_at = time.monotonic()
        put, got = self.totals()
        self.set_key([("━━", colors.BLUE, translate("ItemRatePlot", "put: into the queue ({n})")
                       .format(n=f"{put:,}")),
                      ("━━", colors.VERMILLION, translate("ItemRatePlot", "got: out of it ({n})")
                       .format(n=f"{got:,}")),
                      ("", colors.TEXT, translate("ItemRatePlot", "average over the last {s} s")
                       .format(s=f"{self.span_s:g}"))])
