"""RunModel: every event of a run in numpy columns, plus the tables derived as they
arrive (processes, queues / pipes / locks / dicts, counters).

Events are kept in fixed-size chunks (no doubling, so memory stays ~38 bytes an event);
past the most recent RESIDENT_CHUNKS full ones they go to disk (core/spill.py), so a run
of any length holds ~40 MB of rows in memory.  Questions are answered chunk by chunk;
rows() joins them all, for what needs every row at once (a replay, an export).  Rows
arrive per process in time order, but processes interleave by batch: anything that
needs global order sorts.
"""
from __future__ import annotations

import copy
import signal
from dataclasses import dataclass, field

import numpy as np
from ipcscope.core import depth_stream
from ipcscope.core import rows as event_rows
from ipcscope.core.events import Kind, ObjType, kind_table
from ipcscope.core.names import display_names, unknown_name
from ipcscope.core.spill import SpilledChunks, spill

CHUNK_ROWS = 1 << 14
GATHER_STEPS = 8_000_000   # a queue's puts and gets gathered at once for its max depth (128 MB)
RESIDENT_CHUNKS = 64       # full chunks kept in memory (~40 MB); older ones are on disk
_BINCOUNT_KEYS = 1 << 16   # per-object counting by bincount below this many obj*128+kind keys
PAIR_DTYPE = np.dtype([("item", "<i8"), ("obj", "<i2"), ("producer", "<i4"),
                       ("consumer", "<i4"), ("put_t", "<i8"), ("get_t", "<i8")])


def signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


_WHILE_STARTING = " while starting"


def unstarted_reason(code: int) -> str:
    """Why a child ended before its tracing said who it is, as its parent saw it."""
    what = f"killed by {signal_name(-code)}" if code < 0 else f"exited with code {code}"
    return what + _WHILE_STARTING


@dataclass
class ProcessRecord:
    proc: int
    name: str = "?"
    role: str = "?"
    os_pid: int = 0
    parent_os_pid: int = 0
    daemon: bool = False
    t_start: int = 0
    t_end: int = 0                     # channel closed: the process is gone
    exitcode: int | None = None        # negative: killed by that signal
    reported_reason: str = ""          # the process's own last word (see probe)
    traceback: str = ""

    @property
    def alive(self) -> bool:
        return self.t_end == 0

    @property
    def died_starting(self) -> bool:
        """Ended before it ran a line of its own (the supervisor made its record)."""
        return self.reported_reason.endswith(_WHILE_STARTING)

    @property
    def exit_reason(self) -> str:
        if self.reported_reason:
            return self.reported_reason
        if self.exitcode is not None and self.exitcode < 0:
            return f"killed by {signal_name(-self.exitcode)}"
        return "" if self.alive else "vanished"


@dataclass
class ObjectRecord:
    obj: int
    name: str
    type: ObjType
    maxsize: int = 0
    counts: dict = field(default_factory=dict)   # Kind -> number of such events
    site: str = ""        # "path/file.py:LINE" of the line that made it (a traced program)

    def count(self, kind: Kind) -> int:
        return self.counts.get(int(kind), 0)


