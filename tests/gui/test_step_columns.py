"""A step line per pixel column: every column's range is the lowest and highest level
the line holds in its time, whatever the zoom, the split of the line, or its length."""
import numpy as np
from ipcscope.gui.plots.step_columns import column_ranges, merged_runs


def held_levels(t: np.ndarray, level: np.ndarray, lo: int, hi: int) -> list[int]:
    """By hand: the level entering [lo, hi) and every change inside it."""
    before = t < lo
    held = [int(level[before][-1]) if before.any() else 0]
    return held + level[(t >= lo) & (t < hi)].tolist()


def test_each_column_spans_every_level_held_in_it():
    rng = np.random.default_rng(3)
    for trial in range(60):
        n = int(rng.integers(0, 400))
        t = np.sort(rng.integers(0, 10_000, n))
        level = rng.integers(0, 50, n)
        cut = int(rng.integers(0, n + 1))
        parts = ((t[:cut], level[:cut]), (t[cut:], level[cut:]))
        edges = np.unique(rng.integers(-500, 11_000, int(rng.integers(2, 80))))
        if len(edges) < 2:
            continue
        low, high = column_ranges(parts, edges)
        for c in range(len(edges) - 1):
            held = held_levels(t, level, edges[c], edges[c + 1])
            # and the level it leaves with, which is the next column's first
            held.append(held_levels(t, level, edges[c + 1], edges[c + 1])[0])
            assert (low[c], high[c]) == (min(held), max(held)), (trial, c)


def test_a_one_change_spike_in_a_million_changes_reaches_its_column():
    t = np.arange(1_000_000, dtype=np.int64) * 10
    level = np.zeros(len(t), np.int64) + 3
    level[654_321] = 999
    edges = np.linspace(0, 10_000_000, 1201).astype(np.int64)    # 1,200 columns
    low, high = column_ranges(((t, level),), edges)
    spike_column = int(np.searchsorted(edges, t[654_321], side="right")) - 1
    assert high[spike_column] == 999
    assert (np.delete(high, spike_column) == 3).all()
    assert low.min() == 0 and (low[1:] == 3).all()     # 0 only before the first change


def test_neighbouring_columns_of_one_range_merge_and_gaps_split():
    columns = np.array([5, 6, 7, 8, 10, 11, 12])
    low = np.array([1, 1, 1, 2, 2, 2, 2])
    high = np.array([4, 4, 4, 4, 4, 4, 9])
    firsts, lasts, lows, highs = merged_runs(columns, low, high)
    assert firsts.tolist() == [5, 8, 10, 12]
    assert lasts.tolist() == [7, 8, 11, 12]
    assert lows.tolist() == [1, 2, 2, 2] and highs.tolist() == [4, 4, 4, 9]
