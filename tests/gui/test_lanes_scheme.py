"""The lanes follow a change of the colour scheme at once, as the plots around them do:
a run's lanes drawn after the desktop went dark show the dark scheme's idle bars and
label boxes, not the light ones they were made with (no restart needed)."""
from __future__ import annotations

from ipcscope.gui import colors, theme
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import run_to_end


def count_pixels(widget, rgb: str) -> int:
    """Pixels of exactly this colour in what the widget shows, in runs of four or more
    along a row: a bar of it, not a grey that antialiased text passes through."""
    image = widget.grab().toImage()
    wanted = QColor(rgb).rgb()
    found = 0
    for y in range(image.height()):
        run = 0
        for x in range(image.width()):
            run = run + 1 if image.pixel(x, y) == wanted else 0
            found += run >= 4
    return found


def test_lanes_take_the_new_scheme_without_a_restart(qtbot, window, no_leaks):
    app = QApplication.instance()
    hints = app.styleHints()
    follower = theme.SchemeFollower(app, None)          # as the app follows the desktop
    try:
        run_to_end(qtbot, window, "queue-sentinel", {"items": 2}, speed=10)
        window.draw_now()
        plot = window.run_view.lanes.plot
        assert count_pixels(plot, colors.LIGHT["IDLE_GREY"]) > 0     # idle bars, light
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        window.draw_now()
        assert count_pixels(plot, colors.LIGHT["IDLE_GREY"]) == 0
        assert count_pixels(plot, colors.DARK["IDLE_GREY"]) > 0
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        window.draw_now()
        assert count_pixels(plot, colors.DARK["IDLE_GREY"]) == 0
        assert count_pixels(plot, colors.LIGHT["IDLE_GREY"]) > 0
    finally:
        hints.colorSchemeChanged.disconnect(follower._on_changed)
        theme.apply(app, False)
        follower.deleteLater()


def test_the_sentinel_star_is_drawn_in_the_schemes_text_colour(qtbot):
    """A black ★ vanished on the dark plot's black: a run drawn in dark marks a taken
    None in the dark scheme's (light) text colour."""
    from ipcscope.core.model import RunModel
    from ipcscope.core.supervisor import EVENT_DTYPE
    from ipcscope.gui.plots.depth_plot import QueueDepthPlot
    app = QApplication.instance()
    theme.apply(app, True)
    try:
        plot = QueueDepthPlot()
        qtbot.addWidget(plot)
        plot.set_run(RunModel(EVENT_DTYPE))
        star = plot._sentinel.opts
        assert star["pen"].color() == QColor(colors.DARK["TEXT"])
        assert star["brush"].color() == QColor(colors.DARK["TEXT"])
        plot.computer.shutdown()
    finally:
        theme.apply(app, False)
