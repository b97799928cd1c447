"""Exports of a run for other tools: Chrome Trace Event JSON and CSV.

Chrome Trace Event JSON opens in Perfetto (ui.perfetto.dev) and chrome://tracing:

- one track per process, named as the window's lanes name it (core/names.py), its
  role as the process's label: each traced process is a trace "process" (its OS pid)
  with one thread track;
- what the process was doing as complete ("X") slices: working, blocked on put,
  waiting on get, waiting for lock, holding lock, blocked in recv, joining, waiting at
  gate (STATE_WORDS).  They come from ipcscope.core.spans, as the window's lanes do, so both
  show the same;
- every put / get / send / recv as a short slice, and a flow arrow ("s" -> "f", bound
  to those slices) from each put to the get of the same item (cat "queue") and from
  each send to its recv (cat "pipe");
- prints, exceptions, Full / Empty / EOFError and the like as instant ("i") events;
- a counter ("C") track per queue for its depth, in the process that created it;
- the run's metadata under "otherData".

Timestamps are microseconds since the run's first event, written with three decimals
so that nanoseconds survive exactly.  Rows of one process arrive in that process's
time order; the whole run is handed over sorted by time (stably), a block at a time
(core/export_source.py), and both exports write as the blocks come: memory does not
grow with the run (the Chrome trace keeps only the puts' and gets' times and items,
for its flow arrows and depth counters).  A trace file is exported the same way
without ever being loaded whole: open_trace() reads it record by record.
"""
from __future__ import annotations

import contextlib
import csv
import json
import os
import signal
import sys
import tempfile
from dataclasses import dataclass

import numpy as np
from ipcscope.core.events import TEXT_KINDS, Kind, ObjType, item_pid, item_seq
from ipcscope.core.export_source import ModelSource, RowSource, SpilledSource
from ipcscope.core.model import RunModel, clamped_cumsum, gets_after_their_puts
from ipcscope.core.names import role_note
from ipcscope.core.spans import _STATE_KINDS, SPAN_DTYPE, Activity, Lane, SpanBuilder
from ipcscope.core.trace import EVENT_DTYPE, read_records

MARK_NS = 1_000               # put / get slices are this long, or shorter if crowded
SYNTHETIC_PID_BASE = 1 << 24  # above Linux's largest pid: for processes without one
_FEED_ROWS = 1 << 16
MODEL_IN_MEMORY_CHUNKS = 64   # a run this long or shorter is sorted in memory (~40 MB)

# What each of ipcscope.core.spans' activities is called in the export (an activity added there
# later shows under its own name, lower-cased, until it gets words here).
STATE_WORDS = {
    "WORKING": "working", "PUT_BLOCKED": "blocked on put", "GET_WAITING": "waiting on get",
    "LOCK_WAITING": "waiting for lock", "LOCK_HOLDING": "holding lock",
    "RECV_BLOCKED": "blocked in recv", "JOIN_WAITING": "joining",
    "GATE_WAITING": "waiting at gate", "FINISHING": "returned, not gone yet",
}
_JOIN_BEGINS = np.array([Kind.QJOIN_BEGIN, Kind.PJOIN_BEGIN], np.int16)
_FLOW_OUT = {int(Kind.PUT_END), int(Kind.SEND)}
_MARKS = {int(Kind.PUT_END): "put", int(Kind.GET_END): "get", int(Kind.SEND): "send",
          int(Kind.RECV_END): "recv"}
_MARK_KINDS = np.array(list(_MARKS), np.int16)
_MAY_BE_NONE = {int(Kind.PUT_END), int(Kind.GET_END)}   # a=1: the value was None
_FLOWS = ((Kind.PUT_END, Kind.GET_END, "queue"), (Kind.SEND, Kind.RECV_END, "pipe"))
_OBJECT_WORDS = {ObjType.QUEUE: "queue", ObjType.JOINABLE_QUEUE: "queue", ObjType.PIPE: "pipe",
                 ObjType.LOCK: "lock", ObjType.RLOCK: "lock", ObjType.DICT: "dict"}


class ExportError(Exception):
    """An export that could not be written; str() is one sentence for the user."""


