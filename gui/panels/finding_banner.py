"""FindingBanner: a new finding, big and coloured over the top of the plots for a few
seconds, so a room sees it the moment it happens; a click on it selects the finding.
FindingBadge: the count of findings, always in the toolbar."""
from __future__ import annotations

from ipcscope.gui import colors
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QToolButton

SHOW_MS = 6000


class FindingBanner(QLabel):
    clicked = Signal(object)        # the finding dict it shows

    def __init__(self, parent):
        super().__init__(parent)
        self.setObjectName("finding-banner")
        self.setAlignment(Qt.AlignCenter)
        self.setWordWrap(True)
        self.setCursor(Qt.PointingHandCursor)
        self.setStyleSheet(f"background: {colors.VERMILLION}; color: white; "
                           "font-size: 14pt; font-weight: bold; padding: 8px; "
                           "border-radius: 6px;")
        self.finding = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOW_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def announce(self, findings: list[dict], chinese: bool = False) -> None:
        first = findings[0]
        self.finding = first
        words = first["message_zh"] if chinese and first.get("message_zh") else first["message"]
        more = f"  (+{len(findings) - 1} more)" if len(findings) > 1 else ""
        self.setText(f"⚠ {first['kind']} at {first['t_s']:.1f} s{more}\n{words}")
        self.place()
        self.show()
        self.raise_()
        self._timer.start()

    def place(self) -> None:
        parent = self.parentWidget()
        width = int(parent.width() * 0.8)
        self.setFixedWidth(width)
        self.adjustSize()
        self.move((parent.width() - width) // 2, 8)

    def mousePressEvent(self, event) -> None:
        self.hide()
        if self.finding is not None:
            self.clicked.emit(self.finding)


class FindingBadge(QToolButton):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("findings-badge")
        self.setToolTip("Findings of this run: click to show the first")
        self.set_count(0)

    def set_count(self, count: int) -> None:
        self.count = count
        self.setText(f"⚠ {count} finding{'s' if count != 1 else ''}")
        color = colors.VERMILLION if count else colors.EXITED_GREY
        self.setStyleSheet(f"QToolButton {{ color: white; background: {color}; "
                           "font-weight: bold; border-radius: 4px; padding: 2px 8px; }")
        self.setEnabled(bool(count))
