"""Activity spans: what each process was doing, from moment to moment, built as events
arrive.

A process's state is a stack: a consumer holding a Lock can be blocked in recv() on
top of it, and when recv() returns it is holding the lock again.  The top of the stack
is what its lane shows; a span closes each time the top changes.  Nothing on the
stack means "idle" (running untraced code), which is not stored: a lane draws idle as
its background from start to exit.

Rows arrive per process in that process's time order, but processes interleave by
batch, so every process keeps its own stack.  Besides spans, each lane keeps "marks":
the moments an item moved (put, get, send, recv, Full, Empty), so an item's way from
producer to consumer can be looked up.  Nothing here imports Qt.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np
from ipcscope.core import rows as event_rows
from ipcscope.core.events import Kind
from ipcscope.core import paged
from ipcscope.core.paged import PagedArray
from ipcscope.core.spill import SpillPool


class Activity(enum.IntEnum):
    IDLE = 0
    WORKING = 1
    PUT_BLOCKED = 2       # put() on a full queue
    GET_WAITING = 3       # get() on an empty queue
    LOCK_WAITING = 4
    LOCK_HOLDING = 5
    RECV_BLOCKED = 6
    JOIN_WAITING = 7      # JoinableQueue.join(), Process.join()
    GATE_WAITING = 8      # held at IPC Scope's start gate until every racer exists
    FINISHING = 9         # its code returned, the process is not gone yet (a Queue's
    #                       feeder still flushing: join-before-drain's deadlock)


# kind -> the activity it starts; and kind -> the activity it ends
_BEGINS = {
    Kind.WORK_BEGIN: Activity.WORKING, Kind.PUT_BEGIN: Activity.PUT_BLOCKED,
    Kind.GET_BEGIN: Activity.GET_WAITING, Kind.LOCK_WAIT: Activity.LOCK_WAITING,
    Kind.RECV_BEGIN: Activity.RECV_BLOCKED, Kind.QJOIN_BEGIN: Activity.JOIN_WAITING,
    Kind.PJOIN_BEGIN: Activity.JOIN_WAITING, Kind.GATE_WAIT: Activity.GATE_WAITING,
    Kind.TARGET_END: Activity.FINISHING, Kind.SYNC_WAIT: Activity.LOCK_WAITING,
}
_ENDS = {
    Kind.WORK_END: Activity.WORKING,
    Kind.PUT_END: Activity.PUT_BLOCKED, Kind.PUT_FULL: Activity.PUT_BLOCKED,
    Kind.GET_END: Activity.GET_WAITING, Kind.GET_EMPTY: Activity.GET_WAITING,
    Kind.RECV_END: Activity.RECV_BLOCKED, Kind.RECV_EOF: Activity.RECV_BLOCKED,
    Kind.RECV_CORRUPT: Activity.RECV_BLOCKED,
    Kind.QJOIN_END: Activity.JOIN_WAITING, Kind.PJOIN_END: Activity.JOIN_WAITING,
    Kind.GATE_PASS: Activity.GATE_WAITING,
    Kind.LOCK_RELEASE: Activity.LOCK_HOLDING, Kind.SYNC_DONE: Activity.LOCK_WAITING,
}
# Ends that are also the fast path of a call that never waited: they are most of the
# events of a busy queue, and only matter to a process that has something open.
_FAST_ENDS = np.array([Kind.PUT_END, Kind.GET_END, Kind.RECV_END], dtype=np.int16)
_STATE_KINDS = np.array(sorted({*_BEGINS, *_ENDS, Kind.LOCK_ACQUIRED, Kind.CHANNEL_CLOSED,
                                Kind.RUN_END}), dtype=np.int16)
_BEGIN_KINDS = np.array(sorted({*_BEGINS, Kind.LOCK_ACQUIRED}), dtype=np.int16)
MARK_KINDS = np.array([Kind.PUT_END, Kind.PUT_FULL, Kind.GET_END, Kind.GET_EMPTY, Kind.SEND,
                       Kind.RECV_END, Kind.RECV_EOF, Kind.RECV_CORRUPT, Kind.DICT_READ,
                       Kind.DICT_WRITE], dtype=np.int16)
# (a dict access's `item` is its key's string index, not an item: item_way skips them)

# Marks by what a lane's ticks show, each kept as its own sorted array of times, so a
# view can ask "any of these between t and t'?" per pixel column by binary search,
# never by reading every mark in view.
TICK_KINDS = {
    "out": (Kind.PUT_END, Kind.SEND),                # an item put or sent
    "in": (Kind.GET_END, Kind.RECV_END),             # an item got or received
    "full": (Kind.PUT_FULL,),                        # put_nowait raised Full
    "empty": (Kind.GET_EMPTY, Kind.RECV_EOF),        # nothing to get, or EOF
    "dict_write": (Kind.DICT_WRITE,),
}
_TICK_OF_KIND = np.full(128, -1, np.int8)
for _number, _kinds in enumerate(TICK_KINDS.values()):
    _TICK_OF_KIND[list(_kinds)] = _number

# kind -> activity it begins / ends (0: neither), for the vectorized path of Lane.apply_rows
_BEGIN_ACT = np.zeros(128, np.int8)
_BEGIN_ACT[list(_BEGINS)] = list(_BEGINS.values())
_END_ACT = np.zeros(128, np.int8)
_END_ACT[list(_ENDS)] = list(_ENDS.values())

SPAN_DTYPE = np.dtype([("start", "<i8"), ("end", "<i8"), ("state", "i1"), ("obj", "<i2"),
                       ("item", "<i8")])
MARK_DTYPE = np.dtype([("t", "<i8"), ("kind", "<i2"), ("obj", "<i2"), ("item", "<i8"),
                       ("a", "<i8"), ("b", "<i8")])
TICK_DTYPE = np.dtype([("t", "<i8")])


class Lane:
    """One process: its closed spans (time-ordered), its open stack, its item marks.
    Spans, marks and ticks are PagedArrays (core/paged.py): an hour of flood keeps its
    recent ones in memory and the rest on disk."""

    def __init__(self, proc: int, pool: SpillPool | None = None):
        self.proc = proc
        # what a frame reads (spans, ticks) keeps more chunks in memory than what only
        # pointing at an item reads (marks): ~13 MB a busy lane in all
        self._spans = PagedArray(SPAN_DTYPE, "start", resident_chunks=4, pool=pool)
        self._marks = PagedArray(MARK_DTYPE, "t", summary="item", resident_chunks=2,
                                 pool=pool)
        self._tick_times = [PagedArray(TICK_DTYPE, "t", chunk_rows=2 * paged.CHUNK_ROWS,
                                       resident_chunks=4, pool=pool) for _ in TICK_KINDS]
        self._stack: list[tuple[int, int]] = []   # (activity, obj)
        self._top_since = 0
        self._pending: list[tuple] = []
        self.closed = False

    @property
    def spans(self) -> PagedArray:
        return self._spans

    def _add_spans(self, spans: np.ndarray) -> None:
        self._spans.extend(spans)

    @property
    def marks(self) -> PagedArray:
        return self._marks

    def tick_times(self, tick: str) -> PagedArray:
        """Times (ns, sorted; field "t") of this lane's marks of one TICK_KINDS entry."""
        return self._tick_times[list(TICK_KINDS).index(tick)]

    def open_span(self) -> tuple[Activity, int, int] | None:
        """(activity, obj, since) of what the process is doing now, if not idle."""
        if not self._stack:
            return None
        state, obj = self._stack[-1]
        return Activity(state), obj, self._top_since

    def has_open(self) -> bool:
        return bool(self._stack)

    # --- building -----------------------------------------------------------------

    def _top(self) -> tuple[int, int]:
        return self._stack[-1] if self._stack else (Activity.IDLE, 0)

    def _change(self, t: int, item: int, edit) -> None:
        before = self._top()
        edit()
        after = self._top()
        if after != before:
            if before[0] != Activity.IDLE:
                self._pending.append((self._top_since, max(t, self._top_since), before[0],
                                      before[1], item))
            self._top_since = t

    def apply(self, t: int, kind: int, obj: int, item: int) -> None:
        if self.closed:
            return
        stack = self._stack
        if kind in _BEGINS:
            self._change(t, 0, lambda: stack.append((int(_BEGINS[kind]), obj)))
        elif kind == Kind.LOCK_ACQUIRED:
            def acquire():
                self._remove(Activity.LOCK_WAITING, obj)
                stack.append((int(Activity.LOCK_HOLDING), obj))
            self._change(t, 0, acquire)
        elif kind in _ENDS:
            wanted = _ENDS[kind]
            if any(s == wanted for s, _ in stack):
                self._change(t, item, lambda: self._remove(wanted, obj))
        elif kind in (Kind.CHANNEL_CLOSED, Kind.RUN_END):
            self.close(t)

    def apply_rows(self, t: np.ndarray, kind: np.ndarray, obj: np.ndarray,
                   item: np.ndarray) -> None:
        """`apply` for each row in order; the common case without a Python loop.

        Most of a busy process's rows are one thing at a time — work, then a wait, then
        work — each begun on an empty stack and ended before the next begins.  Once the
        stack is empty, such a stretch becomes its spans in a few numpy operations;
        anything else (nesting, locks, the process's end) goes row by row."""
        n, i = len(t), 0
        while i < n and self._stack and not self.closed:
            self.apply(int(t[i]), int(kind[i]), int(obj[i]), int(item[i]))
            i += 1
        if i == n or self.closed:
            return
        spans = _one_at_a_time(t[i:], kind[i:], obj[i:], item[i:])
        if spans is None:
            for row in zip(t[i:].tolist(), kind[i:].tolist(), obj[i:].tolist(),
                           item[i:].tolist()):
                self.apply(*row)
            return
        spans, still_open = spans
        self.flush()
        if len(spans):
            self._add_spans(spans)
            self._top_since = int(spans["end"][-1])
        if still_open is not None:
            act, open_obj, since = still_open
            self._stack.append((act, open_obj))
            self._top_since = since

    def _remove(self, state: Activity, obj: int) -> None:
        """Drop the innermost open `state` (of this object if there is one)."""
        stack = self._stack
        for match_obj in (True, False):
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == state and (not match_obj or stack[i][1] == obj):
                    del stack[i]
                    return

    def close(self, t: int) -> None:
        """The process is gone: whatever it was doing ends now."""
        if self.closed:
            return
        self._change(t, 0, self._stack.clear)
        self.closed = True

    def flush(self) -> None:
        if self._pending:
            self._add_spans(np.array(self._pending, dtype=SPAN_DTYPE))
            self._pending.clear()

    def add_marks(self, rows: np.ndarray) -> None:
        marks = np.empty(len(rows), MARK_DTYPE)
        for name in MARK_DTYPE.names:
            marks[name] = rows[name]
        self._marks.extend(marks)
        ticks = _TICK_OF_KIND[marks["kind"]]
        for number, times in enumerate(self._tick_times):
            picked = marks["t"][ticks == number]
            if len(picked):
                rows = np.empty(len(picked), TICK_DTYPE)
                rows["t"] = picked
                times.extend(rows)


