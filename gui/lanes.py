"""LanesItem: paints one lane per process — an idle bar from start to exit, coloured and
hatched spans for what it waited on or worked at, ticks where items went in and out,
the exit with its reason, and the way of one highlighted item.

It paints in device pixels (hatch patterns stay crisp at any zoom) and only what is in
view: each lane's spans are searched by time, then spans of one state closer than a
pixel are merged, so a frame costs about the same at ten spans or a million.
"""
from __future__ import annotations

import numpy as np
import PySide6  # noqa: F401 - one binding, imported before pyqtgraph
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPen

from core.events import Kind, kind_table
from core.spans import SPAN_DTYPE, Activity
from gui import colors
from gui.lane_text import seconds_text

_PUT_KINDS = np.array([Kind.PUT_END, Kind.SEND], dtype=np.int16)
_GET_KINDS = np.array([Kind.GET_END, Kind.RECV_END], dtype=np.int16)
_TICK_KINDS = np.concatenate([_PUT_KINDS, _GET_KINDS])
# kind -> bool lookups: a fancy index is several times cheaper than np.isin per frame
_IS_PUT = np.array(kind_table(_PUT_KINDS.tolist()))
_IS_GET = np.array(kind_table(_GET_KINDS.tolist()))
_IS_EMPTY = np.array(kind_table([Kind.GET_EMPTY, Kind.RECV_EOF]))


def _text_color(hex_color: str) -> QColor:
    c = QColor(hex_color)
    luminance = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()
    return QColor("#000000") if luminance > 110 else QColor("#FFFFFF")


