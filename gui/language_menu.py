"""View ▸ Language: English or 中文, switched at once and remembered (gui/i18n.py).

At start the language is, first found: `--lang`, the one chosen last time, the
system's.  中文 needs a font that has the characters the window shows: if no font
does, the window says so once (status bar and app log) and stays in English."""
from __future__ import annotations

from ipcscope.core import scenarios as scenario_registry
from ipcscope.gui import app_log, i18n
from ipcscope.gui.i18n import translate
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

# the window's own Chinese words the font must have (the menu, the toolbar, a lane)
SAMPLE_WORDS = (
    QT_TRANSLATE_NOOP("LanguageMenu", "View"), QT_TRANSLATE_NOOP("LanguageMenu", "Language"),
    QT_TRANSLATE_NOOP("LanguageMenu", "Run"), QT_TRANSLATE_NOOP("LanguageMenu", "Pause"),
    QT_TRANSLATE_NOOP("LanguageMenu", "Stop"), QT_TRANSLATE_NOOP("LanguageMenu", "Parameters"),
    QT_TRANSLATE_NOOP("LanguageMenu", "What to watch"),
    QT_TRANSLATE_NOOP("LanguageMenu", "Run summary"),
    QT_TRANSLATE_NOOP("LanguageMenu", "Findings"), QT_TRANSLATE_NOOP("LanguageMenu", "working"),
    QT_TRANSLATE_NOOP("LanguageMenu", "Event log"),
    QT_TRANSLATE_NOOP("LanguageMenu", "Source code"))
NAMES = {"en": "English", "zh": "中文"}      # each in its own language, never translated
_font_missing: bool | None = None          # no font has the Chinese words (checked once)


def view_menu(window) -> QMenu:
    """The window's View menu (made once; others may add to it)."""
    menu = window.menuBar().findChild(QMenu, "view-menu")
    if menu is None:
        menu = window.menuBar().addMenu("")
        menu.setObjectName("view-menu")
    return menu


class LanguageMenu(QObject):
    chosen = Signal(str)         # "en" or "zh", picked by the user

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.view = view_menu(window)
        self.menu = self.view.addMenu("")
        self.menu.setObjectName("language-menu")
        group = QActionGroup(self)
        self.actions: dict[str, QAction] = {}
        for language in i18n.LANGUAGES:
            action = QAction(NAMES[language], self)
            action.setCheckable(True)
            action.setObjectName(f"language-{language}")
            action.setData(language)
            action.triggered.connect(self._on_action)
            group.addAction(action)
            self.menu.addAction(action)
            self.actions[language] = action
        self.font_missing = False

    def start(self, settings, asked: str | None) -> None:
        """The language at start: asked (`--lang`), else remembered, else the system's."""
        language = asked or settings.value(i18n.SETTINGS_KEY, "", str) or \
            i18n.system_language()
        if language not in i18n.LANGUAGES:
            language = "en"
        # checked whatever the language: the scenario list shows Chinese titles in both
        if not self._font_ok():
            language = "en"
        i18n.set_language(language)
        self._check(i18n.current())

    def _font_ok(self) -> bool:
        """Some font has every Chinese character the window will show (checked once a
        process, with the translation installed to read its words); if none has, the
        window says so and 中文 is off."""
        global _font_missing
        if _font_missing is None:
            before = i18n.current()
            if not i18n.set_language("zh"):
                return False
            words = [translate("LanguageMenu", w) for w in SAMPLE_WORDS]
            for spec in scenario_registry.all_scenarios():
                words += [spec.title_zh, spec.explanation_zh]
            _font_missing = i18n.cjk_font_missing(i18n.characters_shown(words),
                                                  self.window.font())
            i18n.set_language(before)
            if _font_missing:
                app_log.write(i18n.NO_CJK_FONT)
        if _font_missing and not self.font_missing:
            self.font_missing = True
            self.window.statusBar().showMessage(i18n.NO_CJK_FONT)
        self.actions["zh"].setEnabled(not _font_missing)
        self.actions["zh"].setToolTip(i18n.NO_CJK_FONT if _font_missing else "")
        return not _font_missing

    def switch(self, language: str, settings) -> None:
        """The user's choice: installed now, remembered."""
        if language == "zh" and not self._font_ok():
            language = "en"
        i18n.set_language(language)
        # deliver Qt's LanguageChange now, so every part has retranslated on return
        QCoreApplication.sendPostedEvents(None, QEvent.LanguageChange)
        settings.set_value(i18n.SETTINGS_KEY, language)
        self._check(language)

    def _check(self, language: str) -> None:
        for name, action in self.actions.items():
            action.setChecked(name == language)

    @Slot()
    def _on_action(self) -> None:
        self.chosen.emit(self.sender().data())

    def retranslate(self) -> None:
        self.view.setTitle(translate("LanguageMenu", "&View"))
        self.menu.setTitle(translate("LanguageMenu", "&Language"))

