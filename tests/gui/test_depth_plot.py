"""The depth plot after a real run: its marks show exactly what happened (✕ for each
item lost to a full queue, ○ for an Empty), the key counts them, and a mark the run
never made is neither drawn nor named."""
from ipcscope.core.events import Kind
from ipcscope.core.model import RunModel
from PySide6.QtCore import QPointF
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import run_to_end


def test_put_nowait_marks_every_lost_item_and_the_key_counts_them(qtbot, window, no_leaks):
    run_to_end(qtbot, window, "bounded-queue", {"mode": "put_nowait"})
    depth = window.run_view.depth
    model = window.controller.model
    lost = len(model.of_kind(Kind.PUT_FULL))
    assert lost > 0
    assert depth._full.isVisible() and len(depth._full.data) == lost
    key = depth.header.text()
    assert f"Full: item lost ({lost})" in key
    empties = len(model.of_kind(Kind.GET_EMPTY))
    assert depth._empty.isVisible() == (empties > 0)
    assert ("Empty raised" in key) == (empties > 0)
    # the y range has room for the capacity line
    assert depth.getPlotItem().getViewBox().viewRange()[1][1] > 5


def test_a_plain_put_run_has_no_lost_item_marks(qtbot, window, no_leaks):
    run_to_end(qtbot, window, "bounded-queue", {"mode": "put"})
    depth = window.run_view.depth
    assert len(window.controller.model.of_kind(Kind.PUT_FULL)) == 0
    assert not depth._full.isVisible()
    assert "item lost" not in depth.header.text()


def screen_x(plot, seconds: float) -> float:
    view = plot.getPlotItem().getViewBox()
    return plot.mapToGlobal(plot.mapFromScene(view.mapViewToScene(QPointF(seconds, 0)))).x()


def test_the_plots_keep_one_time_scale_whether_the_lanes_scroll_or_not(qtbot, window,
                                                                       no_leaks):
    """The lanes get a scroll bar when there are more processes than fit, and their plot
    narrows; the plots above and below must still put a time at the same x (pyqtgraph's
    x link maps the linked ranges by screen position)."""
    run_to_end(qtbot, window, "bounded-queue", {"mode": "put"})
    run_view = window.run_view
    lanes = run_view.lanes
    for min_lane_px in (24, 400):          # the lanes fit; then they must scroll
        lanes.lane_px_min = min_lane_px
        lanes._fit_lanes()
        QApplication.sendPostedEvents()        # the layout takes the scroll bar in
        window.draw_now()
        assert lanes.scroll.isVisible() == (min_lane_px == 400)
        for seconds in (1.0, 8.0):
            lane_x = screen_x(lanes.plot, seconds)
            assert abs(screen_x(run_view.depth, seconds) - lane_x) <= 1
            assert abs(screen_x(run_view.third, seconds) - lane_x) <= 1


def test_a_new_runs_key_forgets_the_last_runs_marks(qtbot, window, no_leaks):
    """The key names a queue as soon as it is made, before its first depth: it must not
    carry the marks counted in the run before."""
    run_to_end(qtbot, window, "bounded-queue", {"mode": "put_nowait"})
    depth = window.run_view.depth
    old = window.controller.model
    assert "item lost" in depth.header.text()
    made = old.of_kind(Kind.OBJ_CREATE)
    fresh = RunModel(old.dtype)
    fresh.append(made, list(old.strings))
    depth.set_run(fresh)
    depth.add_rows(made)                     # the queue is made; no depth computed yet
    assert "queue1: Queue(5)" in depth.header.text()
    assert "item lost" not in depth.header.text()
    assert "Empty raised" not in depth.header.text()
