"""FindingBanner: a new finding, big and coloured above the plots for a few seconds, so
a room sees it the moment it happens; a click on it selects the finding.  It takes its
own row in the layout (the plots make room), never floats over a lane, and says what
the finding says now: a live finding's numbers grow while the run goes on.
FindingBadge: the count of findings, always in the toolbar."""
from __future__ import annotations

from ipcscope.gui import colors, i18n
from ipcscope.gui.i18n import translate
from ipcscope.gui.panels.findings_panel import message_of
from ipcscope.gui.run.findings_tracker import key_of
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QToolButton

SHOW_MS = 6000


def headline(words: str) -> str:
    """A finding's first sentence (up to ". " or "。"), or all of it."""
    cut = [i for i in (words.find(". "), words.find("。")) if i >= 0]
    return words[:min(cut) + 1] if cut else words


class FindingBanner(QLabel):
    clicked = Signal(object)        # the finding dict it shows

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("finding-banner")
        self.setAlignment(Qt.AlignCenter)
        self.setWordWrap(True)
        self.setCursor(Qt.PointingHandCursor)
        self.compact = False
        self.set_point_size(14)
        self.finding = None
        self.more = 0               # how many other new findings came with it
        self.chinese = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOW_MS)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def set_point_size(self, points: int, compact: bool = False) -> None:
        """compact: a small window (1280×800), where the plots cannot spare the room:
        smaller type, less padding; never for large type asked for (presenter mode)."""
        self.points, self.compact = points, compact
        size, pad = (max(10, points * 3 // 4), 3) if compact and points < 20 else (points, 8)
        self.setStyleSheet(f"background: {colors.VERMILLION}; color: white; "
                           f"font-size: {size}pt; font-weight: bold; padding: {pad}px; "
                           "border-radius: 6px;")

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.set_point_size(self.points, compact)

    def announce(self, findings: list[dict], chinese: bool = False) -> None:
        self.finding, self.more, self.chinese = findings[0], len(findings) - 1, chinese
        self._write()
        self.show()
        self._timer.start()

    def follow(self, findings: list[dict]) -> None:
        """The run's findings now: the one shown gets its current words (a live finding
        is detected again as the run goes on, same key, new numbers), or the banner
        goes if the run's final word withdrew it."""
        if self.finding is None or not self.isVisible():
            return
        now = {key_of(f): f for f in findings}.get(key_of(self.finding))
        if now is None:
            self.hide()
        elif now != self.finding:
            self.finding = now
            self._write()

    def retranslate(self) -> None:
        if self.finding is not None:
            self._write()

    def _write(self) -> None:
        first = self.finding
        words = message_of(first, self.chinese or i18n.chinese())
        more = "  " + translate("FindingBanner", "(+{n} more)").format(n=self.more) \
            if self.more else ""
        at = translate("FindingsPanel", "at {t} s").format(t=f"{first['t_s']:.1f}")
        # its first sentence: what went wrong, read from the back of a room; the why
        # is in the findings panel (a whole message took four lines of a 1280×800
        # window and squeezed the plots under it)
        self.setText(f"⚠ {first['kind']} {at}{more}\n{headline(words)}")
        self.setToolTip(words)

    def mousePressEvent(self, event) -> None:
        self.hide()
        if self.finding is not None:
            self.clicked.emit(self.finding)


class FindingBadge(QToolButton):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("findings-badge")
        self.set_count(0)

    def take_scheme(self) -> None:
        """The scheme changed (gui/theme.py): no findings' grey is the new scheme's."""
        self.set_count(self.count)

    def set_count(self, count: int) -> None:
        self.count = count
        self.setToolTip(translate("FindingBadge", "Findings of this run: click to show the first"))
        self.setText("⚠ " + (translate("FindingBadge", "{n} finding") if count == 1 else
                             translate("FindingBadge", "{n} findings")).format(n=count))
        color = colors.VERMILLION if count else colors.EXITED_GREY
        self.setStyleSheet(f"QToolButton {{ color: white; background: {color}; "
                           "font-weight: bold; border-radius: 4px; padding: 2px 8px; }")
        self.setEnabled(bool(count))