def stop_cleanly_on_signals() -> None:
    """For `ipcscope export`: Ctrl-C (SIGINT) and SIGTERM say "export stopped" and end
    the command by unwinding (SystemExit, status 128 + the signal), so every file it had
    not finished is removed on the way out (_replacing).  Killed outright, a SIGTERM left
    its .ipcscope-*.part behind, and Ctrl-C said "the run was stopped"."""
    def stop(number, _frame):
        print("ipcscope: export stopped; the files it had not finished are removed.",
              file=sys.stderr)
        raise SystemExit(128 + number)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)


@dataclass
class ChromeExport:
    """What went into a Chrome trace (the command reports it, tests check it)."""
    tracks: int = 0
    spans: int = 0
    flows: int = 0
    counters: int = 0
    instants: int = 0


# --- writing files -----------------------------------------------------------------------

def write_chrome(path: str, model: RunModel | RowSource,
                 meta: dict | None = None) -> ChromeExport:
    """Write the run (in memory, or a trace file's rows from open_trace) as Chrome Trace
    Event JSON (see the module's notes); meta goes under "otherData".  Raises
    ExportError if the file cannot be written."""
    counts = ChromeExport()
    with _source(model) as source, \
            _replacing(path, "w", encoding="utf-8", errors="replace") as file:
        file.write('{"traceEvents":[\n')
        lines, separator = [], ""
        for line in _chrome_lines(source, counts):
            lines.append(line)
            if len(lines) == 4096:
                file.write(separator + ",\n".join(lines))
                lines, separator = [], ",\n"
        if lines:
            file.write(separator + ",\n".join(lines))
        file.write('\n],\n"displayTimeUnit":"ms",\n"otherData":')
        file.write(_dumps(meta or {}))
        file.write("}\n")
    return counts


CSV_COLUMNS = ("time_s", "pid", "process", "role", "kind", "object", "item", "a", "b", "text")


def write_csv(path: str, model: RunModel | RowSource) -> int:
    """One row per event, in time order; returns how many.  time_s counts from the run's
    first event; item is "producer pid#sequence"; text is set for kinds that carry one."""
    with _source(model) as source:
        tables = source.tables
        t0 = source.t_first or 0
        names = _ProcessNames(tables)
        objects = {obj: record.name for obj, record in tables.objects.items()}
        text_kinds = {int(k) for k in TEXT_KINDS}
        kind_names = {int(k): k.name for k in Kind}
        with _replacing(path, "w", encoding="utf-8", errors="replace", newline="") as file:
            out = csv.writer(file)
            out.writerow(CSV_COLUMNS)
            for rows in source.blocks():
                columns = [rows[c].tolist()
                           for c in ("t", "kind", "obj", "proc", "item", "a", "b")]
                out.writerows((
                    _seconds(t - t0), names.os_pid(proc) or "", names.name(proc),
                    names.role(proc), kind_names.get(kind, str(kind)),
                    objects.get(obj, str(obj) if obj else ""),
                    "" if kind in text_kinds or not item else item_label(item), a, b,
                    _string(tables, item).replace("\x1f", " | ")
                    if kind in text_kinds else "")
                    for t, kind, obj, proc, item, a, b in zip(*columns))
        return len(source)


@contextlib.contextmanager
def _source(model: RunModel | RowSource):
    """The rows to write, in time order: a trace's (open_trace), a short run's sorted in
    memory, or a long run's (partly on disk already) sorted in runs on disk as a trace
    file's are, so exporting an hour's run from the window holds no copy of it."""
    if isinstance(model, RowSource):
        yield model
        return
    if model.chunk_count() <= MODEL_IN_MEMORY_CHUNKS:
        yield ModelSource(model)
        return
    source = SpilledSource(model.dtype)
    try:
        strings = list(model.strings)
        for part in model.parts():
            source.take(part, strings)
            strings = []
        source.finish()
        yield source
    finally:
        source.close()


@dataclass
class OpenedTrace:
    """A trace file read for export: its rows wait, sorted, in `model` (pass it to
    write_chrome / write_csv); close() lets go of them."""
    model: SpilledSource
    meta: dict
    notes: list[str]

    def close(self) -> None:
        self.model.close()


