"""Queue depth off the GUI thread.

RunModel.depth_series() re-reads every put and get of a queue and sorts them by cause:
~1 ms for the article's scenarios, ~0.3 s at 2.8M events, and it grows with the run.  So
the window keeps the queue events aside as they arrive (`QueueRows`), and a worker
thread brings the depth up to date from a snapshot of them (`DepthBuilder`), while the
GUI thread goes on drawing.

The builder settles what is older than SETTLE_S before the newest event seen: a row
stamped that long ago has arrived (rows reach the window within tens of ms), so the
depth up to there is final and is kept (on disk past its newest chunks: core/paged.py);
each update sorts only the rows after it.  The window hands the builder only the rows
that came since its last update, and keeps no others: the run's are in its model.  A
row that does come later than that starts the depth over from every row of the model,
so the result is always the one RunModel.depth_series() gives; in a run too big for
that (over RESTART_ROWS queue events) the late row is taken as stamped at the boundary
and counted (`late_rows`).  A line is handed on as its settled part and the rest
(`StepLine`), so an update copies only what it sorted: it draws at the view's
resolution (step_columns.py), not here.  The builder is plain Python and numpy;
DepthComputer runs it through an OffThread (gui/run/off_thread.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from ipcscope.core.events import Kind, ObjType
from ipcscope.core.model import gets_after_their_puts
from ipcscope.core.paged import GrowableArray, PagedArray
from ipcscope.core.spill import SpillPool
from ipcscope.gui.run.off_thread import OffThread
from PySide6.QtCore import QObject, Signal, Slot

QUEUE_KINDS = np.array([Kind.OBJ_CREATE, Kind.PUT_END, Kind.GET_END, Kind.PUT_FULL,
                        Kind.GET_EMPTY, Kind.TASK_DONE], dtype=np.int16)
SYNC_LIMIT = 20_000          # fewer queue events than this: compute in the GUI thread
SETTLE_S = 0.5               # rows this much older than the newest are final (see above)
RESTART_ROWS = 1_000_000     # queue events past which a late row no longer starts over
MARKERS_KEPT = 4000          # of each marker (Full, Empty, None), the newest drawn


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
    """The queue events (and object creations, for names and capacities) that came
    since the depth builder last took them: only those are in memory, the run's are in
    its model."""

    def __init__(self, dtype: np.dtype):
        self.dtype = dtype
        self._pending: list[np.ndarray] = []
        self._earliest = None               # the earliest depth row pending
        self.total = 0                      # queue events so far

    def add(self, rows: np.ndarray) -> np.ndarray:
        """Keep the queue events of `rows`; returns them."""
        picked = rows[np.isin(rows["kind"], QUEUE_KINDS)]
        if len(picked):
            self._pending.append(picked)
            self.total += len(picked)
            depth_t = picked["t"][_is_depth_kind(picked["kind"])]
            if len(depth_t):
                low = int(depth_t.min())
                self._earliest = low if self._earliest is None else min(self._earliest, low)
        return picked

    def take(self) -> tuple[list[np.ndarray], int | None]:
        """The rows added since the last take, as they came (the builder joins them,
        off the GUI thread), and the earliest stamp of a depth row among them."""
        taken, earliest = self._pending, self._earliest
        self._pending, self._earliest = [], None
        return taken, earliest

    def __len__(self) -> int:
        return self.total


STEP_DTYPE = np.dtype([("t", "<i8"), ("level", "<i8")])


@dataclass(frozen=True)
class StepLine:
    """A step line's changes in time order and its level after each (0 before the
    first): the builder's settled part (a PagedArray snapshot: its old chunks are on
    disk) and the rest.  Joining them would copy the whole line at every update."""
    settled: PagedArray
    rest_t: np.ndarray
    rest_level: np.ndarray
    peak: int                                   # the highest level, 0 if none

    @property
    def t_ns(self) -> np.ndarray:
        """Every change's time: for small lines and tests, never a long run's."""
        return np.concatenate([self.settled["t"], self.rest_t])

    @property
    def level(self) -> np.ndarray:
        return np.concatenate([self.settled["level"], self.rest_level])

    def parts_for(self, edges_t: np.ndarray):
        """(times, levels) parts enough to draw the columns between these edges
        (step_columns.column_ranges), one at a time: old chunks and blocks narrower
        than a column are not read."""
        column_ns = float(edges_t[1] - edges_t[0]) if len(edges_t) > 1 else 0.0
        yield from settled_parts(self.settled, int(edges_t[0]), int(edges_t[-1]), column_ns)
        yield self.rest_t, self.rest_level

    def last(self) -> tuple[int, int] | None:
        """(time, level) of the last change, or None before the first."""
        if len(self.rest_t):
            return int(self.rest_t[-1]), int(self.rest_level[-1])
        if len(self.settled):
            last = self.settled.slice(len(self.settled) - 1, len(self.settled))[0]
            return int(last["t"]), int(last["level"])
        return None

    def __len__(self) -> int:
        return len(self.settled) + len(self.rest_t)


def step_line(t: np.ndarray, level: np.ndarray, settled: int = 0, **paged) -> StepLine:
    """A StepLine of these changes, the first `settled` of them in its settled part
    (PagedArray options in `paged`: tests page it to disk in small chunks)."""
    steps = PagedArray(STEP_DTYPE, "t", extent="level", **paged)
    rows = np.empty(settled, STEP_DTYPE)
    rows["t"], rows["level"] = t[:settled], level[:settled]
    steps.extend(rows)
    return StepLine(steps.snapshot(), t[settled:], level[settled:],
                    int(level.max()) if len(level) else 0)


def settled_parts(steps: PagedArray, t_lo: int, t_hi: int, column_ns: float):
    """The steps that matter between t_lo and t_hi, as (times, levels) parts in time
    order, one at a time (a zoom out over an hour never holds them all): the last step
    before t_lo (the level the view opens with), then each chunk in view.  A chunk on
    disk that spans no more than a column is not read: it stands as its lowest and
    highest level at its first time and its last level at its last, which draws the
    same one or two columns; a wider one whose blocks are that narrow stands as its
    blocks, the same way; only a chunk with a block wider than a column is read."""
    n_full = steps.full_chunks
    first, last = steps.bounds()
    c0 = int(np.searchsorted(last, t_lo, "left"))       # the first chunk reaching t_lo
    c1 = min(int(np.searchsorted(first, t_hi, "right")), n_full)  # ...starting by t_hi
    if c0 > 0:
        before = steps.last_rows()[c0 - 1:c0]
        yield before["t"], before["level"]
    extents, ends, widest = steps.extents(), steps.last_rows(), steps.widest_blocks()
    c = c0
    while c < c1:
        if steps.in_memory(c):
            rows = steps.chunk(c)
            yield rows["t"], rows["level"]
            c += 1
        elif last[c] - first[c] <= column_ns:           # a run of narrow chunks, as one
            run_end = c
            while run_end < c1 and not steps.in_memory(run_end) and \
                    last[run_end] - first[run_end] <= column_ns:
                run_end += 1
            chunks = np.arange(c, run_end)
            yield _blobs(first[chunks], last[chunks], extents["lo"][chunks],
                         extents["hi"][chunks], ends["level"][chunks])
            c = run_end
        elif widest[c] <= column_ns:
            blocks = steps.blocks(c)
            yield _blobs(blocks["first"], blocks["last"], blocks["lo"], blocks["hi"],
                         blocks["end"])
            c += 1
        else:
            rows = steps.chunk(c)
            yield rows["t"], rows["level"]
            c += 1
    tail = steps.chunk(n_full)
    if len(tail):
        yield tail["t"], tail["level"]


def _blobs(first, last, lo, hi, end) -> tuple[np.ndarray, np.ndarray]:
    """Stretches known only by their extent, as steps: lowest and highest level at
    their first time, their last level at their last."""
    t = np.stack([first, first, last], axis=1).ravel()
    level = np.stack([lo, hi, end], axis=1).ravel()
    return t, level


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
    # the newest MARKERS_KEPT of each marker (a polling consumer's Empty can come a
    # million times a second), and how many there were in all
    full_t_ns: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    full_capacity: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    empty_t_ns: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    sentinel_t_ns: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    counts: dict = field(default_factory=lambda: {"full": 0, "empty": 0, "none": 0})


class _Newest:
    """The newest `keep` of a stream of values, and how many came in all."""

    def __init__(self, keep: int = MARKERS_KEPT):
        self.keep, self.count = keep, 0
        self._values = GrowableArray(np.dtype(np.int64))

    def extend(self, values: np.ndarray) -> None:
        self.count += len(values)
        self._values.extend(values.astype(np.int64))
        if len(self._values) > 2 * self.keep:      # a new buffer: views handed out stay
            newest = self._values.view()[-self.keep:]
            self._values = GrowableArray(np.dtype(np.int64))
            self._values.extend(newest)

    def view(self) -> np.ndarray:
        return self._values.view()[-self.keep:]


_DEPTH_FIELDS = ("t", "kind", "obj", "item")


def _is_depth_kind(kinds: np.ndarray) -> np.ndarray:
    """Puts, gets and task_done: the rows a depth line is made of."""
    return (kinds == Kind.PUT_END) | (kinds == Kind.GET_END) | (kinds == Kind.TASK_DONE)


class _Settled:
    """One line's final part: its steps up to the builder's boundary (older chunks on
    disk), and the running sum of its steps there (before clamping)."""

    def __init__(self, **paged):
        # every frame draws the line: 8 chunks (4 MB) in memory, the last ~10 s of a flood
        self.steps = PagedArray(STEP_DTYPE, "t", extent="level",
                                **{"resident_chunks": 8, **paged})
        self.total = 0
        self.peak = 0

    def extend(self, t: np.ndarray, delta: np.ndarray, settle_before: int,
               clamp: bool, upper: int | None = None) -> StepLine:
        """Add steps (sorted by t) after the final part; settle those before
        `settle_before`; return the whole line (clamped to [0, upper] if `clamp`, as
        RunModel's clamped_cumsum does).  Its settled part is a snapshot that later
        extends never change."""
        running = self.total + np.cumsum(delta)
        level = np.clip(running, 0, upper) if clamp else running
        final = int(np.searchsorted(t, settle_before))
        if final:
            steps = np.empty(final, STEP_DTYPE)
            steps["t"], steps["level"] = t[:final], level[:final]
            self.steps.extend(steps)
            self.total = int(running[final - 1])
            self.peak = max(self.peak, int(level[:final].max()))
        rest = level[final:]
        peak = max(self.peak, int(rest.max())) if len(rest) else self.peak
        return StepLine(self.steps.snapshot(), t[final:], rest, peak)


class DepthBuilder:
    """Brings every queue's depth up to date from a growing snapshot of queue rows,
    sorting only the rows not settled yet (see the module's doc)."""

    def __init__(self, **paged):
        """paged: PagedArray options for the settled lines (tests: small chunks)."""
        self._paged = {"pool": SpillPool(), **paged}     # one spill file for all lines
        self._reset()
        self.restarts = 0          # rows that came late: the depth was started over
        self.late_rows = 0         # ... or, too big a run to start over, put at the boundary

    def is_late(self, earliest: int | None) -> bool:
        """Is a depth row stamped `earliest` before what is settled?  Then the depth
        must start over from every row (update(..., restart=True))."""
        return earliest is not None and earliest < self._boundary

    @property
    def unsettled(self) -> int:
        """Rows kept from the last update to sort again with the next one."""
        return 0 if self._unsettled is None else len(self._unsettled["t"])

    def _reset(self) -> None:
        self._boundary = np.iinfo(np.int64).min
        self._unsettled = None                # depth rows after the boundary, by field
        self._objects: dict[int, tuple[str, ObjType, int]] = {}
        self._depth: dict[int, _Settled] = {}
        self._unfinished: dict[int, _Settled] = {}
        self._full_t, self._full_capacity = _Newest(), _Newest()
        self._empty_t, self._sentinel_t = _Newest(), _Newest()

    def update(self, new, strings: list[str], settle_before: int,
               restart: bool = False, seed: list | None = None) -> DepthResult:
        """new: the queue rows since the last update (an array, a list of them in
        arrival order, or a function that reads them); with `restart`, every queue row
        so far (the depth starts over).  A late row without `restart` (a run too big to
        start over) is taken as stamped at the boundary, and counted.  `seed`: a run too
        big to read back, whose builder was lost (an update raised), goes on from the
        queues' depth now: (obj, name, type, maxsize, depth, unfinished) each."""
        if callable(new):
            new = new()
        if isinstance(new, list):
            new = np.concatenate(new)
        if restart or seed is not None:
            self.restarts += 1
            self._reset()
        for obj, name, obj_type, maxsize, depth, unfinished in seed or []:
            self._objects[obj] = (name, obj_type, maxsize)
            self._depth[obj] = _Settled(**self._paged)
            self._depth[obj].total = depth
            if obj_type == ObjType.JOINABLE_QUEUE:
                self._unfinished[obj] = _Settled(**self._paged)
                self._unfinished[obj].total = unfinished
        kinds = new["kind"]
        is_depth = _is_depth_kind(kinds)
        if not restart and is_depth.any() and int(new["t"][is_depth].min()) < self._boundary:
            new = new.copy()
            late = is_depth & (new["t"] < self._boundary)
            self.late_rows += int(late.sum())
            new["t"][late] = self._boundary
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
        result.counts = {"full": self._full_t.count, "empty": self._empty_t.count,
                         "none": self._sentinel_t.count}
        return result

    def _note(self, new: np.ndarray, kinds: np.ndarray, strings: list[str]) -> None:
        """Queues made, and the markers: Full, Empty, None taken."""
        for obj, name, obj_type, maxsize in queues_made(new, strings):
            self._objects[obj] = (name, obj_type, maxsize)
        full = np.flatnonzero(kinds == Kind.PUT_FULL)
        self._full_t.extend(new["t"][full])
        objs, which = np.unique(new["obj"][full], return_inverse=True)
        capacity = np.array([self._objects.get(o, ("", 0, 0))[2] for o in objs.tolist()],
                            np.int64)
        self._full_capacity.extend(capacity[which])
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
        line = self._depth.get(obj) or self._depth.setdefault(obj, _Settled(**self._paged))
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
            line = self._unfinished.get(obj) or \
                self._unfinished.setdefault(obj, _Settled(**self._paged))
            queue.unfinished = line.extend(change_t[order], steps, settle_before, False)
        return queue


def depth_now(model, pending: list[np.ndarray]) -> list:
    """Each queue's (obj, name, type, maxsize, depth, unfinished) as the model's counts
    say, less what the `pending` rows (in the model already, not in the builder yet)
    add: a seed for DepthBuilder.update."""
    kinds = (Kind.PUT_END, Kind.GET_END, Kind.TASK_DONE)
    seed = []
    for queue in model.queues():
        count = {kind: queue.count(kind) for kind in kinds}
        for rows in pending:
            mine = rows["obj"] == queue.obj
            for kind in kinds:
                count[kind] -= int(np.count_nonzero(mine & (rows["kind"] == kind)))
        depth = max(0, count[Kind.PUT_END] - count[Kind.GET_END])
        if queue.maxsize > 0:
            depth = min(depth, queue.maxsize)
        seed.append((queue.obj, queue.name, queue.type, queue.maxsize, depth,
                     count[Kind.PUT_END] - count[Kind.TASK_DONE]))
    return seed


class DepthComputer(QObject):
    """Runs the builder's update now (small runs) or in a worker thread (big ones);
    `take()` hands back the newest finished result, once.  An update that raised
    leaves the builder half-updated: the next one starts over from every row."""

    problem = Signal(str)             # an update failed (see off_thread.py)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._ready: DepthResult | None = None
        self.builder = DepthBuilder()     # the worker's, between submits
        self.needs_restart = False        # an update failed: the next starts over
        self._worker = OffThread("ipcscope-depth", "work out the queue depth", self)
        self._worker.finished.connect(self._on_result)
        self._worker.errored.connect(self._on_error)
        self._worker.problem.connect(self.problem)

    @property
    def busy(self) -> bool:
        return self._worker.busy

    def submit(self, rows, strings: list[str], settle_before: int,
               restart: bool = False, seed: list | None = None) -> None:
        """Bring the depth up to date with `rows` (the queue rows since the last
        submit, an array or a list of them; with `restart`, every one so far, or a
        function that reads them, called off the GUI thread), taking what is stamped
        before `settle_before` as final; `seed`: see DepthBuilder.update.  Only when not
        busy: rows submitted are taken."""
        assert not self.busy, "submit only when the last update is done"
        self.needs_restart = False
        if callable(rows):
            count = SYNC_LIMIT
        else:
            count = sum(map(len, rows)) if isinstance(rows, list) else len(rows)
        if count + self.builder.unsettled < SYNC_LIMIT:
            self._worker.run_here(self.builder.update, rows, strings, settle_before, restart,
                                  seed)
        else:
            self._worker.submit(self.builder.update, rows, list(strings), settle_before,
                                restart, seed)

    def take(self) -> DepthResult | None:
        ready, self._ready = self._ready, None
        return ready

    @Slot(object)
    def _on_result(self, result: DepthResult) -> None:
        self._ready = result

    @Slot(object)
    def _on_error(self, _error: Exception) -> None:
        self.builder = DepthBuilder()
        self.needs_restart = True      # the rows it had are gone with it: start over

    def forget(self) -> None:
        """A new run: a result still being computed belongs to the old one (and so
        does the builder it runs on)."""
        self._worker.forget()
        self._ready = None
        self.builder = DepthBuilder()
        self.needs_restart = False

    def shutdown(self) -> None:
        self._worker.shutdown()
