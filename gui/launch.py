"""Start Qt and the window (imported only after app.py has decided a window can open)."""
from __future__ import annotations

import os
import sys

from ipcscope.gui import gui_thread_gc
from ipcscope.gui.app_files import icon_files
from ipcscope.gui.window_args import WindowOptions
from ipcscope.gui.window_settings import APPLICATION, ORGANIZATION
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("IPC Scope")
    app.setDesktopFileName("ipcscope")      # matches packaging/ipcscope.desktop (Wayland)
    icon = QIcon()
    for path in icon_files():
        icon.addFile(str(path))
    app.setWindowIcon(icon)
    gui_thread_gc.start()
    font = app.font()
    if font.pointSize() < 10:
        font.setPointSize(10)
    app.setFont(font)
    return app


def open_window(options: WindowOptions) -> int:
    app = make_app()
    from ipcscope.gui.theme import SchemeFollower
    SchemeFollower(app, options.theme)          # light or dark, before any widget
    from ipcscope.gui.main_window import MainWindow
    if options.screenshot:
        from ipcscope.gui.screenshot import take_screenshot
        return take_screenshot(app, options)
    window = MainWindow(language=options.language)
    window.show()
    window.presenter.set_active(options.presenter)
    if options.loaded is not None:
        window.open_file(options.trace, options.loaded)
    elif options.program is not None:       # listed and chosen, its arguments filled in
        window.files.open_script(options.program, options.program_args)
    code = app.exec()
    _report_perf(window)
    return code


def _report_perf(window) -> None:
    """IPCSCOPE_PERF=1: the frame costs of the last run, on stderr, for measuring."""
    if os.environ.get("IPCSCOPE_PERF") != "1":
        return
    print("ipcscope perf: " + window.perf_text(), file=sys.stderr)
