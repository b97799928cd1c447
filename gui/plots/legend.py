"""ActivityLegend: what each colour, hatch and mark of the lanes means, painted with the
very brushes the lanes use, wrapping to as many rows as the width needs."""
from __future__ import annotations

from ipcscope.gui import colors
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

SWATCH_W, GAP = 26, 12


class ActivityLegend(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.entries = [("activity", state, style.legend)
                        for state, style in colors.ACTIVITY_STYLES.items()]
        self.entries += [("idle", None, colors.IDLE_LABEL), ("exit", None, colors.EXITED_LABEL),
                         ("put", None, QT_TRANSLATE_NOOP("colors", "put/sent")),
                         ("got", None, QT_TRANSLATE_NOOP("colors", "got/received")),
                         ("full", None, "Full"), ("empty", None, "Empty / EOF")]
        policy = QSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _layout(self, width: int) -> list[tuple[QRectF, tuple]]:
        metrics = QFontMetrics(self.font())
        row_h = metrics.height() + 6
        x = y = 0
        placed = []
        for what, state, source in self.entries:
            entry = (what, state, colors.words(source))
            w = SWATCH_W + 6 + metrics.horizontalAdvance(entry[2])
            if x and x + w > width:
                x, y = 0, y + row_h
            placed.append((QRectF(x, y, w, row_h), entry))
            x += w + GAP
        return placed

    def retranslate(self) -> None:
        """Its words are looked up as it paints: a new height, and paint again."""
        self.updateGeometry()
        self.update()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        placed = self._layout(max(100, width))
        return int(placed[-1][0].bottom()) + 2 if placed else 0

    def sizeHint(self) -> QSize:
        return QSize(600, self.heightForWidth(600))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(self.width() or 600))

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        for rect, (what, state, label) in self._layout(self.width()):
            swatch = QRectF(rect.x(), rect.y() + 3, SWATCH_W, rect.height() - 6)
            self._swatch(painter, swatch, what, state)
            painter.setPen(QColor(colors.TEXT))
            painter.drawText(QRectF(swatch.right() + 6, rect.y(), rect.width(), rect.height()),
                             Qt.AlignVCenter | Qt.AlignLeft, label)
        painter.end()

    def _swatch(self, painter: QPainter, r: QRectF, what: str, state) -> None:
        painter.setPen(Qt.NoPen)
        mid = r.center().y()
        if what == "activity":
            style = colors.ACTIVITY_STYLES[state]
            painter.fillRect(r, style.qcolor())
            if style.pattern != Qt.NoBrush:
                hatch = QColor(0, 0, 0, 150) if style.dark_hatch else QColor(255, 255, 255, 170)
                painter.fillRect(r, QBrush(hatch, style.pattern))
        elif what == "idle":
            painter.fillRect(QRectF(r.x(), mid - r.height() * 0.2, r.width(), r.height() * 0.4),
                             QColor(colors.IDLE_GREY))
        elif what == "exit":
            painter.fillRect(QRectF(r.x(), mid - 2, r.width() * 0.4, 4), QColor(colors.IDLE_GREY))
            painter.fillRect(QRectF(r.x() + r.width() * 0.4, r.y(), 4, r.height()),
                             QColor(colors.EXITED_GREY))
        elif what in ("put", "got"):
            painter.setPen(QPen(QColor(colors.TEXT), 2))
            x = r.center().x()
            if what == "put":
                painter.drawLine(QPointF(x, r.y()), QPointF(x, mid))
            else:
                painter.drawLine(QPointF(x, mid), QPointF(x, r.bottom()))
        elif what == "full":
            painter.setPen(QPen(QColor(colors.VERMILLION), 2))
            c, s = r.center(), r.height() * 0.3
            painter.drawLine(QPointF(c.x() - s, c.y() - s), QPointF(c.x() + s, c.y() + s))
            painter.drawLine(QPointF(c.x() - s, c.y() + s), QPointF(c.x() + s, c.y() - s))
        elif what == "empty":
            painter.setPen(QPen(QColor(colors.BLUE), 2))
            painter.drawEllipse(r.center(), r.height() * 0.3, r.height() * 0.3)
        painter.setPen(Qt.NoPen)
