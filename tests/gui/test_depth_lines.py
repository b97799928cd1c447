"""The depth lines as painted (offscreen): a one-change spike among a million changes
reaches its pixel column, levels hold to "now", and nothing is drawn where the line
never was."""
import numpy as np
import pyqtgraph as pg
from ipcscope.gui.plots.depth_lines import DepthLinesItem, DrawnLine
import pytest
from ipcscope.gui.plots.depth_series import step_line
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

BLUE, PURPLE = "#0072B2", "#CC79A7"
T0 = 10**12


def lines_plot(qtbot):
    """A plot 0-10 s by 0-1000 items holding a DepthLinesItem, shown offscreen; and the
    screen pixel of a (seconds, level), and the colour painted there now."""
    plot = pg.PlotWidget(background="w")
    qtbot.addWidget(plot)
    plot.resize(900, 400)
    item = DepthLinesItem()
    plot.addItem(item, ignoreBounds=True)
    plot.setXRange(0, 10, padding=0)
    plot.setYRange(0, 1000, padding=0)
    plot.show()
    qtbot.waitExposed(plot)
    view = plot.getPlotItem().getViewBox()

    def pixel(x_s: float, level: float) -> tuple[int, int]:
        at = plot.mapFromScene(view.mapViewToScene(QPointF(x_s, level)))
        return at.x(), at.y()

    def color_at(x_s: float, level: float) -> str:
        return QColor(plot.grab().toImage().pixel(*pixel(x_s, level))).name().upper()
    return plot, item, pixel, color_at


def painted(qtbot, lines, capacities, now_s):
    plot, item, pixel, color_at = lines_plot(qtbot)
    item.set_lines(T0, lines, capacities)
    item.set_now(now_s)
    return color_at, pixel, plot.grab().toImage()


@pytest.mark.parametrize("settled, paged", [
    (500_000, {}),
    # most of it on disk in chunks of 4096 (3 in memory), the spike in one of them
    (900_000, {"chunk_rows": 4096, "resident_chunks": 3})])
def test_a_spike_one_change_long_is_drawn_at_any_length(qtbot, settled, paged):
    t = T0 + np.arange(1_000_000, dtype=np.int64) * 6_000        # 6 s of changes
    level = np.full(len(t), 300, np.int64)
    level[654_321] = 900
    split = step_line(t, level, settled, **paged)
    assert not paged or split.settled.on_disk > 200
    color_at, pixel, image = painted(qtbot, [DrawnLine(split, BLUE, 3)], [(500, "#999999")],
                                     now_s=8.0)
    spike_s = (t[654_321] - T0) / 1e9
    assert color_at(spike_s, 890) == BLUE                       # the spike's column
    assert color_at(2.0, 300) == BLUE and color_at(5.0, 300) == BLUE   # both parts
    assert color_at(7.5, 300) == BLUE                           # held up to now...
    assert color_at(9.0, 300) == "#FFFFFF"                      # ...and no further
    assert color_at(2.0, 890) == "#FFFFFF"                      # no peak where none was
    # the capacity is dashed across the whole view
    x0, _ = pixel(0.0, 500)
    x1, y = pixel(10.0, 500)
    row = [QColor(image.pixel(x, y)).name().upper() for x in range(x0 + 2, x1 - 2)]
    assert 0.3 < row.count("#999999") / len(row) < 0.9


def test_a_dotted_line_has_gaps_where_it_holds_and_none_where_it_climbs(qtbot):
    climbs_s = 1.0 + np.arange(8) * 0.137                 # 8 climbs of 80, ~12 px apart
    t = T0 + (climbs_s * 1e9).astype(np.int64)
    climbing = step_line(t, 100 + 80 * np.arange(8))
    color_at, pixel, image = painted(qtbot, [DrawnLine(climbing, PURPLE, 2, dotted=True)], [],
                                     now_s=6.0)
    x_from, y = pixel(2.2, 660)
    x_to, _ = pixel(5.8, 660)
    row = [QColor(image.pixel(x, y)).name().upper() for x in range(x_from, x_to)]
    assert 0.3 < row.count(PURPLE) / len(row) < 0.7
    # each climb, every pixel of it, wherever it falls in the dots' pattern
    for at_s, level in zip(climbs_s.tolist(), range(100, 660, 80)):
        x, _ = pixel(at_s, 0)
        for between in range(level - 70, level, 10):
            _, y = pixel(at_s, between)
            assert PURPLE in [QColor(image.pixel(x + dx, y)).name().upper()
                              for dx in (-1, 0, 1)], (at_s, between)


