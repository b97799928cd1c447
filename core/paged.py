"""PagedArray: an append-only record array, sorted by a time field, whose older parts
live compressed on disk and are read back a chunk at a time.

Issue 16: the window kept every put and get of a flood as a lane mark (44 bytes), a
queue row (38) and a step of the depth line (16): ~20 MB a second, 1.8 GB after 40 s.
The model already keeps only its recent rows in memory (core/spill.py); the window's
views now do the same through this class.  Full chunks past the newest few go to disk;
what each one covers (first and last time, and a field's lowest and highest value where
asked) stays in memory, so a question reads back only the chunks it needs: a view of
the last seconds reads none, a zoom into an old stretch reads the few it shows.

A view zoomed out so far that a whole chunk falls within one pixel column does not
need the chunk's rows at all: `count_before` places an edge inside such a chunk by
interpolation (exact to the column, which is all a tick or a bin needs).  Nothing here
imports Qt.
"""
from __future__ import annotations

import copy
import threading
from collections import OrderedDict

import numpy as np
from ipcscope.core.spill import SpilledChunks, SpillPool, spill

CHUNK_ROWS = 1 << 15          # rows a chunk (a lane's marks: 1.4 MB in memory, ~0.1 on disk)
RESIDENT_CHUNKS = 2           # full chunks kept in memory besides the one being filled
CACHED_CHUNKS = 8             # chunks read back from disk, kept for the next question
BLOCK_ROWS = 256              # an extent array notes each block's extent too (see below)
BLOCK_DTYPE = np.dtype([("first", "<i8"), ("last", "<i8"), ("lo", "<i8"), ("hi", "<i8"),
                        ("end", "<i8")])


class GrowableArray:
    """A numpy record array that grows by doubling (up to `limit` rows) and hands out
    its filled part.  A view handed out never changes: later rows go past its end or
    into a new buffer."""

    def __init__(self, dtype: np.dtype, capacity: int = 64, limit: int | None = None):
        self._data = np.empty(capacity, dtype)
        self._n = 0
        self._limit = limit

    def extend(self, rows: np.ndarray) -> None:
        need = self._n + len(rows)
        if need > len(self._data):
            size = max(need, 2 * len(self._data))
            if self._limit is not None:
                size = max(need, min(size, self._limit))
            bigger = np.empty(size, self._data.dtype)
            bigger[:self._n] = self._data[:self._n]
            self._data = bigger
        self._data[self._n:need] = rows
        self._n = need

    def view(self) -> np.ndarray:
        return self._data[:self._n]

    def __len__(self) -> int:
        return self._n


