"""A benchmark scenario: N children emit events as fast as they can (no IPC between
them), so what is measured is the event pipeline itself: sink, channel, supervisor,
model."""
from core import sink
from core.events import Kind
from core.probe import Process, StartGate, params
from core.scenarios.base import Outcome, Param, Scenario


def emitter(name):
    emit = sink.current().emit
    for i in range(params.events):
        emit(Kind.WORK_END, 0, i)


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
            Param("events", "int", 250_000, "", 1, 100_000_000)),
    predict=lambda p: Outcome(("completed",), "completed"),
)
