"""PythonHighlighter: a small Python highlighter for the source view and its editor —
keywords, a few builtins, strings (triple-quoted across lines), comments, numbers,
decorators and the names a def or class makes.  Regular expressions line by line: it
recolours only the lines an edit touched, so typing stays fast."""
from __future__ import annotations

import keyword
import re

from ipcscope.gui import colors
from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat

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
    _RULES = (
        (r"\b(" + "|".join(keyword.kwlist) + r")\b", "keyword"),
        (r"\b(" + "|".join(_BUILTINS) + r")\b", "builtin"),
        (r"\b[0-9]+(\.[0-9]+)?\b", "number"),
        (r"@[A-Za-z_][A-Za-z0-9_.]*", "decorator"),
        (r"\b(?:def|class)\s+([A-Za-z_][A-Za-z0-9_]*)", "defname"),
        (r"'[^'\\\n]*(\\.[^'\\\n]*)*'|\"[^\"\\\n]*(\\.[^\"\\\n]*)*\"", "string"),
        (r"#[^\n]*", "comment"),
    )
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
