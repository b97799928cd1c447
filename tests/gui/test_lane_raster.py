"""The lanes' per-pixel summary of busy processes: kept between frames, it must show
what a fresh look at the same view shows, while the view stands still or scrolls."""
import numpy as np
import pytest
from ipcscope.core.events import Kind
from ipcscope.core.spans import SpanBuilder
from ipcscope.core.supervisor import EVENT_DTYPE
from ipcscope.core.paged import PagedArray
from ipcscope.core.spans import TICK_DTYPE
from ipcscope.gui.plots.lane_raster import KEEP_VIEWS, LaneRaster, TickCounts

T0 = 10**12


def busy_lane(n_cycles: int, seed: int):
    """One process: work, then wait on get, over and over, 10-400 µs each."""
    rng = np.random.default_rng(seed)
    kinds = np.tile([Kind.WORK_BEGIN, Kind.WORK_END, Kind.GET_BEGIN, Kind.GET_END], n_cycles)
    rows = np.zeros(len(kinds), EVENT_DTYPE)
    rows["kind"] = kinds
    rows["t"] = T0 + np.cumsum(rng.integers(10_000, 400_000, len(kinds)))
    rows["obj"] = np.where(np.isin(kinds, [Kind.GET_BEGIN, Kind.GET_END]), 1, 0)
    return rows


def view(raster, lane, sx, t_lo, t_hi):
    raster.update(lane, sx, T0, t_lo, t_hi, "run")
    dx = -(t_lo - T0) / 1e9 * sx                 # the view's left edge at pixel 0
    return raster.bin_runs(dx, 0.0, (t_hi - t_lo) / 1e9 * sx), raster.wide_spans()


def test_kept_bins_match_a_fresh_look_while_the_run_grows_and_scrolls():
    rows = busy_lane(20_000, seed=1)                # ~8 s of spans
    builder = SpanBuilder()
    kept = LaneRaster()
    sx = 1000 / 2.0                                 # a 2 s window, 1,000 pixels wide
    frames = np.array_split(rows, 60)
    for frame in frames:
        builder.append(frame)
        lane = builder.lanes[0]
        now = int(frame["t"][-1])
        t_lo = max(T0, now - 2_000_000_000)         # following "now", as a live run does
        t_hi = t_lo + 2_000_000_000
        (left, right, states), wide = view(kept, lane, sx, t_lo, t_hi)
        (f_left, f_right, f_states), f_wide = view(LaneRaster(), lane, sx, t_lo, t_hi)
        # a run starting left of the view is cut differently by the two: compare the
        # runs that start inside it
        shown = left >= 1
        f_shown = f_left >= 1
        assert np.array_equal(states[shown], f_states[f_shown])
        assert np.array_equal(right[shown], f_right[f_shown])
        assert set(wide["start"].tolist()) >= set(f_wide["start"].tolist())
    assert len(states) > 5, "the lane is busy: many runs of states"
    assert kept.first_bin > 0, "bins that scrolled far out of view were dropped"
    assert len(kept.time_in) < 5 * 1000, "what is kept stays a few windows wide"


def lane_of(*events):
    """One process's lane from (ns after T0, kind, obj) events."""
    builder = SpanBuilder()
    builder.append(np.array([(T0 + t, kind, obj, 0, 0, 0, 0) for t, kind, obj in events],
                            EVENT_DTYPE))
    return builder.lanes[0]


def test_the_state_of_a_pixel_is_where_its_time_went():
    # in the first millisecond: 0.2 ms working, then 0.7 ms waiting on get
    lane = lane_of((0, Kind.WORK_BEGIN, 0), (200_000, Kind.WORK_END, 0),
                   (200_000, Kind.GET_BEGIN, 1), (900_000, Kind.GET_END, 1))
    (left, right, states), wide = view(LaneRaster(), lane, 1000.0, T0, T0 + 10**9)
    assert left.tolist() == [0.0] and right.tolist() == [1.0]
    assert states.tolist() == [3]                   # Activity.GET_WAITING
    assert len(wide) == 0


