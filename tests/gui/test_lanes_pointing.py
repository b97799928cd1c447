"""Pointing at a lane says what the process does; clicking an item's tick shows its way
from producer through the queue to its consumer."""
from ipcscope.core.events import Kind
from ipcscope.core.spans import Activity
from PySide6.QtCore import QPoint, QPointF, Qt

from tests.gui.conftest import run_to_end


def test_an_items_way_from_producer_through_the_queue_to_its_consumer(qtbot, window,
                                                                      no_leaks):
    summary = run_to_end(qtbot, window, "queue-sentinel", {"items": 2}, speed=10)
    lanes = window.run_view.lanes
    # the run's findings marked, their labels' strip above the lanes laid out: the lanes
    # stand still from here
    qtbot.waitUntil(lambda: len(window.run_view.markers.positions())
                    == len(summary["findings"]), timeout=10_000)
    spans = window.controller.spans
    model = window.controller.model
    producer = next(p.proc for p in model.processes.values() if p.role == "producer")
    put = next(m for m in spans.lanes[producer].marks if int(m["kind"]) == Kind.PUT_END)
    text, way = lanes.describe(producer, int(put["t"]), 1_000_000)
    assert way is not None and way.sender == producer
    assert text.startswith(lanes.labels[producer] + " → queue1")
    assert "in the queue" in text and lanes.labels[way.receiver] in text

    # the same through the mouse: a click on the tick pins the way.  Zoomed in on it, as
    # a user would: at the whole run's scale a pixel is ~30 ms, the click's 6-pixel reach
    # takes in the producer's other marks too, and which is nearest depends on timing.
    x_s = (int(put["t"]) - model.t0) / 1e9
    window.run_view.timeline.following = False
    window.run_view.timeline.show_range(x_s - 0.05, x_s + 0.05)
    window.draw_now()
    lane = lanes.item.order.index(producer)
    if lanes.scroll.isVisible():          # a short view: the producer's lane on top
        lanes.scroll.setValue(min(lane, lanes.scroll.maximum()))
    window.draw_now()
    point = lanes.plot.mapFromScene(lanes.view_box.mapViewToScene(QPointF(x_s, lane + 0.5)))
    aim = QPoint(round(point.x()), round(point.y()))
    assert lanes.plot.viewport().rect().contains(aim), (aim, lanes.view_box.viewRange())
    qtbot.mouseClick(lanes.plot.viewport(), Qt.LeftButton, pos=aim)
    assert lanes.item.highlight is not None, (aim, lanes.info.text())
    assert "→ queue1" in lanes.info.text()


def test_a_wait_and_an_exit_are_described(qtbot, window, no_leaks):
    run_to_end(qtbot, window, "queue-sentinel", {"items": 2}, speed=10)
    lanes = window.run_view.lanes
    model = window.controller.model
    waiter = next(p for p in model.processes.values() if p.exit_reason == "timeout")
    spans = window.controller.spans.lanes[waiter.proc].spans
    last = spans[spans["state"] == Activity.GET_WAITING][-1]
    middle = (int(last["start"]) + int(last["end"])) // 2
    text, way = lanes.describe(waiter.proc, middle, 1000)
    assert way is None and "get waiting (queue empty)" in text
    text, _ = lanes.describe(waiter.proc, waiter.t_end, 1000)
    assert "timed out" in text


def test_an_exits_words_start_clear_of_the_circle_drawn_at_it():
    """A get() that timed out or an EOFError is a circle at the lane's exit; the exit's
    words ("get() timed out → left") begin after it, not under it, at any lane height."""
    from ipcscope.gui.plots.lanes import _exit_gap, _marker_radius
    for lane_h in (8, 18, 30, 42, 85):
        assert _exit_gap(lane_h) >= _marker_radius(lane_h) + 3
