"""Marks drawn at the top (or bottom) of a plot are whole, not cut in half by the plot's
edge: the pipe plot's EOFError circle sits on the received line's highest value, the
shared counter's ✕ on the value just under the start.  The y range leaves room for them
in pixels, at 1280×800 (a ~70 px plot) as at 1920×1080, and again after a resize."""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

from tests.gui.conftest import run_to_end


def cut_marks(plot, scatter) -> list[tuple[float, float]]:
    """(x, y) of each mark of the scatter not wholly inside the plot's view."""
    view = plot.getPlotItem().getViewBox()
    inside = view.sceneBoundingRect()
    cut = []
    for spot in scatter.points():
        centre = view.mapViewToScene(QPointF(spot.pos().x(), spot.pos().y()))
        # half the symbol, and half its pen
        r = spot.size() / 2 + scatter.opts["pen"].widthF() / 2
        if not inside.contains(QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)):
            cut.append((spot.pos().x(), spot.pos().y()))
    return cut


def at_sizes(qtbot, window, plot, scatter):
    for width, height in ((1280, 800), (1920, 1080), (1280, 800)):
        window.resize(width, height)
        qtbot.waitUntil(lambda: window.width() == width and window.height() == height)
        window.draw_now()
        assert len(scatter.points()) > 0
        view = plot.getPlotItem().getViewBox()
        assert cut_marks(plot, scatter) == [], \
            f"at {width}x{height}, a {view.height():.0f} px plot, y {view.viewRange()[1]}"


def test_the_eof_circle_at_the_top_of_the_pipe_plot_is_whole(qtbot, window):
    run_to_end(qtbot, window, "pipe-eof", {"close_unused_ends": True}, speed=5)
    plot = window.run_view.third_plots["pipe"]
    qtbot.waitUntil(lambda: len(plot._eof.points()) == 1)
    (top,) = [spot.pos().y() for spot in plot._eof.points()]
    assert top == plot.getPlotItem().listDataItems()[1].yData.max()   # on the top
    at_sizes(qtbot, window, plot, plot._eof)


def test_the_lost_updates_crosses_of_the_counter_plot_are_whole(qtbot, window):
    summary = run_to_end(qtbot, window, "manager-counter", {"lock": False})
    assert summary["result"]["lost_updates"] > 0
    plot = window.run_view.third_plots["counter"]
    qtbot.waitUntil(lambda: len(plot._lost.points()) > 0)
    at_sizes(qtbot, window, plot, plot._lost)


def test_the_y_range_still_fits_the_lines(qtbot, window):
    """The room is a few pixels, not a new scale: the received line still fills most
    of the pipe plot's height."""
    run_to_end(qtbot, window, "pipe-eof", {"close_unused_ends": True, "messages": 20},
               speed=5)
    plot = window.run_view.third_plots["pipe"]
    window.draw_now()
    low, high = plot.getPlotItem().getViewBox().viewRange()[1]
    assert low == 0 and 20 * 1.1 <= high <= 20 * 1.6