def _one_at_a_time(t, kind, obj, item):
    """Spans of rows applied to an empty stack, if it never holds more than one thing:
    (spans, (activity, obj, since) left open or None); None if it would nest, or if a
    row is not a plain begin or end (a lock acquired, the process's end)."""
    begin_act, end_act = _BEGIN_ACT[kind], _END_ACT[kind]
    if not np.all((begin_act > 0) | (end_act > 0)):
        return None
    begins = np.flatnonzero(begin_act > 0)
    if not len(begins):
        return np.empty(0, SPAN_DTYPE), None          # ends with nothing open: no-ops
    # each row's segment: the last begin at or before it (-1: before the first one)
    segment = np.maximum.accumulate(np.where(begin_act > 0, np.arange(len(t)), -1))
    opened = begin_act[np.maximum(segment, 0)]
    closes = (end_act > 0) & (segment >= 0) & (end_act == opened)
    close_rows = np.flatnonzero(closes)
    # the first end of its segment's activity closes it; later ones find nothing open
    segs, first = np.unique(segment[close_rows], return_index=True)
    close_rows = close_rows[first]
    closed_begins = begins[:len(segs)]
    if len(segs) < len(begins) - 1 or not np.array_equal(segs, closed_begins):
        return None                    # a begin on top of one still open: it nests
    last_open = len(segs) < len(begins)
    spans = np.empty(len(segs), SPAN_DTYPE)
    spans["start"] = t[closed_begins]
    spans["end"] = np.maximum(t[close_rows], t[closed_begins])
    spans["state"] = begin_act[closed_begins]
    spans["obj"] = obj[closed_begins]
    spans["item"] = item[close_rows]
    still_open = None
    if last_open:
        b = int(begins[-1])
        still_open = (int(begin_act[b]), int(obj[b]), int(t[b]))
    return spans, still_open


