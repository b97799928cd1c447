"""Python's cyclic garbage collector, run in the GUI thread only.

The run's bridge and the window's workers are threads that allocate all the time, so
an automatic collection can start in one of them and free a Qt object (a pyqtgraph
item caught in a reference cycle) off the GUI thread: a crash in a later paint.
pyqtgraph's GarbageCollector turns automatic collection off and collects on a timer in
the thread that creates it, which must be the GUI thread."""
from __future__ import annotations

import gc

from pyqtgraph.util.garbage_collector import GarbageCollector

_collector: GarbageCollector | None = None


def start(interval_s: float = 0.5) -> None:
    """Call in the GUI thread once the QApplication exists."""
    global _collector
    if _collector is None:
        _collector = GarbageCollector(interval=interval_s)


def stop() -> None:
    """Automatic collection again (tests end with this)."""
    global _collector
    if _collector is not None:
        _collector.timer.stop()
        _collector = None
        gc.collect()
        gc.enable()
