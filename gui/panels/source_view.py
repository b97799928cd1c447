"""SourceView: the scenario's own module, read-only, with a small Python highlighter, so
a learner can put it beside the article: same names, same shape."""
from __future__ import annotations

import importlib.util
import keyword
import re

from ipcscope.core import scenarios
from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QColor, QFont, QFontDatabase, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import QPlainTextEdit

# Okabe–Ito again: the code reads on a projector and for colour-blind readers too.
_STYLES = {"keyword": ("#0072B2", True), "builtin": ("#CC79A7", False),
           "string": ("#009E73", False), "comment": ("#6B6B6B", False),
           "number": ("#D55E00", False), "defname": ("#000000", True),
           "decorator": ("#E69F00", False)}
_BUILTINS = ("print", "range", "len", "True", "False", "None", "isinstance", "super",
             "Exception", "format", "dict", "list", "tuple", "int", "str")


def _format(color: str, bold: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
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
        return f"# the source of {scenario_id} is not available"
    with open(spec.origin, encoding="utf-8") as f:
        return f.read()


class SourceView(QPlainTextEdit):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.highlighter = PythonHighlighter(self.document())
        self.scenario_id = None

    def show_scenario(self, scenario_id: str) -> None:
        if scenario_id == self.scenario_id:
            return
        self.scenario_id = scenario_id
        self.setPlainText(scenario_source(scenario_id))
        self._scroll_to_main_code()

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
