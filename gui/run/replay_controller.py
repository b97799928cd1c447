"""ReplayController: an opened trace plays in the same views as a live run.  It feeds
the trace's rows into the window's RunController (feed() takes the place of the
bridge's batches), paced by a QTimer at 0.1× to 10×, so RunView, the lanes, the log
and the findings cannot tell where rows come from.

Rows go in the order they arrived live (that order is what keeps a queue's depth
within its capacity), each released once the replay position passes the newest stamp
so far, so every position is a prefix of the recording.  Going back rebuilds the
views from the start up to the position: a few ms for an article-sized run, about a
second for a 200k-event flood (the depth and span builders read every row again).

The trace's rows stay in its model, chunk by chunk (an hour's trace is mostly on
disk): what is kept of each chunk is its first and last stamp and the newest stamp up
to its end, so a seek reads one chunk and a step reads the few near the position.
"""
from __future__ import annotations

import time

import numpy as np
from ipcscope.core.events import Kind
from ipcscope.core.summary import summarize
from ipcscope.gui.run.program_run import summary_target
from PySide6.QtCore import QObject, QTimer, Signal, Slot

TICK_MS = 33
SPEEDS = (0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0)


class ReplayController(QObject):
    moved = Signal(float)            # the position, seconds since the first event
    playing_changed = Signal(bool)
    restarted = Signal()             # the views must take the controller's new run

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.loaded = None
        self.scenario = None
        self.summary: dict | None = None
        self.count = 0                   # the trace's rows
        self._chunks = _ChunkTimes.empty()
        self.t0 = 0
        self.end_s = 0.0
        self.position_s = 0.0
        self.speed = 1.0
        self.playing = False
        self.fed = 0
        self.ended = False
        self._last_tick = 0.0
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._on_tick)

    @property
    def active(self) -> bool:
        return self.loaded is not None

    def load(self, loaded, scenario) -> None:
        self.loaded, self.scenario = loaded, scenario
        self.t0 = loaded.model.t0
        self.count = len(loaded.model)
        self._chunks = _ChunkTimes.of(loaded.model)
        self.end_s = (self._chunks.last_release() - self.t0) / 1e9
        target, params = summary_target(scenario, dict(loaded.meta.get("params") or {}))
        self.summary = loaded.summary or summarize(
            target, params, loaded.model,
            status=loaded.status, speed=float(loaded.meta.get("speed") or 1.0),
            duration_s=self.end_s, leftover_processes=0)
        self.fed = -1                       # nothing is fed: the first seek restarts

    def close(self) -> None:
        """A live run takes over the views."""
        self.set_playing(False)
        self.loaded = None
        self.count = 0
        self.controller.replay_now_ns = None

    # --- position ---------------------------------------------------------------------

    def seek(self, position_s: float) -> None:
        if not self.active:
            return
        position_s = min(max(0.0, position_s), self.end_s)
        count = self._released_by(self.t0 + int(round(position_s * 1e9)))
        if count < self.fed or self.fed < 0:
            self._restart()
        self._feed(count)
        self.position_s = position_s
        self.controller.replay_now_ns = self.t0 + int(round(position_s * 1e9))
        if count == self.count and not self.ended:
            self.ended = True
            self.set_playing(False)
            self.controller.end_replay(self.summary)
        self.moved.emit(position_s)

    def _restart(self) -> None:
        meta = self.loaded.meta
        self.controller.begin_replay(self.scenario, dict(meta.get("params") or {}),
                                     float(meta.get("speed") or 1.0), self.loaded.model.dtype)
        self.fed, self.ended = 0, False
        self.restarted.emit()

    def _released_by(self, t_ns: int) -> int:
        """How many rows (in arrival order) are released once the position is t_ns:
        those up to the last whose newest stamp so far is <= t_ns."""
        chunks = self._chunks
        c = int(np.searchsorted(chunks.release, t_ns, side="right"))
        if c >= len(chunks.release):
            return self.count
        before = int(chunks.release[c - 1]) if c else np.iinfo(np.int64).min
        release = np.maximum.accumulate(np.maximum(self.loaded.model.chunk(c)["t"], before))
        return int(chunks.start[c]) + int(np.searchsorted(release, t_ns, side="right"))

    def _feed(self, count: int) -> None:
        if count <= self.fed:
            return
        model, starts = self.loaded.model, self._chunks.start
        strings = model.strings if self.fed == 0 else []
        c = int(np.searchsorted(starts, self.fed, side="right")) - 1
        while c < len(starts) and starts[c] < count:
            chunk = model.chunk(c)
            rows = chunk[max(0, self.fed - int(starts[c])):count - int(starts[c])]
            # as ipcscope.core.trace.load_run: an object's events count only once its
            # creation is in
            cuts = np.flatnonzero(rows["kind"] == Kind.OBJ_CREATE) + 1
            for piece in np.split(rows, cuts):
                if len(piece) or strings:
                    self.controller.feed(piece, strings)
                    strings = []
            c += 1
        self.fed = count

    # --- playing ----------------------------------------------------------------------

    def set_playing(self, playing: bool) -> None:
        playing = playing and self.active
        if playing and self.position_s >= self.end_s:
            self.seek(0.0)                  # Play at the end: from the start again
        if playing == self.playing:
            return
        self.playing = playing
        if playing:
            self._last_tick = time.monotonic()
            self.timer.start()
        else:
            self.timer.stop()
        self.playing_changed.emit(playing)

    def set_speed(self, speed: float) -> None:
        self.speed = speed

    def faster(self, steps: int) -> None:
        index = min(range(len(SPEEDS)), key=lambda i: abs(SPEEDS[i] - self.speed))
        self.speed = SPEEDS[min(len(SPEEDS) - 1, max(0, index + steps))]

    @Slot()
    def _on_tick(self) -> None:
        now = time.monotonic()
        # a slow frame on a shared machine: the replay waits instead of jumping ahead
        step = min(now - self._last_tick, 0.25) * self.speed
        self._last_tick = now
        self.seek(self.position_s + step)

    # --- steps ------------------------------------------------------------------------

    def step(self, direction: int, proc: int | None = None) -> None:
        """To the next (+1) or previous (-1) event, of one process or of any."""
        if not self.active:
            return
        self.set_playing(False)
        here = self.t0 + int(round(self.position_s * 1e9))
        target = self._chunks.next_time(self.loaded.model, here, direction, proc)
        if target is None and direction < 0:
            target = self.t0
        if target is not None:
            self.seek((target - self.t0) / 1e9)

    def finding_times(self) -> list[float]:
        return sorted(f["t_s"] for f in self.summary.get("findings", [])) \
            if self.summary else []

    def jump_to_finding(self, direction: int) -> float | None:
        """To the next or previous finding's moment; returns its t_s."""
        times = self.finding_times()
        after = [t for t in times if t > self.position_s + 1e-6] if direction > 0 else \
            [t for t in times if t < self.position_s - 1e-6]
        if not after:
            return None
        target = after[0] if direction > 0 else after[-1]
        self.set_playing(False)
        self.seek(target)
        return target


