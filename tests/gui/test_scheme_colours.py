"""What a run wrote in a scheme's grey follows a change of the colour scheme at once, as
the lanes do (tests/gui/test_lanes_scheme.py): a stopped run's status in the summary,
the findings badge with none, the queue depth's capacity line and the shared counter's
expected end.  They kept the light scheme's dark grey on the dark scheme's black (or
the dark scheme's light grey on white) until the next run, and "stopped" for good."""
from __future__ import annotations

import contextlib
from collections import Counter

import pytest
from ipcscope.gui import colors, theme
from ipcscope.gui.panels.finding_banner import FindingBadge
from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import run_to_end, start

LIGHT_GREY, DARK_GREY = colors.LIGHT["EXITED_GREY"], colors.DARK["EXITED_GREY"]


def count_pixels(image, rgb: str, run: int = 1, area: QRect | None = None) -> int:
    """Pixels of exactly this colour (in runs of `run` or more along a row)."""
    wanted = QColor(rgb).rgb()
    area = area or image.rect()
    found = 0
    for y in range(area.top(), area.bottom() + 1):
        length = 0
        for x in range(area.left(), area.right() + 1):
            length = length + 1 if image.pixel(x, y) == wanted else 0
            found += length >= run
    return found


@contextlib.contextmanager
def following_the_desktop():
    """The app following the desktop's scheme; `switch(dark)` is the desktop changing."""
    app = QApplication.instance()
    hints = app.styleHints()
    follower = theme.SchemeFollower(app, None)

    def switch(dark: bool) -> None:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)

    try:
        yield switch
    finally:
        hints.colorSchemeChanged.disconnect(follower._on_changed)
        theme.apply(app, False)
        follower.deleteLater()


def plot_area(plot) -> QRect:
    """The plot's data area, in the plot widget's pixels (no axis text)."""
    view = plot.getPlotItem().getViewBox()
    return plot.mapFromScene(view.sceneBoundingRect()).boundingRect().adjusted(2, 2, -2, -2)


def greys(widget, run: int = 1, area=None) -> tuple[int, int]:
    image = widget.grab().toImage()
    return (count_pixels(image, LIGHT_GREY, run, area),
            count_pixels(image, DARK_GREY, run, area))


def status_word_colour(browser) -> str:
    """The colour most of the summary's first word ("stopped") is drawn in: of the
    pixels of its box, the commonest one that is not the background."""
    cursor = QTextCursor(browser.document())
    first = browser.cursorRect(cursor)
    cursor.movePosition(QTextCursor.EndOfWord)
    last = browser.cursorRect(cursor)
    box = QRect(first.left(), first.top(), last.left() - first.left(), first.height())
    image = browser.viewport().grab(box).toImage()
    counts = Counter(image.pixel(x, y) for x in range(image.width())
                     for y in range(image.height()))
    (background, _), (word, _) = counts.most_common(2)
    return QColor(word).name().upper()


def test_a_stopped_runs_status_and_the_empty_badge(qtbot, window):
    with following_the_desktop() as switch:
        start(window, "pipe-eof", {"close_unused_ends": False}, speed=1)
        qtbot.waitUntil(lambda: len(window.controller.model) > 20, timeout=20_000)
        with qtbot.waitSignal(window.run_ended, timeout=20_000) as ended:
            window.controller.stop()
        assert ended.args[0]["status"] == "stopped"
        window.draw_now()
        text = window.summary.text
        assert text.toPlainText().startswith("stopped")
        (badge,) = window.findChildren(FindingBadge)
        assert badge.count == 0
        assert status_word_colour(text) == LIGHT_GREY
        assert greys(badge, run=4)[0] > 50
        switch(True)
        assert status_word_colour(text) == DARK_GREY         # light grey on black
        light, dark = greys(badge, run=4)
        assert dark > 50 and light == 0, (light, dark)
        switch(False)
        assert status_word_colour(text) == LIGHT_GREY
        light, dark = greys(badge, run=4)
        assert light > 50 and dark == 0, (light, dark)


def test_the_queue_depths_capacity_line(qtbot, window):
    with following_the_desktop() as switch:
        run_to_end(qtbot, window, "bounded-queue", {"items": 6})
        window.draw_now()
        plot = window.run_view.depth
        area = plot_area(plot)
        assert greys(plot, 4, area)[0] > 20                    # the dashed line, light
        switch(True)
        window.draw_now()
        light, dark = greys(plot, 4, area)
        assert dark > 20 and light == 0, (light, dark)
        key_colours = {colour for _, colour, _ in plot._key}       # the key's entries
        assert DARK_GREY in key_colours and LIGHT_GREY not in key_colours


def end_line_greys(plot, end: int) -> list[int]:
    """The grey of each pixel of the row the expected end's dotted line is on (it may
    lie on a grid line, which is drawn over it): of the rows a pixel either side of
    where the value maps, the one most unlike the background (a value that maps to a
    pixel's edge is drawn on either)."""
    view = plot.getPlotItem().getViewBox()
    at = plot.mapFromScene(view.mapViewToScene(QPointF(0, end)))
    area = plot_area(plot)
    image = plot.grab().toImage()
    rows = [[QColor(image.pixel(x, y)).value() for x in range(area.left(), area.right())]
            for y in (at.y() - 1, at.y(), at.y() + 1)]

    def unlike_background(row: list[int]) -> int:
        background = sorted(row)[len(row) // 2]
        return sum(abs(v - background) > 40 for v in row)
    return max(rows, key=unlike_background)


@pytest.mark.timeout(120)
def test_the_counters_expected_end(qtbot, window):
    """Its dotted line: dark grey dots on white, light grey dots on black (and drawn at
    all: a line to t = 1e7 s never showed)."""
    with following_the_desktop() as switch:
        end = run_to_end(qtbot, window, "manager-counter", {"processes": 10})["result"]["expected"]
        plot = window.run_view.third_plots["counter"]
        window.resize(1920, 1080)
        qtbot.waitUntil(lambda: window.height() == 1080)
        window.draw_now()
        row = end_line_greys(plot, end)
        assert sum(v < 120 for v in row) > len(row) / 4          # dots, dark on white
        switch(True)
        window.draw_now()
        row = end_line_greys(plot, end)
        assert sum(150 < v < 235 for v in row) > len(row) / 4    # dots, light on black
        key_colours = {colour for _, colour, _ in plot._key}       # the key's entries
        assert DARK_GREY in key_colours and LIGHT_GREY not in key_colours
