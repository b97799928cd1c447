"""RunView: the three plots on one time axis — queue depth, the activity lanes, and the
plot the scenario declares (`Scenario.third_plot`: items/s for queues, the shared counter
for the Manager example, sent vs received for pipes) — with the lanes' legend, the bar
that tells a problem in one sentence, and the banner that announces a new finding (a
row of its own above the plots: it never covers a lane).

`refresh()` is called by a frame timer (gui/run_session.py), never by a slot that
receives data.  It keeps its own layout (the plots' splitter) in the settings.
"""
from __future__ import annotations

import time

from ipcscope.gui.i18n import translate
from ipcscope.gui.panels.finding_banner import FindingBanner
from ipcscope.gui.panels.message_bar import MessageBar
from ipcscope.gui.plots.counter_plot import SharedCounterPlot
from ipcscope.gui.plots.depth_plot import QueueDepthPlot
from ipcscope.gui.plots.finding_markers import FindingMarkers
from ipcscope.gui.plots.lanes_view import ActivityLanesView
from ipcscope.gui.plots.legend import ActivityLegend
from ipcscope.gui.plots.pipe_plot import PipeTrafficPlot
from ipcscope.gui.plots.rate_plot import ItemRatePlot
from ipcscope.gui.plots.timeline import Timeline
from ipcscope.gui.run.program_run import ProgramRun
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QSplitter, QStackedWidget, QVBoxLayout, QWidget

