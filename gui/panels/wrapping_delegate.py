"""Rows of a list that wrap their words to the list's width, always whole.

QListWidget's own word wrap measures a row before it knows the final width (a scroll
bar that appears later takes 15 px), and a row measured one line short is drawn elided:
at 1280×800 the scenario list cut its Chinese titles ("才会有 ...").  This measures each
row at the width it is drawn at, and the list lays its rows out again on every resize."""
from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem


class WrappingItemDelegate(QStyledItemDelegate):
    def __init__(self, view: QListView):
        super().__init__(view)
        self.view = view
        view.setWordWrap(True)
        view.setResizeMode(QListView.Adjust)      # rows measured again when it resizes
        view.setTextElideMode(Qt.ElideNone)

    def sizeHint(self, option, index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = self.view.style()
        margin = style.pixelMetric(QStyle.PM_FocusFrameHMargin, opt, self.view) + 1
        width = max(40, self.view.viewport().width())
        text = opt.fontMetrics.boundingRect(QRect(0, 0, width - 2 * margin, 100_000),
                                            Qt.TextWordWrap, opt.text)
        return QSize(width, text.height() + 2 * margin)
