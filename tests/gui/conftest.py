"""The window under pytest-qt (offscreen): a fresh window with its own settings file,
and a helper that runs a scenario through it to the end."""
from __future__ import annotations

import pytest
from ipcscope.core import scenarios
from PySide6.QtCore import QCoreApplication, QEvent, QSettings

RUN_TIMEOUT_MS = 90_000


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "ipcscope.ini"), QSettings.IniFormat)


@pytest.fixture(autouse=True)
def _collect_garbage_in_the_gui_thread(qapp):
    """As the app does (gui/gui_thread_gc.py): no collection in a worker thread.
    pytest-qt closes a test's windows with deleteLater(), which processEvents() never
    carries out: they are deleted here, whole, before the collection.  Left to the next
    test, the collector could clear a window's Python attributes in a cycle and then
    delete it, and its dying children's resizes would find their attributes gone."""
    from ipcscope.gui import gui_thread_gc
    gui_thread_gc.start()
    yield
    delete_closed_widgets()
    gui_thread_gc.stop()


def delete_closed_widgets() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)


@pytest.fixture
def window(qtbot, settings):
    from ipcscope.gui.main_window import MainWindow
    win = MainWindow(settings=settings)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.controller.running:
        with qtbot.waitSignal(win.run_ended, timeout=10_000):
            win.controller.stop()
    win.run_view.depth.computer.shutdown()


def start(window, scenario_id: str, params: dict | None = None, speed: float | None = None):
    spec = scenarios.get(scenario_id)
    window.scenario_panel.select(scenario_id)
    window.scenario_panel.show_params(scenario_id, {**spec.self_test_params, **(params or {})})
    window.toolbar.set_speed(speed if speed is not None else spec.self_test_speed)
    assert window.start_run()


def run_to_end(qtbot, window, scenario_id: str, params: dict | None = None,
               speed: float | None = None) -> dict:
    with qtbot.waitSignal(window.run_ended, timeout=RUN_TIMEOUT_MS) as ended:
        start(window, scenario_id, params, speed)
    return ended.args[0]