def open_trace(path: str) -> OpenedTrace:
    """Read a trace for export, record by record, in memory that does not grow with
    it (see core/export_source.py); raises TraceError as load_run does."""
    source = SpilledSource(EVENT_DTYPE)
    try:
        meta, _, notes = read_records(path, source.take)
        source.finish()
    except BaseException:
        source.close()
        raise
    return OpenedTrace(source, meta, notes)


def _string(model: RunModel, index: int) -> str:
    return model.strings[index] if 0 <= index < len(model.strings) else ""


def item_label(item: int) -> str:
    """An item's identity as people read it: the producer's pid # its sequence."""
    return f"{item_pid(item)}#{item_seq(item)}"


class _replacing:
    """Open a temporary file beside `path`; rename it over `path` only once written,
    so a failed export never leaves half a file (or clobbers a good one)."""

    def __init__(self, path: str, mode: str, **kwargs):
        self.path, self.mode, self.kwargs = path, mode, kwargs

    def __enter__(self):
        folder = os.path.dirname(os.path.abspath(self.path))
        try:
            handle, self.part = tempfile.mkstemp(prefix=".ipcscope-", suffix=".part",
                                                 dir=folder)
            self.file = os.fdopen(handle, self.mode, **self.kwargs)
        except OSError as error:
            raise ExportError(_cannot_write(self.path, error)) from None
        return self.file

    def __exit__(self, kind, error, tb):
        try:
            self.file.close()
            if kind is None:
                os.replace(self.part, self.path)
                return False
        except OSError as failure:
            error = failure if kind is None else error
        try:
            os.remove(self.part)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise ExportError(_cannot_write(self.path, error)) from None
        return False   # anything else is a bug: let it show


def _cannot_write(path: str, error: OSError) -> str:
    return f"Cannot write {path}: {error.strerror or error}."


# --- the Chrome trace -------------------------------------------------------------------

def _chrome_lines(source: RowSource, counts: ChromeExport):
    """Each trace event as one line of JSON, a block of rows at a time (in time order:
    Perfetto and chrome://tracing sort the events themselves)."""
    tables = source.tables
    names = _ProcessNames(tables)
    procs = sorted((set(tables.processes) | source.procs) - {-1})
    if not procs and len(source):
        procs = [-1]            # only the supervisor's word: it gets the one track
    tracks = _Tracks(tables, names, procs)
    counts.tracks = len(procs)
    yield from tracks.metadata()
    if not len(source):
        return
    stream = _ChromeStream(tables, tracks, procs, source, counts)
    blocks = source.blocks()
    block = next(blocks, None)
    while block is not None:
        following = next(blocks, None)
        yield from stream.block(block, following)
        block = following
    yield from stream.finish()
    yield from _counter_lines(tables, tracks, source.moved, stream.created, source.t_first,
                              counts)


class _DrainedLane(Lane):
    """A lane whose closed spans are taken away as they close (an export writes them
    and forgets them)."""

    def __init__(self, proc: int):
        super().__init__(proc)
        self.closed_spans: list[np.ndarray] = []

    def _add_spans(self, spans: np.ndarray) -> None:
        self.closed_spans.append(np.array(spans, SPAN_DTYPE))

    def take_spans(self) -> np.ndarray:
        spans = np.concatenate(self.closed_spans) if self.closed_spans else \
            np.empty(0, SPAN_DTYPE)
        self.closed_spans = []
        return spans


class _SpanStream(SpanBuilder):
    """Spans as the window builds them, without the marks the window keeps."""

    def lane(self, proc: int) -> Lane:
        lane = self.lanes.get(proc)
        if lane is None:
            lane = self.lanes[proc] = _DrainedLane(proc)
        return lane

    def _add_marks(self, rows, kinds, procs) -> set[int]:
        return set()


