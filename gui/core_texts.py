"""Words that core/ makes and the window shows, in the window's language.

core/ never imports Qt, so its English texts (a scenario's "what to watch", a
parameter's help, a prediction, a run's status, a summary's result names and
problems) are translated here, in the fixed context "core".  A text with numbers in
it is looked up with each number as {0}, {1}…, so "completed at exactly 30" finds the
translation of "completed at exactly {0}" and gets its number back; failing that,
with the statuses it names as such too ("ended {0}, expected {1}").

lupdate reads the sources from core_text_table.py (QT_TRANSLATE_NOOP);
tests/gui/test_translation.py checks that every scenario's texts have a translation."""
from __future__ import annotations

import re

from ipcscope.gui.i18n import translate

CONTEXT = "core"
STATUSES = ("completed", "stalled", "crashed", "timeout", "stopped")
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
# a summary's problem names statuses too: "ended crashed, expected completed"
_NUMBER_OR_STATUS = re.compile(_NUMBER.pattern + r"|\b(?:" + "|".join(STATUSES) + r")\b")


def core_text(text: str) -> str:
    """`text` in the window's language, or as it is if it has no translation."""
    if not text:
        return text
    found = translate(CONTEXT, text)
    if found != text:
        return found
    for pattern in (_NUMBER, _NUMBER_OR_STATUS):
        parts = pattern.findall(text)
        if not parts:
            continue
        template = pattern.sub(_Counter(), text)
        found = translate(CONTEXT, template)
        if found != template:
            return found.format(*(translate(CONTEXT, p) if p in STATUSES else p
                                  for p in parts))
    return text


def has_translation(text: str) -> bool:
    """True if core_text() changes it (the language installed has it)."""
    return core_text(text) != text


class _Counter:
    """Numbers → {0}, {1}… in order."""

    def __init__(self):
        self.n = -1

    def __call__(self, _match) -> str:
        self.n += 1
        return "{%d}" % self.n
