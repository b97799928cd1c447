"""PagedArray (core/paged.py): the window's lanes and depth lines keep their recent
rows in memory and the rest on disk.  What it answers must be what the same rows in
one numpy array answer, whatever is on disk; what it holds in memory must not grow."""
import threading

import numpy as np
import pytest
from ipcscope.core.paged import CACHED_CHUNKS, PagedArray
from ipcscope.core.spans import MARK_DTYPE

STEP = np.dtype([("t", "<i8"), ("level", "<i8")])


def sorted_rows(n: int, seed: int) -> np.ndarray:
    """Times with runs of equal stamps (some across chunk edges), levels, items of
    three producers."""
    rng = np.random.default_rng(seed)
    rows = np.zeros(n, MARK_DTYPE)
    rows["t"] = np.cumsum(rng.choice([0, 0, 1, 5, 300], n))
    rows["item"] = (rng.integers(1, 4, n) << 32) | np.arange(n)
    rows["a"] = rng.integers(0, 1000, n)
    return rows


def paged_of(rows: np.ndarray, batches: int, seed: int, **options) -> PagedArray:
    paged = PagedArray(rows.dtype, "t", summary="item", **options)
    cuts = np.sort(np.random.default_rng(seed).integers(0, len(rows), batches))
    for part in np.split(rows, cuts):
        paged.extend(part)
    return paged


@pytest.mark.parametrize("chunk_rows, resident", [(64, 0), (64, 2), (1000, 1), (1 << 15, 2)])
def test_answers_are_those_of_one_array(chunk_rows, resident):
    rows = sorted_rows(20_000, seed=chunk_rows)
    paged = paged_of(rows, 300, seed=1, chunk_rows=chunk_rows, resident_chunks=resident)
    assert len(paged) == len(rows)
    full = len(rows) // chunk_rows
    assert paged.on_disk == max(0, full - resident)
    assert (paged.to_array() == rows).all()
    probes = np.concatenate([rows["t"][::37], rows["t"][::53] + 1, [-5, 10**12]])
    for side in ("left", "right"):
        assert paged.searchsorted(probes, side).tolist() == \
            np.searchsorted(rows["t"], probes, side).tolist()
        assert paged.searchsorted(int(probes[7]), side) == \
            int(np.searchsorted(rows["t"], probes[7], side))
    rng = np.random.default_rng(2)
    for a, b in rng.integers(0, len(rows), (50, 2)).tolist():
        lo, hi = min(a, b), max(a, b) + 3
        assert (paged.slice(lo, hi) == rows[lo:hi]).all()
        assert paged.key_at(lo) == rows["t"][lo]
        t0, t1 = int(rows["t"][lo]), int(rows["t"][min(hi, len(rows) - 1)])
        inside = rows[(rows["t"] >= t0) & (rows["t"] <= t1)]
        assert (paged.between(t0, t1) == inside).all()
    for item in rows["item"][::997].tolist() + [3 << 32 | 10**9]:
        assert (paged.rows_where(item) == rows[rows["item"] == item]).all()
    assert paged.last_key() == rows["t"][-1]


def test_looking_an_item_up_reads_only_chunks_that_can_hold_it():
    rows = sorted_rows(50_000, seed=3)
    rows["item"] = (7 << 32) | np.arange(len(rows))     # one producer, in order
    paged = paged_of(rows, 20, seed=4, chunk_rows=500, resident_chunks=2)
    found = paged.rows_where(int(rows["item"][12_345]))
    assert len(found) == 1 and found["t"][0] == rows["t"][12_345]
    assert paged.reads == 1