class LanesItem(pg.GraphicsObject):
    def __init__(self):
        super().__init__()
        self.model = None
        self.spans = None
        self.order: list[int] = []
        self.now_ns = 0
        self.speed = 1.0               # the run's: labels add what a duration is at 1×
        self.highlight = None          # an ItemWay to draw
        self.focus: set[int] | None = None   # a finding's processes: the rest are dimmed
        self.font = QFont()
        self._extent = QRectF(0, 0, 1, 1)
        self._brushes = {state: (QBrush(style.qcolor()),
                                 QBrush(QColor(0, 0, 0, 150) if style.dark_hatch
                                        else QColor(255, 255, 255, 170), style.pattern))
                         for state, style in colors.ACTIVITY_STYLES.items()}

    def set_run(self, model, spans) -> None:
        self.model, self.spans, self.order, self.highlight = model, spans, [], None
        self.focus = None
        self.update()

    def set_order(self, order: list[int], now_s: float) -> None:
        self.order = order
        self.prepareGeometryChange()
        self._extent = QRectF(0, 0, max(1.0, now_s * 1.1), max(1, len(order)))
        self.update()

    def boundingRect(self) -> QRectF:
        return self._extent

    # --- painting -----------------------------------------------------------------

    def paint(self, painter, *_args) -> None:
        if self.model is None or self.model.t0 is None or not self.order:
            return
        view = self.getViewBox()
        (x0, x1), (y0, y1) = view.viewRange()
        tr = painter.transform()
        self._sx, self._dx, self._sy, self._dy = tr.m11(), tr.dx(), tr.m22(), tr.dy()
        self._left_px = x0 * self._sx + self._dx         # the view's edges, on screen
        self._right_px = x1 * self._sx + self._dx
        t0 = self.model.t0
        self._t_lo = t0 + int(x0 * 1e9)
        self._t_hi = t0 + int(x1 * 1e9)
        painter.save()
        painter.resetTransform()
        # the view's own clip does not reach every paint device (an SVG export draws
        # lanes scrolled out of view): clip to the view box here
        top, bottom = sorted((y0 * self._sy + self._dy, y1 * self._sy + self._dy))
        painter.setClipRect(QRectF(self._left_px, top, self._right_px - self._left_px,
                                   bottom - top), Qt.IntersectClip)
        painter.setFont(self.font)
        self._metrics = QFontMetrics(self.font)
        first = max(0, int(np.floor(y0)))
        last = min(len(self.order) - 1, int(np.ceil(y1)))
        for lane in range(first, last + 1):
            self._paint_lane(painter, lane, self.order[lane])
        if self.focus:
            self._paint_focus(painter, first, last)
        if self.highlight is not None:
            self._paint_way(painter, self.highlight)
        painter.restore()

    def _paint_focus(self, painter, first: int, last: int) -> None:
        """A finding is selected: its lanes outlined, the others faded behind white."""
        width = self._right_px - self._left_px
        for lane in range(first, last + 1):
            y, h = self._lane_box(lane, 0.0, 1.0)
            if self.order[lane] in self.focus:
                painter.setPen(QPen(QColor(colors.VERMILLION), 3))
                painter.setBrush(Qt.NoBrush)
                painter.drawRect(QRectF(self._left_px + 2, y + 1, width - 4, h - 2))
            else:
                painter.setPen(Qt.NoPen)
                painter.fillRect(QRectF(self._left_px, y, width, h), QColor(255, 255, 255, 150))
        painter.setPen(Qt.NoPen)

    def _px(self, t_ns) -> np.ndarray:
        seconds = (np.asarray(t_ns, dtype=np.int64) - self.model.t0) / 1e9
        return np.clip(seconds * self._sx + self._dx, self._left_px - 50, self._right_px + 50)

    def _lane_box(self, lane: int, top: float, bottom: float) -> tuple[float, float]:
        a = (lane + top) * self._sy + self._dy
        b = (lane + bottom) * self._sy + self._dy
        return min(a, b), abs(b - a)

    def _paint_lane(self, painter, lane: int, proc: int) -> None:
        record = self.model.processes.get(proc)
        if record is None:
            return
        end = record.t_end or self.now_ns
        y, h = self._lane_box(lane, 0.12, 0.88)
        bar_y, bar_h = self._lane_box(lane, 0.42, 0.58)
        a, b = self._px([record.t_start, end])
        painter.fillRect(QRectF(a, bar_y, max(1.0, b - a), bar_h), QColor(colors.IDLE_GREY))
        self._paint_spans(painter, proc, y, h)
        self._paint_ticks(painter, proc, y, h)
        if record.t_end:
            self._paint_exit(painter, record, y, h)

    def _visible_spans(self, proc: int) -> np.ndarray:
        spans = self.spans.spans_between(proc, self._t_lo, self._t_hi)
        lane = self.spans.lanes.get(proc)
        current = lane.open_span() if lane is not None else None
        if current is not None and current[2] <= self._t_hi:
            extra = np.array([(current[2], max(current[2], self.now_ns), int(current[0]),
                               current[1], 0)], dtype=SPAN_DTYPE)
            spans = np.concatenate([spans, extra])
        return spans

    def _paint_spans(self, painter, proc: int, y: float, h: float) -> None:
        spans = self._visible_spans(proc)
        if not len(spans):
            return
        a = np.floor(self._px(spans["start"]))
        b = np.maximum(np.ceil(self._px(spans["end"])), a + 1)
        states = spans["state"]
        # merge neighbours of one state that are less than a pixel apart
        reach = np.maximum.accumulate(b)
        new = np.r_[True, (states[1:] != states[:-1]) | (a[1:] > reach[:-1] + 1)]
        starts = np.flatnonzero(new)
        ga, gb = a[starts], np.maximum.reduceat(b, starts)
        gs = states[starts]
        g_t0 = spans["start"][starts]
        g_t1 = np.maximum.reduceat(spans["end"], starts)
        merged = np.diff(np.r_[starts, len(spans)]) > 1
        painter.setPen(Qt.NoPen)
        for state in np.unique(gs).tolist():
            fill, hatch = self._brushes[Activity(state)]
            rects = [QRectF(x, y, w, h) for x, w in
                     zip(ga[gs == state].tolist(), (gb - ga)[gs == state].tolist())]
            painter.setBrush(fill)
            painter.drawRects(rects)
            if hatch.style() != Qt.NoBrush:
                painter.setBrush(hatch)
                painter.drawRects(rects)
        self._paint_span_labels(painter, ga, gb, gs, g_t0, g_t1, merged, y, h)

    def _paint_span_labels(self, painter, ga, gb, gs, g_t0, g_t1, merged, y, h) -> None:
        if h < self._metrics.height() * 0.9:
            return
        wide = np.flatnonzero((gb - ga) > 60)
        for i in wide[:200].tolist():
            style = colors.ACTIVITY_STYLES[Activity(int(gs[i]))]
            left, right = max(ga[i], self._left_px) + 4, min(gb[i], self._right_px) - 4
            text = self._fitting_label(style.short, int(g_t1[i]) - int(g_t0[i]), merged[i],
                                       right - left - 6)
            if text is None:
                continue
            width = self._metrics.horizontalAdvance(text)
            box = QRectF(left, y + (h - self._metrics.height()) / 2 - 1, width + 6,
                         self._metrics.height() + 2)
            painter.fillRect(box, QColor(255, 255, 255, 215))
            painter.setPen(QColor(colors.TEXT))
            painter.drawText(box, Qt.AlignCenter, text)
            painter.setPen(Qt.NoPen)

    def _fitting_label(self, short: str, ns: int, merged: bool, room: float) -> str | None:
        """The longest label that fits: what, how long, and how long at 1× speed.
        Spans merged at this zoom get no duration: their sum would read as one wait."""
        duration = seconds_text(ns)
        if merged:
            choices = [short]
        elif self.speed != 1:
            at_1x = f"= {seconds_text(int(ns * self.speed))} at 1×"
            choices = [f"{short} {duration} ({at_1x})", f"{duration} ({at_1x})",
                       f"{short} {duration}", duration]
        else:
            choices = [f"{short} {duration}", duration]
        return next((c for c in choices if self._metrics.horizontalAdvance(c) <= room), None)

    def _paint_ticks(self, painter, proc: int, y: float, h: float) -> None:
        """Items in and out, Full and Empty, and the shared dict's reads and writes.
        Ticks are drawn once per pixel column, so a flood of puts reads as a solid comb
        at the cost of the window's width, not of the number of items."""
        lane = self.spans.lanes.get(proc)
        if lane is None or not len(lane.marks):
            return
        marks = lane.marks
        lo, hi = np.searchsorted(marks["t"], [self._t_lo, self._t_hi])
        if hi == lo:
            return
        marks = marks[lo:hi]
        x = np.round(self._px(marks["t"]))
        kinds = marks["kind"]
        is_put, is_get = _IS_PUT[kinds], _IS_GET[kinds]
        left = int(self._left_px) - 51
        width = int(self._right_px) + 52 - left

        def columns(mask) -> list[float]:
            """Each pixel column with at least one such mark, once (no sort needed)."""
            hit = np.zeros(width, dtype=bool)
            hit[x[mask].astype(np.int64) - left] = True
            return (np.flatnonzero(hit) + left).astype(float).tolist()

        # a flood of ticks becomes a comb: lighter, so it reads as "busy", not as a wall
        dense = int(np.count_nonzero(is_put | is_get)) > 0.2 * max(
            1.0, self._right_px - self._left_px)
        pen = QPen(QColor(0, 0, 0, 110) if dense else QColor(colors.TEXT))
        pen.setWidth(1 if dense else 2)
        painter.setPen(pen)
        for px in columns(is_put):                         # out: a tick from the top
            painter.drawLine(QPointF(px, y - 3), QPointF(px, y + h * 0.35))
        for px in columns(is_get):                         # in: a tick from the bottom
            painter.drawLine(QPointF(px, y + h * 0.65), QPointF(px, y + h + 3))
        painter.setPen(QPen(QColor(colors.VERMILLION), 2))
        s = max(3.0, h * 0.25)
        c = y + h / 2
        for px in columns(kinds == Kind.PUT_FULL):
            painter.drawLine(QPointF(px - s, c - s), QPointF(px + s, c + s))
            painter.drawLine(QPointF(px - s, c + s), QPointF(px + s, c - s))
        painter.setPen(QPen(QColor(colors.BLUE), 2))
        painter.setBrush(Qt.NoBrush)
        for px in columns(_IS_EMPTY[kinds]):
            painter.drawEllipse(QPointF(px, c), s, s)
        self._paint_dict_access(painter, marks, x, y, h)
        painter.setPen(Qt.NoPen)

    def _paint_dict_access(self, painter, marks, x, y: float, h: float) -> None:
        """A read and the write after it: "80→79".  Two lanes that read the same value
        and write the same result are the lost update, side by side."""
        kinds = marks["kind"]
        reads = np.flatnonzero(kinds == Kind.DICT_READ)
        writes = np.flatnonzero(kinds == Kind.DICT_WRITE)
        if not len(writes) or len(writes) > 200:
            return
        painter.setPen(QPen(QColor(colors.BLUE), 3))
        for px in np.unique(x[writes]).tolist():
            painter.drawLine(QPointF(px, y), QPointF(px, y + h))
        if h < self._metrics.height() * 0.8:
            return
        before = np.searchsorted(reads, writes) - 1
        for w, r in zip(writes.tolist(), before.tolist()):
            if not marks["b"][w]:             # the value written was not a number
                continue
            read = f"{int(marks['a'][reads[r]])}→" if r >= 0 else "→"
            text = f"{read}{int(marks['a'][w])}"
            width = self._metrics.horizontalAdvance(text) + 6
            # left of the write, over the wait before it: the exit's words go right
            box = QRectF(float(x[w]) - 4 - width, y + (h - self._metrics.height()) / 2 - 1,
                         width, self._metrics.height() + 2)
            painter.fillRect(box, QColor(255, 255, 255, 230))
            painter.setPen(QColor(colors.BLUE))
            painter.drawText(box, Qt.AlignCenter, text)

    def _paint_exit(self, painter, record, y: float, h: float) -> None:
        x = float(self._px([record.t_end])[0])
        crashed = record.exit_reason.startswith(("exception", "killed")) or \
            record.exit_reason == "vanished"
        color = QColor(colors.VERMILLION if crashed else colors.EXITED_GREY)
        painter.fillRect(QRectF(x - 2, y - 2, 4, h + 4), color)
        text = colors.exit_words(record.exit_reason)
        if h < self._metrics.height() * 0.8:
            return
        width = self._metrics.horizontalAdvance(text) + 8
        if x + 5 + width <= self._right_px:
            box = QRectF(x + 5, y, width, h)
        else:                      # no room after the exit: write it over the lane's end
            box = QRectF(x - 5 - width, y + (h - self._metrics.height()) / 2 - 1, width,
                         self._metrics.height() + 2)
            painter.fillRect(box, QColor(255, 255, 255, 230))
        painter.setPen(color)
        painter.drawText(box, Qt.AlignVCenter | Qt.AlignHCenter, text)
        painter.setPen(Qt.NoPen)

    def exit_text_width(self) -> int:
        """Pixels the longest exit reason needs, to leave room for it after a run."""
        metrics = QFontMetrics(self.font)
        widths = [metrics.horizontalAdvance(colors.exit_words(p.exit_reason))
                  for p in self.model.processes.values()] if self.model else []
        return max(widths, default=0) + 16

    def _paint_way(self, painter, way) -> None:
        if way.sender is None or way.receiver is None or way.sent_t is None:
            return
        if way.sender not in self.order or way.receiver not in self.order:
            return
        ya, _ = self._lane_box(self.order.index(way.sender), 0.5, 0.5)
        yb, _ = self._lane_box(self.order.index(way.receiver), 0.5, 0.5)
        xa, xb = self._px([way.sent_t, way.received_t]).tolist()
        pen = QPen(QColor(colors.TEXT), 3)
        pen.setStyle(Qt.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(xa, ya), QPointF(xb, yb))
        painter.setBrush(QColor(colors.TEXT))
        painter.drawEllipse(QPointF(xa, ya), 5, 5)
        painter.drawEllipse(QPointF(xb, yb), 5, 5)
        painter.setPen(Qt.NoPen)
