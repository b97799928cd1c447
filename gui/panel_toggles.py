"""View menu: each panel around the plots can be hidden (the scenarios and parameters,
the run summary and findings, the source and event log), with a key each; what was
hidden stays hidden at the next start.  On a small screen or a projector the plots get
the room, and every panel is one key away."""
from __future__ import annotations

from ipcscope.gui.i18n import translate
from ipcscope.gui.language_menu import view_menu
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtGui import QAction, QKeySequence

PANELS = (("scenarios", QT_TRANSLATE_NOOP("PanelToggles", "Scenarios and parameters"), "Ctrl+1"),
          ("summary", QT_TRANSLATE_NOOP("PanelToggles", "Run summary and findings"), "Ctrl+2"),
          ("bottom", QT_TRANSLATE_NOOP("PanelToggles", "Source code and event log"), "Ctrl+3"))


class PanelToggles(QObject):
    def __init__(self, window, parts: dict):
        """parts: the widget each toggle shows or hides, by the names in PANELS."""
        super().__init__(window)
        self.parts = parts
        self.actions: dict[str, QAction] = {}
        menu = view_menu(window)
        menu.addSeparator()
        for name, _words, key in PANELS:
            action = QAction(self)
            action.setObjectName(f"show-{name}")
            action.setCheckable(True)
            action.setChecked(True)
            action.setShortcut(QKeySequence(key))
            action.toggled.connect(parts[name].setVisible)
            menu.addAction(action)
            window.addAction(action)        # its key works with the menu bar hidden too
            self.actions[name] = action
        self.retranslate()

    def retranslate(self) -> None:
        for name, words, _key in PANELS:
            self.actions[name].setText(translate("PanelToggles", words))

    def shown(self, name: str) -> bool:
        return self.actions[name].isChecked()

    def save_settings(self, settings) -> None:
        for name, action in self.actions.items():
            settings.set_value(f"view/{name}", action.isChecked())

    def restore_settings(self, settings) -> None:
        for name, action in self.actions.items():
            action.setChecked(settings.value(f"view/{name}", True, bool))
            self.parts[name].setVisible(action.isChecked())
