"""Queue depth off the GUI thread.

RunModel.depth_series() re-reads every put and get of a queue and sorts them by cause:
~1 ms for the article's scenarios, ~0.3 s at 2.8M events, and it grows with the run.  So
the window keeps the queue events aside as they arrive (`QueueRows`), and a worker
thread brings the depth up to date from a snapshot of them (`DepthBuilder`), while the
GUI thread goes on drawing.

The builder settles what is older than SETTLE_S before the newest event seen: a row
stamped that long ago has arrived (rows reach the window within tens of ms), so the
depth up to there is final and is kept; each update sorts only the rows after it.  A
row that does come later than that starts the depth over from every row, so the result
is always the one RunModel.depth_series() gives.  A line is handed on as its settled
part and the rest (`StepLine`), so an update copies only what it sorted: it draws at
the view's resolution (step_columns.py), not here.  The builder is plain Python and
numpy; DepthComputer runs it through an OffThread (gui/run/off_thread.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from ipcscope.core.events import Kind, ObjType
from ipcscope.core.model import gets_after_their_puts
from ipcscope.core.spans import GrowableArray
from ipcscope.gui.run.off_thread import OffThread
from PySide6.QtCore import QObject, Signal, Slot

QUEUE_KINDS = np.array([Kind.OBJ_CREATE, Kind.PUT_END, Kind.GET_END, Kind.PUT_FULL,
                        Kind.GET_EMPTY, Kind.TASK_DONE], dtype=np.int16)
SYNC_LIMIT = 20_000          # fewer queue events than this: compute in the GUI thread
SETTLE_S = 0.5               # rows this much older than the newest are final (see above)


def queues_made(rows: np.ndarray, strings: list[str]) -> list[tuple[int, str, ObjType, int]]:
    """(obj, name, type, maxsize) of each queue the rows create."""
    made = []
    for row in rows[rows["kind"] == Kind.OBJ_CREATE]:
        # a SimpleQueue: a program's Pool moves its tasks and results through two
        if int(row["b"]) in (ObjType.QUEUE, ObjType.JOINABLE_QUEUE, ObjType.SIMPLE_QUEUE):
            index = int(row["item"])
            name = strings[index] if 0 <= index < len(strings) else f"queue{row['obj']}"
            made.append((int(row["obj"]), name, ObjType(int(row["b"])), int(row["a"])))
    return made


class QueueRows:
    """The queue events of a run (and object creations, for names and capacities)."""

    def __init__(self, dtype: np.dtype):
        self.dtype = dtype
        self._rows = GrowableArray(dtype, 1024)

    def add(self, rows: np.ndarray) -> np.ndarray:
        """Keep the queue events of `rows`; returns them."""
        picked = rows[np.isin(rows["kind"], QUEUE_KINDS)]
        if len(picked):
            self._rows.extend(picked)
        return picked

    def snapshot(self) -> np.ndarray:
        """A view that later appends never change (they write past its end or into a
        new buffer)."""
        return self._rows.view()

    def __len__(self) -> int:
        return len(self._rows)


@dataclass(frozen=True)
class StepLine:
    """A step line's changes in time order and its level after each (0 before the
    first), in parts one after the other in time: the builder's settled part and the
    rest.  Joining them would copy the whole line at every update."""
    parts: tuple[tuple[np.ndarray, np.ndarray], ...]
    peak: int                                   # the highest level, 0 if none

    @property
    def t_ns(self) -> np.ndarray:
        return np.concatenate([t for t, _ in self.parts])

    @property
    def level(self) -> np.ndarray:
        return np.concatenate([level for _, level in self.parts])

    def last(self) -> tuple[int, int] | None:
        """(time, level) of the last change, or None before the first."""
        for t, level in reversed(self.parts):
            if len(t):
                return int(t[-1]), int(level[-1])
        return None

    def __len__(self) -> int:
        return sum(len(t) for t, _ in self.parts)


@dataclass
class QueueDepth:
    obj: int
    name: str
    type: ObjType
    maxsize: int
    depth: StepLine
    unfinished: StepLine | None = None          # JoinableQueue: puts − task_done


@dataclass
class DepthResult:
    queues: list[QueueDepth] = field(default_factory=list)
    full_t_ns: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    full_capacity: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    empty_t_ns: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    sentinel_t_ns: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))


_DEPTH_FIELDS = ("t", "kind", "obj", "item")


def _is_depth_kind(kinds: np.ndarray) -> np.ndarray:
    """Puts, gets and task_done: the rows a depth line is made of."""
    return (kinds == Kind.PUT_END) | (kinds == Kind.GET_END) | (kinds == Kind.TASK_DONE)


class _Settled:
    """One line's final part: (t, level) up to the builder's boundary, and the running
    sum of its steps there (before clamping)."""

    def __init__(self):
        self.t = GrowableArray(np.dtype(np.int64))
        self.level = GrowableArray(np.dtype(np.int64))
        self.total = 0
        self.peak = 0

    def extend(self, t: np.ndarray, delta: np.ndarray, settle_before: int,
               clamp: bool, upper: int | None = None) -> StepLine:
        """Add steps (sorted by t) after the final part; settle those before
        `settle_before`; return the whole line (clamped to [0, upper] if `clamp`, as
        RunModel's clamped_cumsum does).  Its settled part is a view that later
        extends never change (they write past its end or into a new buffer)."""
        running = self.total + np.cumsum(delta)
        level = np.clip(running, 0, upper) if clamp else running
        final = int(np.searchsorted(t, settle_before))
        if final:
            self.t.extend(t[:final])
            self.level.extend(level[:final])
            self.total = int(running[final - 1])
            self.peak = max(self.peak, int(level[:final].max()))
        rest = level[final:]
        peak = max(self.peak, int(rest.max())) if len(rest) else self.peak
        return StepLine(((self.t.view(), self.level.view()), (t[final:], rest)), peak)


class DepthBuilder:
    """Brings every queue's depth up to date from a growing snapshot of queue rows,
    sorting only the rows not settled yet (see the module's doc)."""

    def __init__(self):
        self._reset()
        self.restarts = 0          # rows that came late: the depth was started over

    def _reset(self) -> None:
        self._taken = 0
        self._boundary = np.iinfo(np.int64).min
        self._unsettled = None                # depth rows after the boundary, by field
        self._objects: dict[int, tuple[str, ObjType, int]] = {}
        self._depth: dict[int, _Settled] = {}
        self._unfinished: dict[int, _Settled] = {}
        self._full_t = GrowableArray(np.dtype(np.int64))
        self._full_capacity = GrowableArray(np.dtype(np.int64))
        self._empty_t = GrowableArray(np.dtype(np.int64))
        self._sentinel_t = GrowableArray(np.dtype(np.int64))

    def update(self, rows: np.ndarray, strings: list[str], settle_before: int
               ) -> DepthResult:
        """rows: every queue row so far (what was taken before, then new ones)."""
        new = rows[self._taken:]
        kinds = new["kind"]
        is_depth = _is_depth_kind(kinds)
        if len(rows) < self._taken or (is_depth.any() and
                                       int(new["t"][is_depth].min()) < self._boundary):
            self.restarts += 1
            self._reset()
            new = rows
            kinds = new["kind"]
            is_depth = _is_depth_kind(kinds)
        self._taken = len(rows)
        self._note(new, kinds, strings)
        # the fields used, each as one contiguous array: a pass over a field of the
        # record array reads it strided, and copying whole records costs more still
        columns = {name: new[name][is_depth] for name in _DEPTH_FIELDS}
        if self._unsettled is not None:
            columns = {name: np.concatenate([self._unsettled[name], column])
                       for name, column in columns.items()}
        settle_before = max(settle_before, self._boundary)
        result = DepthResult()
        keep = np.zeros(len(columns["t"]), bool)
        for obj, (name, obj_type, maxsize) in self._objects.items():
            mine = columns["obj"] == obj
            queue = self._queue_depth(columns, mine, keep, obj, name, obj_type, maxsize,
                                      settle_before)
            result.queues.append(queue)
        self._unsettled = {name: column[keep] for name, column in columns.items()}
        self._boundary = settle_before
        result.full_t_ns = self._full_t.view()
        result.full_capacity = self._full_capacity.view()
        result.empty_t_ns = self._empty_t.view()
        result.sentinel_t_ns = self._sentinel_t.view()
        return result

    def _note(self, new: np.ndarray, kinds: np.ndarray, strings: list[str]) -> None:
        """Queues made, and the markers: Full, Empty, None taken."""
        for obj, name, obj_type, maxsize in queues_made(new, strings):
            self._objects[obj] = (name, obj_type, maxsize)
        full = np.flatnonzero(kinds == Kind.PUT_FULL)
        self._full_t.extend(new["t"][full])
        self._full_capacity.extend(np.array(
            [self._objects.get(o, ("", 0, 0))[2] for o in new["obj"][full].tolist()], np.int64))
        self._empty_t.extend(new["t"][kinds == Kind.GET_EMPTY])
        self._sentinel_t.extend(new["t"][(kinds == Kind.GET_END) & (new["a"] == 1)])

    def _queue_depth(self, columns, mine, keep, obj, name, obj_type, maxsize,
                     settle_before) -> QueueDepth:
        kinds, times = columns["kind"], columns["t"]
        put_at = np.flatnonzero(mine & (kinds == Kind.PUT_END))
        get_at = np.flatnonzero(mine & (kinds == Kind.GET_END))
        puts = {"t": times[put_at], "item": columns["item"][put_at]}
        gets = {"t": times[get_at], "item": columns["item"][get_at]}
        get_t = gets_after_their_puts(puts, gets)
        keep[put_at] = puts["t"] >= settle_before
        keep[get_at] = get_t >= settle_before
        t = np.concatenate([puts["t"], get_t])
        delta = np.concatenate([np.ones(len(put_at), np.int64), -np.ones(len(get_at), np.int64)])
        order = np.argsort(t, kind="stable")
        line = self._depth.setdefault(obj, _Settled())
        depth = line.extend(t[order], delta[order], settle_before, True,
                            maxsize if maxsize > 0 else None)
        queue = QueueDepth(obj, name, obj_type, maxsize, depth)
        if obj_type == ObjType.JOINABLE_QUEUE:
            done_at = np.flatnonzero(mine & (kinds == Kind.TASK_DONE))
            keep[done_at] = times[done_at] >= settle_before
            at = np.sort(np.concatenate([put_at, done_at]))
            change_t = times[at]
            order = np.argsort(change_t, kind="stable")
            steps = np.where(kinds[at][order] == Kind.PUT_END, 1, -1)
            line = self._unfinished.setdefault(obj, _Settled())
            queue.unfinished = line.extend(change_t[order], steps, settle_before, False)
        return queue


class DepthComputer(QObject):
    """Runs the builder's update now (small runs) or in a worker thread (big ones);
    `take()` hands back the newest finished result, once.  An update that raised
    leaves the builder half-updated: the next one starts over from every row."""

    problem = Signal(str)             # an update failed (see off_thread.py)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._ready: DepthResult | None = None
        self.builder = DepthBuilder()     # the worker's, between submits
        self._worker = OffThread("ipcscope-depth", "work out the queue depth", self)
        self._worker.finished.connect(self._on_result)
        self._worker.errored.connect(self._on_error)
        self._worker.problem.connect(self.problem)

    @property
    def busy(self) -> bool:
        return self._worker.busy

    def submit(self, rows: np.ndarray, strings: list[str], settle_before: int) -> None:
        """Bring the depth up to date with `rows` (every queue row so far), taking
        what is stamped before `settle_before` as final."""
        if self.busy:
            return
        if len(rows) < SYNC_LIMIT:
            self._worker.run_here(self.builder.update, rows, strings, settle_before)
        else:
            self._worker.submit(self.builder.update, rows, list(strings), settle_before)

    def take(self) -> DepthResult | None:
        ready, self._ready = self._ready, None
        return ready

    @Slot(object)
    def _on_result(self, result: DepthResult) -> None:
        self._ready = result

    @Slot(object)
    def _on_error(self, _error: Exception) -> None:
        self.builder = DepthBuilder()

    def forget(self) -> None:
        """A new run: a result still being computed belongs to the old one (and so
        does the builder it runs on)."""
        self._worker.forget()
        self._ready = None
        self.builder = DepthBuilder()

    def shutdown(self) -> None:
        self._worker.shutdown()