class RunModel:
    def __init__(self, dtype: np.dtype, resident_chunks: int | None = None):
        self.dtype = dtype
        self._resident_chunks = RESIDENT_CHUNKS if resident_chunks is None else resident_chunks
        self._spilled: SpilledChunks | None = None   # the oldest full chunks, on disk
        self._n_spilled = 0                # of them, this model's (a snapshot's may be fewer)
        self.spill_failed = False          # the disk refused: every row stays in memory
        self._chunks: list[np.ndarray] = [np.empty(CHUNK_ROWS, dtype)]   # the newest
        self._fill = 0                     # rows used in the last chunk
        self._joined: np.ndarray | None = None
        self.strings: list[str] = []
        self.processes: dict[int, ProcessRecord] = {}
        self.objects: dict[int, ObjectRecord] = {}
        self.kind_counts = np.zeros(128, dtype=np.int64)
        self.status: str | None = None
        self.t0: int | None = None         # first event's time: plots start here
        self.t_last: int | None = None     # latest stamp seen (rows arrive out of order)
        self.semaphores: list[str] = []     # named POSIX semaphores the run created
        self._pid_to_proc: dict[int, int] = {}
        self._exit_codes_by_pid: dict[int, int] = {}
        self._names: dict[int, str] | None = None   # display names, until a process starts
        self._kinds_in_chunk: dict[int, np.ndarray] = {}
        self._top_in_chunk: dict[int, int] = {}
        self._procs_in_chunk: dict[int, np.ndarray] = {}

    # --- appending --------------------------------------------------------------------

    def __len__(self) -> int:
        return (self._n_spilled + len(self._chunks) - 1) * CHUNK_ROWS + self._fill

    def append(self, rows: np.ndarray, strings: list[str]) -> None:
        self.strings.extend(strings)
        if not len(rows):
            return
        if self.t0 is None:
            self.t0 = int(rows["t"].min())
        latest = int(rows["t"].max())
        self.t_last = latest if self.t_last is None else max(self.t_last, latest)
        self._store(rows)
        self.kind_counts += np.bincount(rows["kind"], minlength=128)[:128]
        for row in rows[_IS_TABLE[rows["kind"]]]:
            self._update_tables(row)   # first: a queue created in this batch counts too
        self._count_per_object(rows)

    def _store(self, rows: np.ndarray) -> None:
        self._joined = None
        start = 0
        while start < len(rows):
            room = CHUNK_ROWS - self._fill
            if room == 0:
                self._spill_oldest()
                self._chunks.append(np.empty(CHUNK_ROWS, self.dtype))
                self._fill, room = 0, CHUNK_ROWS
            take = min(room, len(rows) - start)
            event_rows.write(self._chunks[-1], self._fill, rows[start:start + take])
            self._fill += take
            start += take

    def _spill_oldest(self) -> None:
        """Past RESIDENT_CHUNKS full chunks, the oldest goes to disk (its kinds noted
        first: questions about kinds it does not hold never read it back)."""
        if len(self._chunks) <= self._resident_chunks or self.spill_failed:
            return
        oldest = self._chunks[0]
        spilled = spill(self._spilled, oldest, CHUNK_ROWS)
        if spilled is None:     # the rows stay in memory, nothing is lost
            self.spill_failed = True
            return
        self._spilled = spilled
        self._chunks.pop(0)
        self._kinds_in_chunk.setdefault(self._n_spilled, _kinds_present(oldest))
        self._top_in_chunk.setdefault(self._n_spilled, int(oldest["t"].max()))
        self._procs_in_chunk.setdefault(self._n_spilled, np.unique(oldest["proc"]))
        self._n_spilled += 1

    def rows(self) -> np.ndarray:
        """All events as one array, in arrival order (cached until the next append).
        A long run's rows come back from disk: only for what needs every row at once."""
        if self._joined is None:
            self._joined = event_rows.join(list(self._parts()), self.dtype)
        return self._joined

    def snapshot(self) -> "RunModel":
        """A copy that later appends cannot change, for a reader in another thread.
        Full chunks are never written again, so they are shared; only the last, partly
        filled one is copied (≤ 16k rows): cheap at any size, unlike joining the rows."""
        snap = copy.copy(self)   # shares the spill file: it only grows past snap's chunks
        snap._chunks = self._chunks[:-1] + [event_rows.copy(self._chunks[-1])]
        snap._joined = None
        snap.strings = list(self.strings)
        snap.processes = {k: copy.copy(v) for k, v in self.processes.items()}
        snap.objects = {k: copy.deepcopy(v) for k, v in self.objects.items()}
        snap.kind_counts = self.kind_counts.copy()
        snap._kinds_in_chunk = dict(self._kinds_in_chunk)
        snap._top_in_chunk = dict(self._top_in_chunk)
        snap._procs_in_chunk = dict(self._procs_in_chunk)
        snap.semaphores = list(self.semaphores)
        snap._pid_to_proc = dict(self._pid_to_proc)
        snap._exit_codes_by_pid = dict(self._exit_codes_by_pid)
        return snap

    def nbytes(self) -> int:
        """Bytes of rows held in memory (not those on disk)."""
        return sum(chunk.nbytes for chunk in self._chunks)

    def _count_per_object(self, rows: np.ndarray) -> None:
        kinds = rows["kind"]
        keyed = _IS_OBJECT[kinds]
        if not keyed.any():
            return
        keys = rows["obj"][keyed].astype(np.int64) * 128 + kinds[keyed]
        if keys.min() >= 0 and keys.max() < _BINCOUNT_KEYS:
            counts = np.bincount(keys)   # a run's ids are small: cheaper than sorting
            values = np.flatnonzero(counts)
            counts = counts[values]
        else:   # a trace file may carry any id
            values, counts = np.unique(keys, return_counts=True)
        for key, count in zip(values.tolist(), counts.tolist()):
            record = self.objects.get(key // 128)
            if record is not None:
                record.counts[key % 128] = record.counts.get(key % 128, 0) + count

    def _update_tables(self, row) -> None:
        kind, proc = int(row["kind"]), int(row["proc"])
        if kind == Kind.OBJ_CREATE:
            obj = int(row["obj"])
            name, _, site = self.text(row).partition("\x1f")
            self.objects[obj] = ObjectRecord(obj, name, ObjType(int(row["b"])), int(row["a"]),
                                             site=site)
            return
        if kind == Kind.RUN_END:
            self.status = self.text(row)
            return
        if kind == Kind.SEM_CREATE:
            self.semaphores.append(self.text(row))
            return
        if kind == Kind.CHILD_EXIT:
            self._set_exit_code(int(row["a"]), int(row["b"]))
            return
        record = self.processes.get(proc)
        if kind == Kind.PROC_START:
            name, role, daemon = (self.text(row).split("\x1f") + ["", "", ""])[:3]
            record = self.processes[proc] = ProcessRecord(
                proc, name, role, int(row["a"]), int(row["b"]), daemon == "1", int(row["t"]))
            self._pid_to_proc[record.os_pid] = proc
            self._names = None
            if record.os_pid in self._exit_codes_by_pid:
                record.exitcode = self._exit_codes_by_pid[record.os_pid]
            return
        if record is None:
            return
        if kind == Kind.PROC_EXIT:
            record.reported_reason = self.text(row)
            if record.exitcode is None:
                record.exitcode = int(row["a"])
        elif kind == Kind.EXCEPTION and not int(row["a"]):   # a=1: a feeder thread's
            record.traceback = self.text(row)
        elif kind == Kind.CHANNEL_CLOSED:
            record.t_end = int(row["t"])

    def _set_exit_code(self, os_pid: int, code: int) -> None:
        """The parent's word on how a child ended beats the child's own."""
        self._exit_codes_by_pid[os_pid] = code
        proc = self._pid_to_proc.get(os_pid)
        if proc is not None:
            self.processes[proc].exitcode = code

    # --- reading ----------------------------------------------------------------------

    def text(self, row) -> str:
        index = int(row["item"])
        return self.strings[index] if 0 <= index < len(self.strings) else ""

    def count(self, kind: Kind) -> int:
        return int(self.kind_counts[int(kind)])

    def process_names(self) -> dict[int, str]:
        """{proc: display name} in lane order (see core/names.py): what every view and
        export calls each process."""
        if self._names is None:
            self._names = display_names(self.processes)
        return self._names

    def process_name(self, proc: int) -> str:
        name = self.process_names().get(proc)
        return name if name is not None else unknown_name(proc)

    def proc_of_pid(self, os_pid: int) -> int | None:
        return self._pid_to_proc.get(os_pid)

    def wait_site(self, proc: int, before_ns: int | None = None) -> str | None:
        """The program's line ("path:LINE") where process `proc` last began to wait (up to
        `before_ns`), or None: a traced program's waits say where they wait."""
        rows = self.of_kind(Kind.WAIT_SITE)
        rows = rows[rows["proc"] == proc]
        if before_ns is not None:
            rows = rows[rows["t"] <= before_ns]
        return self.text(rows[np.argmax(rows["t"])]) if len(rows) else None

    def of_kind(self, *kinds: Kind, obj: int | None = None) -> np.ndarray:
        return self.select(kinds, obj=obj)

    def select(self, kinds, *, obj: int | None = None, proc: int | None = None,
               a: int | None = None, before_t: int | None = None) -> np.ndarray:
        """Rows of these kinds (of this object, process, with this `a`, stamped before
        before_t), in arrival order.  Chosen chunk by chunk: a summary of a long run
        never holds a second copy of the whole run, only what it asked for."""
        chosen = self._gathered(kinds, _equal(obj=obj, proc=proc, a=a), before_t,
                                {None: self.dtype},
                                lambda part, mask: {None: event_rows.take(part, mask)})
        return chosen[None]

    def columns(self, kinds, names, *, obj: int | None = None, proc: int | None = None,
                before_t: int | None = None) -> dict[str, np.ndarray]:
        """Only these fields of what select() would give: a long run's queue depth needs
        16 of each row's 38 bytes."""
        return self._gathered(kinds, _equal(obj=obj, proc=proc), before_t,
                              {name: self.dtype[name] for name in names},
                              lambda part, mask: {name: part[name][mask] for name in names})

    def distinct(self, kinds, name: str, *, obj: int | None = None,
                 before_t: int | None = None) -> np.ndarray:
        """The sorted distinct values of one field of these rows, found chunk by chunk:
        which processes got from a queue holds a few numbers, not a flood's gets."""
        found = np.empty(0, self.dtype[name])
        for part, mask in self._chosen(kinds, _equal(obj=obj), before_t):
            found = np.union1d(found, np.unique(part[name][mask]))
        return found

    def time_span(self, kinds, *, obj: int | None = None) -> tuple[int, int] | None:
        """(first, last) stamp of these rows, or None if there are none."""
        first = last = None
        for part, mask in self._chosen(kinds, _equal(obj=obj), None):
            t = part["t"][mask]
            low, high = int(t.min()), int(t.max())
            first = low if first is None else min(first, low)
            last = high if last is None else max(last, high)
        return None if first is None else (first, last)

    def _gathered(self, kinds, equal: dict, before_t, dtypes: dict, pick) -> dict:
        """{key: array} of pick(part, mask) over the chosen parts, joined.  Where the
        tables already say how many rows will be chosen, each goes straight into its
        place (no pieces and a join: a flood's puts are half the run)."""
        known = (self._known_count(kinds, equal.get("obj"))
                 if set(equal) <= {"obj"} and before_t is None else None)
        if known is not None:
            out = {key: np.empty(known, dtype) for key, dtype in dtypes.items()}
            start = 0
            for part, mask in self._chosen(kinds, equal, before_t):
                picked = pick(part, mask)
                count = len(next(iter(picked.values())))
                if start + count > known:
                    break                      # the tables were wrong: gather instead
                for key, values in picked.items():
                    _write(out[key], start, values)
                start += count
            else:
                if start == known:
                    return out
        pieces = {key: [] for key in dtypes}
        for part, mask in self._chosen(kinds, equal, before_t):
            for key, values in pick(part, mask).items():
                pieces[key].append(values)
        return {key: event_rows.join(pieces[key], dtype) if pieces[key]
                else np.empty(0, dtype) for key, dtype in dtypes.items()}

    def _known_count(self, kinds, obj) -> int | None:
        """How many rows of these kinds (of this object) the run holds, if the tables
        know: per kind for the whole run, per object for the kinds counted per object."""
        kinds = [int(kind) for kind in kinds]
        if not all(0 <= kind < 128 for kind in kinds):
            return None
        if obj is None:
            return int(self.kind_counts[kinds].sum())
        record = self.objects.get(obj)
        if record is None or not all(_IS_OBJECT[kind] for kind in kinds):
            return None
        return sum(record.count(kind) for kind in kinds)

    def _chosen(self, kinds, equal: dict, before_t):
        """(part, mask) of each part that holds a chosen row.  A part known to hold none
        of these kinds is not read (from disk, for a long run's older parts): most of
        the findings' questions are about kinds a long run has few of, or none."""
        wanted = np.array(kinds, dtype=np.int16)
        in_table = bool(len(wanted)) and bool(((wanted >= 0) & (wanted < 128)).all())
        if in_table and not self.kind_counts[wanted].any():
            return
        present = self._kinds_in_full_chunks() if in_table else {}
        skip = {i for i, kinds_there in present.items() if not kinds_there[wanted].any()}
        if "proc" in equal:     # nor one without a row of the process asked about
            skip |= {i for i, procs in self._procs_in_full_chunks().items()
                     if not _holds(procs, equal["proc"])}
        for part in self._parts(skip):
            mask = _mask(part, wanted, equal, before_t)
            if mask.any():
                yield part, mask

    def _kinds_in_full_chunks(self) -> dict[int, np.ndarray]:
        """{chunk index: which kinds it holds} for the full chunks (never written again)."""
        n_full = self._n_spilled + len(self._chunks) - 1
        for i in range(self._n_spilled, n_full):
            if i not in self._kinds_in_chunk:
                self._kinds_in_chunk[i] = _kinds_present(self._chunks[i - self._n_spilled])
        return self._kinds_in_chunk

    def last_state_row(self, proc: int, ignore, before_t: int | None = None):
        """The process's row that comes last in time order (of equal stamps, the last to
        arrive) among those whose kind is not in `ignore`, or None: found chunk by chunk
        without sorting or copying the run."""
        ignored = np.array(sorted(ignore), dtype=np.int16)
        best, best_t = None, None
        tops, procs = self._tops_of_full_chunks(), self._procs_in_full_chunks()
        # newest first: a process's rows arrive in its time order, so the answer is in a
        # late chunk, and an earlier chunk whose latest stamp is not later is not read;
        # nor is one without a row of the process (a main waiting in join() for an hour)
        for index in reversed(range(self._n_chunks())):
            if best_t is not None and tops.get(index, best_t + 1) <= best_t:
                continue
            if index in procs and not _holds(procs[index], proc):
                continue
            part = self._chunk(index)
            mask = part["proc"] == proc
            mask &= ~np.isin(part["kind"], ignored)
            if before_t is not None:
                mask &= part["t"] < before_t
            where = np.flatnonzero(mask)
            if not len(where):
                continue
            t = part["t"][where]
            top = t.max()
            if best_t is None or top > best_t:     # a tie: the later chunk arrived last
                best, best_t = part[where[np.flatnonzero(t == top)[-1]]], top
        return best

    def _n_chunks(self) -> int:
        return 1 if self._joined is not None else self._n_spilled + len(self._chunks)

    def _chunk(self, index: int) -> np.ndarray:
        """Chunk `index` of _n_chunks() (the last one as far as it is filled)."""
        if self._joined is not None:
            return self._joined
        if index < self._n_spilled:
            return self._spilled.read(index)
        resident = index - self._n_spilled
        return self._chunks[resident] if resident < len(self._chunks) - 1 else \
            self._chunks[-1][:self._fill]

    def _procs_in_full_chunks(self) -> dict[int, np.ndarray]:
        """{chunk index: the processes with rows in it, sorted} for the full chunks."""
        if self._joined is not None:
            return {}
        n_full = self._n_spilled + len(self._chunks) - 1
        for i in range(self._n_spilled, n_full):
            if i not in self._procs_in_chunk:
                self._procs_in_chunk[i] = np.unique(self._chunks[i - self._n_spilled]["proc"])
        return self._procs_in_chunk

    def _tops_of_full_chunks(self) -> dict[int, int]:
        """{chunk index: its latest stamp} for the full chunks (never written again)."""
        if self._joined is not None:
            return {}
        n_full = self._n_spilled + len(self._chunks) - 1
        for i in range(self._n_spilled, n_full):
            if i not in self._top_in_chunk:
                self._top_in_chunk[i] = int(self._chunks[i - self._n_spilled]["t"].max())
        return self._top_in_chunk

    def t_max(self) -> int | None:
        """The latest stamp of any row (chunk by chunk)."""
        tops = [int(part["t"].max()) for part in self._parts() if len(part)]
        return max(tops) if tops else None

    def parts(self):
        """Every row, a chunk at a time in arrival order: what reads a whole long run
        (a save, an export, a replay) without joining it in memory."""
        return (self.chunk(i) for i in range(self.chunk_count()))

    def chunk_count(self) -> int:
        """Chunks of CHUNK_ROWS rows, the last as far as it is filled: chunk(i)."""
        return self._n_spilled + len(self._chunks)

    def chunk(self, index: int) -> np.ndarray:
        """Chunk `index` of chunk_count() (read back if it is on disk)."""
        if index < self._n_spilled:
            return self._spilled.read(index)
        resident = index - self._n_spilled
        return self._chunks[resident] if resident < len(self._chunks) - 1 else \
            self._chunks[-1][:self._fill]

    def _parts(self, skip=frozenset()):
        """The rows, part by part in arrival order; chunks numbered in `skip` are left
        out (not read back from disk).  Spilled chunks are read one at a time."""
        if self._joined is not None:
            yield self._joined
            return
        for i in range(self._n_spilled):
            if i not in skip:
                yield self._spilled.read(i)
        last = len(self._chunks) - 1
        for i, chunk in enumerate(self._chunks):
            if self._n_spilled + i not in skip or i == last:
                yield chunk if i < last else chunk[:self._fill]

    def queues(self) -> list[ObjectRecord]:
        return [o for o in self.objects.values()
                if o.type in (ObjType.QUEUE, ObjType.JOINABLE_QUEUE, ObjType.SIMPLE_QUEUE)]

    def pipes(self) -> list[ObjectRecord]:
        return [o for o in self.objects.values() if o.type == ObjType.PIPE]

    def depth_series(self, obj: int) -> tuple[np.ndarray, np.ndarray]:
        """(t, depth) after every put and get of a queue, in the order of cause.

        Stamps from different processes can disagree by a scheduling slice: a get may be
        stamped before the put of the same item, or a put that a get let through before
        that get.  A get is never earlier than its own put, and a bounded queue never
        holds more than its capacity; what the stamps get wrong is moved to the instant
        of its cause."""
        t, n_puts = self._cause_times(obj)
        order = np.argsort(t, kind="stable")
        t = t[order]
        delta = np.where(order < n_puts, 1, -1)
        del order
        return t, clamped_cumsum(delta, self._capacity(obj))

    def _cause_times(self, obj: int) -> tuple[np.ndarray, int]:
        """The times of a queue's puts, then of its gets (each moved to its put's where
        stamped before it), and how many puts."""
        puts = self.columns((Kind.PUT_END,), ("t", "item"), obj=obj)
        gets = self.columns((Kind.GET_END,), ("t", "item"), obj=obj)
        get_t = gets_after_their_puts(puts, gets)
        return np.concatenate([puts["t"], get_t]), len(puts["t"])

    def _capacity(self, obj: int) -> int | None:
        maxsize = self.objects[obj].maxsize if obj in self.objects else 0
        return maxsize if maxsize > 0 else None

    def put_get_pairs(self, obj: int | None = None) -> np.ndarray:
        """Each item's way: who put it, who got it, when (ns), matched by item id.
        Fields: item, obj, producer, consumer, put_t, get_t (get_t >= put_t)."""
        puts = self.of_kind(Kind.PUT_END, Kind.SEND, obj=obj)
        gets = self.of_kind(Kind.GET_END, Kind.RECV_END, obj=obj)
        _, pi, gi = np.intersect1d(puts["item"], gets["item"], return_indices=True)
        pairs = np.zeros(len(pi), dtype=PAIR_DTYPE)
        pairs["item"], pairs["obj"] = puts["item"][pi], puts["obj"][pi]
        pairs["producer"], pairs["consumer"] = puts["proc"][pi], gets["proc"][gi]
        pairs["put_t"] = puts["t"][pi]
        pairs["get_t"] = np.maximum(gets["t"][gi], puts["t"][pi])
        return np.sort(pairs, order="put_t")

    def _depth_steps(self, obj: int):
        """(t, is_get, item) of a queue's puts and gets, part by part."""
        for part, mask in self._chosen((Kind.PUT_END, Kind.GET_END), _equal(obj=obj), None):
            yield part["t"][mask], part["kind"][mask] == Kind.GET_END, part["item"][mask]

    def max_depth(self, obj: int) -> int:
        """depth_series(obj)'s highest value, without its arrays.  The top of a clipped
        running sum is the clipped top of the running sum, and the running sum peaks
        just after a put: after the k-th put in time order (from 0) the queue holds k+1
        less the gets stamped before it (a put sorts before a get of the same stamp).
        So only the sorted put and get times are kept: 8 bytes a put or get.  A run
        that went to disk with more puts and gets than GATHER_STEPS is read part by part
        instead (core/depth_stream.py): slower (every part twice), but bounded."""
        record = self.objects.get(obj)
        steps = record.count(Kind.PUT_END) + record.count(Kind.GET_END) if record else 0
        if self._n_spilled and steps > GATHER_STEPS:
            top = depth_stream.max_depth(lambda: self._depth_steps(obj), self._capacity(obj))
            if top is not None:
                return top
        puts = self.columns((Kind.PUT_END,), ("t", "item"), obj=obj)
        if not len(puts["t"]):
            return 0
        gets = self.columns((Kind.GET_END,), ("t", "item"), obj=obj)
        get_t = gets_after_their_puts(puts, gets)
        del gets
        put_t = puts["t"]
        del puts
        put_t.sort()
        get_t.sort()
        top, block = 0, 1 << 20    # in blocks: no third and fourth array the size of the puts
        for start in range(0, len(put_t), block):
            got_before = np.searchsorted(get_t, put_t[start:start + block], side="left")
            held = np.arange(start + 1, start + 1 + len(got_before)) - got_before
            top = max(top, int(held.max()))
        return int(np.clip(top, 0, self._capacity(obj)))


def _write(into: np.ndarray, start: int, values: np.ndarray) -> None:
    if into.dtype.names:
        event_rows.write(into, start, values)
    else:
        into[start:start + len(values)] = values


def _holds(sorted_values: np.ndarray, value: int) -> bool:
    at = int(np.searchsorted(sorted_values, value))
    return at < len(sorted_values) and int(sorted_values[at]) == value


def _kinds_present(chunk: np.ndarray) -> np.ndarray:
    return np.bincount(chunk["kind"], minlength=128)[:128] > 0


def _equal(**fields) -> dict:
    """The fields a row must equal, of those given (None: any)."""
    return {name: value for name, value in fields.items() if value is not None}


def _mask(rows: np.ndarray, kinds: np.ndarray, equal: dict, before_t) -> np.ndarray:
    column = rows["kind"]
    if 0 < len(kinds) <= 3:
        # a comparison per kind: np.isin copies the strided column first (1.4M rows:
        # 10 ms against 3 ms a kind)
        mask = column == kinds[0]
        for kind in kinds[1:]:
            mask |= column == kind
    else:
        mask = np.isin(column, kinds)
    for name, value in equal.items():
        mask &= rows[name] == value
    if before_t is not None:
        mask &= rows["t"] < before_t
    return mask


def gets_after_their_puts(puts, gets) -> np.ndarray:
    """Each get's time, moved to its own put's where it was stamped before it.  An item's
    first get is paired with its first put (as np.intersect1d pairs them), by a binary
    search in the puts sorted by item: a third of intersect1d's memory on a long run."""
    get_t = gets["t"].copy()
    if not len(get_t) or not len(puts["t"]):
        return get_t
    by_item, put_items = _sorted(puts["item"])
    get_order, get_items = _sorted(gets["item"])
    first = np.ones(len(get_items), dtype=bool)
    first[1:] = get_items[1:] != get_items[:-1]
    get_i = np.flatnonzero(first) if get_order is None else get_order[first]
    get_items = get_items[first]
    del get_order, first
    at = np.minimum(np.searchsorted(put_items, get_items), len(put_items) - 1)
    found = put_items[at] == get_items
    put_i = at[found] if by_item is None else by_item[at[found]]
    get_i = get_i[found]
    get_t[get_i] = np.maximum(get_t[get_i], puts["t"][put_i])
    return get_t


def _sorted(values: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
    """(stable order, values in that order); no order and no copy when they are in order
    already (one producer's items, got in turn by one consumer)."""
    if (values[1:] >= values[:-1]).all():
        return None, values
    order = np.argsort(values, kind="stable")
    return order, values[order]


def clamped_cumsum(delta: np.ndarray, upper: int | None) -> np.ndarray:
    """Running sum of ±1 steps that stays within [0, upper]: a step past a bound is owed
    to the next step the other way (it happened, its cause was just stamped later).
    Owing a step past a bound is the same as clipping the plain running sum to the
    bounds, so no loop is needed (a test checks the two against each other)."""
    return np.clip(np.cumsum(delta), 0, upper)


_IS_TABLE = np.array(kind_table([Kind.OBJ_CREATE, Kind.PROC_START, Kind.PROC_EXIT,
                                 Kind.CHILD_EXIT, Kind.EXCEPTION, Kind.CHANNEL_CLOSED,
                                 Kind.RUN_END, Kind.SEM_CREATE]))
_IS_OBJECT = np.array(kind_table([Kind.PUT_END, Kind.PUT_FULL, Kind.GET_END, Kind.GET_EMPTY,
                                  Kind.TASK_DONE, Kind.SEND, Kind.RECV_END, Kind.RECV_EOF,
                                  Kind.RECV_CORRUPT, Kind.PIPE_CLOSE, Kind.LOCK_ACQUIRED,
                                  Kind.DICT_READ, Kind.DICT_WRITE]))
