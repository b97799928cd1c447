"""PipeTrafficPlot: messages sent into the pipes against messages received whole, and
the ones that arrived broken (two readers on one end).  The gap between the lines at
the end is what was lost."""
from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from ipcscope.core.events import Kind
from ipcscope.gui import colors
from ipcscope.gui.i18n import translate
from ipcscope.gui.plots.plot_base import MARK_ROOM_PX, TimePlot, curve, seconds, step_xy
from PySide6.QtCore import QT_TRANSLATE_NOOP

TITLE = QT_TRANSLATE_NOOP("TimePlot", "Pipe: sent vs received")
REDRAW_EVERY_S = 0.2


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
        self.set_run(None, {})

    def set_run(self, model, params: dict) -> None:
        self.model = model
        self._times = {Kind.SEND: [], Kind.RECV_END: [], Kind.RECV_CORRUPT: [],
                       Kind.RECV_EOF: []}
        self._dirty = True
        self._last = 0.0
        for item in (self._sent, self._received):
            item.setData([], [])
        for item in (self._corrupt, self._eof):
            item.clear()
        self.set_title(TITLE)
        self.set_key([])

    def add_rows(self, rows: np.ndarray) -> None:
        for kind, times in self._times.items():
            t = rows["t"][rows["kind"] == kind]
            if len(t):
                times.append(t)
                self._dirty = True

    def _sorted(self, kind) -> np.ndarray:
        parts = self._times[kind]
        if len(parts) > 1:
            parts[:] = [np.concatenate(parts)]
        return np.sort(parts[0]) if parts else np.zeros(0, np.int64)

    def running(self) -> bool:
        return self.model is not None and self.model.status is None

    def retranslate(self) -> None:
        super().retranslate()
        self._dirty, self._last = True, 0.0
        self.refresh(0.0, None)

    def refresh(self, now_s: float, _x_range) -> None:
        if self.model is None or self.model.t0 is None or not self._dirty:
            return
        if self.running() and time.monotonic() - self._last < REDRAW_EVERY_S:
            return
        self._dirty, self._last = False, time.monotonic()
        t0 = self.model.t0
        sent, received = self._sorted(Kind.SEND), self._sorted(Kind.RECV_END)
        for item, t in ((self._sent, sent), (self._received, received)):
            item.setData(*step_xy(seconds(t, t0), np.arange(1, len(t) + 1), None))
        broken = self._sorted(Kind.RECV_CORRUPT)
        eofs = self._sorted(Kind.RECV_EOF)
        for item, t in ((self._corrupt, broken), (self._eof, eofs)):
            at = np.searchsorted(received, t)       # on the received line, where it happened
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
