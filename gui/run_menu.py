"""The window's Run menu: made by whichever action comes first (Run ×N, Compare), before
View, and found again by its name by the others."""
from __future__ import annotations

from PySide6.QtWidgets import QMenu


def run_menu(window) -> QMenu:
    menu = window.menuBar().findChild(QMenu, "run-menu")
    if menu is None:
        menu = QMenu(window.menuBar())
        menu.setObjectName("run-menu")
        first = window.menuBar().actions()
        if first:
            window.menuBar().insertMenu(first[0], menu)
        else:
            window.menuBar().addMenu(menu)
    return menu
