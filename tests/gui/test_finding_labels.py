"""The "⚠ kind" labels of findings on the lanes sit in a strip of their own above the
first lane, a row apart: at 1280×800 they ran into each other and over the top lane's
words ("join 等待" under "⚠ sentinel-shortfall")."""
from PySide6.QtCore import QPointF

from tests.gui.conftest import run_to_end


def test_finding_labels_cover_no_lane_and_no_other_label(qtbot, window, no_leaks):
    summary = run_to_end(qtbot, window, "queue-sentinel", {"items": 2}, speed=5)
    assert len(summary["findings"]) >= 2, summary["findings"]
    window.draw_now()
    lanes = window.run_view.lanes
    markers = window.run_view.markers
    labels = [line.label for plot, line, _f in markers.lines if plot is lanes.plot]
    assert len(labels) >= 2
    first_lane_top = lanes.view_box.mapViewToScene(QPointF(0, 0)).y()
    view_top = lanes.view_box.sceneBoundingRect().top()
    boxes = [label.mapRectToScene(label.boundingRect()) for label in labels]
    for box in boxes:
        assert view_top - 1 <= box.top() and box.bottom() <= first_lane_top + 1, \
            (box, view_top, first_lane_top)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap = a.intersected(b)
            assert overlap.isEmpty() or overlap.height() <= 1, (a, b)
