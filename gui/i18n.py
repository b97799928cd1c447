"""The window's language: English or 中文, the Qt way.

Every text the window shows goes through `translate(context, text)`
(QCoreApplication.translate): the sources are resources/i18n/ipcscope_zh_CN.ts (made
and kept current with pyside6-lupdate), compiled to the .qm next to it with
pyside6-lrelease and committed, so a fresh clone and the bundle need no build step
(tests/gui/test_translation.py checks both are current).  Qt's own dialogs come
from Qt's qtbase_zh_CN.qm (QLibraryInfo's translations folder).

The language follows the system locale (zh_* → 中文) until the user picks one in
View ▸ Language (remembered) or gives `--lang`.  Switching installs or removes the
translators; Qt then sends every widget a LanguageChange event, and the window
retranslates each of its parts (`retranslate()`), live.

Chinese needs a font that has its characters: without one Qt draws boxes.  So
before 中文 is used, `cjk_font_missing()` checks that some font covers the characters
the window will show; if none does, the window says so once and stays in English.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QRawFont

LANGUAGES = ("en", "zh")
SETTINGS_KEY = "view/language"
NO_CJK_FONT = ("No font on this machine can show Chinese (install one, e.g. Debian's "
               "fonts-noto-cjk), so the window stays in English.")

_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_translators: list[QTranslator] = []
_current = "en"


def translate(context: str, text: str) -> str:
    """`text` in the window's language (lupdate finds these calls by their name)."""
    return QCoreApplication.translate(context, text)


def i18n_dir() -> str:
    """resources/i18n: beside gui/ in the source tree and in the bundle."""
    return os.path.join(_ROOT, "resources", "i18n")


def qm_path() -> str:
    return os.path.join(i18n_dir(), "ipcscope_zh_CN.qm")


def system_language(locale: QLocale | None = None) -> str:
    name = (locale or QLocale.system()).name()
    return "zh" if name.startswith("zh") else "en"


def current() -> str:
    return _current


def chinese() -> bool:
    return _current == "zh"


def set_language(language: str) -> bool:
    """Install (zh) or remove (en) the translators; Qt then tells every widget.
    False if the app's translation file is missing (the language stays as it was)."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if language == _current:
        return True
    app = QCoreApplication.instance()
    loaded: list[QTranslator] = []
    if language == "zh":
        ours = QTranslator(app)
        if not ours.load(qm_path()):
            return False
        loaded.append(ours)
        qt_own = QTranslator(app)          # Qt's dialogs and buttons (the bundle has it here)
        if any(qt_own.load("qtbase_zh_CN", folder) for folder in
               (QLibraryInfo.path(QLibraryInfo.TranslationsPath), i18n_dir())):
            loaded.append(qt_own)
    for translator in _translators:
        app.removeTranslator(translator)
        translator.deleteLater()
    _translators[:] = loaded
    for translator in loaded:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China) if language == "zh"
                       else QLocale(QLocale.English, QLocale.UnitedStates))
    _current = language
    return True


def characters_shown(samples) -> str:
    """The Han characters among the texts given (a scenario's titles and explanations,
    the window's translated words)."""
    return "".join(sorted({c for text in samples for c in text if ord(c) >= 0x2E80}))


def cjk_font_missing(characters: str, font: QFont | None = None) -> bool:
    """True if neither `font` (the app's; fontconfig's fallback counts) nor any font
    that says it writes Simplified Chinese has every one of `characters`."""
    if not characters:
        return False
    font = font or QFont()
    metrics = QFontMetrics(font)
    if all(metrics.inFontUcs4(ord(c)) for c in characters):
        return False
    for family in QFontDatabase.families(QFontDatabase.SimplifiedChinese):
        raw = QRawFont.fromFont(QFont(family), QFontDatabase.SimplifiedChinese)
        if raw.isValid() and all(raw.supportsCharacter(c) for c in characters):
            return False
    return True
