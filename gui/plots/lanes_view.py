"""ActivityLanesView: the lanes plot, a scroll bar when there are more processes than
fit (70 for the Manager example: lanes keep a readable height and scroll, never 70
slivers), and a line of text that says what the pointer is on — a span, an exit, or
an item's way from producer through the queue to its consumer (click to keep it).
"""
from __future__ import annotations

import html

import numpy as np
from ipcscope.core.events import Kind
from ipcscope.core.spans import item_way
from ipcscope.gui.i18n import translate
from ipcscope.gui.panels.text_strip import TextStrip
from ipcscope.gui.plots.finding_markers import label_strip_px
from ipcscope.gui.plots.lane_text import (
    describe_dict_access,
    describe_exit,
    describe_span,
    describe_way,
)
from ipcscope.gui.plots.lanes import LanesItem
from ipcscope.gui.plots.plot_base import TimePlot
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QScrollBar, QToolTip, QVBoxLayout, QWidget



def hint() -> str:
    return translate("ActivityLanesView", "Point at a lane to read what that process is doing. "
                     "Ticks: an item put or sent (top), got or received (bottom); click one "
                     "to follow its way.")


class ActivityLanesView(QWidget):
    lane_chosen = Signal(int, object)     # a click on a lane: the process, the moment (ns)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = TimePlot(QT_TRANSLATE_NOOP("TimePlot", "What each process is doing"), "")
        self.view_box = self.plot.getPlotItem().getViewBox()
        self.view_box.invertY(True)
        self.item = LanesItem()
        self.plot.addItem(self.item)
        self.plot.getPlotItem().showGrid(x=True, y=False, alpha=0.25)
        self.plot.getPlotItem().getAxis("left").setTicks([[]])    # lanes get names, not numbers
        self.scroll = QScrollBar(Qt.Vertical)
        self.scroll.valueChanged.connect(self._on_scroll)
        self.info = TextStrip()
        self.info.setText(html.escape(hint()))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.plot, 1)
        row.addWidget(self.scroll)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.plot.header)
        layout.addLayout(row, 1)
        layout.addWidget(self.info)
        self.lane_px_min, self.lane_px_max = 24, 56
        self.label_rows = 0             # rows of finding labels kept above the first lane
        self.model = None
        self.spans = None
        self.labels: dict[int, str] = {}
        self._pinned = None
        scene = self.plot.scene()
        scene.sigMouseMoved.connect(self._on_hover)
        scene.sigMouseClicked.connect(self._on_click)

    # --- run and redraw ---------------------------------------------------------------

    def set_run(self, model, spans, speed: float = 1.0) -> None:
        self.model, self.spans, self._pinned = model, spans, None
        self.item.speed = speed
        self.labels = {}
        self.item.set_run(model, spans)
        self.plot.getPlotItem().getAxis("left").setTicks([[]])
        self.scroll.setValue(0)
        self.info.setText(html.escape(hint()))

    def retranslate(self) -> None:
        self.plot.retranslate()
        self.item.retranslate()
        if self._pinned is None:
            self.info.setText(html.escape(hint()))

    def refresh(self, now_ns: int, now_s: float) -> None:
        if self.model is None:
            return
        names = self.model.process_names()    # a new dict whenever a process starts
        if names is not self.labels:
            self.labels = names                 # what the axis shows, in lane order
            order = list(names)
            self.plot.getPlotItem().getAxis("left").setTicks(
                [[(i + 0.5, self._fitted(self.labels[p])) for i, p in enumerate(order)]])
            self.item.set_order(order, now_s)
        elif now_s * 1.05 > self.item.boundingRect().width():
            self.item.set_order(self.item.order, now_s)
        self.item.now_ns = now_ns
        self._fit_lanes()
        self.item.update()

    def _fitted(self, name: str) -> str:
        """A name the lane axis can show: pyqtgraph drops a tick label wider than the
        axis (a program's `SpawnPoolWorker-12` lost its lane's name), so a long one is
        cut in the middle; the line under the lanes says it whole."""
        axis = self.plot.getPlotItem().getAxis("left")
        font = axis.style.get("tickFont") or self.font()
        room = (axis.fixedWidth or axis.width()) - axis.style["tickTextOffset"][0] - 6
        return QFontMetrics(font).elidedText(name, Qt.ElideMiddle, max(40, int(room)))

    def set_focus(self, procs) -> None:
        """Outline these processes' lanes and fade the rest (None or empty: no focus),
        scrolling the first of them into view."""
        self.item.focus = set(procs) if procs else None
        if self.item.focus and self.scroll.isVisible():
            lanes = [i for i, p in enumerate(self.item.order) if p in self.item.focus]
            if lanes:
                self.scroll.setValue(min(lanes[0], self.scroll.maximum()))
        self.item.update()

    def focused_lanes(self) -> list[str]:
        """The names of the lanes a finding highlights (for tests and the info line)."""
        focus = self.item.focus or set()
        return [self.model.process_name(p) for p in self.item.order if p in focus]

    def set_large(self, large: bool) -> None:
        self.set_point_size(14 if large else 10)

    def set_point_size(self, size: int) -> None:
        """Axis and lane names at this size; lanes tall enough for them (presenter: 20)."""
        self.plot.apply_font(size)
        font = QFont()
        font.setPointSize(size - 1)
        self.item.font = font
        self.lane_px_min, self.lane_px_max = (size * 24 // 10, size * 56 // 10) \
            if size > 10 else (24, 56)
        self._fit_lanes()

    @Slot(int)
    def set_label_rows(self, rows: int) -> None:
        """Keep a strip above the first lane for this many rows of finding labels
        (gui/plots/finding_markers.py): a label never covers a lane's words."""
        if rows != self.label_rows:
            self.label_rows = rows
            self._fit_lanes()

    def _lanes_px(self) -> float:
        """The view's height less the labels' strip: the lanes' room."""
        return max(1.0, self.view_box.height() - label_strip_px(self.label_rows))

    def lanes_visible(self) -> int:
        return max(1, int(self._lanes_px() // self.lane_px_min))

    def _fit_lanes(self) -> None:
        n = max(1, len(self.item.order))
        visible = self.lanes_visible()
        height = self._lanes_px()
        if n <= visible:
            self.scroll.setRange(0, 0)
            self.scroll.hide()
            shown = max(n, height / self.lane_px_max)   # lanes no taller than max
            strip = label_strip_px(self.label_rows) * shown / height   # in lanes
            self.view_box.setYRange(-strip, shown, padding=0)
            return
        self.scroll.show()
        self.scroll.setRange(0, n - visible)
        self.scroll.setPageStep(visible)
        top = min(self.scroll.value(), n - visible)
        strip = label_strip_px(self.label_rows) * visible / height
        self.view_box.setYRange(top - strip, top + visible, padding=0)

    @Slot(int)
    def _on_scroll(self, _value: int) -> None:
        self._fit_lanes()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_lanes()

    # --- pointing -----------------------------------------------------------------

    def _lane_at(self, scene_pos):
        if self.model is None or self.model.t0 is None or \
                not self.view_box.sceneBoundingRect().contains(scene_pos):
            return None
        point = self.view_box.mapSceneToView(scene_pos)
        lane = int(np.floor(point.y()))
        if not 0 <= lane < len(self.item.order):
            return None
        t = self.model.t0 + int(point.x() * 1e9)
        pixel_ns = int(self.view_box.viewPixelSize()[0] * 1e9)
        return self.item.order[lane], t, pixel_ns

    def describe(self, proc: int, t: int, pixel_ns: int) -> tuple[str, object]:
        """What is at time t on proc's lane: (text, the item's way or None)."""
        label = self.model.process_name(proc)
        mark = self.spans.mark_near(proc, t, 6 * pixel_ns)
        if mark is not None and int(mark["kind"]) in (Kind.DICT_READ, Kind.DICT_WRITE):
            return describe_dict_access(label, mark, self.model), None
        if mark is not None:
            way = item_way(self.spans, int(mark["item"]))
            if way is not None:
                return describe_way(way, self.model, self.model.process_name), way
        record = self.model.processes.get(proc)
        if record is not None and record.t_end and abs(t - record.t_end) <= 4 * pixel_ns:
            return describe_exit(label, record, self.model), None
        lane = self.spans.lanes.get(proc)
        hit = self.spans.spans_between(proc, t, t)
        if len(hit):
            s = hit[-1]
            return describe_span(label, int(s["state"]), int(s["start"]), int(s["end"]),
                                 int(s["obj"]), self.model, speed=self.item.speed), None
        current = lane.open_span() if lane is not None else None
        if current is not None and current[2] <= t:
            state, obj, since = current
            return describe_span(label, int(state), since, max(t, since), obj, self.model,
                                 still_open=True, speed=self.item.speed), None
        if record is not None and record.t_end and t > record.t_end:
            return describe_exit(label, record, self.model), None
        if record is not None and record.t_start <= t:
            return translate("ActivityLanesView", "{name}: idle (running code that IPC Scope "
                             "does not trace)").format(name=label), None
        return translate("ActivityLanesView", "{name}: not started yet").format(name=label), None

    @Slot(object)
    def _on_hover(self, scene_pos) -> None:
        hit = self._lane_at(scene_pos)
        if hit is None:
            return
        text, way = self.describe(*hit)
        if self._pinned is None:
            self.item.highlight = way
            self.item.update()
        self.info.setText(html.escape(text))

    @Slot(object)
    def _on_click(self, event) -> None:
        hit = self._lane_at(event.scenePos())
        if hit is None:
            return
        text, way = self.describe(*hit)
        self.lane_chosen.emit(hit[0], hit[1])
        self._pinned = way
        self.item.highlight = way
        self.item.update()
        self.info.setText(html.escape(text))
        if QGuiApplication.platformName() != "offscreen":   # it has no windows to raise
            QToolTip.showText(event.screenPos().toPoint(), text, self)
