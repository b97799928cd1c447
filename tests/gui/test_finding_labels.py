"""The "⚠ kind" labels of findings on the lanes sit in a strip of their own above the
first lane, a row apart where there is room: at 1280×800 they ran into each other and
over the top lane's words ("join 等待" under "⚠ sentinel-shortfall")."""
from PySide6.QtCore import QPointF

from tests.gui.conftest import run_to_end


def label_boxes(window):
    window.draw_now()
    lanes = window.run_view.lanes
    labels = [line.label for plot, line, _f in window.run_view.markers.lines
              if plot is lanes.plot]
    first_lane_top = lanes.view_box.mapViewToScene(QPointF(0, 0)).y()
    view_top = lanes.view_box.sceneBoundingRect().top()
    boxes = [label.mapRectToScene(label.boundingRect()) for label in labels]
    for box in boxes:           # in the strip, over no lane
        assert view_top - 1 <= box.top() and box.bottom() <= first_lane_top + 1, \
            (box, view_top, first_lane_top)
    return boxes


def test_finding_labels_cover_no_lane_and_take_turns_in_two_rows(qtbot, window, no_leaks):
    summary = run_to_end(qtbot, window, "queue-sentinel", {"items": 2}, speed=5)
    assert len(summary["findings"]) >= 2, summary["findings"]
    qtbot.waitUntil(lambda: len(window.run_view.markers.positions())
                    == len(summary["findings"]), timeout=10_000)
    assert len(label_boxes(window)) >= 2                     # 1280×800
    window.resize(1920, 1080)                                # room for two rows
    qtbot.waitUntil(lambda: window.run_view.lanes.label_rows == 2, timeout=5_000)
    boxes = label_boxes(window)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap = a.intersected(b)
            assert overlap.isEmpty() or overlap.height() <= 1, (a, b)
