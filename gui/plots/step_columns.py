"""A step line as it falls on the screen's pixel columns: for each column, the lowest
and highest level the line holds there.  Drawing that, a column at a time, keeps every
peak and trough at any zoom, and costs the width of the view however many changes the
line has.  numpy only, no Qt.
"""
from __future__ import annotations

import numpy as np


def column_ranges(parts, edges_t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column c covers times [edges_t[c], edges_t[c + 1]).  Its range is the level the
    line enters it with, the level it leaves with, and every change between.

    parts: (times, levels) pairs, each sorted, one after the other in time (a
    StepLine's); the level is 0 before the first change.  Cost: a binary search per
    edge, and one pass over the changes between the first edge and the last."""
    level_at_edge = np.zeros(len(edges_t), np.int64)   # the last change before each edge
    inside: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    for t, level in parts:
        before = np.searchsorted(t, edges_t)
        seen = before > 0
        level_at_edge[seen] = level[before[seen] - 1]     # a later part overrides
        busy = np.flatnonzero(before[1:] > before[:-1])   # columns with changes
        if len(busy):
            # each busy column's changes run up to the next busy column's first
            changes = level[:before[-1]]
            starts = before[busy]
            inside.append((busy, np.minimum.reduceat(changes, starts),
                           np.maximum.reduceat(changes, starts)))
    low = np.minimum(level_at_edge[:-1], level_at_edge[1:])
    high = np.maximum(level_at_edge[:-1], level_at_edge[1:])
    for busy, lowest, highest in inside:
        low[busy] = np.minimum(low[busy], lowest)
        high[busy] = np.maximum(high[busy], highest)
    return low, high


def merged_runs(columns: np.ndarray, low_px: np.ndarray, high_px: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Neighbouring columns with the same pixel range, as one: (first column, last
    column, low, high) of each run.  A level held for a while is one rectangle.
    `columns` are increasing; a gap between two of them ends a run."""
    if not len(columns):
        return columns, columns, low_px, high_px
    new = np.concatenate(([True], (columns[1:] != columns[:-1] + 1)
                          | (low_px[1:] != low_px[:-1]) | (high_px[1:] != high_px[:-1])))
    firsts = np.flatnonzero(new)
    lasts = np.concatenate((firsts[1:], [len(columns)])) - 1
    return columns[firsts], columns[lasts], low_px[firsts], high_px[firsts]