class SpanBuilder:
    """Lanes for every process of a run, fed batch by batch (`append`)."""

    def __init__(self):
        self.lanes: dict[int, Lane] = {}
        self.pool = SpillPool()            # one spill file for every lane of the run

    def lane(self, proc: int) -> Lane:
        lane = self.lanes.get(proc)
        if lane is None:
            lane = self.lanes[proc] = Lane(proc, self.pool)
        return lane

    def append(self, rows: np.ndarray) -> set[int]:
        """Take a batch (arrival order); returns the processes whose lanes changed."""
        if not len(rows):
            return set()
        kinds, procs = rows["kind"], rows["proc"]
        changed = self._add_marks(rows, kinds, procs)
        if np.any(kinds == Kind.RUN_END):
            end = int(rows["t"][kinds == Kind.RUN_END][-1])
        else:
            end = None
        state_rows = event_rows.take(rows, self._state_mask(kinds, procs) & (procs >= 0))
        # lanes are independent: each takes its own rows, in their arrival order
        state_rows = event_rows.take(state_rows, np.argsort(state_rows["proc"], kind="stable"))
        procs_sorted = state_rows["proc"]
        starts = np.flatnonzero(np.r_[True, procs_sorted[1:] != procs_sorted[:-1]]) \
            if len(state_rows) else np.empty(0, np.int64)
        for start, stop in zip(starts.tolist(), np.r_[starts[1:], len(state_rows)].tolist()):
            proc = int(procs_sorted[start])
            part = state_rows[start:stop]
            self.lane(proc).apply_rows(part["t"], part["kind"], part["obj"], part["item"])
            changed.add(proc)
        if end is not None:   # the supervisor's last word: nothing is open any more
            for lane in self.lanes.values():
                lane.close(end)
            changed.update(self.lanes)
        for proc in changed:
            self.lanes[proc].flush()
        return changed

    def _state_mask(self, kinds: np.ndarray, procs: np.ndarray) -> np.ndarray:
        mask = np.isin(kinds, _STATE_KINDS)
        fast = np.isin(kinds, _FAST_ENDS)
        if fast.any():
            # A fast-path end can only close a wait that is open already, or one whose
            # begin is in this very batch.
            busy = {p for p, lane in self.lanes.items() if lane.has_open()}
            busy.update(np.unique(procs[np.isin(kinds, _BEGIN_KINDS)]).tolist())
            mask &= ~fast | np.isin(procs, np.array(sorted(busy), dtype=procs.dtype))
        return mask

    def _add_marks(self, rows: np.ndarray, kinds: np.ndarray, procs: np.ndarray) -> set[int]:
        marked = event_rows.take(rows, np.isin(kinds, MARK_KINDS) & (procs >= 0))
        if not len(marked):
            return set()
        marked = event_rows.take(marked, np.argsort(marked["proc"], kind="stable"))
        procs_sorted = marked["proc"]
        starts = np.flatnonzero(np.r_[True, procs_sorted[1:] != procs_sorted[:-1]])
        ends = np.r_[starts[1:], len(marked)]
        changed = set()
        for start, end in zip(starts.tolist(), ends.tolist()):
            proc = int(procs_sorted[start])
            self.lane(proc).add_marks(marked[start:end])
            changed.add(proc)
        return changed

    # --- reading ------------------------------------------------------------------

    def spans_between(self, proc: int, t0: int, t1: int) -> np.ndarray:
        """Closed spans of `proc` that overlap [t0, t1] (spans are time-ordered)."""
        lane = self.lanes.get(proc)
        if lane is None:
            return np.empty(0, SPAN_DTYPE)
        spans = lane.spans
        # spans follow one another: only the last one starting before t0 can reach it
        first = max(0, spans.searchsorted(t0, "right") - 1)
        last = spans.searchsorted(t1, "right")
        found = spans.slice(first, max(first, last))
        if len(found) and found["end"][0] < t0:
            found = found[1:]
        return found

    def mark_near(self, proc: int, t: int, within: int) -> np.ndarray | None:
        """The mark of `proc` closest to t, if one is within `within` ns."""
        lane = self.lanes.get(proc)
        if lane is None or not len(lane.marks):
            return None
        i = lane.marks.searchsorted(t)
        near = lane.marks.slice(i - 1, i + 1)      # the marks either side of t
        best = min(near, key=lambda mark: abs(int(mark["t"]) - t))
        return best if abs(int(best["t"]) - t) <= within else None


