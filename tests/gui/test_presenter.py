"""Presenter mode: F11 (or View → Presenter, or `--presenter`) makes the window full
screen with only the plots, the lanes, the code and the findings banner, in type at least
twice the window's default and lines twice as thick; Esc leaves it (and outside it, Esc
still stops a run); a clicker's keys step a replay in it.  The dark scheme follows the
system's colour scheme, with the same colour-blind-safe state colours."""
from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from ipcscope.gui import colors, theme
from ipcscope.gui.presenter import DEFAULT_POINTS
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import run_to_end, start

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TWICE = 2 * DEFAULT_POINTS


def f11(qtbot, window) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(window, Qt.Key_F11)


def line_widths(window) -> list[float]:
    plots = (window.run_view.depth, *window.run_view.third_plots.values())
    return [item.opts["pen"].widthF() for plot in plots
            for item in plot.getPlotItem().listDataItems() if item.opts.get("pen") is not None]


def test_f11_shows_the_room_what_it_needs_in_large_type_and_esc_leaves(qtbot, window, no_leaks):
    run_to_end(qtbot, window, "pipe-eof", {"close_unused_ends": False}, speed=10)
    view = window.run_view
    widths = line_widths(window)
    f11(qtbot, window)
    qtbot.waitUntil(lambda: window.isFullScreen(), timeout=5_000)
    assert window.presenter.active and window.presenter.action.isChecked()
    for hidden in (window.toolbar, window.statusBar(), window.menuBar(),
                   window.scenario_panel, window.summary, window.event_log):
        assert not hidden.isVisible(), hidden
    for shown in (view.lanes, view.third_stack, view.legend, window.source):
        assert shown.isVisible(), shown
    axis = view.third.getPlotItem().getAxis("bottom")
    assert axis.style["tickFont"].pointSize() >= TWICE
    assert view.lanes.plot.getPlotItem().getAxis("left").style["tickFont"].pointSize() >= TWICE
    assert view.lanes.item.font.pointSize() >= TWICE - 2       # lane names: 2× their 9 pt
    assert view.legend.font().pointSize() >= TWICE - 2          # legend: 2× its 9 pt
    assert window.source.font().pointSize() >= TWICE
    size = int(re.search(r"font-size: (\d+)pt", view.banner.styleSheet()).group(1))
    assert size >= 2 * 14                                       # the banner's 14 pt, doubled
    assert line_widths(window) == [2 * w for w in widths]

    qtbot.keyClick(window, Qt.Key_Escape)
    assert not window.presenter.active and not window.isFullScreen()
    for shown in (window.toolbar, window.statusBar(), window.scenario_panel, window.summary,
                  window.event_log):
        assert shown.isVisible(), shown
    assert window.source.font().pointSize() == DEFAULT_POINTS
    assert line_widths(window) == widths


def test_a_panel_is_one_key_away_in_presenter_mode(qtbot, window):
    window.presenter.set_active(True)
    assert not window.summary.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    qtbot.keyClick(window, Qt.Key_2, Qt.ControlModifier)
    assert window.summary.isVisible()
    window.presenter.set_active(False)


def test_esc_still_stops_a_run_outside_presenter_mode(qtbot, window, no_leaks):
    start(window, "pipe-eof", {"close_unused_ends": False}, speed=1)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    with qtbot.waitSignal(window.run_ended, timeout=30_000) as ended:
        qtbot.keyClick(window, Qt.Key_Escape)
    assert ended.args[0]["status"] == "stopped"


def test_a_clicker_steps_a_replay_in_presenter_mode(qtbot, window, tmp_path, no_leaks):
    run_to_end(qtbot, window, "queue-sentinel", {"items": 2}, speed=10)
    path = str(tmp_path / "run.ipcscope")
    assert window.files.save_to(path)
    with qtbot.waitSignal(window.run_ended, timeout=30_000):
        assert window.files.open_path(path)
    f11(qtbot, window)
    assert window.presenter.active
    replay = window.replay
    qtbot.keyClick(window, Qt.Key_Home)
    assert replay.position_s == 0
    qtbot.keyClick(window, Qt.Key_PageDown)
    after = replay.position_s
    assert after > 0
    qtbot.keyClick(window, Qt.Key_PageUp)
    assert replay.position_s < after
    qtbot.keyClick(window, Qt.Key_End)
    assert replay.position_s == replay.end_s
    assert window.presenter.active, "the clicker's keys do not leave presenter mode"


def test_dark_follows_the_systems_colour_scheme(qtbot):
    """Qt tells a change of the desktop's scheme by colorSchemeChanged (the offscreen
    platform has no desktop to change, so the test sends Qt's signal itself)."""
    app = QApplication.instance()
    hints = app.styleHints()
    follower = theme.SchemeFollower(app, None)
    try:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert colors.dark and colors.TEXT == colors.DARK["TEXT"]
        assert app.palette().window().color().lightness() < 60
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert not colors.dark and colors.PLOT_BACKGROUND == "#FFFFFF"
    finally:
        hints.colorSchemeChanged.disconnect(follower._on_changed)
        theme.apply(app, False)
        follower.deleteLater()
    asked = theme.SchemeFollower(app, "light")           # --theme light: stays light
    try:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        assert not colors.dark
    finally:
        hints.colorSchemeChanged.disconnect(asked._on_changed)
        asked.deleteLater()


def test_state_colours_are_the_same_okabe_ito_in_light_and_dark():
    """What changes with the scheme is text, grid and backgrounds, never a state's
    colour (each also has its hatching)."""
    for key in ("TEXT", "GRID", "PLOT_BACKGROUND", "LABEL_BACK", "IDLE_GREY", "EXITED_GREY"):
        assert key in colors.LIGHT and key in colors.DARK
    states = {style.color for style in colors.ACTIVITY_STYLES.values()}
    assert not states & set(colors.DARK.values())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_presenter_screenshot_from_the_command_line(tmp_path, scheme):
    shot = tmp_path / f"presenter-{scheme}.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), IPCSCOPE_DATA_DIR=str(tmp_path / "d"))
    done = subprocess.run([os.path.join(ROOT, ".venv", "bin", "ipcscope"), "--screenshot",
                           str(shot), "--presenter", "--theme", scheme, "--scenario",
                           "pipe-eof", "--set", "close_unused_ends=false", "--speed", "10"],
                          env=env, capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr
    image = QImage(str(shot))
    assert not image.isNull()
    corner = image.pixelColor(image.width() // 2, image.height() // 2 + 40)
    small = image.scaled(64, 40)
    assert len({small.pixel(x, y) for x in range(64) for y in range(40)}) > 20
    dark_pixels = sum(QImage.pixelColor(small, x, y).lightness() < 60
                      for x in range(64) for y in range(40))
    assert (dark_pixels > 64 * 40 // 2) == (scheme == "dark"), corner.name()


def test_bad_theme_is_one_sentence():
    done = subprocess.run([sys.executable, "-m", "ipcscope.gui.app", "--theme", "blue"],
                          capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 2
    assert done.stderr.strip() == "ipcscope: --theme must be light or dark, not 'blue'."
