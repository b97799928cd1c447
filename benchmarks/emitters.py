"""A benchmark scenario: N children emit events as fast as they can (no IPC between
them), so what is measured is the event pipeline itself: sink, channel, supervisor,
model."""
import time

from ipcscope.core import sink
from ipcscope.core.events import Kind
from ipcscope.core.probe import Process, StartGate, params
from ipcscope.core.scenarios.base import Outcome, Param, Scenario


def emitter(name):
    emit = sink.current().emit
    if params.rate:
        # paced: `rate` events a second, in bursts of 100 (what a busy scenario does)
        started, emitted = time.monotonic(), 0
        while emitted < params.events:
            for i in range(100):
                emit(Kind.WORK_END, 0, emitted + i)
            emitted += 100
            ahead = emitted / params.rate - (time.monotonic() - started)
            if ahead > 0:
                time.sleep(ahead)
        return
    if not params.seconds:
        for i in range(params.events):
            emit(Kind.WORK_END, 0, i)
        return
    # for a time, not a count: then say how many were emitted (the last word gets through)
    deadline, emitted = time.monotonic() + params.seconds, 0
    while time.monotonic() < deadline:
        for i in range(1000):
            emit(Kind.WORK_END, 0, i)
        emitted += 1000
    emit(Kind.WORK_BEGIN, 0, 0, emitted)


def main():
    gate = StartGate()
    children = [Process(target=emitter, args=(f"emitter {i}",), start_gate=gate)
                for i in range(params.children)]
    for child in children:
        child.start()
    gate.open()
    for child in children:
        child.join()


SPEC = Scenario(
    id="bench-emitters", title="emitters", title_zh="", section="benchmarks",
    explanation="", explanation_zh="", watch="",
    params=(Param("children", "int", 4, "", 1, 64),
            Param("events", "int", 250_000, "", 1, 100_000_000),
            Param("seconds", "float", 0.0, "emit for this long instead of a count", 0, 600),
            Param("rate", "int", 0, "events a second per child (0: flat out)", 0, 10**7)),
    predict=lambda p: Outcome(("completed",), "completed"),
)
