"""A window a test closed is deleted before the next test starts (tests/gui/conftest.py),
never later by the garbage collector with half its Python attributes cleared."""
import shiboken6

from tests.gui.conftest import delete_closed_widgets


def test_a_closed_window_is_gone_before_the_next_test(qtbot, settings):
    from ipcscope.gui.main_window import MainWindow
    window = MainWindow(settings=settings)
    window.show()
    qtbot.waitExposed(window)
    window.close()
    window.deleteLater()             # as pytest-qt does with a test's widgets
    delete_closed_widgets()
    assert not shiboken6.isValid(window)
