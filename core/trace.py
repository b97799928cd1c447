"""Trace files: a whole run (metadata, every event, the summary and its findings) in one
documented, versioned file that is data only.  Loading one never runs code: no pickle,
no eval, only JSON, zlib and fixed-size integer rows, and every size it declares is
checked before anything is allocated for it.

IPC Scope trace format, version 1 (file name ending: .ipcscope)
===============================================================

All integers are little-endian.  A file is the 15-byte magic b"IPCSCOPE-TRACE\\n",
then records, one after another:

    tag      1 byte, an ASCII letter
    length   uint32, bytes of payload
    payload  `length` bytes
    crc      uint32, zlib.crc32 of tag + length + payload

Records, in the order a writer puts them:

    M  metadata, a UTF-8 JSON object; always the first record, exactly once.  Keys:
       format ("ipcscope-trace"), version (this is 1), scenario (id), params (object),
       speed, app_version, python, platform, started_at (ISO 8601 with UTC offset);
       saved_at when a finished run was saved from the window.  Readers ignore keys
       they do not know.
    S  strings, appended in order to the run's string table (rows of the kinds in
       ipcscope.core.events.TEXT_KINDS hold an index into that table in `item`).  An S record
       comes before any E record whose rows refer to its strings.
    E  events, in arrival order: each process's rows in that process's time order,
       processes interleaved as their batches arrived.
    Z  the end, a UTF-8 JSON object: {"status": ..., "summary": {...}}; the summary is
       the one `ipcscope run --json` prints, its findings in summary["findings"].
       Always the last record; a file without one is a run that was cut short.

S and E payloads start with `encoding` (uint8) and `count` (uint32: strings or rows):

    encoding 0  raw: S is a UTF-8 JSON list of `count` strings; E is `count` rows of
                38 bytes laid out as ipcscope.core.events.NUMPY_FIELDS (t, kind, obj, proc,
                item, a, b)
    encoding 1  the same bytes, zlib-compressed; for E, the columns are stored one
                after another in field order, each byte plane by byte plane (all
                first bytes, then all second bytes, ...), and `t` as the difference
                from the previous row's t (the first row's from 0, modulo 2**64).
                Rows that differ little compress to ~2 bytes each.

A tag in lower case marks an optional record a reader may skip; a reader refuses an
unknown upper-case tag.  The magic, the record framing and the M record's "format"
and "version" never change, so every reader can tell a file from a newer IPC Scope.
The version goes up when a reader of the old one would misread a new file; new event
kinds do not change it (readers leave out rows of kinds they do not know, with a note).

How files end, and what a reader makes of them
----------------------------------------------
`ipcscope run ... --trace FILE` writes as the run goes: records are appended and
flushed at least every FLUSH_INTERVAL_S, and the Z record is written when the run
ends (completed, stalled, crashed, timed out or stopped with Ctrl-C).  If the
program writing the file is killed (SIGKILL, power loss, a full disk), the file ends
early: a reader loads it up to its last whole record, says it was cut short, and the
run has no summary.  At most the last FLUSH_INTERVAL_S of events are lost.

A record whose checksum fails (damage after it was written) ends the run there, with
a note.  A record whose checksum holds but whose content is not what this document
says (unknown tag, bad JSON, wrong sizes, a zlib stream that expands beyond its
declared size) was not written by IPC Scope: the whole file is refused.  So is a file
from a newer format version, one that does not start with the magic and a metadata
record, one whose metadata or summary is not the shape IPC Scope writes, one whose
events span more than a day (ipcscope.core.trace_schema says what is checked; rows no
run could have recorded are left out with a note), and one whose event data would expand to more than EXPANSION_RATIO times its
size on disk (beyond EXPANSION_ALLOWANCE).  A refusal is a TraceError whose str() is
one sentence for the user.

Use
---
    load_run(path) -> LoadedRun       File > Open: .model (a RunModel), .meta, .summary,
                                      .findings, .status, .complete, .notes (to show)
    save_run(path, model, meta, summary)   "Save run…"; meta from run_metadata() taken
                                      when the run started
    TraceWriter(path, meta)           writes as a run goes (ipcscope.core.headless)
    read_trace(path) -> Trace         the records as stored, without a RunModel
    read_records(path, take)          the same, handed to take(rows, strings) record by
                                      record (`ipcscope export` streams a file this way)
"""
from __future__ import annotations

