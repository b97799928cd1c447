"""RepeatRuns: the Run ×N window's runs — a RunPool (core/repeat.py) iterated off the
GUI thread, its finished runs gathered into a Distribution in the GUI thread.

The pool is iterated in an OffThread job; each finished run goes into a deque, and a
timer in the GUI thread takes them out ten times a second: one `progressed` per tick
however fast runs end, no signal per run across threads.  `stop()` only asks (every
running run is stopped the way Stop does, within its 2 s); `ended` says when the last
run's processes are gone.  `shutdown()` is for the app quitting: it waits for that.

Every run is recorded into a temporary folder; the Recorder keeps a few of each outcome
(and the first of each status) and deletes the rest, so the folder stays small.  The
folder goes when the next batch starts or the window closes.
"""
from __future__ import annotations

import collections
import shutil
import tempfile
import time

from ipcscope.core.distribution import Distribution
from ipcscope.core.repeat import Recorder, RunPool
from ipcscope.gui.run.off_thread import OffThread
from PySide6.QtCore import QObject, QTimer, Signal, Slot

DRAIN_MS = 100
KEEP_PER_OUTCOME = 3
KEEP_AT_MOST = 200


def _iterate(pool: RunPool, inbox: collections.deque) -> bool:
    """In the worker thread: every run as it ends into the inbox; True if cancelled."""
    with pool:
        for finished in pool:
            inbox.append(finished)
    return pool.cancelled


class RepeatRuns(QObject):
    progressed = Signal()          # more runs ended (at most ten times a second)
    ended = Signal(bool)           # the batch is over; True if stopped before its end
    problem = Signal(str)          # the batch failed, in one sentence

    def __init__(self, parent=None):
        super().__init__(parent)
        self.distribution = Distribution()
        self.results: list[dict] = []        # each run's status and result numbers, by end
        self.recorded: list[tuple[int, dict, str]] = []   # (index, summary, file) of kept runs
        self.runs = 0
        self.began = self.took_s = 0.0
        self.folder: str | None = None
        self.stopped = False
        self._pool: RunPool | None = None
        self._inbox: collections.deque = collections.deque()
        self._worker = OffThread("ipcscope-repeat", "run the scenario many times", self)
        self._worker.finished.connect(self._on_done)
        self._worker.errored.connect(self._on_failed)
        self._worker.problem.connect(self.problem)
        self._timer = QTimer(self)
        self._timer.setInterval(DRAIN_MS)
        self._timer.timeout.connect(self._drain)

    @property
    def running(self) -> bool:
        return self._worker.busy

    def start(self, start_run, runs: int, jobs: int, about: dict) -> None:
        """start_run(index, trace_path, on_start) -> summary, as RunPool takes it."""
        if self.running:
            raise RuntimeError("a batch is under way")
        self._forget_folder()
        self.folder = tempfile.mkdtemp(prefix="ipcscope-repeat-")
        recorder = Recorder(self.folder, per_outcome=KEEP_PER_OUTCOME, at_most=KEEP_AT_MOST)
        self.distribution = Distribution({**about, "jobs": min(jobs, runs)})
        self.results, self.recorded, self.runs = [], [], runs
        self.stopped = False
        self.began, self.took_s = time.monotonic(), 0.0
        self._pool = RunPool(start_run, runs, jobs, recorder=recorder)
        self._worker.forget()
        self._worker.submit(_iterate, self._pool, self._inbox)
        self._timer.start()

    def stop(self) -> None:
        """Ask every running run to stop and no more to start; `ended` follows."""
        if self._pool is not None and self.running:
            self._pool.cancel()

    @Slot()
    def shutdown(self) -> None:
        """Stop and wait until every run's processes are gone (the app is quitting)."""
        self.stop()
        self._worker.shutdown()
        self._timer.stop()
        self._forget_folder()

    def elapsed_s(self) -> float:
        return self.took_s if not self.running else time.monotonic() - self.began

    @Slot()
    def _drain(self) -> None:
        took = False
        while self._inbox:
            finished = self._inbox.popleft()
            summary = finished.summary
            self.distribution.add(summary)
            self.results.append({"status": summary.get("status"),
                                 "result": dict(summary.get("result") or {})})
            if finished.trace_path is not None:
                self.recorded.append((finished.index, summary, finished.trace_path))
            took = True
        if took:
            self.progressed.emit()

    @Slot(object)
    def _on_done(self, cancelled: bool) -> None:
        self._end(bool(cancelled))

    @Slot(object)
    def _on_failed(self, _error) -> None:
        self._end(True)

    def _end(self, stopped: bool) -> None:
        self._timer.stop()
        self._drain()
        self.took_s = time.monotonic() - self.began
        self.stopped = stopped
        self._pool = None
        self.ended.emit(stopped)

    def _forget_folder(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
            self.recorded = []
