"""`ipcscope --screenshot FILE [script.py ARGS...]`: open the window, run a scenario (or
the program given), save a PNG of the whole window after S seconds (or once the run has
ended and its last frame is drawn; a program's first finding selected), stop the run,
exit.  The window starts from a clean layout, not the user's remembered one."""
from __future__ import annotations

import os
import sys
import tempfile

from ipcscope.gui.main_window import MainWindow
from PySide6.QtCore import QObject, QSettings, QTimer, Slot

SETTLE_MS = 400          # after the run ends: let the final frame paint


class ScreenshotTaker(QObject):
    def __init__(self, window: MainWindow, path: str):
        super().__init__(window)
        self.window, self.path = window, path
        self.saved = False
        self.error = ""

    @Slot(object)
    def on_run_ended(self, summary) -> None:
        if summary.get("program") and summary.get("findings"):
            self.show_first_finding()
        QTimer.singleShot(SETTLE_MS, self.capture)

    def show_first_finding(self) -> None:
        """A program's picture shows its first finding as a user who clicked it sees
        it: its lanes outlined, the line in its source marked (not the banner, which
        would cover the lanes)."""
        window = self.window
        window.run_view.banner.hide()
        window.findings_panel.select(0)
        window.bottom.show_source()

    @Slot()
    def capture(self) -> None:
        if self.saved or self.error:
            return
        self.window.draw_now()           # what the window shows at this instant
        pixmap = self.window.grab()
        if pixmap.isNull() or not pixmap.save(self.path, "PNG"):
            self.error = f"Could not save the screenshot to {self.path}."
        else:
            self.saved = True
        self.window.close()          # stops the run first if it is still going


def take_screenshot(app, options) -> int:
    with tempfile.TemporaryDirectory(prefix="ipcscope-shot-") as folder:
        settings = QSettings(os.path.join(folder, "settings.ini"), QSettings.IniFormat)
        window = MainWindow(settings=settings, language=options.language)
        window.setGeometry(app.primaryScreen().availableGeometry())
        if options.program is not None:
            window.files.open_script(options.program, options.program_args)
        else:
            window.prepare_run(options.scenario, options.params, options.speed)
        taker = ScreenshotTaker(window, options.screenshot)
        window.run_ended.connect(taker.on_run_ended)
        window.show()
        window.presenter.set_active(options.presenter)
        if options.after is not None:
            QTimer.singleShot(int(options.after * 1000), taker.capture)
        QTimer.singleShot(0, window.start_run)
        app.exec()
        if os.environ.get("IPCSCOPE_PERF") == "1":
            print("ipcscope perf: " + window.perf_text(), file=sys.stderr)
    if not taker.saved:
        print(f"ipcscope: {taker.error or 'the screenshot was not taken.'}", file=sys.stderr)
        return 1
    return 0