import json
import os
import platform
import stat
import struct
import tempfile
import threading
import time
import zlib
from dataclasses import dataclass, field

import numpy as np
from ipcscope.core import rows as event_rows
from ipcscope.core.events import NUMPY_FIELDS, RECORD_SIZE, Kind
from ipcscope.core.model import RunModel
from ipcscope.core.trace_schema import RowCheck, SchemaError, check_end, check_meta

MAGIC = b"IPCSCOPE-TRACE\n"
FORMAT_NAME = "ipcscope-trace"
FORMAT_VERSION = 1
FILE_SUFFIX = ".ipcscope"
EVENT_DTYPE = np.dtype(NUMPY_FIELDS)

ENCODING_RAW = 0
ENCODING_ZLIB = 1

CHUNK_ROWS = 1 << 16             # rows per E record a writer makes
STRINGS_RECORD_BYTES = 1 << 20   # a writer starts a new S record past this much JSON
FLUSH_INTERVAL_S = 0.25          # the live writer never holds events longer than this

# What a reader accepts: every allocation is bounded by one of these.
MAX_RECORD_BYTES = 64 << 20
MAX_META_BYTES = 1 << 20
MAX_RECORD_ROWS = 1 << 20
MAX_STRINGS_BYTES = 64 << 20     # one S record, once decompressed
EXPANSION_RATIO = 128
EXPANSION_ALLOWANCE = 128 << 20

_HEAD = struct.Struct("<cI")     # tag, payload length
_CRC = struct.Struct("<I")
_PART = struct.Struct("<BI")     # S and E payloads: encoding, count
NOTE_CUT_SHORT = ("This run was cut short: the program writing the file stopped before "
                   "the run ended, so it is shown up to its last whole record.")
NOTE_DAMAGED = "Part of this file is damaged, so the run is shown up to the damage."
NOTE_TRAILING = "Data after the end of the run was ignored."


class TraceError(Exception):
    """A file that cannot be read or written as a trace; str() is one sentence."""


# --- what a reader returns ------------------------------------------------------------

@dataclass
class Trace:
    """A trace as stored: metadata, rows in arrival order, the string table, the end."""
    meta: dict
    rows: np.ndarray
    strings: list[str]
    end: dict | None = None          # None when the run was cut short
    notes: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.end is not None


@dataclass
class LoadedRun:
    """A trace turned back into a run: what the window shows for an opened file."""
    model: RunModel
    meta: dict
    end: dict | None                 # None when the run was cut short
    notes: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.end is not None

    @property
    def status(self) -> str:
        return self.end["status"] if self.end is not None else "cut short"

    @property
    def summary(self) -> dict | None:
        return self.end["summary"] if self.end is not None else None

    @property
    def findings(self) -> list[dict]:
        return list(self.summary.get("findings", [])) if self.summary else []


# --- writing ----------------------------------------------------------------------------

def app_metadata() -> dict:
    from ipcscope.core import __version__
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "app_version": __version__,
            "python": platform.python_version(), "platform": platform.platform()}


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


def run_metadata(scenario_id: str, params: dict, speed: float) -> dict:
    """The metadata of a run starting now; the window keeps it until "Save run…"."""
    return {**app_metadata(), "scenario": scenario_id, "params": dict(params),
            "speed": speed, "started_at": now_iso()}


