"""RunView: the three plots on one time axis — queue depth, the activity lanes, and the
plot that fits the scenario (items/s for queues, the shared counter for the Manager
example, sent vs received for pipes) — with the lanes' legend.

`refresh()` is called by the window's frame timer, never by a slot that receives data.
"""
from __future__ import annotations

import time

from ipcscope.gui.panels.message_bar import MessageBar
from ipcscope.gui.plots.counter_plot import SharedCounterPlot
from ipcscope.gui.plots.depth_plot import QueueDepthPlot
from ipcscope.gui.plots.finding_markers import FindingMarkers
from ipcscope.gui.plots.lanes_view import ActivityLanesView
from ipcscope.gui.plots.legend import ActivityLegend
from ipcscope.gui.plots.pipe_plot import PipeTrafficPlot
from ipcscope.gui.plots.rate_plot import ItemRatePlot
from ipcscope.gui.plots.timeline import Timeline
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout, QWidget

THIRD_PLOT = {"manager-counter": "counter", "pipe-eof": "pipe",
              "pipe-producer-consumer": "pipe"}     # every other scenario: items/s


class RunView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.depth = QueueDepthPlot()
        self.lanes = ActivityLanesView()
        self.third_plots = {"rate": ItemRatePlot(), "counter": SharedCounterPlot(),
                            "pipe": PipeTrafficPlot()}
        self.third_stack = QStackedWidget()
        for plot in self.third_plots.values():
            self.third_stack.addWidget(plot.framed())
        self.third = self.third_plots["rate"]
        # the lanes right below carry the same times: one axis less to draw per frame
        self.depth.getPlotItem().getAxis("bottom").setStyle(showValues=False)
        # above the bottom plot, grid lines at the labelled ticks only: the coloured spans
        # read better, and a scrolling frame costs ~5 ms less (minor grid lines over the
        # tall lanes were a third of it, measured)
        for plot in (self.depth, self.lanes.plot):
            plot.getPlotItem().getAxis("bottom").setStyle(maxTickLevel=0)
        self.timeline = Timeline(self.depth)
        self.timeline.link(self.lanes.plot)
        for plot in self.third_plots.values():
            self.timeline.link(plot)
        self.markers = FindingMarkers(self.lanes.plot,
                                      [self.depth, *self.third_plots.values()], self)
        self.legend = ActivityLegend()
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.setObjectName("plots-splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.depth.framed())
        self.splitter.addWidget(self.lanes)
        self.splitter.addWidget(self.third_stack)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.message_bar = MessageBar()
        layout.addWidget(self.message_bar)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.legend)
        self.controller = None
        self.frame_ms: list[float] = []     # measured redraw cost, for the report and tests
        # Before any run, the axes already read as a run's first frame will: that frame
        # then repaints the data, not every axis' text (~35 ms of one frame, measured)
        for plot in (self.depth, self.lanes.plot):
            plot.set_bottom_label(None)
        for plot in self.third_plots.values():
            plot.set_bottom_label("seconds since the start")
        self.timeline.apply(0.0)

    def choose_third_plot(self, scenario_id: str) -> None:
        self.third = self.third_plots[THIRD_PLOT.get(scenario_id, "rate")]
        self.third_stack.setCurrentWidget(self.third.framed())

    def set_run(self, controller) -> None:
        self.controller = controller
        model = controller.model
        self.choose_third_plot(controller.scenario.id)
        self.depth.set_run(model)
        # no queue in the scenario: its room goes to the lanes (shown again if one appears)
        self.depth.framed().setVisible(THIRD_PLOT.get(controller.scenario.id, "rate") == "rate")
        self.lanes.set_run(model, controller.spans, controller.speed)
        self.third.set_run(model, controller.params)
        label = "seconds since the start"
        if controller.speed != 1:       # sleeps and timeouts are scaled by the speed
            label += f" (run at {controller.speed:g}× speed)"
        for plot in (self.depth, self.lanes.plot):
            plot.set_bottom_label(None)     # one axis label, under the bottom plot
        for plot in self.third_plots.values():
            plot.set_bottom_label(label)
        self.markers.clear()
        self.frame_ms.clear()
        self.timeline.following = True
        self.timeline.apply(0.0)

    def add_rows(self, rows) -> None:
        self.depth.add_rows(rows)
        self.third.add_rows(rows)

    @property
    def busy(self) -> bool:
        """Drawing still owed after the run ended (a depth recompute under way)."""
        return self.depth.busy

    def now_s(self) -> float:
        controller = self.controller
        if controller is None or controller.model is None or controller.model.t0 is None:
            return 0.0
        return (controller.now_ns() - controller.model.t0) / 1e9

    def refresh(self) -> None:
        controller = self.controller
        if controller is None or controller.model is None or controller.model.t0 is None:
            return
        started = time.perf_counter()
        now_ns = controller.now_ns()
        now_s = (now_ns - controller.model.t0) / 1e9
        self.timeline.apply(now_s)
        if not self.depth.framed().isVisibleTo(self) and controller.model.queues():
            self.depth.framed().show()
        self.depth.refresh(now_s)
        self.lanes.refresh(now_ns, now_s)
        self.third.refresh(now_s, self.timeline.visible())
        # Apply the new ranges now: pyqtgraph would apply them as painting starts, and a
        # view whose transform changes while it paints is painted twice (measured: the
        # lanes, every frame of a scrolling run).
        for plot in (self.depth, self.lanes.plot, self.third):
            plot.getPlotItem().getViewBox().prepareForPaint()
        self.frame_ms.append((time.perf_counter() - started) * 1000)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        banner = self.findChild(QWidget, "finding-banner")
        if banner is not None and banner.isVisible():
            banner.place()

    def story_range(self) -> tuple[float, float]:
        """What to show once a run is over: the whole run with room on the right for
        the last exits' reasons, unless the third plot knows where the story is."""
        focus = getattr(self.third, "focus_range", lambda: None)()
        if focus is not None:
            return focus
        end = max(0.5, self.now_s())
        width = max(200.0, self.lanes.view_box.width())
        room = min(0.45, self.lanes.item.exit_text_width() / width)
        return 0.0, end / (1 - room)

    def show_all(self) -> None:
        self.timeline.set_window(None)
        self.timeline.following = True
        self.timeline.apply(self.now_s())

    def set_large(self, large: bool) -> None:
        size = 14 if large else 10
        for plot in (self.depth, *self.third_plots.values()):
            plot.apply_font(size)
        self.lanes.set_large(large)
        font = self.legend.font()
        font.setPointSize(size - 1)
        self.legend.setFont(font)
        self.legend.updateGeometry()
