"""SourceView: the scenario's own module, read-only, with a small Python highlighter, so
a learner can put it beside the article: same names, same shape.  For a program of the
user's own, its script; a selected object's line (the one that made it) or a blocked
process's (the one it waits on) is marked and brought into view."""
from __future__ import annotations

import importlib.util
import keyword
import os
import re

from ipcscope.core import scenarios
from ipcscope.gui import colors
from ipcscope.gui.i18n import translate
from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

MARKED_LINE = QColor(230, 159, 0, 70)     # Okabe–Ito orange, light: the text stays legible
MAX_SOURCE_BYTES = 2 << 20

# Okabe–Ito again: the code reads on a projector and for colour-blind readers too.
_STYLES = {"keyword": ("#0072B2", True), "builtin": ("#CC79A7", False),
           "string": ("#009E73", False), "comment": ("#6B6B6B", False),
           "number": ("#D55E00", False), "defname": ("#000000", True),
           "decorator": ("#E69F00", False)}
_BUILTINS = ("print", "range", "len", "True", "False", "None", "isinstance", "super",
             "Exception", "format", "dict", "list", "tuple", "int", "str")


def _format(color: str, bold: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    # the bold names in the window's text colour (light or dark)
    fmt.setForeground(QColor(colors.TEXT if color == "#000000" else color))
    if bold:
        fmt.setFontWeight(QFont.Bold)
    return fmt


class PythonHighlighter(QSyntaxHighlighter):
    """Line by line, with one state for being inside a triple-quoted string."""
    _RULES = [
        (r"\b(" + "|".join(keyword.kwlist) + r")\b", "keyword"),
        (r"\b(" + "|".join(_BUILTINS) + r")\b", "builtin"),
        (r"\b[0-9]+(\.[0-9]+)?\b", "number"),
        (r"@[A-Za-z_][A-Za-z0-9_.]*", "decorator"),
        (r"\b(?:def|class)\s+([A-Za-z_][A-Za-z0-9_]*)", "defname"),
        (r"'[^'\\\n]*(\\.[^'\\\n]*)*'|\"[^\"\\\n]*(\\.[^\"\\\n]*)*\"", "string"),
        (r"#[^\n]*", "comment"),
    ]
    _TRIPLE = re.compile(r'"""|\'\'\'')

    def __init__(self, document):
        super().__init__(document)
        self._rules = [(QRegularExpression(p), _format(*_STYLES[s]), s) for p, s in self._RULES]
        self._string = _format(*_STYLES["string"])

    def highlightBlock(self, text: str) -> None:
        for expression, fmt, style in self._rules:
            matches = expression.globalMatch(text)
            while matches.hasNext():
                match = matches.next()
                group = 1 if style == "defname" else 0
                self.setFormat(match.capturedStart(group), match.capturedLength(group), fmt)
        self._triple_quotes(text)

    def _triple_quotes(self, text: str) -> None:
        start = 0
        inside = self.previousBlockState() == 1
        for match in self._TRIPLE.finditer(text):
            if inside:
                self.setFormat(start, match.end() - start, self._string)
                inside = False
            else:
                start, inside = match.start(), True
        if inside:
            self.setFormat(start, len(text) - start, self._string)
        self.setCurrentBlockState(1 if inside else 0)


def scenario_source(scenario_id: str) -> str:
    spec = importlib.util.find_spec(scenarios.module_name(scenario_id))
    if spec is None or not spec.origin:
        return "# " + translate("SourceView", "the source of {id} is not available").format(
            id=scenario_id)
    with open(spec.origin, encoding="utf-8") as f:
        return f.read()


def file_source(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read(MAX_SOURCE_BYTES)
    except OSError as error:
        return "# " + translate("SourceView", "{path} cannot be read: {why}").format(
            path=path, why=error.strerror or error)


class SourceView(QPlainTextEdit):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.highlighter = PythonHighlighter(self.document())
        self.scenario_id = None
        self.path: str | None = None          # a program's file shown
        self.marked_line = 0                  # 1-based; 0: none

    def show_scenario(self, scenario_id: str) -> None:
        if scenario_id == self.scenario_id:
            return
        self.scenario_id, self.path = scenario_id, None
        self.setPlainText(scenario_source(scenario_id))
        self._unmark()
        self._scroll_to_main_code()

    def show_file(self, path: str) -> None:
        """A program's script (or a file it imports), from its top."""
        path = os.path.abspath(path)
        if path == self.path:
            return
        self.scenario_id, self.path = None, path
        self.setPlainText(file_source(path))
        self._unmark()

    def mark_site(self, site: str | None) -> bool:
        """Mark the line of a site ("/path/file.py:LINE"), showing its file if another
        is shown; False if there is no such line to show."""
        path, _, line = (site or "").rpartition(":")
        if not path or not line.isdigit() or not os.path.isfile(path):
            return False
        self.show_file(path)
        return self.mark_line(int(line))

    def mark_line(self, line: int) -> bool:
        block = self.document().findBlockByNumber(line - 1)
        if not block.isValid():
            return False
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(MARKED_LINE)
        selection.format.setProperty(QTextFormat.FullWidthSelection, True)
        selection.cursor = QTextCursor(block)
        self.setExtraSelections([selection])
        self.marked_line = line
        cursor = self.textCursor()
        cursor.setPosition(block.position())
        self.setTextCursor(cursor)
        self.centerCursor()
        return True

    def _unmark(self) -> None:
        self.setExtraSelections([])
        self.marked_line = 0

    def _scroll_to_main_code(self) -> None:
        """Open at the article's code, past the module's docstring and imports."""
        block = self.document().firstBlock()
        while block.isValid() and not block.text().startswith(("def ", "class ")):
            block = block.next()
        if block.isValid():
            cursor = self.textCursor()
            cursor.setPosition(block.position())
            self.setTextCursor(cursor)
            self.verticalScrollBar().setValue(max(0, block.firstLineNumber() - 1))

    def set_point_size(self, size: int) -> None:
        font = self.font()
        font.setPointSize(size)
        self.setFont(font)