class _RecordFile:
    """Frames records onto an open binary file."""

    def __init__(self, file):
        self.file = file

    def record(self, tag: bytes, payload: bytes) -> None:
        head = _HEAD.pack(tag, len(payload))
        self.file.write(head + payload + _CRC.pack(zlib.crc32(payload, zlib.crc32(head))))

    def json(self, tag: bytes, value: dict) -> None:
        self.record(tag, _json_bytes(value))

    def strings(self, strings: list[str]) -> None:
        group, size = [], 0
        for text in strings:
            group.append(text)
            size += len(text) + 4
            if size >= STRINGS_RECORD_BYTES:
                self._strings_record(group)
                group, size = [], 0
        if group:
            self._strings_record(group)

    def _strings_record(self, strings: list[str]) -> None:
        body = zlib.compress(_json_bytes(strings), 1)
        self.record(b"S", _PART.pack(ENCODING_ZLIB, len(strings)) + body)

    def events(self, rows: np.ndarray) -> None:
        for start in range(0, len(rows), CHUNK_ROWS):
            part = rows[start:start + CHUNK_ROWS]
            self.record(b"E", _PART.pack(ENCODING_ZLIB, len(part)) + _pack_rows(part))


class TraceWriter:
    """Writes a run to a file as it goes (`ipcscope run --trace`).  Batches are kept
    for at most FLUSH_INTERVAL_S (a helper thread flushes a quiet run), so events
    compress in big records and a killed writer loses little.  Always close()."""

    def __init__(self, path: str, meta: dict):
        self.path = path
        self._lock = threading.Lock()
        self._rows: list[np.ndarray] = []
        self._n_rows = 0
        self._strings: list[str] = []
        self._failure: str | None = None
        self._closed = False
        try:
            self._out = _RecordFile(open(path, "wb"))
            self._out.file.write(MAGIC)
            self._out.json(b"M", {**app_metadata(), "started_at": now_iso(), **meta})
            self._out.file.flush()
        except OSError as error:
            if hasattr(self, "_out"):
                _close_quietly(self._out.file)
            raise TraceError(_cannot_write(path, error)) from None
        self._stop = threading.Event()
        self._flusher = threading.Thread(target=self._flush_now_and_then, daemon=True,
                                         name="ipcscope-trace-writer")
        self._flusher.start()

    def write_batch(self, rows: np.ndarray, strings: list[str]) -> None:
        with self._lock:
            self._raise_if_failed()
            self._strings.extend(strings)
            if len(rows):
                self._rows.append(np.array(rows, dtype=EVENT_DTYPE))
                self._n_rows += len(rows)
            if self._n_rows >= CHUNK_ROWS:
                self._flush()
                self._raise_if_failed()

    def close(self, end: dict) -> None:
        """Write what is pending and the end record; raises TraceError if any write
        failed (the file then loads as cut short)."""
        self._stop.set()
        self._flusher.join()
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._flush()
            if self._failure is None:
                try:
                    self._out.json(b"Z", end)
                except OSError as error:
                    self._failure = _cannot_write(self.path, error)
            try:
                self._out.file.close()
            except OSError as error:
                self._failure = self._failure or _cannot_write(self.path, error)
            self._raise_if_failed()

    def _flush_now_and_then(self) -> None:
        while not self._stop.wait(FLUSH_INTERVAL_S):
            with self._lock:
                if not self._closed:
                    self._flush()

    def _flush(self) -> None:
        """Write pending strings, then the rows that may refer to them (lock held)."""
        if self._failure is not None or not (self._rows or self._strings):
            return
        rows = np.concatenate(self._rows) if self._rows else np.empty(0, EVENT_DTYPE)
        strings, self._rows, self._n_rows, self._strings = self._strings, [], 0, []
        try:
            self._out.strings(strings)
            self._out.events(rows)
            self._out.file.flush()
        except OSError as error:
            self._failure = _cannot_write(self.path, error)

    def _raise_if_failed(self) -> None:
        if self._failure is not None:
            raise TraceError(self._failure)


