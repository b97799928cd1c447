"""What the window remembers of its layout: each part saves and restores its own
splitters and toolbar state, so the next start shows what the last one left; a first
start gets proportions in which the plots have most of the room."""
import pytest
from ipcscope.gui.main_window import MainWindow
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication


@pytest.fixture
def open_window(qtbot, settings):
    """Windows on one settings file, kept until their C++ side is deleted: a shown
    window left to the garbage collector can be torn down in an order in which Qt
    resizes a plot whose Python side is already cleared."""
    windows = []

    def make(width: int = 1280) -> MainWindow:
        window = MainWindow(settings=settings)
        qtbot.addWidget(window)
        windows.append(window)
        window.resize(width, 800)        # (an offscreen screen does not restore geometry)
        window.show()
        qtbot.waitExposed(window)
        return window
    yield make
    # qtbot has closed them and asked for their deletion: done now, while held here
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)


def splitters(window) -> dict:
    return {"main": window.main_split, "center": window.center,
            "bottom": window.bottom.splitter, "left": window.scenario_panel,
            "plots": window.run_view.splitter}


def test_the_next_start_restores_every_parts_layout(open_window):
    # wide: the source and the log side by side, in their splitter
    first = open_window(width=1900)
    moved = {"main": [300, 1320, 280], "center": [420, 300], "bottom": [700, 600],
             "left": [150, 250, 300], "plots": [100, 300, 150]}
    for name, splitter in splitters(first).items():
        splitter.setSizes(moved[name])
    left = {name: splitter.sizes() for name, splitter in splitters(first).items()}
    assert len(left["bottom"]) == 2 and left["bottom"][0] > left["bottom"][1]
    assert left["plots"][1] < 2 * left["plots"][0], "not the first start's proportions"
    first.close()

    second = open_window(width=1900)
    assert {name: splitter.sizes() for name, splitter in splitters(second).items()} == left


def test_large_text_is_remembered_and_gives_the_plots_more_room(open_window):
    first = open_window()
    plots, below = first.center.sizes()
    first.toolbar.large_text_action.setChecked(True)
    first.close()
    second = open_window()
    try:
        assert second.toolbar.large_text_action.isChecked()
        large_plots, large_below = second.center.sizes()
        assert large_plots / (large_plots + large_below) > plots / (plots + below) + 0.05
    finally:
        second.toolbar.large_text_action.setChecked(False)   # the app's font, for others


def test_a_first_start_gives_the_plots_most_of_the_room(open_window):
    window = open_window()
    left, center, right = window.main_split.sizes()
    assert center > left + right
    plots, below = window.center.sizes()
    assert plots > 2 * below
    depth, lanes, third = window.run_view.splitter.sizes()
    assert lanes > depth and lanes > third
