"""OffThread: run a job off the GUI thread, and hear how it ended in the GUI thread.

Three things the window does take too long for a frame once a run is big: the queue
depth (gui/plots/depth_series.py), the live findings (findings_tracker.py) and the
run's summary (run_controller.py).  Each hands its job to an OffThread, one job at a
time, and hears back through signals in the GUI thread, as napari's thread_worker does:
`finished(result)` or `errored(exception)`.  A job that raised is over like any other:
the worker is free for the next one and the window goes on.  The traceback goes to the
app's log (gui/app_log.py), and `problem` says what failed in one sentence, once until
`forget()` (a new run): a job that fails every time must not nag.

`run_here()` runs a small job at once in the GUI thread and ends it the same way, so
its owner has one path for both.
"""
from __future__ import annotations

import traceback
from concurrent.futures import ThreadPoolExecutor

from ipcscope.gui import app_log
from PySide6.QtCore import QObject, Qt, Signal, Slot

ERROR_CHARS = 200             # of the error's own text, in the sentence


def in_words(doing: str, error: BaseException) -> str:
    """The sentence the user reads: what could not be done, and where the details are."""
    said = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    where = app_log.log_path()
    return (f"IPC Scope could not {doing} ({said[:ERROR_CHARS]}); the rest of the window "
            f"goes on." + (f" The details are in {where}." if where else ""))


def _outcome(fn, args) -> tuple[object, Exception | None]:
    try:
        return fn(*args), None
    except Exception as error:  # noqa: BLE001 - delivered to the owner, never lost
        return None, error


class OffThread(QObject):
    finished = Signal(object)       # the job's result
    errored = Signal(object)        # the exception the job raised (logged already)
    problem = Signal(str)           # in words, at the first failure since forget()
    _ended = Signal(int, object, object)    # from the worker: job number, result, error

    def __init__(self, name: str, doing: str, parent=None):
        """name: the worker thread's; doing: what the job does, as in "could not …"."""
        super().__init__(parent)
        self.setObjectName(name)
        self.doing = doing
        self._executor: ThreadPoolExecutor | None = None
        self._jobs = 0                       # jobs so far: each one's number
        self._awaited: int | None = None     # the job whose end is wanted
        self._told = False
        # queued: the end is delivered from the event loop, never inside submit()
        self._ended.connect(self._on_ended, Qt.QueuedConnection)

    @property
    def busy(self) -> bool:
        """A job was given and its end is not delivered yet."""
        return self._awaited is not None

    def submit(self, fn, *args) -> None:
        """Run fn(*args) in the worker thread."""
        job = self._next_job()
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix=self.objectName())
        self._executor.submit(self._run, job, fn, args)

    def run_here(self, fn, *args) -> None:
        """Run fn(*args) now, in this (the GUI) thread; its end is delivered before this
        returns."""
        self._on_ended(self._next_job(), *_outcome(fn, args))

    def forget(self) -> None:
        """A new start: the job under way is no longer wanted (its end is dropped), and
        the next failure is told again."""
        self._awaited = None
        self._told = False

    def shutdown(self) -> None:
        """Wait for the job under way; the thread ends."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def _next_job(self) -> int:
        if self.busy:
            raise RuntimeError(f"{self.objectName()} has a job under way")
        self._jobs += 1
        self._awaited = self._jobs
        return self._jobs

    def _run(self, job: int, fn, args) -> None:
        """In the worker thread."""
        self._ended.emit(job, *_outcome(fn, args))

    @Slot(int, object, object)
    def _on_ended(self, job: int, result, error) -> None:
        if error is not None:
            app_log.write(f"{self.objectName()} failed:\n"
                          + "".join(traceback.format_exception(error)))
        if job != self._awaited:
            return                           # forgotten
        self._awaited = None
        if error is None:
            self.finished.emit(result)
            return
        if not self._told:
            self._told = True
            self.problem.emit(in_words(self.doing, error))
        self.errored.emit(error)
