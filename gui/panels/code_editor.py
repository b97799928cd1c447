"""CodeEditor: a QPlainTextEdit for Python — line numbers in a gutter, a header row
above the text (the source view's edit bar), a marked line (what a selected object or
process points at) and a problem line (where the code cannot run), and the indenting a
Python editor owes its user: Tab is four spaces, Enter keeps the line's indent (one
more after a colon).  Undo and redo are QPlainTextEdit's own (Ctrl+Z, Ctrl+Shift+Z)."""
from __future__ import annotations

from ipcscope.gui import colors
from PySide6.QtCore import QRect, QSize, Qt, Slot
from PySide6.QtGui import QColor, QPainter, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

MARKED_LINE = QColor(230, 159, 0, 70)     # Okabe–Ito orange, light: the text stays legible
PROBLEM_LINE = QColor(213, 94, 0, 90)     # Okabe–Ito vermillion, light
INDENT = "    "


class _Gutter(QWidget):
    def __init__(self, editor: CodeEditor):
        super().__init__(editor)
        self.editor = editor

    def sizeHint(self) -> QSize:
        return QSize(self.editor.gutter_width(), 0)

    def paintEvent(self, event) -> None:
        self.editor.paint_gutter(event)


class CodeEditor(QPlainTextEdit):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.gutter = _Gutter(self)
        self.header: QWidget | None = None
        self.marked_line = 0                  # 1-based; 0: none
        self.problem_line = 0
        self.blockCountChanged.connect(self._update_margins)
        self.updateRequest.connect(self._update_gutter)
        self._update_margins()

    # --- the gutter and the header ------------------------------------------------------

    def set_header(self, header: QWidget) -> None:
        header.setParent(self)
        self.header = header
        self._update_margins()

    def gutter_width(self) -> int:
        digits = len(str(max(1, self.blockCount())))
        return 10 + self.fontMetrics().horizontalAdvance("9") * max(3, digits)

    @Slot()
    def _update_margins(self, _count: int = 0) -> None:
        top = self.header.sizeHint().height() if self.header is not None else 0
        self.setViewportMargins(self.gutter_width(), top, 0, 0)
        self._place()

    @Slot(QRect, int)
    def _update_gutter(self, rect: QRect, dy: int) -> None:
        if dy:
            self.gutter.scroll(0, dy)
        else:
            self.gutter.update(0, rect.y(), self.gutter.width(), rect.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        area = self.contentsRect()
        top = self.viewportMargins().top()
        if self.header is not None:
            self.header.setGeometry(QRect(area.left(), area.top(), area.width(), top))
        self.gutter.setGeometry(QRect(area.left(), area.top() + top, self.gutter_width(),
                                      area.height() - top))

    def paint_gutter(self, event) -> None:
        painter = QPainter(self.gutter)
        painter.fillRect(event.rect(), self.palette().window())
        number_colour = QColor(colors.TEXT)
        number_colour.setAlpha(130)
        painter.setPen(number_colour)
        painter.setFont(self.font())
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = self.fontMetrics().height()
        width = self.gutter.width() - 5
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible():
                painter.drawText(0, top, width, height, Qt.AlignRight,
                                 str(block.blockNumber() + 1))
            top += round(self.blockBoundingRect(block).height())
            block = block.next()

    def setFont(self, font) -> None:
        super().setFont(font)
        self._update_margins()

    # --- marked and problem lines -------------------------------------------------------

    def mark_line(self, line: int) -> bool:
        """Mark a line and bring it into view; False if there is no such line."""
        if not self.document().findBlockByNumber(line - 1).isValid():
            return False
        self.marked_line = line
        self._show_lines()
        self._go_to(line)
        return True

    def show_problem(self, line: int) -> None:
        """The line where the code cannot run (0: none), in view."""
        self.problem_line = line if self.document().findBlockByNumber(line - 1).isValid() \
            else 0
        self._show_lines()
        if self.problem_line:
            self._go_to(self.problem_line)

    def unmark(self) -> None:
        self.marked_line = self.problem_line = 0
        self._show_lines()

    def _show_lines(self) -> None:
        selections = []
        for line, colour in ((self.marked_line, MARKED_LINE), (self.problem_line, PROBLEM_LINE)):
            block = self.document().findBlockByNumber(line - 1)
            if line and block.isValid():
                selection = QTextEdit.ExtraSelection()
                selection.format.setBackground(colour)
                selection.format.setProperty(QTextFormat.FullWidthSelection, True)
                selection.cursor = QTextCursor(block)
                selections.append(selection)
        self.setExtraSelections(selections)

    def _go_to(self, line: int) -> None:
        block = self.document().findBlockByNumber(line - 1)
        cursor = self.textCursor()
        cursor.setPosition(block.position())
        self.setTextCursor(cursor)
        self.centerCursor()

    # --- Python indenting ---------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        if not self.isReadOnly() and not event.modifiers() & (Qt.ControlModifier |
                                                              Qt.AltModifier):
            if event.key() == Qt.Key_Tab:
                self.textCursor().insertText(INDENT)
                return
            if event.key() in (Qt.Key_Return, Qt.Key_Enter):
                line = self.textCursor().block().text()[:self.textCursor().positionInBlock()]
                indent = line[:len(line) - len(line.lstrip())]
                if line.rstrip().endswith(":"):
                    indent += INDENT
                self.textCursor().insertText("\n" + indent)
                self.ensureCursorVisible()
                return
        super().keyPressEvent(event)
