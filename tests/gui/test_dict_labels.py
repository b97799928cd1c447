"""On the Manager dict's lanes a read and its write ("41→42") and the lane's own state
("start gate 2.97 s") are never written over each other: the state's words keep clear
of the dict's label (shorter, or not at all), whichever way the view is zoomed or
panned, at 1280×800 and 1920×1080."""
from __future__ import annotations

import numpy as np
import pytest
from ipcscope.core.events import Kind
from ipcscope.gui import colors, theme
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import run_to_end


def overlaps(drawn) -> list[tuple[str, str]]:
    spans = [(box, text) for kind, box, text in drawn if kind == "span"]
    dicts = [(box, text) for kind, box, text in drawn if kind == "dict"]
    return [(s, d) for s_box, s in spans for d_box, d in dicts
            if s_box.intersects(d_box)]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_dict_labels_and_span_labels_do_not_overlap(qtbot, window, size):
    run_to_end(qtbot, window, "manager-counter", {"processes": 10, "lock": False})
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    window.draw_now()
    lanes = window.run_view.lanes
    model = window.controller.model
    writes = np.sort(model.of_kind(Kind.DICT_WRITE)["t"])
    assert len(writes) == 10
    view = lanes.view_box
    (x0, x1), _ = view.viewRange()
    seconds_per_px = (x1 - x0) / view.width()
    dict_labels, span_labels, found = 0, 0, []
    # each write in turn nearer and nearer the view's left edge: its label (left of it)
    # then lies where the state's words begin
    for t in writes[::2]:
        at_s = (int(t) - model.t0) / 1e9
        for offset_px in range(20, 260, 12):
            left = at_s - offset_px * seconds_per_px
            view.setXRange(left, left + (x1 - x0), padding=0)
            lanes.plot.grab()                       # paints the lanes
            drawn = lanes.item.drawn_labels
            dict_labels += sum(kind == "dict" for kind, _, _ in drawn)
            span_labels += sum(kind == "span" for kind, _, _ in drawn)
            found += overlaps(drawn)
    assert dict_labels > 50 and span_labels > 50
    assert found == [], f"{len(found)} overlaps, e.g. {found[:5]}"


def pixels_of(image, boxes, rgb: str) -> int:
    """Pixels of exactly this colour inside the labels' boxes (their words' cores)."""
    wanted = QColor(rgb).rgb()
    return sum(image.pixel(x, y) == wanted for box in boxes
               for x in range(int(box.left()), int(box.right()))
               for y in range(int(box.top()), int(box.bottom())))


@pytest.mark.timeout(120)
def test_dict_labels_read_on_the_dark_scheme(qtbot, window):
    """"41→42" in blue on the dark scheme's black was too dim for a projector: sky blue
    there, blue on white."""
    app = QApplication.instance()
    run_to_end(qtbot, window, "manager-counter", {"processes": 10, "lock": False})
    window.resize(1920, 1080)
    qtbot.waitUntil(lambda: window.height() == 1080)
    lanes = window.run_view.lanes
    try:
        for dark, colour in ((False, colors.BLUE), (True, colors.SKY_BLUE)):
            theme.apply(app, dark)
            image = lanes.plot.grab().toImage()
            boxes = [box for kind, box, _ in lanes.item.drawn_labels if kind == "dict"]
            assert len(boxes) >= 5
            other = colors.SKY_BLUE if colour == colors.BLUE else colors.BLUE
            assert pixels_of(image, boxes, colour) > 3 * len(boxes)
            assert pixels_of(image, boxes, other) == 0
    finally:
        theme.apply(app, False)
