"""The rows an export writes, in time order, a block at a time, so that writing a run
takes memory that does not grow with it.

A run in memory (the window's RunModel) is handed out through its time order, a block
at a time.  A trace file (`ipcscope export`) is read once, record by record: its tables
(processes, objects, strings) go into a RunModel that keeps no rows, and its rows are
sorted in runs of RUN_ROWS that are spilled to a temporary file and merged back, a
block from each at a time.  Either way the order is the one a stable sort by time
gives (ties keep their order of arrival), and memory holds a few blocks, the tables,
and, for the Chrome trace only, the times and items of the puts and gets (for its
depth counters and flow arrows: 20 bytes each, against the 38 of every event).
"""
from __future__ import annotations

import tempfile

import numpy as np
from ipcscope.core import rows as event_rows
from ipcscope.core.events import Kind
from ipcscope.core.model import RunModel

BLOCK_ROWS = 1 << 16       # rows handed out at a time
RUN_ROWS = 1 << 18         # rows sorted in memory before they are spilled
MERGE_ROWS = 1 << 18       # rows held by a merge, over all its runs
MOVED_KINDS = (Kind.PUT_END, Kind.GET_END, Kind.SEND, Kind.RECV_END)
MOVED_DTYPE = np.dtype([("t", "<i8"), ("kind", "<i2"), ("obj", "<i2"), ("item", "<i8")])


class RowSource:
    """What an export reads: `tables` (a RunModel: names, objects, strings), the first
    and last time, the processes that have rows, blocks() — every row, in time order —
    and `moved`, the puts, gets, sends and recvs in time order (MOVED_DTYPE; made on
    first use, by a pass over the blocks: the CSV never needs them)."""
    tables: RunModel
    t_first: int | None
    t_last: int | None
    procs: set[int]
    moved_count = 0
    _moved: np.ndarray | None = None

    def __len__(self) -> int:
        return self.count

    def blocks(self):
        raise NotImplementedError

    @property
    def moved(self) -> np.ndarray:
        if self._moved is None:
            self._moved = np.empty(self.moved_count, MOVED_DTYPE)
            filled = 0
            for block in self.blocks():
                mask = _is_moved(block)
                n = int(np.count_nonzero(mask))
                for name in MOVED_DTYPE.names:
                    self._moved[name][filled:filled + n] = block[name][mask]
                filled += n
        return self._moved


class ModelSource(RowSource):
    """A run in memory."""

    def __init__(self, model: RunModel):
        rows = model.rows()
        self.tables, self.rows, self.count = model, rows, len(rows)
        self.order = np.argsort(rows["t"], kind="stable")
        self.t_first = int(rows["t"][self.order[0]]) if len(rows) else None
        self.t_last = int(rows["t"][self.order[-1]]) if len(rows) else None
        self.procs = set(np.unique(rows["proc"]).tolist())
        self.moved_count = int(np.count_nonzero(_is_moved(rows)))

    def blocks(self):
        for start in range(0, self.count, BLOCK_ROWS):
            yield event_rows.take(self.rows, self.order[start:start + BLOCK_ROWS])


class _TablesOnly(RunModel):
    """A RunModel that keeps its tables and strings, not its rows."""

    def _store(self, rows: np.ndarray) -> None:
        pass