def save_run(path: str, model: RunModel, meta: dict, summary: dict) -> None:
    """Write a finished run that is in memory ("Save run…").  meta: from run_metadata()
    (at least scenario, params, speed).  The file appears whole or not at all: it is
    written beside `path` and then renamed over it."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        handle, part = tempfile.mkstemp(prefix=".ipcscope-", suffix=".part", dir=folder)
    except OSError as error:
        raise TraceError(_cannot_write(path, error)) from None
    try:
        with os.fdopen(handle, "wb") as file:
            out = _RecordFile(file)
            file.write(MAGIC)
            out.json(b"M", {**app_metadata(), **meta, "saved_at": now_iso()})
            out.strings(model.strings)
            for rows in model.parts():      # a long run's rows are partly on disk
                out.events(rows)
            out.json(b"Z", {"status": summary.get("status", model.status or "stopped"),
                            "summary": summary})
        os.replace(part, path)
    except OSError as error:
        _remove_quietly(part)
        raise TraceError(_cannot_write(path, error)) from None
    except BaseException:
        _remove_quietly(part)
        raise


def _json_bytes(value) -> bytes:
    # "replace": a lone surrogate in a string must not make the file unreadable
    return json.dumps(value, ensure_ascii=False, default=str).encode("utf-8", "replace")


def _pack_rows(rows: np.ndarray) -> bytes:
    return event_rows.pack(rows, EVENT_DTYPE)


def _cannot_write(path: str, error: OSError) -> str:
    return f"Cannot write the trace to {path}: {error.strerror or error}."


def _close_quietly(file) -> None:
    try:
        file.close()
    except OSError:
        pass


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


# --- reading ----------------------------------------------------------------------------

class _Refused(Exception):
    """The record's checksum holds but its content is not what the format says."""


def read_trace(path: str) -> Trace:
    """Every record of a trace, as stored."""
    parts: list[np.ndarray] = []
    strings: list[str] = []

    def take(rows: np.ndarray, more: list[str]) -> None:
        strings.extend(more)
        if len(rows):
            parts.append(rows)

    meta, end, notes = read_records(path, take)
    rows = np.concatenate(parts) if parts else np.empty(0, EVENT_DTYPE)
    return Trace(meta, rows, strings, end, notes)


def load_run(path: str) -> LoadedRun:
    """A trace as a RunModel, fed record by record as the live run was: File > Open."""
    model = RunModel(EVENT_DTYPE)

    def take(rows: np.ndarray, strings: list[str]) -> None:
        # RunModel counts an object's events only if an earlier append created the
        # object (live, its creation always came in an earlier batch): so each record
        # is handed over in pieces that end at an OBJ_CREATE.
        cuts = np.flatnonzero(rows["kind"] == Kind.OBJ_CREATE) + 1
        for piece in np.split(rows, cuts):
            model.append(piece, strings)
            strings = []

    meta, end, notes = read_records(path, take)
    return LoadedRun(model, meta, end, notes)


