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


class SpilledChunks:
    """Append-only chunks of one size, numbered from 0, compressed (core/rows.py pack:
    ~2.5 bytes a row of a flood, not 38: an hour of flood is ~2 GB of disk, not 27)
    on an unnamed file.  Where each chunk is stays in memory: 16 bytes a chunk."""

    def __init__(self, dtype: np.dtype, chunk_rows: int):
        self.dtype = dtype
        self.chunk_rows = chunk_rows
        self._file = tempfile.TemporaryFile(prefix="ipcscope-rows-", dir=spill_dir())
        self._extents: list[tuple[int, int]] = []     # (offset, length) of each chunk
        self._end = 0
        # closed when the last model or snapshot sharing it is gone (the file is unnamed:
        # closing is all it takes to free its space)
        weakref.finalize(self, self._file.close)

    @property
    def count(self) -> int:
        return len(self._extents)

    def add(self, chunk: np.ndarray) -> None:
        data = memoryview(event_rows.pack(chunk, self.dtype))
        written = 0
        while written < len(data):   # pwrite may write less than asked (OSError: the caller's)
            written += os.pwrite(self._file.fileno(), data[written:], self._end + written)
        # appended last: a reader in another thread sees the chunk only once it is whole
        self._extents.append((self._end, len(data)))
        self._end += len(data)

    def read(self, index: int) -> np.ndarray:
        """Chunk `index` (< count), as an array of its own."""
        offset, length = self._extents[index]
        data = os.pread(self._file.fileno(), length, offset)
        if len(data) != length:
            raise OSError(f"the run's spilled rows were cut short at chunk {index}")
        return event_rows.unpack(zlib.decompress(data), self.chunk_rows, self.dtype)


def spill(spilled: SpilledChunks | None, chunk: np.ndarray, chunk_rows: int
          ) -> SpilledChunks | None:
    """`chunk` added to `spilled` (a new file if None); returns the file, or None if the
    disk refused (full, read-only): then the caller keeps the chunk in memory."""
    try:
        if spilled is None:
            spilled = SpilledChunks(chunk.dtype, chunk_rows)
        spilled.add(chunk)
    except OSError:
        return None
    return spilled