def test_nothing_that_ended_before_the_view_lands_on_its_first_pixel():
    """Idle from 0.5 ms to 600 ms: a view from 400 ms shows the work at 600 ms only."""
    lane = lane_of((0, Kind.WORK_BEGIN, 0), (500_000, Kind.WORK_END, 0),
                   (600_000_000, Kind.WORK_BEGIN, 0), (600_500_000, Kind.WORK_END, 0))
    (left, right, states), wide = view(LaneRaster(), lane, 1000.0,
                                       T0 + 400_000_000, T0 + 1_400_000_000)
    assert list(zip(left.tolist(), right.tolist(), states.tolist())) == [(200.0, 201.0, 1)]
    assert len(wide) == 0


def test_a_jump_right_at_the_same_zoom_keeps_only_what_is_near_the_view():
    """Following a finding, or catching up after a pause: the spans jumped over are not
    kept (they would all be repainted every frame)."""
    rows = busy_lane(20_000, seed=2)
    builder = SpanBuilder()
    builder.append(rows)
    lane = builder.lanes[0]
    sx = 1000 / 0.05                                 # a 50 ms window: most spans are wide
    kept = LaneRaster()
    view(kept, lane, sx, T0, T0 + 50_000_000)
    later = T0 + 7_000_000_000
    (left, right, states), wide = view(kept, lane, sx, later, later + 50_000_000)
    (f_left, f_right, f_states), f_wide = view(LaneRaster(), lane, sx, later,
                                               later + 50_000_000)
    assert len(f_wide) > 10
    # what is kept: the view and KEEP_VIEWS widths left of it, not the 7 s jumped over
    assert len(wide) <= (KEEP_VIEWS + 2) * len(f_wide), "spans far left of the view were kept"
    assert set(wide["start"].tolist()) >= set(f_wide["start"].tolist())
    shown, f_shown = left >= 1, f_left >= 1
    assert np.array_equal(states[shown], f_states[f_shown])


def tick_array(times: np.ndarray, chunk_rows: int, resident_chunks: int) -> PagedArray:
    paged = PagedArray(TICK_DTYPE, chunk_rows=chunk_rows, resident_chunks=resident_chunks)
    rows = np.empty(len(times), TICK_DTYPE)
    rows["t"] = times
    paged.extend(rows)
    return paged


@pytest.mark.parametrize("chunk_rows, resident", [(1 << 16, 2), (16, 1)])
def test_tick_counts_kept_between_frames_match_a_fresh_search(chunk_rows, resident):
    """Ticks keep arriving (in time order, some on a column edge, some frames none) while
    the view stands still, then moves: the counts kept between frames must be what a
    binary search of every edge gives, frame after frame.  With most ticks paged out to
    disk in chunks of 16, an edge inside a chunk narrower than a column may be placed
    by interpolation: the columns holding ticks must still be exactly the same."""
    rng = np.random.default_rng(3)
    counts = TickCounts()
    times = np.zeros(0, np.int64)
    paged = tick_array(times, chunk_rows, resident)
    edges = np.arange(0, 10_000, 10, dtype=np.int64)
    key, checked = ("view", 0), 0
    for frame in range(400):
        if frame % 50 == 49:                     # the view moves: a new key
            edges = edges + int(rng.integers(-50, 50))
            key = ("view", frame)
        if frame == 300:                         # zoomed out: 400 ns a column
            edges = np.arange(0, 40_000, 400, dtype=np.int64)
            key = ("zoomed out", frame)
            reads_before = paged.reads
        last = int(times[-1]) if len(times) else 0
        new = np.sort(last + rng.integers(0, 60, int(rng.integers(0, 8))))
        if frame % 7 == 0 and len(new):
            new[0] = edges[np.searchsorted(edges, last)] if last < edges[-1] else last
            new = np.sort(np.maximum(new, last))
        times = np.concatenate([times, new])
        rows = np.empty(len(new), TICK_DTYPE)
        rows["t"] = new
        paged.extend(rows)
        got = counts.update(paged, edges, key)
        exact = np.searchsorted(times, edges)
        if chunk_rows > len(times):
            assert got.tolist() == exact.tolist(), frame
        assert (np.diff(got) > 0).tolist() == (np.diff(exact) > 0).tolist(), frame
        assert np.abs(got - exact).max() < chunk_rows
        checked += len(new) > 0
    assert checked > 300 and times[-1] > edges[len(edges) // 4]
    if chunk_rows < len(times):
        assert paged.on_disk > 50
        # zoomed out, the chunks on disk were placed without being read, but for the
        # odd one wider than a column (the view before read hundreds)
        assert reads_before > 100 and paged.reads - reads_before < 5
