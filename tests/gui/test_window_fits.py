"""A window that fits a 1280×800 projector or laptop: no scenario title cut, every
scenario's parameters without scrolling, "Reset to the article's values" in view; the
side and bottom panels can be hidden from the View menu, and that is remembered."""
from __future__ import annotations

import pytest
from ipcscope.core import scenarios
from ipcscope.gui.main_window import MainWindow
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QScrollArea, QStyle


@pytest.fixture
def make_window(qtbot, settings):
    """Windows in the app's own font size (gui/launch.py: at least 10 pt)."""
    app = QApplication.instance()
    font = app.font()
    font.setPointSize(10)
    before = app.font()
    app.setFont(font)
    windows = []

    def make(width: int, height: int) -> MainWindow:
        window = MainWindow(settings=settings)
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        return window
    yield make
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    app.setFont(before)


def cut_titles(window) -> list[str]:
    """Scenario rows whose text needs more room than the row has (drawn elided)."""
    listing = window.scenario_panel.list
    cut = []
    for row in range(listing.count()):
        item = listing.item(row)
        if item.data(Qt.UserRole) is None:
            continue
        rect = listing.visualItemRect(item)
        margin = listing.style().pixelMetric(QStyle.PM_FocusFrameHMargin) + 1
        width = min(rect.width(), listing.viewport().width()) - 2 * margin
        needed = QFontMetrics(listing.font()).boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextWordWrap, item.text())
        if needed.height() > rect.height() - 2 * margin or needed.width() > width:
            cut.append(item.text().replace("\n", " / "))
    return cut


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_nothing_is_cut(qtbot, make_window, size):
    window = make_window(*size)
    panel = window.scenario_panel
    assert cut_titles(window) == []
    scroll = panel.form.parentWidget().parentWidget()
    assert isinstance(scroll, QScrollArea)
    for spec in scenarios.all_scenarios():
        panel.select(spec.id)
        qtbot.waitUntil(lambda: panel.current_id() == spec.id)
        QApplication.processEvents()
        assert scroll.verticalScrollBar().maximum() == 0, f"{spec.id}'s form scrolls"
        reset = panel.form.reset_button
        shown = reset.visibleRegion().boundingRect()
        assert reset.isVisible() and shown.size() == reset.size(), f"{spec.id}: Reset cut"
        assert reset.sizeHint().width() <= reset.width(), f"{spec.id}: Reset's words cut"


def test_panels_hide_from_the_view_menu_and_stay_hidden(qtbot, make_window):
    window = make_window(1280, 800)
    toggles = window.panel_toggles.actions
    assert set(toggles) == {"scenarios", "summary", "bottom"}
    parts = {"scenarios": window.scenario_panel, "summary": window.summary,
             "bottom": window.bottom}
    plots_width = window.run_view.width()
    for name, action in toggles.items():
        assert action.isChecked() and parts[name].isVisible()
        action.trigger()
        assert not parts[name].isVisible()
    qtbot.waitUntil(lambda: window.run_view.width() > plots_width + 400)   # the plots' room
    window.close()
    again = make_window(1280, 800)
    for name, action in again.panel_toggles.actions.items():
        assert not action.isChecked()
        assert not {"scenarios": again.scenario_panel, "summary": again.summary,
                    "bottom": again.bottom}[name].isVisible()
    again.panel_toggles.actions["summary"].trigger()
    assert again.summary.isVisible()
