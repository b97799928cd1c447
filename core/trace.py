"""Trace files: a whole run (metadata, every event, the summary) in a documented,
versioned format that is data only: loading one never runs code (no pickle).

Layout (all integers little-endian)
    magic      b"IPCSCOPE-TRACE\\n" (15 bytes)
    chunks     tag (1 byte) | length (uint32) | payload | crc32 of payload (uint32)
        b"M"   metadata, UTF-8 JSON: format, version, scenario, params, speed, app and
               Python versions, platform, start time; always the first chunk
        b"S"   strings, UTF-8 JSON list: appended to the run's string table
        b"E"   events: rows of 40 bytes, fields as in core/events.py (NUMPY_FIELDS)
        b"Z"   the end, UTF-8 JSON: status and the summary; absent if the run was cut
The writer appends chunks as the run goes, so a run killed mid-write leaves a file
that loads up to its last whole chunk.
"""
from __future__ import annotations

import json
import platform
import struct
import time
import zlib
from dataclasses import dataclass, field

import numpy as np

from core.events import NUMPY_FIELDS, RECORD_SIZE

MAGIC = b"IPCSCOPE-TRACE\n"
FORMAT_VERSION = 1
_CHUNK_HEAD = struct.Struct("<cI")
_CRC = struct.Struct("<I")
EVENT_DTYPE = np.dtype(NUMPY_FIELDS)
MAX_CHUNK = 1 << 30


class TraceError(Exception):
    """A file that cannot be read as a trace; str() is one sentence for the user."""


@dataclass
class Trace:
    meta: dict
    rows: np.ndarray
    strings: list[str]
    end: dict | None = None          # None when the run was cut short
    notes: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.end is not None


def app_metadata() -> dict:
    from core import __version__
    return {
        "format": "ipcscope-trace", "version": FORMAT_VERSION, "app_version": __version__,
        "python": platform.python_version(), "platform": platform.platform(),
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


class TraceWriter:
    def __init__(self, path: str, meta: dict):
        self._file = open(path, "wb")
        self._file.write(MAGIC)
        self._chunk(b"M", json.dumps({**app_metadata(), **meta}, ensure_ascii=False).encode())

    def write_batch(self, rows: np.ndarray, strings: list[str]) -> None:
        if strings:
            self._chunk(b"S", json.dumps(strings, ensure_ascii=False).encode())
        if len(rows):
            self._chunk(b"E", np.ascontiguousarray(rows, dtype=EVENT_DTYPE).tobytes())
        self._file.flush()

    def close(self, end: dict) -> None:
        self._chunk(b"Z", json.dumps(end, ensure_ascii=False, default=str).encode())
        self._file.close()

    def _chunk(self, tag: bytes, payload: bytes) -> None:
        self._file.write(_CHUNK_HEAD.pack(tag, len(payload)) + payload +
                         _CRC.pack(zlib.crc32(payload)))


def read_trace(path: str) -> Trace:
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as error:
        raise TraceError(f"Cannot open {path}: {error.strerror or error}.") from None
    if not data:
        raise TraceError(f"{path} is empty, not an IPC Scope trace.")
    if not data.startswith(MAGIC):
        raise TraceError(f"{path} is not an IPC Scope trace.")
    meta, strings, parts, end, notes = None, [], [], None, []
    offset = len(MAGIC)
    while offset < len(data):
        if offset + _CHUNK_HEAD.size > len(data):
            notes.append("the file ends in the middle of a record: the run was cut short")
            break
        tag, length = _CHUNK_HEAD.unpack_from(data, offset)
        body = offset + _CHUNK_HEAD.size
        if length > MAX_CHUNK or body + length + _CRC.size > len(data):
            notes.append("the file ends in the middle of a record: the run was cut short")
            break
        payload = data[body:body + length]
        (crc,) = _CRC.unpack_from(data, body + length)
        if zlib.crc32(payload) != crc:
            if meta is None:
                raise TraceError(f"{path} is damaged: its first record fails its checksum.")
            notes.append("a damaged record was found: the run is shown up to it")
            break
        offset = body + length + _CRC.size
        try:
            if tag == b"M" and meta is None:
                meta = json.loads(payload)
                _check_meta(meta, path)
            elif meta is None:
                raise TraceError(f"{path} is damaged: it does not start with its metadata.")
            elif tag == b"S":
                more = json.loads(payload)
                if not isinstance(more, list) or not all(isinstance(s, str) for s in more):
                    raise ValueError("strings")
                strings.extend(more)
            elif tag == b"E":
                if length % RECORD_SIZE:
                    raise ValueError("events")
                parts.append(np.frombuffer(payload, dtype=EVENT_DTYPE))
            elif tag == b"Z":
                end = json.loads(payload)
                if not isinstance(end, dict):
                    raise ValueError("end")
                break
            else:
                raise ValueError("tag")
        except (ValueError, UnicodeDecodeError):
            raise TraceError(f"{path} is damaged: a record does not hold what it should.") \
                from None
    if meta is None:
        raise TraceError(f"{path} holds no run: it was cut short before its first record.")
    rows = np.concatenate(parts) if parts else np.zeros(0, EVENT_DTYPE)
    return Trace(meta, rows, strings, end, notes)


def _check_meta(meta, path: str) -> None:
    if not isinstance(meta, dict) or meta.get("format") != "ipcscope-trace":
        raise TraceError(f"{path} is not an IPC Scope trace.")
    version = meta.get("version")
    if not isinstance(version, int):
        raise TraceError(f"{path} is damaged: it has no format version.")
    if version > FORMAT_VERSION:
        raise TraceError(f"{path} was written by a newer IPC Scope (trace format {version}; "
                         f"this one reads up to {FORMAT_VERSION}).")
    if sys.byteorder != "little":  # rows are little-endian; numpy converts on read
        pass