class _ChromeStream:
    """The Chrome events of a run's rows, handed over in time order a block at a time:
    what each process was doing (spans as they close), its instants, a short slice for
    each put / get / send / recv with the ends of its flow arrow, the supervisor's word."""

    def __init__(self, tables, tracks, procs, source: RowSource, counts: ChromeExport):
        self.tables, self.tracks, self.procs, self.counts = tables, tracks, procs, counts
        self.t0, self.t_last = source.t_first, source.t_last
        self.spans = _SpanStream()
        self.flows = _FlowIds(source.moved)
        self.join_begins: dict[int, list[np.ndarray]] = {}
        self.created: dict[int, tuple[int, int]] = {}     # obj -> (t, proc) of its creation
        self.behind = np.empty(0, EVENT_DTYPE)           # the last instant of the last block
        self.carried: dict[int, np.ndarray] = {}         # span starts at that instant
        self.words: dict[tuple[int, int], tuple[str, str]] = {}   # a span's name and args

    def block(self, rows: np.ndarray, following: np.ndarray | None):
        self.spans.append(rows)
        last = int(rows["t"][-1])
        ahead = following[following["t"] <= last + MARK_NS] if following is not None \
            else rows[:0]
        near = np.concatenate([self.behind, rows, ahead])   # times an item slice may meet
        self.behind = rows[rows["t"] == last]
        for row in rows[rows["kind"] == Kind.OBJ_CREATE]:
            self.created.setdefault(int(row["obj"]), (int(row["t"]), int(row["proc"])))
        supervisor = rows[rows["proc"] == -1] if self.procs != [-1] else rows[:0]
        yield from _supervisor_lines(self.tables, self.tracks, supervisor, self.t0,
                                     self.counts)
        by_proc = _split_by_proc(rows)
        near_by_proc = _split_by_proc(near)
        run_ends = near["t"][near["kind"] == Kind.RUN_END]
        supervisor_times = near["t"][near["proc"] == -1]
        for proc in self.procs:
            mine = by_proc.get(proc, rows[:0])
            if not len(mine) and proc not in self.spans.lanes:
                continue
            joins = mine[np.isin(mine["kind"], _JOIN_BEGINS)]
            if len(joins):
                self.join_begins.setdefault(proc, []).append(joins)
            spans = self._take_spans(proc)
            yield from self._state_slices(proc, spans)
            yield from self._instants(proc, mine)
            close = near_by_proc.get(proc, rows[:0])
            ends = supervisor_times if proc == self.tracks.main else run_ends
            begins = self._span_starts(proc, spans, last, close[close["t"] > last])
            yield from self._item_slices(proc, mine, close, ends, begins)

    def _span_starts(self, proc, spans, last, ahead) -> np.ndarray:
        """Where this process's spans start, near the block: the spans that closed in it,
        the one still open, those of the last block's last instant, and (not built yet)
        any state change of the next block within reach."""
        lane = self.spans.lanes.get(proc)
        opened = lane.open_span() if lane is not None else None
        starts = np.concatenate([spans["start"], self.carried.get(proc, np.empty(0, np.int64)),
                                 [opened[2]] if opened is not None else [],
                                 ahead["t"][np.isin(ahead["kind"], _STATE_KINDS)]])
        self.carried[proc] = spans["start"][spans["start"] >= last]
        return starts.astype(np.int64)

    def finish(self):
        """A lane still open at the end of a cut-short run closes at its last event."""
        for lane in self.spans.lanes.values():
            if not lane.closed:
                lane.close(self.t_last)
                lane.flush()
        for proc in self.procs:
            yield from self._state_slices(proc, self._take_spans(proc))

    def _take_spans(self, proc: int) -> np.ndarray:
        lane = self.spans.lanes.get(proc)
        return lane.take_spans() if lane is not None else np.empty(0, SPAN_DTYPE)

    def _state_slices(self, proc: int, spans: np.ndarray):
        self.counts.spans += len(spans)
        track = self.tracks.ids(proc)
        parts = self.join_begins.get(proc)
        join_begins = np.concatenate(parts) if parts else np.empty(0, EVENT_DTYPE)
        if len(spans) and len(join_begins):
            # a lane's spans start in time order: only the last join begun before this
            # block's last span, and those after it, can name a later one
            keep = np.searchsorted(join_begins["t"], spans["start"][-1], side="right") - 1
            self.join_begins[proc] = [join_begins[max(keep, 0):]]
        columns = [spans[c].tolist() for c in ("start", "end", "state", "obj")]
        for start, end, state, obj in zip(*columns):
            words = self.words.get((state, obj))       # the same for every such span
            if words is None:
                name, args = _state_words(self.tables, self.tracks, Activity(state), obj,
                                          start, join_begins)
                words = f'"name":{_dumps(name)},"cat":"state"', _dumps(args)
                if state != Activity.JOIN_WAITING:     # its words depend on the wait
                    self.words[(state, obj)] = words
            yield (f'{{"ph":"X",{words[0]},"ts":{_micros(start - self.t0)},'
                   f'"dur":{_micros(end - start)},{track},"args":{words[1]}}}')

    def _instants(self, proc: int, rows: np.ndarray):
        instants = rows[np.isin(rows["kind"], _INSTANT_KINDS)]
        self.counts.instants += len(instants)
        track = self.tracks.ids(proc)
        for row in instants:
            name, args = _instant_words(self.tables, self.tracks, row)
            yield _instant(name, int(row["t"]) - self.t0, track, args)

    def _item_slices(self, proc, rows, near, ends, span_starts):
        """A short slice for each put / get / send / recv, for flow arrows to bind to.
        It ends before the next thing on the track happens (any row of the process, or
        of the supervisor on main's track), so slices stay properly nested."""
        moved = rows[np.isin(rows["kind"], _MARK_KINDS)]
        if not len(moved):
            return
        starts = moved["t"].astype(np.int64)
        # A span that starts at the very same instant would make the nesting ambiguous.
        starts = starts + np.isin(starts, span_starts)
        bounds = np.unique(np.concatenate([near["t"], ends, starts, [self.t_last]]))
        after = np.minimum(np.searchsorted(bounds, starts, side="right"), len(bounds) - 1)
        room = np.where(bounds[after] > starts, bounds[after] - starts, MARK_NS)
        lengths = np.clip(room, 0, MARK_NS)
        track = self.tracks.ids(proc)
        ids = self.flows.ids(moved)
        columns = [moved[c].tolist() for c in ("kind", "obj", "item", "a")]
        for kind, obj, item, a, start, length, flow in zip(*columns, starts.tolist(),
                                                           lengths.tolist(), ids.tolist()):
            name = _MARKS[kind] + (" None" if a == 1 and kind in _MAY_BE_NONE else "")
            args = f'{{{self.tracks.object_arg(obj)},"item":"{item_label(item)}"}}'
            ts = _micros(start - self.t0)
            yield (f'{{"ph":"X","name":"{name}","cat":"item","ts":{ts},'
                   f'"dur":{_micros(length)},{track},"args":{args}}}')
            if flow:
                category = "queue" if kind in (Kind.PUT_END, Kind.GET_END) else "pipe"
                head = f'"cat":"{category}","name":"item","id":{flow}'
                at = _micros(start + length // 2 - self.t0)
                if kind in _FLOW_OUT:
                    yield f'{{"ph":"s",{head},"ts":{at},{track}}}'
                else:
                    self.counts.flows += 1
                    yield f'{{"ph":"f","bp":"e",{head},"ts":{at},{track}}}'


class _FlowIds:
    """A flow arrow's id for each put that was got and each get of something put (and
    each send received, each recv of something sent): the pair's place among the
    matched pairs, 0 for an item whose other end is not in the run.  Kept per object as
    sorted item ids (a run has few objects; comparing (object, item) records is slow)."""

    def __init__(self, moved: np.ndarray):
        self.matched: dict[int, dict[int, tuple[np.ndarray, int]]] = {}
        offset = 0
        kinds, objs, items = moved["kind"], moved["obj"], moved["item"]
        for out_kind, in_kind, _ in _FLOWS:
            outs, ins = kinds == out_kind, kinds == in_kind
            per_object = {}
            for obj in np.intersect1d(objs[outs], objs[ins]).tolist():
                mine = objs == obj
                both = np.intersect1d(items[outs & mine], items[ins & mine])
                if len(both):
                    per_object[obj] = (both, offset)
                    offset += len(both)
            self.matched[int(out_kind)] = self.matched[int(in_kind)] = per_object

    def ids(self, moved: np.ndarray) -> np.ndarray:
        ids = np.zeros(len(moved), np.int64)
        kinds, objs, items = moved["kind"], moved["obj"], moved["item"]
        for kind in np.unique(kinds).tolist():
            per_object = self.matched.get(kind, {})
            of_kind = kinds == kind
            for obj in np.unique(objs[of_kind]).tolist():
                if obj not in per_object:
                    continue
                both, offset = per_object[obj]
                which = of_kind & (objs == obj)
                wanted = items[which]
                at = np.minimum(np.searchsorted(both, wanted), len(both) - 1)
                ids[which] = np.where(both[at] == wanted, offset + at + 1, 0)
        return ids


def _supervisor_lines(model, tracks, rows, t0, counts):
    """What the supervisor itself saw: shown on the main process's track, and the end
    of the run across every track."""
    track = tracks.ids(tracks.main)
    for row in rows:
        kind, t = int(row["kind"]), int(row["t"]) - t0
        if kind == Kind.RUN_END:
            counts.instants += 1
            yield _instant(f"run ended: {model.text(row)}", t, track, {}, scope="g")
        elif kind in _INSTANT_KIND_SET:
            counts.instants += 1
            name, args = _instant_words(model, tracks, row)
            yield _instant(name, t, track, args)


def _counter_lines(model, tracks, moved, created, t0, counts):
    """Each queue's depth after every put and get, from zero at its creation, as
    RunModel.depth_series derives it (moved: the run's puts and gets in time order)."""
    for queue in model.queues():
        made = created.get(queue.obj)
        owner = made[1] if made is not None else tracks.main
        track = tracks.ids(owner if owner in tracks.pids else tracks.main)
        head = f'"ph":"C","name":{_dumps(queue.name)},{track}'
        counts.counters += 1
        if made is not None:
            yield f'{{{head},"ts":{_micros(made[0] - t0)},"args":{{"depth":0}}}}'
        # columns, not rows: this is the export's biggest moment (one queue may hold
        # most of a run's events)
        mine = moved["obj"] == queue.obj
        is_put, is_get = mine & (moved["kind"] == Kind.PUT_END), \
            mine & (moved["kind"] == Kind.GET_END)
        puts = {"t": moved["t"][is_put], "item": moved["item"][is_put]}
        gets = {"t": moved["t"][is_get], "item": moved["item"][is_get]}
        del mine, is_put, is_get
        t = np.concatenate([puts["t"], gets_after_their_puts(puts, gets)])
        delta = np.ones(len(t), np.int8)
        delta[len(puts["t"]):] = -1
        del puts, gets
        order = np.argsort(t, kind="stable")
        t = t[order]
        depths = clamped_cumsum(delta[order].astype(np.int64),
                                queue.maxsize if queue.maxsize > 0 else None)
        del order, delta
        for start in range(0, len(t), _FEED_ROWS):
            for at, depth in zip(t[start:start + _FEED_ROWS].tolist(),
                                 depths[start:start + _FEED_ROWS].tolist()):
                yield f'{{{head},"ts":{_micros(at - t0)},"args":{{"depth":{depth}}}}}'


class _Tracks:
    """Which trace pid / tid each process gets, and the words for its objects."""

    def __init__(self, model: RunModel, names: "_ProcessNames", procs: list[int]):
        self.model, self.names = model, names
        self.pids: dict[int, int] = {}
        for proc in procs:
            pid = names.os_pid(proc)
            if not 0 < pid < SYNTHETIC_PID_BASE or pid in self.pids.values():
                pid = SYNTHETIC_PID_BASE + len(self.pids)   # unknown, or a reused pid
            self.pids[proc] = pid
        self.main = 0 if 0 in self.pids else (procs[0] if procs else 0)
        self._ids = {proc: f'"pid":{pid},"tid":{pid}' for proc, pid in self.pids.items()}
        self._object_args: dict[int, str] = {}

    def ids(self, proc: int) -> str:
        """'"pid":…,"tid":…' of a process's track; the supervisor's is main's."""
        return self._ids.get(proc) or self._ids[self.main]

    def metadata(self):
        for index, (proc, pid) in enumerate(self.pids.items()):
            name, role = _dumps(self.names.name(proc)), self.names.role_label(proc)
            ids = f'"pid":{pid},"tid":{pid}'
            yield f'{{"ph":"M","name":"process_name",{ids},"args":{{"name":{name}}}}}'
            if role:
                yield (f'{{"ph":"M","name":"process_labels",{ids},'
                       f'"args":{{"labels":{_dumps(role)}}}}}')
            yield f'{{"ph":"M","name":"process_sort_index",{ids},"args":{{"sort_index":{index}}}}}'
            yield f'{{"ph":"M","name":"thread_name",{ids},"args":{{"name":{name}}}}}'

    def object_name(self, obj: int) -> str:
        record = self.model.objects.get(obj)
        return record.name if record is not None else f"object {obj}"

    def object_arg(self, obj: int) -> str:
        """'"queue":"queue1"' for an args object (cached: it is on every put and get)."""
        arg = self._object_args.get(obj)
        if arg is None:
            arg = self._object_args[obj] = \
                f"{_dumps(self.object_word(obj))}:{_dumps(self.object_name(obj))}"
        return arg

    def object_word(self, obj: int) -> str:
        record = self.model.objects.get(obj)
        return _OBJECT_WORDS.get(record.type, "object") if record is not None else "object"


class _ProcessNames:
    """Names as the window's lanes show them (core/names.py); the role beside them."""

    def __init__(self, model: RunModel):
        self.processes = model.processes
        self.name = model.process_name

    def role(self, proc: int) -> str:
        record = self.processes.get(proc)
        return record.role if record is not None else ""

    def os_pid(self, proc: int) -> int:
        record = self.processes.get(proc)
        return record.os_pid if record is not None else 0

    def role_label(self, proc: int) -> str:
        """The role, where the name does not already say it ("" if it does)."""
        record = self.processes.get(proc)
        return role_note(record, self.name(proc)) if record is not None else ""


def _state_words(model, tracks, state, obj, start, join_begins) -> tuple[str, dict]:
    name = STATE_WORDS.get(state.name, state.name.lower().replace("_", " "))
    if state == Activity.JOIN_WAITING:
        return name, _join_args(model, tracks, obj, start, join_begins)
    if obj and state != Activity.WORKING:
        return name, {tracks.object_word(obj): tracks.object_name(obj)}
    return name, {}


def _join_args(model, tracks, obj, start, join_begins) -> dict:
    """Process.join() and JoinableQueue.join() are one activity to the window; the
    export says which, and what was joined, from the wait that began it."""
    earlier = join_begins[join_begins["t"] <= start]
    if not len(earlier):
        return {}
    if int(earlier["kind"][-1]) == Kind.QJOIN_BEGIN:
        return {"queue": tracks.object_name(obj)}
    joined = model.proc_of_pid(int(earlier["a"][-1]))
    return {"process": tracks.names.name(joined)} if joined is not None else {}


_INSTANT_WORDS = {
    Kind.PROC_START: "start", Kind.PROC_EXIT: "exit", Kind.TARGET_END: "target ended",
    Kind.CHILD_EXIT: "child exited", Kind.SPAWNED: "started a child",
    Kind.CHANNEL_CLOSED: "gone", Kind.RUN_STOPPING: "stopping the run",
    Kind.PUT_FULL: "put → Full (item lost)", Kind.GET_EMPTY: "get → Empty",
    Kind.TASK_DONE: "task_done", Kind.RECV_EOF: "recv → EOFError",
    Kind.RECV_CORRUPT: "recv → corrupt message", Kind.PIPE_CLOSE: "close pipe end",
    Kind.PIPE_HOLD: "holds pipe end", Kind.DICT_READ: "read", Kind.DICT_WRITE: "write",
    Kind.PRINT: "print", Kind.EXCEPTION: "exception", Kind.STDERR: "stderr",
    Kind.OBJ_CREATE: "create",
}
_INSTANT_KINDS = np.array([int(k) for k in _INSTANT_WORDS], np.int16)
_INSTANT_KIND_SET = {int(k) for k in _INSTANT_WORDS}


def _instant_words(model, tracks, row) -> tuple[str, dict]:
    kind, obj, a, b = Kind(int(row["kind"])), int(row["obj"]), int(row["a"]), int(row["b"])
    name = _INSTANT_WORDS[kind]
    text = model.text(row) if kind in TEXT_KINDS else ""
    args: dict = {}
    if obj and kind != Kind.OBJ_CREATE:
        args[tracks.object_word(obj)] = tracks.object_name(obj)
    if kind in (Kind.PRINT, Kind.STDERR):
        name = f"{name}: {_shorten(text)}"
        args["text"] = text
    elif kind == Kind.EXCEPTION:
        last = text.strip().splitlines()[-1] if text.strip() else ""
        name = f"exception: {_shorten(last)}"
        args["traceback"] = text
    elif kind == Kind.PROC_EXIT:
        name = f"exit: {text or 'unknown'} (code {a})"
    elif kind in (Kind.CHILD_EXIT, Kind.SPAWNED):
        child = model.proc_of_pid(a)
        who = tracks.names.name(child) if child is not None else f"pid {a}"
        name = f"{who} exited (code {b})" if kind == Kind.CHILD_EXIT else f"started {who}"
    elif kind in (Kind.DICT_READ, Kind.DICT_WRITE):
        value = a if b == 1 else "…"
        name = f"{name} {text} {'→' if kind == Kind.DICT_READ else '='} {value}"
    elif kind in (Kind.PIPE_CLOSE, Kind.PIPE_HOLD):
        name = f"{name} {a}"
    elif kind == Kind.OBJ_CREATE:
        record = model.objects.get(obj)
        word = record.type.name.lower().replace("_", " ") if record is not None else "object"
        capacity = f", maxsize {a}" if a and record is not None and \
            record.type in (ObjType.QUEUE, ObjType.JOINABLE_QUEUE) else ""
        name = f"create {word} {text}{capacity}"
    elif kind in (Kind.RECV_CORRUPT, Kind.RUN_STOPPING):
        args["why"] = text
    elif kind == Kind.TARGET_END:
        name = "target raised" if a else "target returned"
    elif kind == Kind.PROC_START:
        args = {"os pid": a, "parent os pid": b}
    return name, args


def _shorten(text: str, limit: int = 60) -> str:
    line = text.strip().replace("\n", " ")
    return line if len(line) <= limit else line[:limit - 1] + "…"


# --- helpers ----------------------------------------------------------------------------

def _split_by_proc(rows: np.ndarray) -> dict[int, np.ndarray]:
    if not len(rows):
        return {}
    order = np.argsort(rows["proc"], kind="stable")
    grouped = rows[order]
    procs = grouped["proc"]
    edges = np.flatnonzero(np.r_[True, procs[1:] != procs[:-1], True])
    return {int(procs[start]): grouped[start:end]
            for start, end in zip(edges[:-1].tolist(), edges[1:].tolist())}


def _instant(name: str, t: int, ids: str, args: dict, scope: str = "t") -> str:
    return (f'{{"ph":"i","s":"{scope}","name":{_dumps(name)},"ts":{_micros(t)},{ids},'
            f'"args":{_dumps(args)}}}')


def _micros(ns: int) -> str:
    """Nanoseconds as exact decimal microseconds (JSON numbers)."""
    if -_EXACT_AS_FLOAT < ns < _EXACT_AS_FLOAT:
        return f"{ns / 1000:.3f}"          # the fast way, exact below 2**53 ns (104 days)
    sign, ns = ("-", -ns) if ns < 0 else ("", ns)
    return f"{sign}{ns // 1000}.{ns % 1000:03d}"


_EXACT_AS_FLOAT = 1 << 53


def _seconds(ns: int) -> str:
    sign, ns = ("-", -ns) if ns < 0 else ("", ns)
    return f"{sign}{ns // 1_000_000_000}.{ns % 1_000_000_000:09d}"


_encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _dumps(value) -> str:
    return _encoder.encode(value)