COMPACT_BELOW_PX = 640       # the plots' height under which the banner takes less room


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
        self.markers.rows_changed.connect(self.lanes.set_label_rows)
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
        self.banner = FindingBanner()
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.legend)
        self.controller = None
        self.program = False                # the run on screen is a program's
        self.frame_ms: list[float] = []     # measured redraw cost, for the report and tests
        # Before any run, the axes already read as a run's first frame will: that frame
        # then repaints the data, not every axis' text (~35 ms of one frame, measured)
        for plot in (self.depth, self.lanes.plot):
            plot.set_bottom_label(None)
        self._set_time_label()
        self.timeline.apply(0.0)

    def add_bar(self, bar: QWidget) -> None:
        """A bar of controls under the legend (the replay's)."""
        self.layout().addWidget(bar)

    def tell(self, sentence: str) -> None:
        """One sentence over the plots that blocks nothing (a file that failed)."""
        self.message_bar.tell(sentence)

    def choose_third_plot(self, scenario) -> None:
        self.third = self.third_plots[scenario.third_plot]
        self.third_stack.setCurrentWidget(self.third.framed())

    def set_run(self, controller) -> None:
        self.controller = controller
        model = controller.model
        self.choose_third_plot(controller.scenario)
        self.depth.set_run(model)
        # a scenario plotted otherwise than by items/s starts with no queue, and a program
        # with none it has made: the depth's room goes to the lanes (shown again if a
        # queue appears); a program's third plot waits for its queues or pipes too
        self.program = isinstance(controller.scenario, ProgramRun)
        self.depth.framed().setVisible(controller.scenario.third_plot == "rate" and
                                       not self.program)
        self.third_stack.setVisible(not self.program)
        self.lanes.set_run(model, controller.spans, controller.speed)
        self.third.set_run(model, controller.params)
        for plot in (self.depth, self.lanes.plot):
            plot.set_bottom_label(None)     # one axis label, under the bottom plot
        self._set_time_label()
        self.markers.clear()
        self.frame_ms.clear()
        self.timeline.following = True
        self.timeline.apply(0.0)

    def _set_time_label(self) -> None:
        """The time axis' name, under the bottom plot (the lanes, for a program until
        it makes a queue or pipe)."""
        label = translate("RunView", "seconds since the start")
        speed = self.controller.speed if self.controller is not None else 1
        if speed != 1:       # sleeps and timeouts are scaled by the speed
            label += translate("RunView", " (run at {speed}× speed)").format(speed=f"{speed:g}")
        for plot in self.third_plots.values():
            plot.set_bottom_label(label)
        if self.program and not self.third_stack.isVisibleTo(self):
            self.lanes.plot.set_bottom_label(label)

    def retranslate(self) -> None:
        for plot in (self.depth, *self.third_plots.values()):
            plot.retranslate()
        self.lanes.retranslate()
        self.legend.retranslate()
        self.message_bar.retranslate()
        self.banner.retranslate()
        self._set_time_label()
        self.refresh()

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
        if self.program and not self.third_stack.isVisibleTo(self):
            self._program_third_plot(controller)
        self.depth.refresh(now_s)
        self.lanes.refresh(now_ns, now_s)
        self.third.refresh(now_s, self.timeline.visible())
        # Apply the new ranges now: pyqtgraph would apply them as painting starts, and a
        # view whose transform changes while it paints is painted twice (measured: the
        # lanes, every frame of a scrolling run).
        for plot in (self.depth, self.lanes.plot, self.third):
            plot.getPlotItem().getViewBox().prepareForPaint()
        self.frame_ms.append((time.perf_counter() - started) * 1000)

    def _program_third_plot(self, controller) -> None:
        """A program's third plot, once it has made something to plot: items/s for its
        queues, or sent and received if it made pipes and no queue."""
        model = controller.model
        queues, pipes = model.queues(), model.pipes()
        if not queues and not pipes:
            return
        if pipes and not queues:
            self.third = self.third_plots["pipe"]
            self.third_stack.setCurrentWidget(self.third.framed())
            self.third.set_run(model, controller.params)
            for part in model.parts():               # what it missed until now
                self.third.add_rows(part)
        self.third_stack.show()
        self.lanes.plot.set_bottom_label(None)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.banner.set_compact(event.size().height() < COMPACT_BELOW_PX)

    def story_range(self) -> tuple[float, float]:
        """What to show once a run is over: the whole run with room on the right for
        the last exits' reasons, unless the third plot knows where the story is."""
        focus = self.third.focus_range()
        if focus is not None:
            return focus
        end = max(0.5, self.now_s())
        width = max(200.0, self.lanes.view_box.width())
        room = min(0.45, self.lanes.item.exit_text_width() / width)
        return 0.0, end / (1 - room)

    def show_moment(self, t_s: float) -> None:
        """Bring a moment to the middle of the view at the zoom it has (the view stops
        following the run)."""
        timeline = self.timeline
        timeline.following = False
        x0, x1 = timeline.visible()
        half = max(0.5, (x1 - x0) / 2)
        start = max(0.0, t_s - half)
        timeline.show_range(start, start + 2 * half)
        self.refresh()

    def show_all(self) -> None:
        self.timeline.set_window(None)
        self.timeline.following = True
        self.timeline.apply(self.now_s())

    def set_large(self, large: bool) -> None:
        self.set_point_size(14 if large else 10)

    def set_point_size(self, size: int) -> None:
        """Axes, lane names and legend at this size, the banner 1.4 times it (10 is
        the window's default, 14 Large text, 20 presenter mode)."""
        for plot in (self.depth, *self.third_plots.values()):
            plot.apply_font(size)
        self.lanes.set_point_size(size)
        font = self.legend.font()
        font.setPointSize(size - 1)
        self.legend.setFont(font)
        self.legend.updateGeometry()
        self.banner.set_point_size(size * 14 // 10, self.banner.compact)

    def set_line_width(self, factor: int) -> None:
        """Every line of the plots `factor` times as thick as it was made (presenter)."""
        for plot in (self.depth, *self.third_plots.values()):
            for item in plot.getPlotItem().listDataItems():
                made = getattr(item, "opts", {}).get("pen")
                if not isinstance(made, QPen):
                    continue                    # marks without a line
                pen = QPen(made)
                base = item.property("ipcscope-pen-width")
                if base is None:
                    base = pen.widthF() or 1.0
                    item.setProperty("ipcscope-pen-width", base)
                pen.setWidthF(base * factor)
                item.setPen(pen)

    # --- the plots as a picture (Export) ------------------------------------------------

    def plots_size(self) -> QSize:
        return QSize(self.splitter.width(), self.splitter.height() + self.legend.height())

    def paint_plots(self, painter: QPainter) -> None:
        """The three plots and the legend under them: not the replay or message bars."""
        self.splitter.render(painter, QPoint(0, 0))
        self.legend.render(painter, QPoint(0, self.splitter.height()))

    # --- what it remembers ------------------------------------------------------------

    def save_settings(self, settings) -> None:
        settings.save_splitter(self.splitter)

    def restore_settings(self, settings) -> None:
        settings.restore_splitter(self.splitter)

    def lay_out_default(self, height: int) -> None:
        """The lanes get most of the plots' room (height: the window's)."""
        self.splitter.setSizes([int(height * 0.16), int(height * 0.36), int(height * 0.16)])
