"""Many runs of one scenario or program, several at once: a race is a distribution,
not one outcome.

`RunPool` runs `runs` runs, `jobs` at a time, each driven by a thread of its own (a
`Supervisor` spends its time waiting on sockets; the run's work is done by its own
processes).  Iterating over the pool yields a `FinishedRun` as each run ends, in the
order they end; only summaries are kept, never events, so memory does not grow with
the runs.  `cancel()` (from any thread, or leaving the `with` block, Ctrl-C included)
stops every running run the way Stop does, each run's processes ended and counted.

What starts one run is the caller's `start_run(index, trace_path, on_start)`, which
returns that run's summary (`headless.run` or `headless.trace` with the arguments
bound): the same pool runs a scenario, a program, or the two sides of a compare.

A `Recorder` keeps some runs' trace files in a folder, so that a bar of the Run ×N
window's histogram (gui/repeat_window.py) can be opened as one run, and `--record DIR`
leaves some on disk: at most `per_outcome` runs for each distinct outcome (status,
findings, whole-number results) and `at_most` in all, but always the first run of each
status (a rare crash must stay openable even after the bound is reached).
"""
from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ipcscope.core.trace import FILE_SUFFIX

MAX_RUNS = 1000
# Runs at once share the CPU: one run's 70 processes starting can hold another's last
# exits back for longer than a single run's stall window at high speed (0.5 s; measured
# here: 9 of 40 manager-counter runs, two at once, ended "stalled" that way, 0 of 40
# one at a time).  So a run of several at once is stalled only after this much silence.
STALL_FLOOR_AT_ONCE_S = 2.0


def stall_after_at_once(speed: float) -> float:
    """The `stall_after` (seconds at speed 1, as Supervisor takes it) that makes the
    stall window max(the usual 3 s ÷ speed, STALL_FLOOR_AT_ONCE_S)."""
    from ipcscope.core.supervisor import STALL_AFTER_S
    return max(STALL_AFTER_S, STALL_FLOOR_AT_ONCE_S * speed)


@dataclass(frozen=True)
class FinishedRun:
    index: int                   # 0-based, in the order the runs were started
    summary: dict
    trace_path: str | None       # its recording, if the recorder kept it


class _Failed:
    """A worker's exception, carried to the iterating thread."""

    def __init__(self, error: BaseException):
        self.error = error


class RunPool:
    """`with RunPool(start_run, runs, jobs) as pool: for finished in pool: ...` — the
    window iterates it in a worker thread and calls cancel() from its own."""

    def __init__(self, start_run: Callable, runs: int, jobs: int, *,
                 recorder: Recorder | None = None):
        if not 1 <= runs <= MAX_RUNS:
            raise ValueError(f"runs must be between 1 and {MAX_RUNS}, not {runs}")
        self._start_run = start_run
        self.runs = runs
        self.jobs = max(1, min(jobs, runs))
        self._recorder = recorder
        self._next = 0
        self._lock = threading.Lock()
        self._cancelled = threading.Event()
        self._supervisors: set = set()
        # Bounded: a consumer that falls behind holds the workers back, not memory.
        self._finished: queue.Queue = queue.Queue(maxsize=2 * self.jobs)
        self._threads = [threading.Thread(target=self._work, name=f"ipcscope-repeat-{n}",
                                          daemon=True) for n in range(self.jobs)]
        self._started = False

    def __enter__(self) -> RunPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __iter__(self) -> Iterator[FinishedRun]:
        if not self._started:
            self._started = True
            for thread in self._threads:
                thread.start()
        working = self.jobs
        while working:
            item = self._finished.get()
            if item is None:
                working -= 1
            elif isinstance(item, _Failed):
                self.close()
                raise item.error
            else:
                yield item

    @property
    def cancelled(self) -> bool:
        """cancel() was called: the runs that finished are all there will be."""
        return self._cancelled.is_set()

    def cancel(self) -> None:
        """Stop every running run and start no more (any thread)."""
        self._cancelled.set()
        with self._lock:
            for supervisor in self._supervisors:
                supervisor.request_stop()

    def close(self) -> None:
        """Cancel what is left and wait until every run has ended (its processes gone)."""
        if self._threads and any(t.is_alive() for t in self._threads):
            self.cancel()
        for thread in self._threads:
            while thread.is_alive():
                self._drop_finished()
                thread.join(0.05)
        self._drop_finished()

    def _drop_finished(self) -> None:
        """Make room for a worker blocked handing over a run nobody will read."""
        try:
            while True:
                self._finished.get_nowait()
        except queue.Empty:
            pass

    def _take_index(self) -> int | None:
        with self._lock:
            if self._cancelled.is_set() or self._next >= self.runs:
                return None
            self._next += 1
            return self._next - 1

    def _work(self) -> None:
        try:
            while (index := self._take_index()) is not None:
                self._finished.put(self._one(index))
        except BaseException as error:   # noqa: BLE001 — re-raised by the iterating thread
            self.cancel()
            self._finished.put(_Failed(error))
        self._finished.put(None)

    def _one(self, index: int) -> FinishedRun:
        path = self._recorder.path_for(index) if self._recorder else None
        current = []

        def on_start(supervisor) -> None:
            current.append(supervisor)
            with self._lock:
                self._supervisors.add(supervisor)
                if self._cancelled.is_set():   # cancelled while it was starting
                    supervisor.request_stop()

        try:
            summary = self._start_run(index, path, on_start)
        except BaseException:
            if path is not None:        # a run that never ended leaves no half-written file
                _remove(path)
            raise
        finally:
            with self._lock:
                self._supervisors.difference_update(current)
        kept = self._recorder.keep(index, path, summary) if self._recorder else None
        return FinishedRun(index, summary, kept)


def outcome_of(summary: dict) -> tuple:
    """What makes two runs' outcomes the same for the recorder: status, findings and
    the whole-number results (a timing in seconds would make every run distinct)."""
    kinds = tuple(sorted({f.get("kind") for f in summary.get("findings", [])}))
    numbers = tuple(sorted((k, v) for k, v in (summary.get("result") or {}).items()
                           if isinstance(v, int) or v is None))
    return summary.get("status"), kinds, numbers


class Recorder:
    """Each run writes its trace into `folder`; a run whose outcome already has
    `per_outcome` recordings, or past `at_most` in all, has its file deleted."""

    def __init__(self, folder: str, *, per_outcome: int = 3, at_most: int = 100):
        os.makedirs(folder, exist_ok=True)
        self.folder = folder
        self.per_outcome = per_outcome
        self.at_most = at_most
        self.kept: list[tuple[int, str]] = []     # (run index, file)
        self._counts: dict[tuple, int] = {}
        self._statuses: set = set()          # statuses that have a recording
        self._lock = threading.Lock()

    def path_for(self, index: int) -> str:
        return os.path.join(self.folder, f"run-{index + 1:04d}{FILE_SUFFIX}")

    def keep(self, index: int, path: str, summary: dict) -> str | None:
        outcome = outcome_of(summary)
        with self._lock:
            first_of_status = outcome[0] not in self._statuses
            wanted = first_of_status or (self._counts.get(outcome, 0) < self.per_outcome
                                         and len(self.kept) < self.at_most)
            if wanted:
                self._counts[outcome] = self._counts.get(outcome, 0) + 1
                self._statuses.add(outcome[0])
                self.kept.append((index, path))
        if not wanted:
            _remove(path)
            return None
        return path


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass
