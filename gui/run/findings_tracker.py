"""FindingsTracker: the run's findings, live.  Whenever new events arrived (at most
every 0.2 s, and never more than a fifth of the time: a detection that took 0.3 s
waits 1.5 s), ipcscope.core.findings.detect() runs on a snapshot of the model in a
worker thread (on a 200k-event flood it reads every event, far more than a frame may
cost); the results are merged by `key`, so a known finding is never announced twice.
At the run's end the summary's findings are the word that counts.  A detection that
raised is told once a run (`problem`, see off_thread.py); the next one runs when new
events come.

Findings are kept as the dicts of ipcscope.core.findings.as_dicts / the summary, one
shape for live, final and loaded runs.  `poll()` is called from the window's frame
timer.
"""
from __future__ import annotations

import time

from ipcscope.core.findings import as_dicts, detect
from ipcscope.gui.run.off_thread import OffThread
from PySide6.QtCore import QObject, Signal, Slot

DETECT_EVERY_S = 0.2          # a short run's finding shows before the run has ended
BUSY_SHARE = 0.2              # detection takes at most this share of one core


def key_of(finding: dict) -> str:
    return finding.get("key") or f"{finding['kind']}:{finding.get('t_s')}"


def _detect(snap, stall_after_s: float) -> tuple[list[dict], float]:
    started = time.perf_counter()
    found = as_dicts(detect(snap, stall_after_s=stall_after_s), snap.t0)
    return found, time.perf_counter() - started


class FindingsTracker(QObject):
    found = Signal(object)        # list of new finding dicts
    changed = Signal()            # the list was replaced or grew
    problem = Signal(str)         # a detection failed, in words

    def __init__(self, parent=None):
        super().__init__(parent)
        self.findings: list[dict] = []
        self.model = None
        self.stall_after_s = 3.0
        self._seen_rows = 0
        self._last_try = 0.0
        self._wait_s = DETECT_EVERY_S
        self._detector = OffThread("ipcscope-findings", "look for findings", self)
        self._detector.finished.connect(self._on_detected)
        self._detector.problem.connect(self.problem)

    def start(self, model, stall_after_s: float = 3.0) -> None:
        self.model, self.stall_after_s = model, stall_after_s
        self.findings = []
        self._seen_rows = 0
        self._detector.forget()        # a job still running belongs to the last run
        self.changed.emit()

    def poll(self) -> None:
        """From the frame timer: start the next detection when it is due."""
        if self._detector.busy or self.model is None or self.model.t0 is None:
            return
        now = time.monotonic()
        if len(self.model) == self._seen_rows or now - self._last_try < self._wait_s:
            return
        self._last_try, self._seen_rows = now, len(self.model)
        self._detector.submit(_detect, self.model.snapshot(), self.stall_after_s)

    @Slot(object)
    def _on_detected(self, outcome: tuple[list[dict], float]) -> None:
        result, cost_s = outcome
        self._wait_s = max(DETECT_EVERY_S, cost_s / BUSY_SHARE)
        self._merge(result)

    def finish(self, findings: list[dict]) -> None:
        """The run's end (its summary) or a loaded trace: these are the findings."""
        self.model = None              # no more live detection
        self._detector.forget()
        known = {key_of(f) for f in self.findings}
        self.findings = list(findings)
        new = [f for f in self.findings if key_of(f) not in known]
        self.changed.emit()
        if new:
            self.found.emit(new)

    def _merge(self, result: list[dict]) -> None:
        """A known finding takes its latest words (a live count of lost updates grows
        as the run goes on); one not detected this time is kept."""
        latest = {key_of(f): f for f in result}
        known = [latest.get(key_of(f), f) for f in self.findings]
        keys = {key_of(f) for f in known}
        new = [f for f in result if key_of(f) not in keys]
        if not new and known == self.findings:
            return
        self.findings = sorted(known + new, key=lambda f: f["t_s"])
        self.changed.emit()
        if new:
            self.found.emit(new)

    def shutdown(self) -> None:
        self._detector.shutdown()