@dataclass(frozen=True)
class ItemWay:
    """How one item went: who put (or sent) it, on which object, who got it, when."""
    item: int
    obj: int
    sender: int | None
    sent_t: int | None
    receiver: int | None
    received_t: int | None
    lost: bool = False           # put_nowait raised Full: it never entered the queue

    @property
    def waited_ns(self) -> int | None:
        if self.sent_t is None or self.received_t is None:
            return None
        return max(0, self.received_t - self.sent_t)


_SENDS = (Kind.PUT_END, Kind.SEND, Kind.PUT_FULL)
_RECEIVES = (Kind.GET_END, Kind.RECV_END)
_ITEM_KINDS = np.array(_SENDS + _RECEIVES, dtype=np.int16)


def item_way(builder: SpanBuilder, item: int) -> ItemWay | None:
    """Find the put/send and the get/recv of an item across all lanes."""
    if item == 0:
        return None
    sender = sent_t = receiver = received_t = None
    obj, lost = 0, False
    for proc, lane in builder.lanes.items():
        marks = lane.marks.rows_where(item)     # reads only chunks that can hold it
        hits = np.isin(marks["kind"], _ITEM_KINDS)
        for i in np.flatnonzero(hits).tolist():
            kind, t = int(marks["kind"][i]), int(marks["t"][i])
            obj = int(marks["obj"][i])
            if kind in _SENDS:
                sender, sent_t, lost = proc, t, kind == Kind.PUT_FULL
            elif kind in _RECEIVES:
                receiver, received_t = proc, t
    if sender is None and receiver is None:
        return None
    return ItemWay(item, obj, sender, sent_t, receiver, received_t, lost)
