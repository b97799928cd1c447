"""TextStrip: a line (or a few) of rich text that changes often — a plot's title and key,
the status bar, what the pointer is on.

A QLabel asks its parents for a new layout on every setText(), and a new layout of the
main window repaints all of it: measured, the window repainted on 8 frames out of 10
only because counts in a key changed.  A TextStrip repaints itself alone, and asks for
a layout only when its height really changes (the text wrapped to another line count).
"""
from __future__ import annotations

import math

from PySide6.QtCore import QSize
from PySide6.QtGui import QPainter, QTextDocument, QTextOption
from PySide6.QtWidgets import QSizePolicy, QWidget


class TextStrip(QWidget):
    def __init__(self, parent=None, wrap: bool = True):
        super().__init__(parent)
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(2)
        if not wrap:
            option = QTextOption()
            option.setWrapMode(QTextOption.NoWrap)
            self._doc.setDefaultTextOption(option)
        self._html = ""
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self._fit()

    def setText(self, html: str) -> None:  # noqa: N802 - as QLabel, so it drops in
        if html == self._html:
            return
        self._html = html
        self._doc.setHtml(html)
        self._fit()
        self.update()

    def text(self) -> str:
        return self._doc.toPlainText()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if self._doc.defaultFont() != self.font():
            self._doc.setDefaultFont(self.font())
            self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self._doc.setDefaultFont(self.font())
        self._doc.setTextWidth(max(50, self.width()))
        height = math.ceil(self._doc.size().height())
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)        # the only time the layout is asked

    def sizeHint(self) -> QSize:
        return QSize(200, self.height())

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        self._doc.drawContents(painter)
        painter.end()