class _ChunkTimes:
    """Of each chunk of a trace's model: where it starts (rows), its earliest and latest
    stamp, and the newest stamp up to its end (the release of its last row)."""

    def __init__(self, start, first, last, release):
        self.start, self.first, self.last, self.release = start, first, last, release

    @classmethod
    def empty(cls) -> "_ChunkTimes":
        none = np.empty(0, np.int64)
        return cls(none, none, none, none)

    @classmethod
    def of(cls, model) -> "_ChunkTimes":
        start, first, last = [], [], []
        at = 0
        for rows in model.parts():          # read once, a chunk at a time
            start.append(at)
            at += len(rows)
            t = rows["t"]
            first.append(int(t.min()) if len(t) else np.iinfo(np.int64).max)
            last.append(int(t.max()) if len(t) else np.iinfo(np.int64).min)
        last_arr = np.array(last, np.int64)
        return cls(np.array(start, np.int64), np.array(first, np.int64), last_arr,
                   np.maximum.accumulate(last_arr) if len(last_arr) else last_arr)

    def last_release(self) -> int:
        return int(self.release[-1])

    def next_time(self, model, here: int, direction: int, proc: int | None) -> int | None:
        """The first stamp after `here` (direction +1) or the last before it (-1), of
        any row or of `proc`'s: only chunks that can hold a nearer one are read."""
        if direction > 0:
            chunks = np.flatnonzero(self.last > here)
            order = chunks[np.argsort(self.first[chunks], kind="stable")]
        else:
            chunks = np.flatnonzero(self.first < here)
            order = chunks[np.argsort(-self.last[chunks], kind="stable")]
        best = None
        for c in order.tolist():
            if best is not None and (self.first[c] >= best if direction > 0
                                     else self.last[c] <= best):
                break                           # nothing nearer in this or later ones
            rows = model.chunk(c)
            t = rows["t"] if proc is None else rows["t"][rows["proc"] == proc]
            t = t[t > here] if direction > 0 else t[t < here]
            if len(t):
                found = int(t.min()) if direction > 0 else int(t.max())
                if best is None or (found < best if direction > 0 else found > best):
                    best = found
        return best
