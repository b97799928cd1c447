"""Full chunks of a run's rows kept on disk, not in memory: a run of any length holds
only its recent rows in RAM (issue 16: a flood grew the supervisor ~40 bytes an event).

The file is unnamed (O_TMPFILE where the system has it, else unlinked at once), so it
is gone when the run's model is, or when IPC Scope dies by any signal.  It goes in the
user's cache directory, not /tmp: /tmp is RAM (tmpfs) on many desktops.  Chunks are
written once, at the end, and read back with pread, so a reader in another thread (a
snapshot for the findings) never sees a half-written one.  They are compressed as a
trace's rows are: ~2.5 bytes a row of a flood.
"""
from __future__ import annotations

import os
import tempfile
import threading
import weakref
import zlib

import numpy as np
from ipcscope.core import rows as event_rows


def spill_dir() -> str:
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = os.path.join(cache, "ipcscope")
    try:
        os.makedirs(path, exist_ok=True)
        if os.access(path, os.W_OK):
            return path
    except OSError:
        pass
    return tempfile.gettempdir()


class SpillFile:
    """An unnamed file that chunks are appended to, by one or several SpilledChunks (the
    window's lanes and plots hold hundreds of paged arrays: a file each could use up the
    process's descriptors, which the run's channels need).  Closed once nothing that
    wrote to it is left."""

    def __init__(self):
        self._file = tempfile.TemporaryFile(prefix="ipcscope-rows-", dir=spill_dir())
        self._end = 0
        self._lock = threading.Lock()
        weakref.finalize(self, self._file.close)

    def append(self, data: memoryview) -> int:
        """Write `data` after what is there; returns where it starts."""
        with self._lock:
            offset = self._end
            written = 0
            while written < len(data):   # pwrite may write less (OSError: the caller's)
                written += os.pwrite(self._file.fileno(), data[written:], offset + written)
            self._end += len(data)
        return offset

    def read(self, offset: int, length: int) -> bytes:
        return os.pread(self._file.fileno(), length, offset)


class SpillPool:
    """One SpillFile for the many paged arrays of one run (core/paged.py), opened when
    the first of them spills: it leaves the disk with the last of them."""

    def __init__(self):
        self._file: SpillFile | None = None
        self._lock = threading.Lock()       # the depth worker's arrays spill too

    def file(self) -> SpillFile:
        with self._lock:
            if self._file is None:
                self._file = SpillFile()
            return self._file


class SpilledChunks:
    """Append-only chunks of one size, numbered from 0, compressed (core/rows.py pack:
    ~2.5 bytes a row of a flood, not 38: an hour of flood is ~2 GB of disk, not 27)
    in a SpillFile (its own unless one is given).  Where each chunk is stays in memory:
    16 bytes a chunk."""

    def __init__(self, dtype: np.dtype, chunk_rows: int, file: SpillFile | None = None):
        self.dtype = dtype
        self.chunk_rows = chunk_rows
        self._file = file if file is not None else SpillFile()
        self._extents: list[tuple[int, int]] = []     # (offset, length) of each chunk

    @property
    def count(self) -> int:
        return len(self._extents)

    def add(self, chunk: np.ndarray) -> None:
        data = memoryview(event_rows.pack(chunk, self.dtype))
        offset = self._file.append(data)
        # appended last: a reader in another thread sees the chunk only once it is whole
        self._extents.append((offset, len(data)))

    def read(self, index: int) -> np.ndarray:
        """Chunk `index` (< count), as an array of its own."""
        offset, length = self._extents[index]
        data = self._file.read(offset, length)
        if len(data) != length:
            raise OSError(f"the run's spilled rows were cut short at chunk {index}")
        return event_rows.unpack(zlib.decompress(data), self.chunk_rows, self.dtype)


def spill(spilled: SpilledChunks | None, chunk: np.ndarray, chunk_rows: int,
          file: SpillFile | None = None) -> SpilledChunks | None:
    """`chunk` added to `spilled` (new chunks in `file`, or a file of their own, if
    None); returns them, or None if the disk refused (full, read-only): then the caller
    keeps the chunk in memory."""
    try:
        if spilled is None:
            spilled = SpilledChunks(chunk.dtype, chunk_rows, file)
        spilled.add(chunk)
    except OSError:
        return None
    return spilled
