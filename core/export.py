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
time order; the whole run is sorted by time (stably) before spans are derived.
"""
from __future__ import annotations

import csv
import json
import os
import tempfile
from dataclasses import dataclass

import numpy as np
from ipcscope.core.events import TEXT_KINDS, Kind, ObjType, item_pid, item_seq
from ipcscope.core.model import RunModel
from ipcscope.core.names import role_note
from ipcscope.core.spans import SPAN_DTYPE, Activity, SpanBuilder

MARK_NS = 1_000               # put / get slices are this long, or shorter if crowded
SYNTHETIC_PID_BASE = 1 << 24  # above Linux's largest pid: for processes without one
_FEED_ROWS = 1 << 16

# What each of ipcscope.core.spans' activities is called in the export (an activity added there
# later shows under its own name, lower-cased, until it gets words here).
STATE_WORDS = {
    "WORKING": "working", "PUT_BLOCKED": "blocked on put", "GET_WAITING": "waiting on get",
    "LOCK_WAITING": "waiting for lock", "LOCK_HOLDING": "holding lock",
    "RECV_BLOCKED": "blocked in recv", "JOIN_WAITING": "joining",
    "GATE_WAITING": "waiting at gate", "FINISHING": "returned, not gone yet",
}
_JOIN_BEGINS = np.array([Kind.QJOIN_BEGIN, Kind.PJOIN_BEGIN], np.int16)
_MARKS = {int(Kind.PUT_END): "put", int(Kind.GET_END): "get", int(Kind.SEND): "send",
          int(Kind.RECV_END): "recv"}
_MARK_KINDS = np.array(list(_MARKS), np.int16)
_MAY_BE_NONE = {int(Kind.PUT_END), int(Kind.GET_END)}   # a=1: the value was None
_FLOWS = ((Kind.PUT_END, Kind.GET_END, "queue"), (Kind.SEND, Kind.RECV_END, "pipe"))
_OBJECT_WORDS = {ObjType.QUEUE: "queue", ObjType.JOINABLE_QUEUE: "queue", ObjType.PIPE: "pipe",
                 ObjType.LOCK: "lock", ObjType.RLOCK: "lock", ObjType.DICT: "dict"}


class ExportError(Exception):
    """An export that could not be written; str() is one sentence for the user."""


@dataclass
class ChromeExport:
    """What went into a Chrome trace (the command reports it, tests check it)."""
    tracks: int = 0
    spans: int = 0
    flows: int = 0
    counters: int = 0
    instants: int = 0


# --- writing files -----------------------------------------------------------------------

def write_chrome(path: str, model: RunModel, meta: dict | None = None) -> ChromeExport:
    """Write the run as Chrome Trace Event JSON (see the module's notes); meta goes
    under "otherData".  Raises ExportError if the file cannot be written."""
    counts = ChromeExport()
    with _replacing(path, "w", encoding="utf-8", errors="replace") as file:
        file.write('{"traceEvents":[\n')
        lines, separator = [], ""
        for line in _chrome_lines(model, counts):
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


def write_csv(path: str, model: RunModel) -> int:
    """One row per event, in time order; returns how many.  time_s counts from the run's
    first event; item is "producer pid#sequence"; text is set for kinds that carry one."""
    rows = _time_ordered(model.rows())
    t0 = int(rows["t"][0]) if len(rows) else 0
    names = _ProcessNames(model)
    objects = {obj: record.name for obj, record in model.objects.items()}
    text_kinds = {int(k) for k in TEXT_KINDS}
    kind_names = {int(k): k.name for k in Kind}
    with _replacing(path, "w", encoding="utf-8", errors="replace", newline="") as file:
        out = csv.writer(file)
        out.writerow(CSV_COLUMNS)
        columns = [rows[c].tolist() for c in ("t", "kind", "obj", "proc", "item", "a", "b")]
        for t, kind, obj, proc, item, a, b in zip(*columns):
            texty = kind in text_kinds
            out.writerow((
                _seconds(t - t0), names.os_pid(proc) or "", names.name(proc),
                names.role(proc), kind_names.get(kind, str(kind)),
                objects.get(obj, str(obj) if obj else ""),
                "" if texty or not item else item_label(item), a, b,
                _string(model, item).replace("\x1f", " | ") if texty else ""))
    return len(rows)


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

def _chrome_lines(model: RunModel, counts: ChromeExport):
    """Each trace event as one line of JSON."""
    rows = _time_ordered(model.rows())
    names = _ProcessNames(model)
    procs = sorted((set(model.processes) | set(np.unique(rows["proc"]).tolist())) - {-1})
    if not procs and len(rows):
        procs = [-1]            # only the supervisor's word: it gets the one track
    tracks = _Tracks(model, names, procs)
    counts.tracks = len(procs)
    yield from tracks.metadata()
    if not len(rows):
        return
    t0 = int(rows["t"][0])
    builder = _spans(rows)
    by_proc = _split_by_proc(rows)
    supervisor = by_proc.get(-1, rows[:0]) if procs != [-1] else rows[:0]
    marks = {}
    for proc in procs:
        mine = by_proc.get(proc, rows[:0])
        shared = supervisor["t"] if proc == tracks.main else supervisor["t"][:0]
        lines, marks[proc] = _process_lines(model, tracks, proc, mine, shared, builder, t0,
                                            counts)
        yield from lines
    yield from _supervisor_lines(model, tracks, supervisor, t0, counts)
    yield from _flow_lines(tracks, marks, t0, counts)
    yield from _counter_lines(model, tracks, rows, t0, counts)


def _process_lines(model, tracks, proc, rows, shared, builder, t0, counts):
    """The slices and instants of one process's track, and where its items moved:
    {(kind, obj, item): time for the flow arrow}.  `shared`: times of the supervisor's
    instants, which main's track shows too."""
    lane = builder.lanes.get(proc)
    spans = lane.spans if lane is not None else np.empty(0, SPAN_DTYPE)
    instants = rows[np.isin(rows["kind"], _INSTANT_KINDS)]
    lines = _state_slices(model, tracks, proc, rows, spans, t0)
    for row in instants:
        name, args = _instant_words(model, tracks, row)
        lines.append(_instant(name, int(row["t"]) - t0, tracks.ids(proc), args))
    counts.spans += len(spans)
    counts.instants += len(instants)
    moved = rows[np.isin(rows["kind"], _MARK_KINDS)]
    others = np.concatenate([instants["t"], shared])
    item_lines, flow_times = _item_slices(tracks, proc, moved, spans, others, t0)
    return lines + item_lines, flow_times


def _state_slices(model, tracks, proc, rows, spans, t0) -> list[str]:
    track = tracks.ids(proc)
    join_begins = rows[np.isin(rows["kind"], _JOIN_BEGINS)]
    lines = []
    columns = [spans[c].tolist() for c in ("start", "end", "state", "obj")]
    for start, end, state, obj in zip(*columns):
        name, args = _state_words(model, tracks, Activity(state), obj, start, join_begins)
        lines.append(_slice(name, "state", start - t0, end - start, track, args))
    return lines


def _item_slices(tracks, proc, moved, spans, instant_times, t0):
    """A short slice for each put / get / send / recv, for flow arrows to bind to.  It
    ends before the next thing on the track starts, so slices stay properly nested."""
    if not len(moved):
        return [], {}
    starts = moved["t"].astype(np.int64)
    # A span that starts at the very same instant would make the nesting ambiguous.
    starts = starts + np.isin(starts, spans["start"])
    bounds = np.unique(np.concatenate([spans["start"], spans["end"], instant_times, starts]))
    after = np.minimum(np.searchsorted(bounds, starts, side="right"), len(bounds) - 1)
    room = np.where(bounds[after] > starts, bounds[after] - starts, MARK_NS)
    lengths = np.clip(room, 0, MARK_NS)
    track = tracks.ids(proc)
    lines, flow_times = [], {}
    columns = [moved[c].tolist() for c in ("kind", "obj", "item", "a")]
    for kind, obj, item, a, start, length in zip(*columns, starts.tolist(), lengths.tolist()):
        name = _MARKS[kind] + (" None" if a == 1 and kind in _MAY_BE_NONE else "")
        args = f'{{{tracks.object_arg(obj)},"item":"{item_label(item)}"}}'
        lines.append(f'{{"ph":"X","name":"{name}","cat":"item","ts":{_micros(start - t0)},'
                     f'"dur":{_micros(length)},{track},"args":{args}}}')
        flow_times[(kind, obj, item)] = start + length // 2
    return lines, flow_times


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


def _flow_lines(tracks, marks, t0, counts):
    """An arrow from each put to the get of the same item on the same queue (and from
    each send to its recv); items whose other end is not in the run get none."""
    flow_id = 0
    for out_kind, in_kind, category in _FLOWS:
        senders = {}
        for proc, moved in marks.items():
            for (kind, obj, item), t in moved.items():
                if kind == out_kind:
                    senders[(obj, item)] = (proc, t)
        for proc, moved in marks.items():
            for (kind, obj, item), t in moved.items():
                sender = senders.get((obj, item)) if kind == in_kind else None
                if sender is None:
                    continue
                flow_id += 1
                head = f'"cat":"{category}","name":"item","id":{flow_id}'
                yield (f'{{"ph":"s",{head},"ts":{_micros(sender[1] - t0)},'
                       f'{tracks.ids(sender[0])}}}')
                yield (f'{{"ph":"f","bp":"e",{head},"ts":{_micros(t - t0)},'
                       f'{tracks.ids(proc)}}}')
    counts.flows = flow_id


def _counter_lines(model, tracks, rows, t0, counts):
    """Each queue's depth after every put and get, from zero at its creation."""
    created = rows[rows["kind"] == Kind.OBJ_CREATE]
    for queue in model.queues():
        made = created[created["obj"] == queue.obj]
        owner = int(made["proc"][0]) if len(made) else tracks.main
        track = tracks.ids(owner if owner in tracks.pids else tracks.main)
        head = f'"ph":"C","name":{_dumps(queue.name)},{track}'
        counts.counters += 1
        if len(made):
            yield f'{{{head},"ts":{_micros(int(made["t"][0]) - t0)},"args":{{"depth":0}}}}'
        times, depths = model.depth_series(queue.obj)
        for t, depth in zip(times.tolist(), depths.tolist()):
            yield f'{{{head},"ts":{_micros(t - t0)},"args":{{"depth":{depth}}}}}'


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

def _time_ordered(rows: np.ndarray) -> np.ndarray:
    """Rows sorted by time; stable, so each process keeps its own order on equal stamps."""
    return rows[np.argsort(rows["t"], kind="stable")]


def _split_by_proc(rows: np.ndarray) -> dict[int, np.ndarray]:
    order = np.argsort(rows["proc"], kind="stable")
    grouped = rows[order]
    procs = grouped["proc"]
    edges = np.flatnonzero(np.r_[True, procs[1:] != procs[:-1], True])
    return {int(procs[start]): grouped[start:end]
            for start, end in zip(edges[:-1].tolist(), edges[1:].tolist())}


def _spans(rows: np.ndarray) -> SpanBuilder:
    """Spans as the window builds them; a lane still open at the end of a cut-short run
    closes at its last event."""
    builder = SpanBuilder()
    for start in range(0, len(rows), _FEED_ROWS):
        builder.append(rows[start:start + _FEED_ROWS])
    if len(rows):
        last = int(rows["t"][-1])
        for lane in builder.lanes.values():
            if not lane.closed:
                lane.close(last)
                lane.flush()
    return builder


def _slice(name: str, category: str, start: int, length: int, ids: str, args: dict) -> str:
    return (f'{{"ph":"X","name":{_dumps(name)},"cat":"{category}","ts":{_micros(start)},'
            f'"dur":{_micros(length)},{ids},"args":{_dumps(args)}}}')


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
