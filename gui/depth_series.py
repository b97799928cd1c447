"""Queue depth off the GUI thread.

RunModel.depth_series() re-reads every put and get of a queue and sorts them by cause:
~1 ms for the article's scenarios, ~150 ms for a 200k-item flood, and it grows with the
run.  So the window keeps the queue events aside as they arrive (`QueueRows`), and a
worker thread builds a small RunModel from a snapshot of them and asks it for the depth,
the very computation the summary uses, while the GUI thread goes on drawing.  Plain
Python and numpy: no Qt here.
"""
from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np

from core.events import Kind, ObjType
from core.model import RunModel
from core.spans import GrowableArray

QUEUE_KINDS = np.array([Kind.OBJ_CREATE, Kind.PUT_END, Kind.GET_END, Kind.PUT_FULL,
                        Kind.GET_EMPTY, Kind.TASK_DONE], dtype=np.int16)
SYNC_LIMIT = 20_000          # fewer queue events than this: compute in the GUI thread
# A queue's depth changes drawn at most.  Handing pyqtgraph all of a big run's (350k a
# queue at 2.8M events) cost ~30 ms a queue in the GUI thread each time a result came.
SHOWN_CHANGES = 6_144


class QueueRows:
    """The queue events of a run (and object creations, for names and capacities)."""

    def __init__(self, dtype: np.dtype):
        self.dtype = dtype
        self._rows = GrowableArray(dtype, 1024)

    def add(self, rows: np.ndarray) -> int:
        picked = rows[np.isin(rows["kind"], QUEUE_KINDS)]
        if len(picked):
            self._rows.extend(picked)
        return len(picked)

    def snapshot(self) -> np.ndarray:
        """A view that later appends never change (they write past its end or into a
        new buffer)."""
        return self._rows.view()

    def __len__(self) -> int:
        return len(self._rows)


@dataclass
class QueueDepth:
    obj: int
    name: str
    type: ObjType
    maxsize: int
    t_ns: np.ndarray
    depth: np.ndarray
    unfinished_t_ns: np.ndarray | None = None     # JoinableQueue: puts − task_done
    unfinished: np.ndarray | None = None
    # what is drawn: the same changes, at most ~SHOWN_CHANGES of them (see peak_steps)
    shown_t_ns: np.ndarray | None = None
    shown: np.ndarray | None = None
    shown_unfinished_t_ns: np.ndarray | None = None
    shown_unfinished: np.ndarray | None = None


@dataclass
class DepthResult:
    queues: list[QueueDepth] = field(default_factory=list)
    full_t_ns: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    full_capacity: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    empty_t_ns: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    sentinel_t_ns: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))


def compute_depths(rows: np.ndarray, strings: list[str]) -> DepthResult:
    model = RunModel(rows.dtype)
    model.append(rows, strings)
    result = DepthResult()
    for record in model.queues():
        t, depth = model.depth_series(record.obj)
        queue = QueueDepth(record.obj, record.name, record.type, record.maxsize, t, depth)
        if record.type == ObjType.JOINABLE_QUEUE:
            changes = model.of_kind(Kind.PUT_END, Kind.TASK_DONE, obj=record.obj)
            order = np.argsort(changes["t"], kind="stable")
            steps = np.where(changes["kind"][order] == Kind.PUT_END, 1, -1)
            queue.unfinished_t_ns, queue.unfinished = changes["t"][order], np.cumsum(steps)
        queue.shown_t_ns, queue.shown = peak_steps(queue.t_ns, queue.depth)
        if queue.unfinished is not None:
            queue.shown_unfinished_t_ns, queue.shown_unfinished = peak_steps(
                queue.unfinished_t_ns, queue.unfinished)
        result.queues.append(queue)
    full = model.of_kind(Kind.PUT_FULL)
    result.full_t_ns = full["t"]
    result.full_capacity = np.array([model.objects[o].maxsize if o in model.objects else 0
                                     for o in full["obj"].tolist()], dtype=np.int64)
    result.empty_t_ns = model.of_kind(Kind.GET_EMPTY)["t"]
    gets = model.of_kind(Kind.GET_END)
    result.sentinel_t_ns = gets["t"][gets["a"] == 1]
    return result


class DepthComputer:
    """Runs compute_depths now (small runs) or in a worker thread (big ones); `take()`
    hands back the newest finished result, once."""

    def __init__(self):
        self._executor: ThreadPoolExecutor | None = None
        self._future: Future | None = None
        self._ready: DepthResult | None = None

    @property
    def busy(self) -> bool:
        return self._future is not None and not self._future.done()

    def submit(self, rows: np.ndarray, strings: list[str]) -> None:
        if self.busy:
            return
        self._collect()     # a finished result not taken yet is kept, not replaced
        if len(rows) < SYNC_LIMIT:
            self._ready = compute_depths(rows, strings)
            return
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="ipcscope-depth")
        self._future = self._executor.submit(compute_depths, rows, list(strings))

    def take(self) -> DepthResult | None:
        self._collect()
        ready, self._ready = self._ready, None
        return ready

    def _collect(self) -> None:
        if self._future is not None and self._future.done():
            self._ready, self._future = self._future.result(), None

    def forget(self) -> None:
        """A new run: a result still being computed belongs to the old one."""
        self._future, self._ready = None, None

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


def peak_steps(t_ns: np.ndarray, level: np.ndarray, limit: int = SHOWN_CHANGES
               ) -> tuple[np.ndarray, np.ndarray]:
    """A step line's changes (sorted times, levels), at most `limit` of them to draw.
    Up to the limit they are all kept.  Beyond it the run's time is cut into limit/3
    equal bins, and each bin with changes becomes three: its lowest and its highest
    level at its first change, then its last level at its last change.  No peak or
    trough is lost at any zoom coarser than a bin (1/4096 of the run), and the line
    ends where the run does."""
    if len(t_ns) <= limit:
        return t_ns, level
    n_bins = limit // 3
    first_t = int(t_ns[0])
    span = int(t_ns[-1]) - first_t + 1
    bins = (t_ns - first_t) * n_bins // span                 # sorted, as t_ns is
    starts = np.flatnonzero(np.concatenate(([True], bins[1:] != bins[:-1])))
    ends = np.concatenate((starts[1:], [len(t_ns)])) - 1
    times = np.repeat(t_ns[starts], 3)
    times[2::3] = t_ns[ends]
    levels = np.empty(3 * len(starts), level.dtype)
    levels[0::3] = np.minimum.reduceat(level, starts)
    levels[1::3] = np.maximum.reduceat(level, starts)
    levels[2::3] = level[ends]
    return times, levels
