"""Presenter mode (F11, View → Presenter, `ipcscope --presenter`): the window full screen
with only what a room needs — the plots and lanes, the findings banner, the code with its
line — in type twice the window's default (axes, lane names, legend, code; the banner
bigger still) and lines twice as thick, in the light or dark scheme the window has.
Everything else is one key away (Ctrl+1/2/3 show the panels, F11 or Esc leave), and the
replay's clicker keys (PageUp/PageDown, arrows, Home/End) work as in the window: they
are the window's own shortcuts."""
from __future__ import annotations

from ipcscope.gui.i18n import translate
from ipcscope.gui.language_menu import view_menu
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence

DEFAULT_POINTS = 10          # the window's type (gui/launch.py), Large text: 14
PRESENTER_POINTS = 20        # twice the default: readable from the back of a room
LINE_FACTOR = 2
PLOTS_SHARE = 0.74           # of the height: plots and lanes; the code has the rest


class Presenter(QObject):
    changed = Signal(bool)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.active = False
        self._before: dict = {}
        self.action = QAction(self)
        self.action.setObjectName("presenter")
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence(Qt.Key_F11))
        self.action.toggled.connect(self.set_active)
        view_menu(window).addAction(self.action)
        window.addAction(self.action)           # F11 works with the menu bar hidden
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(translate("Presenter", "Presenter"))
        self.action.setToolTip(translate("Presenter", "Full screen, plots and code only, "
                                         "large type (F11; Esc leaves)"))

    @Slot(bool)
    def set_active(self, on: bool) -> None:
        if on == self.active:
            return
        self.active = on
        self.action.setChecked(on)
        if on:
            self._enter()
        else:
            self._leave()
        self.changed.emit(on)

    def _enter(self) -> None:
        w = self.window
        bars = (w.toolbar, w.statusBar(), w.menuBar())
        toggles = w.panel_toggles.actions
        self._before = {"state": w.windowState(), "center": w.center.sizes(),
                        "plots": w.run_view.splitter.sizes(),
                        "bars": {bar: bar.isVisible() for bar in bars},
                        "panels": {name: action.isChecked() for name, action in toggles.items()}}
        for bar in bars:
            bar.hide()
        for name, action in toggles.items():     # Ctrl+1 / Ctrl+2 bring one back
            action.setChecked(name == "bottom")
        w.bottom.set_log_shown(False)
        w.run_view.set_point_size(PRESENTER_POINTS)
        w.run_view.set_line_width(LINE_FACTOR)
        w.source.set_point_size(PRESENTER_POINTS)
        w.showFullScreen()
        height = w.center.height() or w.height()
        w.center.setSizes([int(height * PLOTS_SHARE), int(height * (1 - PLOTS_SHARE))])
        plots = w.run_view.splitter.height() or height
        # depth, lanes, third plot: the axes' large type needs room above and below
        w.run_view.splitter.setSizes([int(plots * 0.25), int(plots * 0.45), int(plots * 0.30)])

    def _leave(self) -> None:
        w = self.window
        before = self._before
        w.setWindowState(before["state"])
        for bar, shown in before["bars"].items():
            bar.setVisible(shown)
        for name, checked in before["panels"].items():
            w.panel_toggles.actions[name].setChecked(checked)
        w.bottom.set_log_shown(True)
        w.run_view.set_line_width(1)
        large = w.toolbar.large_text_action.isChecked()
        w.run_view.set_large(large)
        w.source.set_point_size(14 if large else DEFAULT_POINTS)
        w.center.setSizes(before["center"])
        w.run_view.splitter.setSizes(before["plots"])