def test_memory_holds_the_newest_chunks_and_a_few_read_back():
    paged = PagedArray(STEP, "t", extent="level", chunk_rows=4096, resident_chunks=2)
    rows = np.zeros(4096 * 100 + 17, STEP)
    rows["t"] = np.arange(len(rows)) * 10
    rows["level"] = np.arange(len(rows)) % 977
    held = []
    for part in np.array_split(rows, 400):
        paged.extend(part)
        held.append(paged.nbytes_in_memory())
    assert paged.on_disk == 98 and max(held) <= 3 * 4096 * (STEP.itemsize + 8)
    for i in range(0, len(rows), 4096 * 3):        # a replay reading everything back
        assert paged.key_at(i) == rows["t"][i]
    assert paged.nbytes_in_memory() <= (3 + CACHED_CHUNKS) * 4096 * (STEP.itemsize + 8)
    # what each chunk covers is known without reading it
    first, last = paged.bounds()
    assert first[5] == rows["t"][5 * 4096] and last[5] == rows["t"][6 * 4096 - 1]
    assert paged.extents()[5].tolist() == (0, 976)
    assert paged.last_rows()[5]["level"] == rows["level"][6 * 4096 - 1]


def test_a_value_inside_a_narrow_chunk_on_disk_is_placed_without_reading_it():
    """A view zoomed out so a whole chunk falls within one column needs only to know the
    chunk is there: its place is interpolated, strictly inside it, so the columns on
    both sides still see rows."""
    paged = PagedArray(STEP, "t", chunk_rows=100, resident_chunks=1)
    rows = np.zeros(10_000, STEP)
    rows["t"] = np.arange(len(rows)) * 10              # 990 ns a chunk
    paged.extend(rows)
    edges = np.arange(500, 100_000, 2000)              # 2 µs a column, mid-chunk
    got = paged.searchsorted(edges, resolution=2000.0)
    exact = np.searchsorted(rows["t"], edges)
    assert paged.reads == 0
    assert (np.abs(got - exact) < 100).all() and (np.diff(got) > 0).all()
    fine = paged.searchsorted(edges, resolution=500.0)  # columns narrower than a chunk
    assert fine.tolist() == exact.tolist() and paged.reads > 0


def test_a_snapshot_is_unchanged_by_later_rows_while_another_thread_reads_it():
    rows = sorted_rows(40_000, seed=5)
    paged = PagedArray(rows.dtype, "t", summary="item", chunk_rows=256, resident_chunks=1)
    paged.extend(rows[:10_000])
    snap = paged.snapshot()
    problems = []

    def read():
        for _ in range(50):
            if not (snap.to_array() == rows[:10_000]).all():
                problems.append("changed")
    reader = threading.Thread(target=read)
    reader.start()
    for part in np.array_split(rows[10_000:], 200):   # spills what the snapshot holds
        paged.extend(part)
    reader.join()
    assert not problems and len(snap) == 10_000 and len(paged) == 40_000
    assert (paged.to_array() == rows).all()


def test_the_arrays_of_a_run_share_one_spill_file(monkeypatch):
    """A run of 200 busy lanes spills 1,400 paged arrays: one file each would use up the
    descriptors the run's channels need.  They share one, which goes with them."""
    import gc
    import os

    import ipcscope.core.paged as paged
    from ipcscope.core.events import Kind
    from ipcscope.core.spans import SpanBuilder
    from ipcscope.core.supervisor import EVENT_DTYPE

    monkeypatch.setattr(paged, "CHUNK_ROWS", 64)

    def open_files() -> int:
        return len(os.listdir("/proc/self/fd"))
    before = open_files()
    builder = SpanBuilder()
    rows = np.zeros(200 * 400, EVENT_DTYPE)
    rows["proc"] = np.repeat(np.arange(1, 201), 400)
    rows["t"] = np.tile(np.arange(400) * 10, 200)
    rows["kind"] = np.tile([Kind.PUT_END, Kind.GET_END], 200 * 200)
    rows["item"] = np.arange(len(rows))
    builder.append(rows)
    on_disk = [lane.marks.on_disk for lane in builder.lanes.values()]
    assert len(on_disk) == 200 and min(on_disk) >= 3
    assert open_files() - before == 1
    del builder
    gc.collect()
    assert open_files() == before
