"""The pipe plot on an hour's pipe flood (issue 16): each line keeps its messages'
sorted times, older ones on disk, and draws them at the view's resolution: counts
exact at every pixel column's edge when zoomed out, every step when zoomed in."""
import numpy as np
from ipcscope.core import paged
from ipcscope.core.events import Kind
from ipcscope.core.model import RunModel
from ipcscope.core.supervisor import EVENT_DTYPE
from ipcscope.gui.plots.pipe_plot import PipeTrafficPlot

T0 = 10**12
MESSAGES = 200_000


def pipe_flood() -> tuple[np.ndarray, np.ndarray]:
    """Two senders, a message each 10 µs in all, received 5 µs later; their batches
    reach the window interleaved, a little out of time order."""
    sent_t = T0 + 1000 + np.arange(MESSAGES, dtype=np.int64) * 10_000
    rows = np.zeros(2 * MESSAGES, EVENT_DTYPE)
    rows["t"][:MESSAGES], rows["kind"][:MESSAGES] = sent_t, Kind.SEND
    rows["proc"][:MESSAGES] = 1 + np.arange(MESSAGES) % 2
    rows["t"][MESSAGES:], rows["kind"][MESSAGES:] = sent_t + 5_000, Kind.RECV_END
    rows["proc"][MESSAGES:] = 3
    batch = (rows["t"] - T0) // 3_000_000 * 10 + rows["proc"]   # 3 ms batches per process
    return rows[np.argsort(batch, kind="stable")], sent_t


def test_a_pipe_flood_is_drawn_at_the_views_resolution(qtbot, monkeypatch):
    monkeypatch.setattr(paged, "CHUNK_ROWS", 512)
    plot = PipeTrafficPlot()
    qtbot.addWidget(plot)
    plot.resize(900, 300)
    plot.show()
    qtbot.waitExposed(plot)
    model = RunModel(EVENT_DTYPE)
    start = np.zeros(1, EVENT_DTYPE)
    start["t"], start["kind"] = T0, Kind.WORK_BEGIN          # the run's first event
    model.append(start, [])
    plot.set_run(model, {})
    rows, sent_t = pipe_flood()
    for part in np.array_split(rows, 200):
        model.append(part, [])
        plot.add_rows(part)
    model.status = "completed"
    end_s = 2.1
    assert plot.totals() == (MESSAGES, MESSAGES)
    sent_line = plot._lines[Kind.SEND]
    assert sent_line.final.on_disk > 150 and sent_line.late == 0   # all but the last 1 s

    plot.setXRange(0, end_s, padding=0)
    plot.refresh(end_s, (0.0, end_s))
    xs, ys = plot._sent.xData, plot._sent.yData
    columns = int(plot.getViewBox().width())
    assert len(xs) <= 2 * columns + 4            # a point pair a column, not 200,000
    edges_ns = T0 + np.round(xs * 1e9).astype(np.int64)
    exact = np.searchsorted(sent_t, edges_ns)
    assert np.abs(ys[::2] - exact[::2]).max() <= 1     # the count at each edge
    assert ys.max() == MESSAGES

    lo, hi = 1.0, 1.0008                         # 0.8 ms: 80 messages, every step
    plot.setXRange(lo, hi, padding=0)            # after the run: the view redraws itself
    xs, ys = plot._sent.xData, plot._sent.yData
    inside = sent_t[(sent_t >= T0 + lo * 1e9) & (sent_t <= T0 + hi * 1e9)]
    assert 70 <= len(inside) <= 90
    grew = np.flatnonzero(np.diff(ys) > 0) + 1            # each step up: where, to what
    steps_ns = np.round(xs[grew] * 1e9).astype(np.int64) + T0
    in_view = (steps_ns >= T0 + lo * 1e9) & (steps_ns <= T0 + hi * 1e9)
    assert np.array_equal(steps_ns[in_view], inside)      # a step at every message
    assert np.array_equal(ys[grew], np.searchsorted(sent_t, steps_ns, side="right"))