def read_records(path: str, take) -> tuple[dict, dict | None, list[str]]:
    """Read the records of `path`, handing take(rows, new_strings) each event record
    (strings that arrive later are handed with the next rows, or at the end)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):   # a FIFO would hang, a device never end
            raise TraceError(f"{path} is not a file, so it cannot be a trace.")
        file = open(path, "rb")
    except OSError as error:
        raise TraceError(f"Cannot open {path}: {error.strerror or error}.") from None
    with file:
        reader = _RecordReader(file, info.st_size)
        try:
            return reader.read(take)
        except _Refused as error:
            raise TraceError(f"{path} is damaged or not an IPC Scope trace: {error}.") \
                from None
        except _NotATrace as error:
            raise TraceError(str(error).format(name=path)) from None
        except OSError as error:
            raise TraceError(f"Cannot read {path}: {error.strerror or error}.") from None


class _NotATrace(Exception):
    """The file as a whole is not a trace this version can read; str() is a template."""


class _RecordReader:
    def __init__(self, file, size: int):
        self.file = file
        self.size = size
        self.offset = 0
        self.budget = max(EXPANSION_ALLOWANCE, EXPANSION_RATIO * size)
        self.notes: list[str] = []
        self.rows_check = RowCheck()
        self.n_strings = 0

    def read(self, take) -> tuple[dict, dict | None, list[str]]:
        magic = self.file.read(len(MAGIC))
        self.offset = len(magic)
        if not magic:
            raise _NotATrace("{name} is empty, so it holds no run.")
        if magic != MAGIC:
            if len(magic) < len(MAGIC) and MAGIC.startswith(magic):
                raise _NotATrace("{name} holds no run: it was cut short before its first "
                                 "record.")
            raise _NotATrace("{name} is not an IPC Scope trace.")
        first = self._next_record()
        if first is None:
            if NOTE_DAMAGED in self.notes:
                raise _NotATrace("{name} is damaged: its first record fails its checksum.")
            raise _NotATrace("{name} holds no run: it was cut short before its first "
                             "record.")
        if first[0] != b"M":
            raise _NotATrace("{name} is damaged: its first record is not its metadata.")
        meta = _parse_meta(first[1])
        pending: list[str] = []
        end = None
        while True:
            record = self._next_record()
            if record is None:
                break
            tag, payload = record
            if tag == b"S":
                more = self._strings(payload)
                pending.extend(more)
                self.n_strings += len(more)
            elif tag == b"E":
                rows = self._events(payload)
                take(rows, pending)
                pending = []
            elif tag == b"Z":
                end = _parse_end(payload)
                if self.offset < self.size:
                    self.notes.append(NOTE_TRAILING)
                break
            elif tag == b"M":
                raise _Refused("it has a second metadata record")
            elif not tag.islower():
                raise _Refused(f"it has a record of unknown type "
                               f"{tag.decode('latin-1')!r}")
        if pending:
            take(np.empty(0, EVENT_DTYPE), pending)
        if end is None and not self.notes:
            self.notes.append(NOTE_CUT_SHORT)
        self.notes.extend(self.rows_check.notes())
        return meta, end, self.notes

    def _next_record(self) -> tuple[bytes, bytes] | None:
        """The next whole record whose checksum holds; None at the end of what can be
        read (with a note when that is not a clean end)."""
        left = self.size - self.offset
        if left <= 0:
            return None
        if left < _HEAD.size + _CRC.size:
            self.notes.append(NOTE_CUT_SHORT)
            return None
        head = self.file.read(_HEAD.size)
        tag, length = _HEAD.unpack(head)
        if length > MAX_RECORD_BYTES:       # no writer makes one: a damaged length
            self.notes.append(NOTE_DAMAGED)
            return None
        if _HEAD.size + length + _CRC.size > left:
            self.notes.append(NOTE_CUT_SHORT)
            return None
        payload = self.file.read(length)
        (crc,) = _CRC.unpack(self.file.read(_CRC.size))
        if len(payload) != length:           # the file shrank while we read it
            self.notes.append(NOTE_CUT_SHORT)
            return None
        if zlib.crc32(payload, zlib.crc32(head)) != crc:
            self.notes.append(NOTE_DAMAGED)
            return None
        self.offset += _HEAD.size + length + _CRC.size
        return tag, payload

    def _spend(self, size: int) -> None:
        self.budget -= size
        if self.budget < 0:
            raise _Refused("its events would take far more memory than a trace of its "
                           "size can hold")

    def _strings(self, payload: bytes) -> list[str]:
        encoding, count, body = _split_part(payload)
        if encoding == ENCODING_ZLIB:
            body = _inflate(body, MAX_STRINGS_BYTES)
        elif encoding != ENCODING_RAW:
            raise _Refused(f"a strings record has unknown encoding {encoding}")
        self._spend(len(body))
        try:
            strings = json.loads(body.decode("utf-8"))
        except (ValueError, RecursionError):
            raise _Refused("a strings record is not a JSON list") from None
        if not isinstance(strings, list) or len(strings) != count or \
                not all(type(s) is str for s in strings):
            raise _Refused("a strings record does not hold the strings it says")
        return _clean_strings(strings)

    def _events(self, payload: bytes) -> np.ndarray:
        encoding, count, body = _split_part(payload)
        if count > MAX_RECORD_ROWS:
            raise _Refused("an event record says it holds more events than any can")
        size = count * RECORD_SIZE
        self._spend(size)
        if encoding == ENCODING_RAW:
            if len(body) != size:
                raise _Refused("an event record's length does not match its count")
            rows = np.frombuffer(body, EVENT_DTYPE).copy()
        elif encoding == ENCODING_ZLIB:
            raw = _inflate(body, size)
            if len(raw) != size:
                raise _Refused("an event record does not expand to the events it says")
            rows = _unpack_rows(raw, count)
        else:
            raise _Refused(f"an event record has unknown encoding {encoding}")
        try:
            return self.rows_check.keep(rows, self.n_strings)
        except SchemaError as error:
            raise _Refused(str(error)) from None


def _split_part(payload: bytes) -> tuple[int, int, bytes]:
    if len(payload) < _PART.size:
        raise _Refused("a record is too short for its header")
    encoding, count = _PART.unpack_from(payload)
    return encoding, count, payload[_PART.size:]


def _inflate(body: bytes, limit: int) -> bytes:
    """Decompress at most `limit` bytes; a stream that would give more is refused
    before it can fill memory."""
    stream = zlib.decompressobj()
    try:
        out = stream.decompress(body, limit + 1)
    except zlib.error:
        raise _Refused("a compressed record does not decompress") from None
    if len(out) > limit:
        raise _Refused("a compressed record expands beyond the size it declares")
    if not stream.eof or stream.unused_data:
        raise _Refused("a compressed record is incomplete or has data after its end")
    return out


def _unpack_rows(raw: bytes, count: int) -> np.ndarray:
    return event_rows.unpack(raw, count, EVENT_DTYPE)


def _parse_json_object(payload: bytes, what: str) -> dict:
    try:
        value = json.loads(payload.decode("utf-8"))
    except (ValueError, RecursionError):
        raise _Refused(f"its {what} is not JSON") from None
    if not isinstance(value, dict):
        raise _Refused(f"its {what} is not a JSON object")
    try:
        return _clean(value)
    except RecursionError:
        raise _Refused(f"its {what} is nested too deeply") from None


def _parse_meta(payload: bytes) -> dict:
    if len(payload) > MAX_META_BYTES:
        raise _NotATrace("{name} is damaged: its metadata is too large.")
    try:
        meta = _parse_json_object(payload, "metadata")
    except _Refused:
        raise _NotATrace("{name} is not an IPC Scope trace.") from None
    if meta.get("format") != FORMAT_NAME:
        raise _NotATrace("{name} is not an IPC Scope trace.")
    version = meta.get("version")
    if type(version) is not int or version < 1:
        raise _NotATrace("{name} is damaged: its format version is missing.")
    if version > FORMAT_VERSION:
        raise _NotATrace(f"{{name}} was saved by a newer IPC Scope (trace format {version}); "
                         f"this one reads format {FORMAT_VERSION}: please update IPC Scope.")
    if not isinstance(meta.get("scenario"), str) or not isinstance(meta.get("params"), dict) \
            or type(meta.get("speed")) not in (int, float):
        raise _NotATrace("{name} is damaged: its metadata lacks the scenario, its "
                         "parameters or its speed.")
    try:
        return check_meta(meta)
    except SchemaError as error:
        raise _NotATrace("{name} is damaged: " + _braces(str(error)) + ".") from None


def _braces(text: str) -> str:
    """Text from the file inside a str.format template."""
    return text.replace("{", "{{").replace("}", "}}")


def _parse_end(payload: bytes) -> dict:
    end = _parse_json_object(payload, "end record")
    try:
        return check_end(end)
    except SchemaError as error:
        raise _Refused(str(error)) from None


def _clean(value):
    """JSON can spell lone surrogates (\\ud800) that no file or widget can show."""
    if isinstance(value, str):
        return _clean_strings([value])[0]
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    return value


def _clean_strings(strings: list[str]) -> list[str]:
    try:
        "".join(strings).encode("utf-8")
        return strings
    except UnicodeEncodeError:
        return [s.encode("utf-8", "replace").decode("utf-8") for s in strings]
