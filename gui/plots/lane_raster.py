"""LaneRaster: one lane's closed spans as they fall on the screen, kept between frames.

A busy process closes thousands of spans a second, most narrower than a pixel.  Those
narrower than WIDE_PX are summed in bins one pixel wide (time spent in each state), and
a bin is painted in the state that filled most of it; wider spans are kept as they are.

Bins are laid on the run's time from its first event, so they stay valid while the view
scrolls at a constant zoom (a live run following "now") or stands still: each frame only
adds the spans closed since the last one, and bins that scrolled far out of view are
dropped.  A new zoom, or a view moved back before what the bins cover, starts over from
what is in view.  numpy only, no Qt.
"""
from __future__ import annotations

import numpy as np
from ipcscope.core.spans import SPAN_DTYPE, Activity

WIDE_PX = 3                  # a span this wide or wider is painted as itself
N_STATES = len(Activity)
KEEP_VIEWS = 2               # bins kept left of the view, in view widths, before a trim


class LaneRaster:
    def __init__(self):
        self.key = None
        self.bin_ns = 1.0                              # a pixel's time, at this zoom
        self.t0 = 0
        self.first_bin = 0                             # bin number of row 0 below
        self.upto = 0                                  # lane spans taken so far
        self.time_in = np.zeros((0, N_STATES), np.float32)   # ns per (bin, state)
        self.bin_state = np.zeros(0, np.int8)          # the most of each; -1: nothing
        self._wide: list[np.ndarray] = []

    def update(self, lane, sx: float, t0: int, t_lo: int, t_hi: int, key: tuple) -> None:
        """Take the lane's closed spans up to t_hi not taken yet.  `sx` is pixels per
        second; `key` names anything else that, changed, means starting over."""
        bin_ns = 1e9 / sx
        key = (round(bin_ns, 3), t0, key)
        spans = lane.spans                 # a PagedArray by start (core/paged.py)
        view_first_bin = int((t_lo - t0) // bin_ns)
        if key != self.key or view_first_bin < self.first_bin:
            self._restart(key, bin_ns, spans, t_lo, view_first_bin)
        self._trim(view_first_bin, (t_hi - t_lo) / bin_ns)
        # a jump right at the same zoom: skip what ended before the bins begin
        covered_from = t0 + int(self.first_bin * self.bin_ns)
        self.upto = max(self.upto, spans.searchsorted(covered_from, "right") - 1)
        last = spans.searchsorted(t_hi, "right")
        if last <= self.upto:
            return
        # a chunk at a time: a zoom out over an hour's spans reads them from disk once,
        # never all in memory together
        for new in spans.pieces(self.upto, last):
            new = new[new["end"] >= covered_from]  # the span before the bins, if it ended
            wide = (new["end"] - new["start"]) >= (WIDE_PX - 1) * self.bin_ns
            if wide.any():
                self._wide.append(new[wide])
            if len(new) and not wide.all():
                self._add_narrow(new[~wide], t0)
        self.upto = last

    def _restart(self, key, bin_ns: float, spans, t_lo: int, first_bin: int) -> None:
        self.key, self.bin_ns, self.first_bin, self.t0 = key, bin_ns, first_bin, key[1]
        # the last span starting before t_lo may reach into view
        self.upto = max(0, spans.searchsorted(t_lo, "right") - 1)
        self.time_in = np.zeros((0, N_STATES), np.float32)
        self.bin_state = np.zeros(0, np.int8)
        self._wide = []

    def _trim(self, view_first_bin: int, view_bins: float) -> None:
        drop = view_first_bin - self.first_bin - int(KEEP_VIEWS * view_bins)
        if drop <= 0:
            return
        self.time_in = self.time_in[drop:]
        self.bin_state = self.bin_state[drop:]
        self.first_bin += drop
        if self._wide:
            wide = self.wide_spans()
            self._wide = [wide[wide["end"] - self.t0 >= self.first_bin * self.bin_ns]]

    def _add_narrow(self, spans: np.ndarray, t0: int) -> None:
        bins = np.maximum(((spans["start"] - t0) // self.bin_ns).astype(np.int64)
                          - self.first_bin, 0)
        lo, hi = int(bins.min()), int(bins.max()) + 1     # recent spans: a few bins
        if hi > len(self.time_in):
            grown = max(hi, 2 * len(self.time_in), 256)
            more = np.zeros((grown - len(self.time_in), N_STATES), np.float32)
            self.time_in = np.concatenate([self.time_in, more])
            self.bin_state = np.concatenate(
                [self.bin_state, np.full(grown - len(self.bin_state), -1, np.int8)])
        cells = (bins - lo) * N_STATES + spans["state"]
        ns = (spans["end"] - spans["start"]) + 1.0          # 0 ns still counts
        touched = self.time_in[lo:hi]
        touched += np.bincount(cells, weights=ns, minlength=(hi - lo) * N_STATES
                               ).reshape(hi - lo, N_STATES)
        self.bin_state[lo:hi] = np.where(touched.any(axis=1), touched.argmax(axis=1), -1)

    def wide_spans(self) -> np.ndarray:
        if len(self._wide) > 1:
            self._wide = [np.concatenate(self._wide)]
        return self._wide[0] if self._wide else np.empty(0, SPAN_DTYPE)

    def bin_runs(self, dx: float, left_px: float, right_px: float
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(left, right, state) on screen of neighbouring bins of one state in view.
        Bin k starts at pixel k + dx (a pixel per bin, dx where the run starts)."""
        lo = max(0, int(np.floor(left_px - dx)) - 1 - self.first_bin)
        hi = max(lo, int(np.ceil(right_px - dx)) + 1 - self.first_bin)
        states = self.bin_state[lo:hi]
        bins = np.flatnonzero(states >= 0)
        if not len(bins):
            empty = np.empty(0)
            return empty, empty, np.empty(0, np.int8)
        states = states[bins]
        # (np.concatenate, not np.r_: this runs per lane per frame, and np.r_ costs 10 µs)
        new = np.concatenate(([True], (np.diff(bins) != 1) | (states[1:] != states[:-1])))
        first = np.flatnonzero(new)
        last = np.concatenate((first[1:], [len(bins)])) - 1
        origin = self.first_bin + lo + dx
        return (np.floor(bins[first] + origin), np.floor(bins[last] + origin) + 1,
                states[first])


class TickCounts:
    """For each column edge, how many of one lane's tick times come before it: kept
    between frames.  Ticks arrive in time order, so while the view stands still only the
    edges after the last tick seen can change; a new view (`key`) starts over.  (A
    binary search per edge into a big lane's ticks cost ~0.1 ms a frame in place, in
    cache misses.)  The times are a PagedArray: an edge inside a chunk on disk narrower
    than a column is placed without reading it (core/paged.py)."""

    def __init__(self):
        self.key = None
        self.seen = 0                       # ticks counted so far
        self.counts = np.empty(0, np.int64)

    def update(self, times, edges: np.ndarray, key) -> np.ndarray:
        n = len(times)
        column_ns = float(edges[1] - edges[0]) if len(edges) > 1 else None
        if key != self.key or n < self.seen or not self.seen:
            self.counts = times.searchsorted(edges, resolution=column_ns)
        elif n > self.seen:
            first = int(np.searchsorted(edges, times.key_at(self.seen - 1), side="right"))
            # every edge after the newest tick counts them all: a live view's right
            # part, searched for nothing each frame
            past = int(np.searchsorted(edges, times.last_key(), side="right"))
            self.counts[first:past] = times.searchsorted(edges[first:past],
                                                         resolution=column_ns)
            self.counts[past:] = n
        self.key, self.seen = key, n
        return self.counts
