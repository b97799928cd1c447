"""10,000 cross-thread signals into a bound slot: PySide6 6.12.0 crashes after ~1,000
on CPython 3.11 (see docs/architecture.md); this keeps the pin below it honest."""
import numpy as np
from ipcscope.gui.run.bridge import RunBatch
from PySide6.QtCore import QObject, QThread, Signal, Slot

EMITS = 10_000


class Emitter(QThread):
    batch = Signal(object)
    flag = Signal(bool)

    def run(self):
        rows = np.zeros(1, dtype=[("t", "<i8")])
        for i in range(EMITS):
            self.batch.emit(RunBatch(rows, [], i, i))
            self.flag.emit(i % 2 == 0)


class Receiver(QObject):
    def __init__(self):
        super().__init__()
        self.batches = 0
        self.flags = 0

    @Slot(object)
    def on_batch(self, batch):
        self.batches += 1

    @Slot(bool)
    def on_flag(self, value):
        self.flags += 1


def test_ten_thousand_cross_thread_signals(qtbot):
    receiver = Receiver()
    emitter = Emitter()
    emitter.batch.connect(receiver.on_batch)
    emitter.flag.connect(receiver.on_flag)
    with qtbot.waitSignal(emitter.finished, timeout=60_000):
        emitter.start()
    qtbot.waitUntil(lambda: receiver.batches == EMITS and receiver.flags == EMITS,
                    timeout=60_000)
    emitter.wait()
