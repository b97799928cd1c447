"""Light and dark.  The window follows the system's colour scheme (QStyleHints.colorScheme,
Qt 6.5+) everywhere, not only in presenter mode: the widgets (a Fusion palette), the plots
(background, axes, their text) and what paints with gui/colors.py's text colour; the
scheme changing while the app runs is followed too.  `--theme light|dark` asks for one
(scripts, screenshots).  The state colours stay Okabe–Ito in both (gui/colors.py)."""
from __future__ import annotations

from ipcscope.gui import colors
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

import pyqtgraph as pg

DARK_PALETTE = {
    QPalette.Window: "#202020", QPalette.WindowText: "#F2F2F2", QPalette.Base: "#141414",
    QPalette.AlternateBase: "#262626", QPalette.Text: "#F2F2F2", QPalette.Button: "#2C2C2C",
    QPalette.ButtonText: "#F2F2F2", QPalette.ToolTipBase: "#2C2C2C",
    QPalette.ToolTipText: "#F2F2F2", QPalette.Highlight: colors.BLUE,
    QPalette.HighlightedText: "#FFFFFF", QPalette.Link: colors.SKY_BLUE,
    QPalette.PlaceholderText: "#A0A0A0", QPalette.BrightText: "#FFFFFF",
}


def system_is_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply(app: QApplication, dark: bool) -> None:
    colors.set_dark(dark)
    pg.setConfigOptions(background=colors.PLOT_BACKGROUND, foreground=colors.TEXT)
    if dark:
        app.setStyle("Fusion")
        palette = QPalette()
        for role, color in DARK_PALETTE.items():
            palette.setColor(role, QColor(color))
            palette.setColor(QPalette.Disabled, role, QColor(color).darker(150)
                             if role in (QPalette.WindowText, QPalette.Text,
                                         QPalette.ButtonText) else QColor(color))
        app.setPalette(palette)
    else:
        app.setPalette(app.style().standardPalette())
    restyle_plots(app)
    retake_scheme(app)


def restyle_plots(app: QApplication) -> None:
    """Plots made before the scheme changed take its background and axis colours."""
    for widget in app.allWidgets():
        if isinstance(widget, pg.PlotWidget):
            widget.setBackground(colors.PLOT_BACKGROUND)
            for name in ("left", "bottom"):
                axis = widget.getPlotItem().getAxis(name)
                axis.setPen(colors.TEXT)
                axis.setTextPen(colors.TEXT)


def retake_scheme(app: QApplication) -> None:
    """Widgets that wrote a scheme's colour into what they show (a run summary's
    "stopped", the findings badge, a plot's capacity line and key) show it again in the
    new scheme's, at once: each has a take_scheme()."""
    for widget in app.allWidgets():
        take = getattr(type(widget), "take_scheme", None)
        if take is not None:
            take(widget)


class SchemeFollower(QObject):
    """Follows the system's scheme unless a theme was asked for."""

    def __init__(self, app: QApplication, asked: str | None):
        super().__init__(app)
        self.app, self.asked = app, asked
        apply(app, asked == "dark" if asked else system_is_dark(app))
        app.styleHints().colorSchemeChanged.connect(self._on_changed)

    @Slot(Qt.ColorScheme)
    def _on_changed(self, scheme) -> None:
        if not self.asked:
            apply(self.app, scheme == Qt.ColorScheme.Dark)
