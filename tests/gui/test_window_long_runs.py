"""A long run in the window (issue 16): its lanes and depth lines keep only their newest
chunks in memory and the rest on disk (core/paged.py), and what is on disk still
answers: the first item of the run, pointed at, is followed from its producer to its
consumer, and the depth line holds every put and get.  Chunks are made small here so
that a few seconds of flood stand for an hour."""
import os

import pytest
from ipcscope.core import paged
from ipcscope.core.events import Kind
from ipcscope.core.spans import MARK_DTYPE

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FLOOD = os.path.join(ROOT, "benchmarks", "programs", "endless_flood.py")
CHUNK = 1024


def marks_so_far(window) -> int:
    return sum(len(lane.marks) for lane in window.controller.spans.lanes.values())


@pytest.mark.timeout(180)
def test_a_flood_pages_its_lanes_and_depth_out_and_still_answers(qtbot, window, no_leaks,
                                                                   monkeypatch):
    monkeypatch.setattr(paged, "CHUNK_ROWS", CHUNK)
    assert window.files.open_script(FLOOD), window.files.last_problem
    assert window.start_run()
    qtbot.waitUntil(lambda: marks_so_far(window) > 150_000, timeout=90_000)
    with qtbot.waitSignal(window.run_ended, timeout=60_000):
        window.toolbar.stop_action.trigger()
    window.draw_now()
    lanes = window.controller.spans.lanes.values()
    busy = [lane for lane in lanes if len(lane.marks) > 30_000]
    assert len(busy) == 2, [len(lane.marks) for lane in lanes]     # producer, consumer
    for lane in busy:
        assert lane.marks.on_disk > 20
        most = (3 + paged.CACHED_CHUNKS) * CHUNK * (MARK_DTYPE.itemsize + 8)
        assert lane.marks.nbytes_in_memory() <= most
        assert lane.tick_times("out").on_disk + lane.tick_times("in").on_disk > 5
    producer = next(lane for lane in busy if len(lane.tick_times("out")))
    first = producer.marks.slice(0, 1)[0]
    assert int(first["kind"]) == Kind.PUT_END
    text, way = window.run_view.lanes.describe(producer.proc, int(first["t"]), 1000)
    consumer = next(lane for lane in busy if lane is not producer)
    assert way is not None and way.item == int(first["item"]), text
    assert (way.sender, way.receiver) == (producer.proc, consumer.proc)
    assert producer.marks.reads + consumer.marks.reads >= 1    # found on disk
    model = window.controller.model
    depth = window.run_view.depth
    queue = next(obj for obj in depth._drawn if len(model.depth_series(obj)[0]) > 30_000)
    line = depth._drawn[queue]
    assert line.settled.on_disk > 10
    t, level = model.depth_series(queue)
    assert line.t_ns.tolist() == t.tolist() and line.level.tolist() == level.tolist()
