"""Full chunks of a run's rows kept on disk, not in memory: a run of any length holds
only its recent rows in RAM (issue 16: a flood grew the supervisor ~40 bytes an event).

The file is unnamed (O_TMPFILE where the system has it, else unlinked at once), so it
is gone when the run's model is, or when IPC Scope dies by any signal.  It goes in the
user's cache directory, not /tmp: /tmp is RAM (tmpfs) on many desktops.  Chunks are
written once, at the end, and read back with pread, so a reader in another thread (a
snapshot for the findings) never sees a half-written one.
"""
from __future__ import annotations

import os
import tempfile
import weakref

import numpy as np


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
    """Append-only chunks of one size, numbered from 0, on an unnamed file."""

    def __init__(self, dtype: np.dtype, chunk_rows: int):
        self.dtype = dtype
        self.chunk_bytes = dtype.itemsize * chunk_rows
        self._file = tempfile.TemporaryFile(prefix="ipcscope-rows-", dir=spill_dir())
        self.count = 0
        # closed when the last model or snapshot sharing it is gone (the file is unnamed:
        # closing is all it takes to free its space)
        weakref.finalize(self, self._file.close)

    def add(self, chunk: np.ndarray) -> None:
        data = chunk.view(np.uint8).reshape(-1).data
        offset = self.count * self.chunk_bytes
        written = 0
        while written < len(data):   # pwrite may write less than asked
            written += os.pwrite(self._file.fileno(), data[written:], offset + written)
        self.count += 1

    def read(self, index: int) -> np.ndarray:
        """Chunk `index` (< count), as a read-only array of its own."""
        data = os.pread(self._file.fileno(), self.chunk_bytes, index * self.chunk_bytes)
        if len(data) != self.chunk_bytes:
            raise OSError(f"the run's spilled rows were cut short at chunk {index}")
        return np.frombuffer(data, dtype=self.dtype)
