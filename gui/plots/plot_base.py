"""What every plot of the window shares: a white background that survives a projector,
one time axis in seconds since the run's first event, bounded drawing cost, and a left
axis of the same width everywhere so the three plots line up in time.
"""
from __future__ import annotations

import html

import numpy as np
import numpy.ma  # noqa: F401 - pyqtgraph imports it lazily: ~50 ms, mid-run, in the GUI thread
import pyqtgraph as pg
import PySide6  # noqa: F401 - one binding, imported before pyqtgraph
from ipcscope.gui import colors
from ipcscope.gui.i18n import translate
from ipcscope.gui.panels.text_strip import TextStrip
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QVBoxLayout, QWidget

pg.setConfigOptions(background=colors.PLOT_BACKGROUND, foreground=colors.TEXT,
                  antialias=False)     # light or dark: gui/theme.py, before any plot

LEFT_AXIS_WIDTH = 120
# Pixels a mark drawn at a y range's edge needs beyond it to be whole: half of a 12 px
# symbol, its 2 px pen, and one to spare.
MARK_ROOM_PX = 8


class TimePlot(pg.PlotWidget):
    """A plot on the run's time axis: x in seconds, zoom and pan in x only.  Its title
    and key (what each line and mark means) are a wrapping label above it (`framed()`),
    so a long key never squeezes or hides the data."""

    def __init__(self, title: str, y_label: str, parent=None):
        super().__init__(parent)
        self.setMinimumHeight(80)
        item = self.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.showGrid(x=True, y=True, alpha=0.25)
        item.setMouseEnabled(x=True, y=False)
        item.getViewBox().setDefaultPadding(0.0)
        # PlotItem.addItem() hands its own choices to every line added: make them these.
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.enableAutoSIPrefix(False)   # seconds stay seconds
            # a plot's data changes every frame, its axes rarely: without a cache each
            # repaint of the data next to an axis replays the axis' text (~1 ms each)
            axis.setCacheMode(axis.CacheMode.DeviceCoordinateCache)
        self.header = TextStrip()
        self.header.setContentsMargins(6, 2, 6, 0)
        self._frame: QWidget | None = None
        # English sources (context "TimePlot"), shown in the window's language
        self.title_source, self.y_source = title, y_label
        self.title = translate("TimePlot", title) if title else ""
        self.y_label = translate("TimePlot", y_label) if y_label else ""
        self.point_size = 10
        self._key: list[tuple[str, str, str]] = []
        self._y_wanted: tuple | None = None       # set_y_range's, kept across resizes
        item.getViewBox().sigResized.connect(self._fit_y_range)
        self.apply_font(10)

    def framed(self) -> QWidget:
        """The plot with its header above it, to put in a layout."""
        if self._frame is None:
            self._frame = QWidget()
            layout = QVBoxLayout(self._frame)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(0)
            layout.addWidget(self.header)
            layout.addWidget(self, 1)
        return self._frame

    def apply_font(self, point_size: int) -> None:
        self.point_size = point_size
        item = self.getPlotItem()
        font = QFont()
        font.setPointSize(point_size)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setTickFont(font)
            axis.label.setFont(font)
        item.setLabel("left", self.y_label, **{"font-size": f"{point_size}pt"})
        item.getAxis("left").setWidth(LEFT_AXIS_WIDTH * point_size // 10)
        header_font = QFont()
        header_font.setPointSize(point_size)
        self.header.setFont(header_font)
        self._render_title()

    def retranslate(self) -> None:
        """The title and the y axis' name again, in the window's language (a plot whose
        title or key says numbers makes them again on its next refresh)."""
        self.title = translate("TimePlot", self.title_source) if self.title_source else ""
        self.y_label = translate("TimePlot", self.y_source) if self.y_source else ""
        self.apply_font(self.point_size)

    def set_title(self, title: str) -> None:
        if title != self.title:
            self.title = title
            self._render_title()

    def set_key(self, entries: list[tuple[str, str, str]]) -> None:
        """entries: (sample glyph, colour, words), e.g. ("━━", BLUE, "queue1")."""
        if entries != self._key:
            self._key = list(entries)
            self._render_title()

    def _render_title(self) -> None:
        key = " &nbsp; ".join(
            f"<span style='white-space:nowrap'><span style='color:{color}'><b>{glyph}</b>"
            f"</span>&nbsp;{html.escape(words)}</span>" for glyph, color, words in self._key)
        self.header.setText(f"<b>{html.escape(self.title)}</b>"
                            + (f" &nbsp;&nbsp; {key}" if key else ""))

    def set_y_range(self, low: float, high: float, top_px: int = 0, bottom_px: int = 0,
                    headroom: float = 0.0) -> None:
        """y from low to high, with at least `top_px` / `bottom_px` pixels beyond them
        (a mark drawn at the highest or lowest value is whole, not cut by the view) and
        at least `headroom` × (high − low) above.  Room in pixels, not in values: the
        plot's height changes with the window (a 1280×800 window's plot is ~70 px high,
        where 10 % of the range cut the top mark in half), so it is laid out again on
        every resize."""
        self._y_wanted = (float(low), float(high), top_px, bottom_px, headroom)
        self._fit_y_range()

    def _fit_y_range(self) -> None:
        if self._y_wanted is None:
            return
        low, high, top_px, bottom_px, headroom = self._y_wanted
        span = max(high - low, 1e-9)
        # total range r: (r − span) split into `above` and `below`, where
        # below = bottom_px · r / h, above ≥ top_px · r / h and ≥ headroom · span
        h = max(self.getPlotItem().getViewBox().height(), top_px + bottom_px + 10.0)
        r = max(span / (1 - (top_px + bottom_px) / h),
                span * (1 + headroom) / (1 - bottom_px / h))
        below = bottom_px * r / h
        low, top = low - below, low - below + r
        (_, _), (y0, y1) = self.getPlotItem().getViewBox().viewRange()
        if (y0, y1) != (low, top):
            self.setYRange(low, top, padding=0)

    def focus_range(self) -> tuple[float, float] | None:
        """Where a finished run's story is on the time axis, if this plot knows better
        than "the whole run" (the shared counter does); None: the whole run."""
        return None

    def set_bottom_label(self, text: str | None) -> None:
        if text:
            self.getPlotItem().setLabel("bottom", text)
        else:
            self.getPlotItem().getAxis("bottom").showLabel(False)


def curve(plot: TimePlot, color: str, width: int = 2, style=None) -> pg.PlotDataItem:
    """A line that stays cheap at any length: clipped to the view, peak-downsampled."""
    pen = pg.mkPen(color, width=width)
    if style is not None:
        pen.setStyle(style)
    item = pg.PlotDataItem(pen=pen, skipFiniteCheck=True)
    plot.addItem(item)
    item.setClipToView(True)
    item.setDownsampling(auto=True, method="peak")
    return item


def step_xy(t_s: np.ndarray, values: np.ndarray, until_s: float | None,
            start_value: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """Points of a step line: each value holds until the next change (and until
    `until_s`, the plot's "now").  Starts at start_value at time 0."""
    x = np.concatenate([[0.0], np.asarray(t_s, dtype=np.float64)])
    y = np.concatenate([[start_value], np.asarray(values, dtype=np.float64)])
    if until_s is not None and until_s > x[-1]:
        x = np.append(x, until_s)
        y = np.append(y, y[-1])
    xs = np.repeat(x, 2)[1:]
    ys = np.repeat(y, 2)[:-1]
    return xs, ys


def seconds(t_ns, t0_ns: int):
    """Monotonic nanoseconds to seconds since the run's first event."""
    return (np.asarray(t_ns, dtype=np.int64) - t0_ns) / 1e9