def test_new_data_and_a_new_view_are_drawn_not_the_kept_rectangles(qtbot):
    """The rectangles are kept between frames: a new result or a zoom must replace them."""
    plot, item, _, color_at = lines_plot(qtbot)

    def level_line(level: int) -> list[DrawnLine]:
        """`level` from 1 s to 7 s, then 100: 4 s is drawn from the kept rectangles
        (the stretch after the last change, up to now, is drawn afresh each frame)."""
        t = T0 + np.array([1, 7], dtype=np.int64) * 10**9
        return [DrawnLine(step_line(t, np.array([level, 100])), BLUE, 3)]
    item.set_lines(T0, level_line(200), [])
    item.set_now(9.0)
    assert color_at(4.0, 200) == BLUE
    item.set_lines(T0, level_line(600), [])              # the next result
    assert color_at(4.0, 600) == BLUE and color_at(4.0, 200) == "#FFFFFF"
    plot.setXRange(3, 5, padding=0)                      # a zoom: other columns
    plot.setYRange(0, 700, padding=0)
    assert color_at(4.0, 600) == BLUE and color_at(4.0, 300) == "#FFFFFF"


def drawn_from_disk(qtbot, changes: int, step_ns: int, settled: int, **paged):
    """A line of `changes` steps at 300 with a one-change spike to 900 at 54% and a dip
    of 50 changes to 50 at 75%, mostly on disk, drawn 0-10 s wide (~11 ms a column):
    the spike and the dip must show, and nothing where the line never was."""
    t = T0 + np.arange(changes, dtype=np.int64) * step_ns
    level = np.full(len(t), 300, np.int64)
    spike, dip = changes * 54 // 100, changes * 3 // 4
    level[spike] = 900
    level[dip:dip + 50] = 50
    line = step_line(t, level, settled, **paged)
    plot, item, _, color_at = lines_plot(qtbot)
    item.set_lines(T0, [DrawnLine(line, BLUE, 3)], [])
    item.set_now(8.0)
    spike_s, dip_s = (t[spike] - T0) / 1e9, (t[dip + 25] - T0) / 1e9
    assert color_at(spike_s, 890) == BLUE and color_at(dip_s, 60) == BLUE
    assert color_at(2.0, 300) == BLUE and color_at(2.0, 890) == "#FFFFFF"
    return line, plot, color_at, dip_s


def test_a_line_mostly_on_disk_draws_unread_zoomed_out_and_exact_zoomed_in(qtbot):
    """An hour's depth line keeps its old steps on disk (core/paged.py).  Zoomed out, a
    chunk narrower than a pixel column is drawn from what is noted of it (its lowest and
    highest level, its last), without reading it; zoomed in, it is read and drawn as
    it is.  (1M changes 6 µs apart: 1.5 ms a chunk of 256.)"""
    line, plot, color_at, dip_s = drawn_from_disk(qtbot, 1_000_000, 6_000, 990_000,
                                                  chunk_rows=256, resident_chunks=3)
    assert line.settled.on_disk > 3800 and line.settled.reads == 0
    plot.setXRange(dip_s - 0.002, dip_s + 0.002, padding=0)     # 4 ms over ~900 px
    plot.setYRange(0, 1000, padding=0)
    assert color_at(dip_s, 50) == BLUE
    assert color_at(dip_s - 0.001, 300) == BLUE and color_at(dip_s - 0.001, 60) == "#FFFFFF"
    assert 0 < line.settled.reads <= 4            # the chunks in view, no others


def test_a_chunk_wider_than_a_column_is_drawn_from_its_blocks_unread(qtbot):
    """Chunks of 4,096 changes over 41 ms, columns of ~11 ms: a chunk spans several
    columns, but each block of 256 changes (2.6 ms) fits in one, so the line is drawn
    from the blocks noted in memory, spike and dip included, without reading a chunk."""
    line, *_ = drawn_from_disk(qtbot, 600_000, 10_000, 590_000, chunk_rows=4096,
                               resident_chunks=2)
    assert line.settled.on_disk > 100 and line.settled.reads == 0
