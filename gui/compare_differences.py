"""DifferencesStrip: what differs between A and B, in one strip between their plots.

The fields are core/compare.py's (the same as `ipcscope run ID --compare`), told once
both runs have ended (a run that is still going has no final numbers to compare):
status, the scenario's result numbers, the findings (each said to be in A only or in
B only), processes, queue and pipe counts.  The changed parameter is not repeated:
the labels above A and B say it."""
from __future__ import annotations

import html

from ipcscope.core.compare import differences
from ipcscope.gui import colors
from ipcscope.gui.core_texts import core_text
from ipcscope.gui.i18n import translate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout


def _value(field: str, value) -> str:
    if value is None:
        return "—"
    if field == "status":
        return core_text(value)
    return str(value)


def finding_lines(a: list, b: list) -> list[str]:
    """Finding kinds raised by one run only, in words."""
    only_a = [kind for kind in a if kind not in b]
    only_b = [kind for kind in b if kind not in a]
    lines = [translate("DifferencesStrip", "{kind} only in A").format(kind=k) for k in only_a]
    return lines + [translate("DifferencesStrip", "{kind} only in B").format(kind=k)
                    for k in only_b]


def difference_items(summary_a: dict, summary_b: dict) -> list[tuple[str, str]]:
    """(field, what differs) for every compared field but the parameters."""
    items = []
    for row in differences(summary_a, summary_b):
        field = row["field"]
        if field.startswith("params."):
            continue
        if field == "findings":
            items += [("findings", line) for line in finding_lines(row["a"] or [], row["b"] or [])]
        else:
            items.append((field, f"{_value(field, row['a'])} → {_value(field, row['b'])}"))
    return items


class DifferencesStrip(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("compare-differences")
        self.setFrameShape(QFrame.StyledPanel)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)
        # a wrapped label asks for the height of its narrowest wrapping: one line of
        # words is what the strip needs at least (it is laid out for its width)
        self.setMinimumHeight(self.fontMetrics().height() + 12)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.RichText)
        self.label.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.label)
        self.items: list[tuple[str, str]] = []   # what the strip lists (tests read it)
        self._state = "idle"
        self._summaries: tuple | None = None
        self.retranslate()

    def height_for(self, width: int) -> int:
        """The height its words take at this width (wrapped)."""
        return self.layout().totalHeightForWidth(max(width, 200))

    def clear(self, state: str = "idle") -> None:
        """Nothing to compare yet: "idle" (no runs), "running" (both going)."""
        self._state, self._summaries, self.items = state, None, []
        self.retranslate()

    def show_summaries(self, summary_a: dict, summary_b: dict) -> None:
        self._state, self._summaries = "ended", (summary_a, summary_b)
        self.retranslate()

    def retranslate(self) -> None:
        if self._state == "idle":
            text = translate("DifferencesStrip", "Run A and B (or open two saved runs): what "
                             "differs between them is listed here once both have ended.")
            self.label.setText(f"<i>{html.escape(text)}</i>")
        elif self._state == "running":
            text = translate("DifferencesStrip", "A and B are running: what differs is "
                             "listed here once both have ended.")
            self.label.setText(f"<i>{html.escape(text)}</i>")
        else:
            self.items = difference_items(*self._summaries)
            self.label.setText(self._html())

    def _html(self) -> str:
        title = html.escape(translate("DifferencesStrip", "What differs (A → B):"))
        if not self.items:
            none = html.escape(translate("DifferencesStrip", "A and B do not differ."))
            return f"<b>{title}</b> {none}"
        parts = []
        for field, text in self.items:
            # what a learner came for, in the findings' colour; the rest in the text's
            marked = field in ("findings", "status") or field.startswith("result.")
            style = f" style='color:{colors.VERMILLION}'" if marked else ""
            name = "" if field == "findings" else f"{html.escape(field)} "
            parts.append(f"<span{style}>{name}<b>{html.escape(text)}</b></span>")
        return f"<b>{title}</b> " + " &nbsp;·&nbsp; ".join(parts)