class SpilledSource(RowSource):
    """A trace file's rows, sorted in runs on disk; call close() (or use `with`)."""

    def __init__(self, dtype: np.dtype):
        self.dtype = dtype
        self.spill_dtype = np.dtype(dtype.descr + [("arrival", "<i8")])
        self.tables = _TablesOnly(dtype)
        self.count = 0
        self.t_first = self.t_last = None
        self.procs: set[int] = set()
        self._pending: list[np.ndarray] = []
        self._pending_rows = 0
        self._runs: list[tuple[int, int]] = []    # (first row, rows) in the spill file
        self._spill = None
        self._memory: np.ndarray | None = None

    # --- filling (a trace is read record by record) -------------------------------

    def take(self, rows: np.ndarray, strings: list[str]) -> None:
        """One record's rows and the strings that came before them, as load_run gets
        them (an object's rows count once its creation is in)."""
        cuts = np.flatnonzero(rows["kind"] == Kind.OBJ_CREATE) + 1
        for piece in np.split(rows, cuts):
            self.tables.append(piece, strings)
            strings = []
        for start in range(0, len(rows), RUN_ROWS):
            self._add(rows[start:start + RUN_ROWS])

    def _add(self, rows: np.ndarray) -> None:
        spilled = np.empty(len(rows), self.spill_dtype)
        for name in self.dtype.names:
            spilled[name] = rows[name]
        spilled["arrival"] = np.arange(self.count, self.count + len(rows))
        self.count += len(rows)
        low, high = int(rows["t"].min()), int(rows["t"].max())
        self.t_first = low if self.t_first is None else min(self.t_first, low)
        self.t_last = high if self.t_last is None else max(self.t_last, high)
        self.procs.update(np.unique(rows["proc"]).tolist())
        self.moved_count += int(np.count_nonzero(_is_moved(rows)))
        self._pending.append(spilled)
        self._pending_rows += len(rows)
        if self._pending_rows >= RUN_ROWS:
            self._spill_run()

    def finish(self) -> None:
        """All rows are in: sort what is left (kept in memory if nothing was spilled)."""
        if self._runs:
            self._spill_run()
        else:
            self._memory = _sorted(self._pending, self.spill_dtype)
            self._pending = []

    def _spill_run(self) -> None:
        run = _sorted(self._pending, self.spill_dtype)
        self._pending, self._pending_rows = [], 0
        if not len(run):
            return
        if self._spill is None:
            self._spill = tempfile.TemporaryFile(prefix="ipcscope-export-")
        first = sum(n for _, n in self._runs)
        self._spill.seek(first * self.spill_dtype.itemsize)
        self._spill.write(run.tobytes())
        self._runs.append((first, len(run)))

    # --- reading ------------------------------------------------------------------

    def blocks(self):
        if self._memory is not None:
            for start in range(0, len(self._memory), BLOCK_ROWS):
                yield self._rows(self._memory[start:start + BLOCK_ROWS])
            return
        for merged in self._merge():
            yield self._rows(merged)

    def _rows(self, spilled: np.ndarray) -> np.ndarray:
        rows = np.empty(len(spilled), self.dtype)
        for name in self.dtype.names:
            rows[name] = spilled[name]
        return rows

    def _merge(self):
        """The runs merged by (time, arrival): each gives a buffer at a time; every row
        up to the smallest last (time, arrival) of the runs not yet done can go."""
        per_run = max(1024, MERGE_ROWS // len(self._runs))
        size = self.spill_dtype.itemsize
        cursors = [[first, first + n] for first, n in self._runs]
        buffers = [np.empty(0, self.spill_dtype) for _ in cursors]
        while True:
            for i, (at, end) in enumerate(cursors):
                want = per_run - len(buffers[i])
                if want > 0 and at < end:
                    n = min(want, end - at)
                    self._spill.seek(at * size)
                    more = np.frombuffer(self._spill.read(n * size), self.spill_dtype)
                    buffers[i] = np.concatenate([buffers[i], more])
                    cursors[i][0] = at + n
            if not any(len(b) for b in buffers):
                return
            limits = [(int(b["t"][-1]), int(b["arrival"][-1]))
                      for b, (at, end) in zip(buffers, cursors) if at < end and len(b)]
            limit = min(limits) if limits else None
            out = []
            for i, buffer in enumerate(buffers):
                if limit is None:
                    n = len(buffer)
                else:
                    t, arrival = buffer["t"], buffer["arrival"]
                    n = int(np.count_nonzero((t < limit[0]) |
                                             ((t == limit[0]) & (arrival <= limit[1]))))
                out.append(buffer[:n])
                buffers[i] = buffer[n:]
            merged = np.concatenate(out)
            merged = merged[np.lexsort((merged["arrival"], merged["t"]))]
            for start in range(0, len(merged), BLOCK_ROWS):
                yield merged[start:start + BLOCK_ROWS]

    def close(self) -> None:
        if self._spill is not None:
            self._spill.close()
            self._spill = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _sorted(parts: list[np.ndarray], dtype: np.dtype) -> np.ndarray:
    rows = np.concatenate(parts) if parts else np.empty(0, dtype)
    return rows[np.argsort(rows["t"], kind="stable")]


def _is_moved(rows: np.ndarray) -> np.ndarray:
    return np.isin(rows["kind"], np.array(MOVED_KINDS, np.int16))
