"""LanesItem: paints one lane per process — an idle bar from start to exit, coloured and
hatched spans for what it waited on or worked at, ticks where items went in and out,
the exit with its reason, and the way of one highlighted item.

It paints in device pixels (hatch patterns stay crisp at any zoom) and only what is in
view, at most a few shapes per pixel column: each lane's spans are searched by time;
spans of one state closer than a pixel are merged; where there are more spans than
columns, the narrow ones are painted column by column in the state that filled most of
each; ticks are found per column by binary search.  Qt draws about as much at ten
spans as at a million; numpy reads the spans in view once a frame.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import PySide6  # noqa: F401 - one binding, imported before pyqtgraph
from ipcscope.core.events import Kind
from ipcscope.core.spans import SPAN_DTYPE
from ipcscope.gui import colors
from ipcscope.gui.i18n import translate
from ipcscope.gui.plots.lane_raster import LaneRaster, TickCounts
from ipcscope.gui.plots.lane_text import seconds_text
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPen, QStaticText

MAX_LABELLED_MARKS = 20_000    # dict labels read the marks in view: not past this many


def _column_runs(columns: np.ndarray) -> list[tuple[float, float]]:
    """(first, last) of each stretch of neighbouring pixel columns."""
    if not len(columns):
        return []
    breaks = np.flatnonzero(np.diff(columns) != 1)
    firsts = np.concatenate((columns[:1], columns[breaks + 1]))
    lasts = np.concatenate((columns[breaks], columns[-1:]))
    return list(zip(firsts.tolist(), lasts.tolist()))


def _text_color(hex_color: str) -> QColor:
    c = QColor(hex_color)
    luminance = 0.299 * c.red() + 0.587 * c.green() + 0.114 * c.blue()
    return QColor("#000000") if luminance > 110 else QColor("#FFFFFF")


def _widest_free(left: float, right: float,
                 taken: list[tuple[float, float]]) -> tuple[float, float]:
    """The widest stretch of [left, right] a few pixels clear of every taken one (the
    leftmost of equals); an empty one if none is left."""
    pieces = [(left, right)]
    for a, b in taken:
        if b + 3 <= left or a - 3 >= right:
            continue
        cut = []
        for p0, p1 in pieces:
            if b + 3 <= p0 or a - 3 >= p1:
                cut.append((p0, p1))
                continue
            if a - 3 > p0:
                cut.append((p0, a - 3))
            if b + 3 < p1:
                cut.append((b + 3, p1))
        pieces = cut
    return max(pieces, key=lambda p: p[1] - p[0], default=(left, left))


def _marker_radius(lane_h: float) -> float:
    """Half the size of a Full cross or an Empty / EOFError circle on a lane."""
    return max(3.0, lane_h * 0.25)


def _exit_gap(lane_h: float) -> float:
    """Pixels between an exit's bar and its words: clear of the circle of a get() that
    timed out or an EOFError, drawn at the exit (it covered their first letter)."""
    return 5 + _marker_radius(lane_h)


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
        self._rasters: dict[int, LaneRaster] = {}     # per process, kept between frames
        self._tick_counts: dict[tuple, TickCounts] = {}   # per (lane, tick kind), likewise
        # state (a plain int, as the span arrays hold it) -> (fill, hatch or None):
        # an Activity lookup or a brush's style compared each frame cost ~1 and ~15 µs
        self._brushes = {int(state): (QBrush(style.qcolor()),
                                      QBrush(QColor(0, 0, 0, 150) if style.dark_hatch
                                             else QColor(255, 255, 255, 170), style.pattern)
                                      if style.pattern != Qt.NoBrush else None)
                         for state, style in colors.ACTIVITY_STYLES.items()}
        self._short: dict[int, str] = {}
        self.retranslate()
        self._take_scheme()
        # labels' widths and layouts in _texts_font: measuring and laying out a label
        # each frame cost ~20 and ~40 µs
        self._widths: dict[str, int] = {}
        self._statics: dict[str, QStaticText] = {}
        self._texts_font = ""
        # what the last frame wrote where: ("span" | "dict", box, text), for tests
        self.drawn_labels: list[tuple[str, QRectF, str]] = []

    def retranslate(self) -> None:
        """The states' names written in the spans, in the window's language."""
        self._short = {int(state): colors.words(style.short)
                       for state, style in colors.ACTIVITY_STYLES.items()}
        self.update()

    def _take_scheme(self) -> None:
        """The light or dark scheme's colours (gui/theme.py), read again every frame: a
        scheme changed while the app runs shows at the next paint, not after a restart."""
        self._label_back = QColor(colors.LABEL_BACK)
        self._idle_color = QColor(colors.IDLE_GREY)
        self._text_color = QColor(colors.TEXT)
        self._fade = QColor(colors.PLOT_BACKGROUND)     # what fades lanes out of focus
        self._fade.setAlpha(150)
        self._comb = QColor(colors.TEXT)                # ticks too many to draw apart
        self._comb.setAlpha(110)

    def set_run(self, model, spans) -> None:
        self.model, self.spans, self.order, self.highlight = model, spans, [], None
        self._rasters: dict[int, LaneRaster] = {}
        self._tick_counts: dict[tuple, TickCounts] = {}
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
        # pixel columns from just left of the view to just right of it; column c holds
        # what falls in [c - 0.5, c + 0.5): the times of those edges, for every lane
        self._columns_left = int(self._left_px) - 2
        edges_px = self._columns_left - 0.5 + np.arange(int(self._right_px) + 4
                                                        - self._columns_left)
        self._column_edges_t = t0 + np.round((edges_px - self._dx) / self._sx * 1e9
                                             ).astype(np.int64)
        self._edges_key = (self._columns_left, len(edges_px), self._sx, self._dx, t0)
        self._take_scheme()
        self.drawn_labels = []
        painter.save()
        painter.resetTransform()
        # the view's own clip does not reach every paint device (an SVG export draws
        # lanes scrolled out of view): clip to the view box here
        top, bottom = sorted((y0 * self._sy + self._dy, y1 * self._sy + self._dy))
        painter.setClipRect(QRectF(self._left_px, top, self._right_px - self._left_px,
                                   bottom - top), Qt.IntersectClip)
        painter.setFont(self.font)
        self._metrics = QFontMetrics(self.font)
        self._text_h = self._metrics.height()
        if self._texts_font != self.font.key():
            self._widths, self._statics, self._texts_font = {}, {}, self.font.key()
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
        """A finding is selected: its lanes outlined, the others faded into the background."""
        width = self._right_px - self._left_px
        for lane in range(first, last + 1):
            y, h = self._lane_box(lane, 0.0, 1.0)
            if self.order[lane] in self.focus:
                painter.setPen(QPen(QColor(colors.VERMILLION), 3))
                painter.setBrush(Qt.NoBrush)
                painter.drawRect(QRectF(self._left_px + 2, y + 1, width - 4, h - 2))
            else:
                painter.setPen(Qt.NoPen)
                painter.fillRect(QRectF(self._left_px, y, width, h), self._fade)
        painter.setPen(Qt.NoPen)

    def _px(self, t_ns) -> np.ndarray:
        seconds = (np.asarray(t_ns, dtype=np.int64) - self.model.t0) / 1e9
        return np.clip(seconds * self._sx + self._dx, self._left_px - 50, self._right_px + 50)

    def _x(self, t_ns: int) -> float:
        """_px of one time, in plain floats (numpy's overhead is most of a single one)."""
        x = (t_ns - self.model.t0) / 1e9 * self._sx + self._dx
        return min(max(x, self._left_px - 50), self._right_px + 50)

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
        a, b = self._x(record.t_start), self._x(end)
        painter.fillRect(QRectF(a, bar_y, max(1.0, b - a), bar_h), self._idle_color)
        # the dict's "41→42" first: the state's words keep clear of them
        writes_px, dict_labels = self._dict_labels(proc, y, h)
        self._paint_spans(painter, proc, y, h,
                          [(box.left(), box.right()) for box, _ in dict_labels])
        self._paint_ticks(painter, proc, y, h, writes_px, dict_labels)
        if record.t_end:
            self._paint_exit(painter, record, y, h)

    def _open_span(self, lane) -> np.ndarray:
        """What the process is doing now, as a span up to now (none if idle)."""
        current = lane.open_span()
        if current is None or current[2] > self._t_hi:
            return np.empty(0, SPAN_DTYPE)
        return np.array([(current[2], max(current[2], self.now_ns), int(current[0]),
                          current[1], 0)], dtype=SPAN_DTYPE)

    def _paint_spans(self, painter, proc: int, y: float, h: float,
                     taken: list[tuple[float, float]]) -> None:
        """taken: stretches of the lane (x from, to) already written in (the dict's
        labels): no state's words over them."""
        lane = self.spans.lanes.get(proc)
        if lane is None:
            return
        raster = self._rasters.get(proc)
        if raster is None:
            raster = self._rasters[proc] = LaneRaster()
        raster.update(lane, self._sx, self.model.t0, self._t_lo, self._t_hi, id(self.spans))
        painter.setPen(Qt.NoPen)
        # spans narrower than a few pixels, a pixel at a time, in the state that filled
        # most of that pixel's time
        left, right, column_states = raster.bin_runs(self._dx, self._left_px, self._right_px)
        self._fill_runs(painter, left, right, column_states, y, h)
        spans = raster.wide_spans()
        opened = self._open_span(lane)
        if len(opened):
            spans = np.concatenate([spans, opened])
        if len(spans):
            a = np.floor(self._px(spans["start"]))
            b = np.maximum(np.ceil(self._px(spans["end"])), a + 1)
            states = spans["state"]
            if len(spans) == 1:     # a flood's lane: only what it does now is this wide
                ga, gb, gs, g_t0, g_t1 = a, b, states, spans["start"], spans["end"]
                merged = np.zeros(1, bool)
            else:
                # merge neighbours of one state that are less than a pixel apart
                reach = np.maximum.accumulate(b)
                new = np.concatenate(([True], (states[1:] != states[:-1])
                                      | (a[1:] > reach[:-1] + 1)))
                starts = np.flatnonzero(new)
                ga, gb = a[starts], np.maximum.reduceat(b, starts)
                gs = states[starts]
                g_t0 = spans["start"][starts]
                g_t1 = np.maximum.reduceat(spans["end"], starts)
                merged = np.diff(np.concatenate((starts, [len(spans)]))) > 1
            self._fill_runs(painter, ga, gb, gs, y, h)
            self._paint_span_labels(painter, ga, gb, gs, y, h, taken, g_t0, g_t1, merged)
        # a long run of columns in one state: its name, without a duration (it is many)
        self._paint_span_labels(painter, left, right, column_states, y, h, taken)

    def _width(self, text: str) -> int:
        """The text's width in the lanes' font, measured once."""
        width = self._widths.get(text)
        if width is None:
            if len(self._widths) > 4096:      # durations change: keep the cache small
                self._widths.clear()
            width = self._widths[text] = self._metrics.horizontalAdvance(text)
        return width

    def _static(self, text: str) -> QStaticText:
        """The text laid out once, to be drawn many times."""
        static = self._statics.get(text)
        if static is None:
            if len(self._statics) > 1024:
                self._statics.clear()
            static = self._statics[text] = QStaticText(text)
            static.setTextFormat(Qt.PlainText)
            static.prepare(font=self.font)
        return static

    def _fill_runs(self, painter, a, b, states, y: float, h: float) -> None:
        """Rectangles [a, b) on screen, coloured and hatched by state."""
        if not len(states):
            return
        one_state = bool((states == states[0]).all())   # the common case: no np.unique
        for state in [int(states[0])] if one_state else np.unique(states).tolist():
            fill, hatch = self._brushes[state]
            if one_state:
                lefts, widths = a.tolist(), (b - a).tolist()
            else:
                mine = states == state
                lefts, widths = a[mine].tolist(), (b - a)[mine].tolist()
            rects = [QRectF(x, y, w, h) for x, w in zip(lefts, widths)]
            painter.setBrush(fill)
            painter.drawRects(rects)
            if hatch is not None:
                painter.setBrush(hatch)
                painter.drawRects(rects)

    def _paint_span_labels(self, painter, ga, gb, gs, y, h, taken, g_t0=None, g_t1=None,
                           merged=None) -> None:
        """Labels of the groups [ga, gb) wide enough for one, in the widest stretch of
        each that is not taken.  Without times, every group is many spans, named
        without a duration."""
        text_h = self._text_h
        if h < text_h * 0.9 or not len(ga):
            return
        wide = np.flatnonzero((gb - ga) > 60)[:200]
        if not len(wide):
            return
        box_y = y + (h - text_h) / 2 - 1
        painter.setPen(self._text_color)
        if g_t0 is None:
            times = [(0, 0, True)] * len(wide)
        else:
            times = zip(g_t0[wide].tolist(), g_t1[wide].tolist(), merged[wide].tolist())
        for a, b, state, (t0, t1, many) in zip(ga[wide].tolist(), gb[wide].tolist(),
                                               gs[wide].tolist(), times):
            left, right = max(a, self._left_px) + 4, min(b, self._right_px) - 4
            if taken:
                left, right = _widest_free(left, right, taken)
            text = self._fitting_label(self._short[state], t1 - t0, many, right - left - 6)
            if text is None:
                continue
            box = QRectF(left, box_y, self._width(text) + 6, text_h + 2)
            painter.fillRect(box, self._label_back)
            self.drawn_labels.append(("span", box, text))
            painter.drawStaticText(QPointF(left + 3, box_y + 1), self._static(text))
        painter.setPen(Qt.NoPen)

    def _fitting_label(self, short: str, ns: int, merged: bool, room: float) -> str | None:
        """The longest label that fits: what, how long, and how long at 1× speed.
        Spans merged at this zoom get no duration: their sum would read as one wait."""
        duration = seconds_text(ns)
        if merged:
            choices = [short]
        elif self.speed != 1:
            at_1x = translate("LanesItem", "= {duration} at 1×").format(
                duration=seconds_text(int(ns * self.speed)))
            choices = [f"{short} {duration} ({at_1x})", f"{duration} ({at_1x})",
                       f"{short} {duration}", duration]
        else:
            choices = [f"{short} {duration}", duration]
        return next((c for c in choices if self._width(c) <= room), None)

    def _tick_columns(self, lane, tick: str) -> tuple[np.ndarray, int]:
        """The pixel columns holding at least one mark of a kind of tick, and how many
        such marks are in view: a binary search per column edge, so the cost is the
        window's width, not the number of items."""
        times = lane.tick_times(tick)
        if not len(times):
            return np.empty(0), 0
        counts = self._tick_counts.get((lane, tick))
        if counts is None:
            counts = self._tick_counts[(lane, tick)] = TickCounts()
        at = counts.update(times, self._column_edges_t, self._edges_key)
        hit = np.flatnonzero(np.diff(at) > 0)
        return (hit + self._columns_left).astype(float), int(at[-1] - at[0])

    def _paint_ticks(self, painter, proc: int, y: float, h: float, writes_px: list[float],
                     dict_labels: list[tuple[QRectF, str]]) -> None:
        """Items in and out, Full and Empty, and the shared dict's reads and writes,
        once per pixel column: a flood of puts reads as a solid comb."""
        lane = self.spans.lanes.get(proc)
        if lane is None or not len(lane.marks):
            return
        outs, n_out = self._tick_columns(lane, "out")
        ins, n_in = self._tick_columns(lane, "in")
        # a flood of ticks becomes a comb: lighter, so it reads as "busy", not as a wall
        dense = n_out + n_in > 0.2 * max(1.0, self._right_px - self._left_px)
        pen = QPen(self._comb if dense else self._text_color)
        pen.setWidth(1 if dense else 2)
        painter.setPen(pen)
        top, upper, lower, bottom = y - 3, y + h * 0.35, y + h * 0.65, y + h + 3
        if dense:
            # neighbouring columns of 1-pixel ticks are a solid band: one rectangle each
            for columns, y0, y1 in ((outs, top, upper), (ins, lower, bottom)):
                for x0, x1 in _column_runs(columns):
                    painter.fillRect(QRectF(x0 - 0.5, y0, x1 - x0 + 1, y1 - y0),
                                     pen.color())
        else:
            painter.drawLines([QLineF(px, top, px, upper) for px in outs.tolist()]   # out
                              + [QLineF(px, lower, px, bottom) for px in ins.tolist()])  # in
        painter.setPen(QPen(QColor(colors.VERMILLION), 2))
        s = _marker_radius(h)
        c = y + h / 2
        for px in self._tick_columns(lane, "full")[0].tolist():
            painter.drawLine(QPointF(px - s, c - s), QPointF(px + s, c + s))
            painter.drawLine(QPointF(px - s, c + s), QPointF(px + s, c - s))
        painter.setPen(QPen(QColor(colors.BLUE), 2))
        painter.setBrush(Qt.NoBrush)
        for px in self._tick_columns(lane, "empty")[0].tolist():
            painter.drawEllipse(QPointF(px, c), s, s)
        painter.setPen(QPen(QColor(colors.BLUE), 3))
        for px in writes_px:
            painter.drawLine(QPointF(px, y), QPointF(px, y + h))
        # the words in sky blue on the dark scheme's black: blue there is too dim to
        # read from the back of a room
        painter.setPen(QColor(colors.SKY_BLUE if colors.dark else colors.BLUE))
        for box, text in dict_labels:
            painter.fillRect(box, self._label_back)
            painter.drawText(box, Qt.AlignCenter, text)
            self.drawn_labels.append(("dict", box, text))
        painter.setPen(Qt.NoPen)

    def _dict_labels(self, proc: int, y: float, h: float
                     ) -> tuple[list[float], list[tuple[QRectF, str]]]:
        """The shared dict's writes in view (their x) and a label for each: a read and
        the write after it, "80→79".  Two lanes that read the same value and write the
        same result are the lost update, side by side.  None past 200 writes in view."""
        lane = self.spans.lanes.get(proc)
        if lane is None or not len(lane.marks):
            return [], []
        if not 0 < self._tick_columns(lane, "dict_write")[1] <= 200:
            return [], []
        lo, hi = lane.marks.searchsorted([self._t_lo, self._t_hi]).tolist()
        if hi - lo > MAX_LABELLED_MARKS:    # a flood's puts beside the writes: no words
            return self._tick_columns(lane, "dict_write")[0].tolist(), []
        marks = lane.marks.slice(lo, hi)
        x = np.round(self._px(marks["t"]))
        kinds = marks["kind"]
        reads = np.flatnonzero(kinds == Kind.DICT_READ)
        writes = np.flatnonzero(kinds == Kind.DICT_WRITE)
        writes_px = np.unique(x[writes]).tolist()
        if h < self._metrics.height() * 0.8:
            return writes_px, []
        labels = []
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
            labels.append((box, text))
        return writes_px, labels

    def _paint_exit(self, painter, record, y: float, h: float) -> None:
        x = self._x(record.t_end)
        crashed = record.exit_reason.startswith(("exception", "killed")) or \
            record.exit_reason == "vanished"
        color = QColor(colors.VERMILLION if crashed else colors.EXITED_GREY)
        painter.fillRect(QRectF(x - 2, y - 2, 4, h + 4), color)
        text = colors.exit_words(record.exit_reason)
        if h < self._metrics.height() * 0.8:
            return
        width = self._metrics.horizontalAdvance(text) + 8
        gap = _exit_gap(h)
        if x + gap + width <= self._right_px:
            box = QRectF(x + gap, y, width, h)
        else:                      # no room after the exit: write it over the lane's end
            box = QRectF(x - gap - width, y + (h - self._metrics.height()) / 2 - 1, width,
                         self._metrics.height() + 2)
            painter.fillRect(box, self._label_back)
        painter.setPen(color)
        painter.drawText(box, Qt.AlignVCenter | Qt.AlignHCenter, text)
        painter.setPen(Qt.NoPen)

    def exit_text_width(self) -> int:
        """Pixels the longest exit reason needs, to leave room for it after a run."""
        metrics = QFontMetrics(self.font)
        widths = [metrics.horizontalAdvance(colors.exit_words(p.exit_reason))
                  for p in self.model.processes.values()] if self.model else []
        tallest_lane = 3 * metrics.height()     # about lanes_view's most for this font
        return max(widths, default=0) + 8 + int(_exit_gap(tallest_lane))

    def _paint_way(self, painter, way) -> None:
        if way.sender is None or way.receiver is None or way.sent_t is None:
            return
        if way.sender not in self.order or way.receiver not in self.order:
            return
        ya, _ = self._lane_box(self.order.index(way.sender), 0.5, 0.5)
        yb, _ = self._lane_box(self.order.index(way.receiver), 0.5, 0.5)
        xa, xb = self._px([way.sent_t, way.received_t]).tolist()
        pen = QPen(self._text_color, 3)
        pen.setStyle(Qt.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(xa, ya), QPointF(xb, yb))
        painter.setBrush(self._text_color)
        painter.drawEllipse(QPointF(xa, ya), 5, 5)
        painter.drawEllipse(QPointF(xb, yb), 5, 5)
        painter.setPen(Qt.NoPen)
