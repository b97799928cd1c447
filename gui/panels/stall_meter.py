"""StallMeter: how long the GUI thread was kept from its event loop.  A 10 ms timer
notes how late each tick comes; the worst lateness is the longest stall (a frozen
window is a stall of seconds).

It also notes the GUI thread's own CPU time in each gap: a stall with little CPU time
is the thread waiting for a core (a busy machine), not the window's own work.
"""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Slot

TICK_MS = 10


class StallMeter(QObject):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)
        self.reset()

    def reset(self) -> None:
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self.max_stall_ms = 0.0          # wall time late, whatever the cause
        self.max_busy_ms = 0.0           # GUI thread CPU time within one gap
        self.stalls_over_100ms = 0
        self.busy_over_100ms = 0
        self.max_busy_at_s = 0.0
        self._started, self._started_cpu = self._last, self._last_cpu

    def start(self) -> None:
        self.reset()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @Slot()
    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        stall = (now - self._last) * 1000 - TICK_MS
        busy = (cpu - self._last_cpu) * 1000
        self._last, self._last_cpu = now, cpu
        self.max_stall_ms = max(self.max_stall_ms, stall)
        if busy > self.max_busy_ms:
            self.max_busy_ms, self.max_busy_at_s = busy, now - self._started
        self.stalls_over_100ms += stall > 100
        self.busy_over_100ms += busy > 100

    def cpu_share(self) -> float:
        """Share of one core the GUI thread used since start()."""
        wall = time.perf_counter() - self._started
        return (time.thread_time() - self._started_cpu) / wall if wall > 0 else 0.0

    def text(self) -> str:
        return (f"GUI thread used {self.cpu_share():.0%} of a core; "f"GUI thread max stall {self.max_stall_ms:.0f} ms "
                f"({self.stalls_over_100ms} over 100 ms), of which its own CPU work at most "
                f"{self.max_busy_ms:.0f} ms ({self.busy_over_100ms} over 100 ms, worst at "
                f"{self.max_busy_at_s:.1f} s)")