class PagedArray:
    """Rows sorted by `key` (an int64 field), appended at the end.

    `summary`: a field whose lowest and highest value per chunk are noted, grouped by
    the value's upper 32 bits (an item id is its producer's pid << 32 | a count), so
    `rows_where` can skip chunks that cannot hold a value.  `extent`: a field whose
    lowest and highest value per chunk are noted as they are (a depth line's level),
    with each chunk's last row, so a zoomed-out view can draw a chunk unread; and so
    for each block of BLOCK_ROWS rows (`blocks`), for a chunk wider than a pixel
    column whose blocks are not (a queue that moves a few thousand items a second,
    seen whole after an hour).  `pool`: the run's spill file, which all its arrays
    share."""

    def __init__(self, dtype, key: str = "t", *, summary: str | None = None,
                 extent: str | None = None, chunk_rows: int | None = None,
                 resident_chunks: int = RESIDENT_CHUNKS, pool: SpillPool | None = None):
        self.dtype = np.dtype(dtype)
        self.key = key
        self.chunk_rows = chunk_rows or CHUNK_ROWS      # (read now: tests make it small)
        self._resident = resident_chunks
        self._summary_field = summary
        self._extent_field = extent
        self._pool = pool                  # the run's spill file, shared; else one's own
        self._tail = self._new_tail()
        self._tail_keys = GrowableArray(np.dtype(np.int64), 64, limit=self.chunk_rows)
        self._full: list[np.ndarray | None] = []       # None: on disk
        # each chunk's keys again, contiguous, while it is in memory: a binary search on
        # a field of a record array copies the whole field first
        self._keys: dict[int, np.ndarray] = {}
        self._on_disk = 0                  # full chunks [0, _on_disk) are on disk
        self._spilled: SpilledChunks | None = None
        self.spill_failed = False          # the disk refused: every chunk stays in memory
        self._first = GrowableArray(np.dtype(np.int64))    # per full chunk: first key
        self._last = GrowableArray(np.dtype(np.int64))     # ... and last key
        # per (full chunk, upper 32 bits of the summary field): lowest, highest value
        self._ranges = GrowableArray(np.dtype([("chunk", "<i8"), ("lo", "<i8"),
                                               ("hi", "<i8")]))
        # per full chunk: its last row, and the extent field's lowest and highest value
        self._last_rows = GrowableArray(self.dtype)
        self._extents = GrowableArray(np.dtype([("lo", "<i8"), ("hi", "<i8")]))
        self._blocks = GrowableArray(BLOCK_DTYPE)            # extent arrays: per block
        self._widest_block = GrowableArray(np.dtype(np.int64))   # ... per chunk: last - first
        # chunks read back, shared with snapshots (a depth line's is new at every update)
        self._cache = _ReadBack()
        self.reads = 0                     # chunks read back from disk, for tests

    def _new_tail(self) -> GrowableArray:
        return GrowableArray(self.dtype, 64, limit=self.chunk_rows)

    # --- building -----------------------------------------------------------------

    def extend(self, rows: np.ndarray) -> None:
        while len(rows):
            room = self.chunk_rows - len(self._tail)
            self._tail.extend(rows[:room])
            self._tail_keys.extend(rows[self.key][:room])
            rows = rows[room:]
            if len(self._tail) == self.chunk_rows:
                self._seal()

    def _seal(self) -> None:
        chunk = self._tail.view()
        self._tail = self._new_tail()
        number = len(self._full)
        self._full.append(chunk)
        self._keys[number] = self._tail_keys.view()
        self._tail_keys = GrowableArray(np.dtype(np.int64), 64, limit=self.chunk_rows)
        keys = chunk[self.key]
        self._first.extend(keys[:1].astype(np.int64))
        self._last.extend(keys[-1:].astype(np.int64))
        self._last_rows.extend(chunk[-1:])
        if self._extent_field is not None:
            values = chunk[self._extent_field]
            self._extents.extend(np.array([(values.min(), values.max())],
                                          self._extents.view().dtype))
            starts = np.arange(0, len(chunk), BLOCK_ROWS)
            blocks = np.empty(len(starts), BLOCK_DTYPE)
            blocks["first"] = keys[starts]
            blocks["last"] = keys[np.minimum(starts + BLOCK_ROWS, len(chunk)) - 1]
            blocks["lo"] = np.minimum.reduceat(values, starts)
            blocks["hi"] = np.maximum.reduceat(values, starts)
            blocks["end"] = values[np.minimum(starts + BLOCK_ROWS, len(chunk)) - 1]
            self._blocks.extend(blocks)
            self._widest_block.extend(np.array([(blocks["last"] - blocks["first"]).max()]))
        if self._summary_field is not None:
            values = chunk[self._summary_field].astype(np.int64)
            order = np.argsort(values, kind="stable")
            values = values[order]
            group = values >> 32
            firsts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
            lasts = np.r_[firsts[1:], len(values)] - 1
            ranges = np.empty(len(firsts), self._ranges.view().dtype)
            ranges["chunk"], ranges["lo"], ranges["hi"] = number, values[firsts], values[lasts]
            self._ranges.extend(ranges)
        self._spill_oldest()

    def _spill_oldest(self) -> None:
        while len(self._full) - self._on_disk > self._resident and not self.spill_failed:
            try:
                file = self._pool.file() if self._spilled is None and self._pool else None
            except OSError:
                file = None                 # spill() tries a file of its own, or says no
            spilled = spill(self._spilled, self._full[self._on_disk], self.chunk_rows, file)
            if spilled is None:             # the rows stay in memory, nothing is lost
                self.spill_failed = True
                return
            self._spilled = spilled
            self._full[self._on_disk] = None
            self._keys.pop(self._on_disk, None)
            self._on_disk += 1

    def snapshot(self) -> "PagedArray":
        """A copy for another thread: rows appended later are not in it, and reading it
        never touches what the original is changing."""
        snap = copy.copy(self)
        snap._full = list(self._full)
        snap._tail = _Frozen(self._tail.view())
        snap._tail_keys = _Frozen(self._tail_keys.view())
        snap._keys = dict(self._keys)
        snap._first = _Frozen(self._first.view())
        snap._last = _Frozen(self._last.view())
        snap._ranges = _Frozen(self._ranges.view())
        snap._last_rows = _Frozen(self._last_rows.view())
        snap._extents = _Frozen(self._extents.view())
        snap._blocks = _Frozen(self._blocks.view())
        snap._widest_block = _Frozen(self._widest_block.view())
        return snap

    # --- reading ------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._full) * self.chunk_rows + len(self._tail)

    @property
    def on_disk(self) -> int:
        """Chunks written to disk so far."""
        return self._on_disk

    def nbytes_in_memory(self) -> int:
        rows = len(self._tail) + sum(len(c) for c in self._full if c is not None) \
            + self._cache.rows()
        keys = len(self._tail_keys) + sum(len(k) for k in self._keys.values()) \
            + self._cache.rows()
        return rows * self.dtype.itemsize + keys * 8

    def chunk(self, index: int) -> np.ndarray:
        """Chunk `index`'s rows (read back from disk if it is there); `full_chunks` is
        the one being filled."""
        if index >= len(self._full):
            return self._tail.view()
        rows = self._full[index]
        if rows is not None:
            return rows
        return self._read_back(index)[0]

    def _read_back(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        """(rows, keys) of a chunk on disk, from the cache or read now."""
        found = self._cache.get(index)
        if found is None:
            rows = self._spilled.read(index)
            self.reads += 1
            found = self._cache.put(index, rows, np.ascontiguousarray(rows[self.key], np.int64))
        return found

    def _chunk_keys(self, index: int) -> np.ndarray:
        """Chunk `index`'s keys as one contiguous array."""
        if index >= len(self._full):
            return self._tail_keys.view()
        keys = self._keys.get(index)
        if keys is not None:
            return keys
        if self._full[index] is not None:      # a snapshot's, spilled since by the original
            return np.ascontiguousarray(self._full[index][self.key], np.int64)
        return self._read_back(index)[1]

    def in_memory(self, index: int) -> bool:
        return index >= len(self._full) or self._full[index] is not None \
            or self._cache.get(index, touch=False) is not None

    # --- what each full chunk covers, without reading it ------------------------------

    @property
    def full_chunks(self) -> int:
        return len(self._full)

    def bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """(first key, last key) of each full chunk."""
        return self._first.view(), self._last.view()

    def extents(self) -> np.ndarray:
        """(lo, hi) of the extent field in each full chunk."""
        return self._extents.view()

    def last_rows(self) -> np.ndarray:
        """The last row of each full chunk."""
        return self._last_rows.view()

    def blocks(self, index: int) -> np.ndarray:
        """Full chunk `index`'s blocks: first and last key, lowest and highest extent
        value, the extent value of its last row."""
        per_chunk = -(-self.chunk_rows // BLOCK_ROWS)
        return self._blocks.view()[index * per_chunk:(index + 1) * per_chunk]

    def widest_blocks(self) -> np.ndarray:
        """Of each full chunk, its widest block's last key - first key."""
        return self._widest_block.view()

    # --- questions ----------------------------------------------------------------------

    def last_key(self) -> int | None:
        if len(self._tail):
            return int(self._tail_keys.view()[-1])
        return int(self._last.view()[-1]) if len(self._full) else None

    def key_at(self, i: int) -> int:
        chunk, at = divmod(i, self.chunk_rows)
        return int(self._chunk_keys(chunk)[at])

    def slice(self, start: int, stop: int) -> np.ndarray:
        """Rows [start, stop), as one array (read back from disk as needed)."""
        return _joined(list(self.pieces(start, stop)), self.dtype)

    def pieces(self, start: int, stop: int):
        """Rows [start, stop), a chunk's part at a time: a long stretch need not be
        in memory all at once."""
        start, stop = max(0, start), min(stop, len(self))
        while start < stop:
            chunk, at = divmod(start, self.chunk_rows)
            take = min(stop - start, self.chunk_rows - at)
            yield self.chunk(chunk)[at:at + take]
            start += take

    def searchsorted(self, values, side: str = "left", resolution: float | None = None):
        """np.searchsorted over the key, for an int or an array of them.  With a
        `resolution` (ns), a value inside a chunk on disk that spans no more than that is
        placed by interpolation instead of reading the chunk (see the module's doc)."""
        scalar = np.ndim(values) == 0
        values = np.atleast_1d(np.asarray(values, np.int64))
        out = np.empty(len(values), np.int64)
        n_full = len(self._full)
        first, last = self._first.view(), self._last.view()
        # the first chunk that can hold the position (the one being filled: n_full)
        chunk = np.searchsorted(last, values, side)
        out[:] = chunk * self.chunk_rows
        # before a full chunk's first key the answer is its start, without reading it
        at_full = chunk < n_full
        inside = ~at_full.copy()
        inside[at_full] = (values[at_full] > first[chunk[at_full]]) if side == "left" \
            else (values[at_full] >= first[chunk[at_full]])
        for c in np.unique(chunk[inside]).tolist():
            mine = inside & (chunk == c)
            if resolution is not None and c < n_full and not self.in_memory(c) \
                    and last[c] - first[c] <= resolution:
                share = (values[mine] - first[c]) / max(1, last[c] - first[c])
                out[mine] += np.clip(np.round(share * self.chunk_rows), 1,
                                     self.chunk_rows - 1).astype(np.int64)
                continue
            out[mine] += np.searchsorted(self._chunk_keys(c), values[mine], side)
        return int(out[0]) if scalar else out

    def between(self, lo: int, hi: int) -> np.ndarray:
        """Rows whose key is in [lo, hi]."""
        return self.slice(self.searchsorted(lo, "left"), self.searchsorted(hi, "right"))

    def rows_where(self, value: int) -> np.ndarray:
        """Rows whose summary field equals `value`: only the chunks whose noted range
        can hold it are read."""
        field = self._summary_field
        ranges = self._ranges.view()
        hits = ranges["chunk"][(ranges["lo"] <= value) & (value <= ranges["hi"])]
        found = []
        for c in np.unique(hits).tolist() + [len(self._full)]:
            rows = self.chunk(c)
            found.append(rows[rows[field] == value])
        return _joined(found, self.dtype)

    def to_array(self) -> np.ndarray:
        """Every row as one array: for small arrays and tests, never a whole long run."""
        return self.slice(0, len(self))

    # numpy-like reading, for tests and small arrays
    def __getitem__(self, index):
        if isinstance(index, str):
            return _joined([p[index] for p in self.pieces(0, len(self))],
                           self.dtype[index])
        return self.to_array()[index]

    def __iter__(self):
        for piece in self.pieces(0, len(self)):
            yield from piece

    def __array__(self, dtype=None, copy=None):
        rows = self.to_array()
        return rows if dtype is None else rows.astype(dtype)


class _ReadBack:
    """Chunks read back from disk, the newest CACHED_CHUNKS, with their keys: shared by
    an array and its snapshots, which may be read in two threads."""

    def __init__(self):
        self._chunks: OrderedDict[int, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, index: int, touch: bool = True):
        with self._lock:
            found = self._chunks.get(index)
            if found is not None and touch:
                self._chunks.move_to_end(index)
            return found

    def put(self, index: int, rows: np.ndarray, keys: np.ndarray):
        with self._lock:
            self._chunks[index] = (rows, keys)
            if len(self._chunks) > CACHED_CHUNKS:
                self._chunks.popitem(last=False)
            return rows, keys

    def rows(self) -> int:
        with self._lock:
            return sum(len(rows) for rows, _ in self._chunks.values())


class _Frozen:
    """A GrowableArray's view, fixed: what a snapshot holds."""

    def __init__(self, rows: np.ndarray):
        self._rows = rows

    def view(self) -> np.ndarray:
        return self._rows

    def __len__(self) -> int:
        return len(self._rows)


def _joined(parts: list[np.ndarray], dtype) -> np.ndarray:
    if len(parts) == 1:
        return parts[0]
    return np.concatenate(parts) if parts else np.empty(0, dtype)
