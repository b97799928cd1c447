"""FindingsPanel: what went wrong, one item per finding (⚠, its name, when), and for the
selected one its plain words (English, or Chinese with the 中文 toggle), the processes
and objects involved, and the one-line fix in a monospace box.

The side panel is narrow (about 230 px at 1280×800) and the names are long
(`consumer-exited-on-timeout`): the list wraps each item to the panel's width, never
cuts or scrolls sideways, so every name reads whole — in large text too."""
from __future__ import annotations

import html

from ipcscope.gui import colors, i18n
from ipcscope.gui.i18n import translate
from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

LIST_LINES = 6           # the list's most height, in lines of its font; then it scrolls


def finding_title(finding: dict) -> str:
    # the time never splits from its "at": a narrow list wraps before it, or in the name
    at = translate("FindingsPanel", "at {t} s").format(t=f"{finding['t_s']:.2f}")
    return f"⚠ {finding['kind']}  " + at.replace(" ", "\u00a0")


class WrappingList(QListWidget):
    """A list whose items wrap to its width (at spaces, else after a name's hyphens) and
    grow as tall as their text: nothing elided, no sideways scrolling.  The list itself
    is as tall as its items, up to LIST_LINES lines, so what is below gets the rest."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.ElideNone)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollPerPixel)
        self.setResizeMode(QListView.Adjust)     # a narrower panel wraps again
        self.setUniformItemSizes(False)
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Fixed)
        self._fitted_width = -1
        self.fit_height()

    def fit_height(self) -> None:
        """As tall as the laid-out items (sizeHintForRow() would not know they wrap).
        The scroll bar is on only when they do not fit: were it "as needed", it would
        narrow the items it scrolls, which wrap to more lines, which keep it needed."""
        self._fitted_width = self.width()
        line = self.fontMetrics().lineSpacing()
        most = LIST_LINES * line
        rows = self._laid_out_height(Qt.ScrollBarAlwaysOff)
        if rows > most:
            self._laid_out_height(Qt.ScrollBarAlwaysOn)
        height = min(max(rows, line), most) + 2 * self.frameWidth()
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def _laid_out_height(self, policy) -> int:
        if self.verticalScrollBarPolicy() != policy:
            self.setVerticalScrollBarPolicy(policy)
        self.doItemsLayout()
        return self.contentsSize().height() if self.count() else 0

    def resizeEvent(self, event) -> None:
        # (the viewport's resizes come here too: the scroll bar going on or off)
        super().resizeEvent(event)
        if self.width() != self._fitted_width:
            self.fit_height()               # the items wrap again: a new height

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:
            self.fit_height()


class FindingsPanel(QWidget):
    finding_selected = Signal(object)      # the finding dict

    def __init__(self, parent=None):
        super().__init__(parent)
        self.list = WrappingList()
        self.list.setObjectName("findings-list")
        self.list.currentRowChanged.connect(self._on_row)
        self.list.itemClicked.connect(self._on_clicked)
        self.text = QTextBrowser()
        self.text.setObjectName("finding-text")
        # the fix is code: monospace, wrapped, selectable to copy
        self.fix = QPlainTextEdit()
        self.fix.setObjectName("finding-fix")
        self.fix.setReadOnly(True)
        self.fix.setStyleSheet("background: palette(alternate-base);")   # light or dark
        self._fit_heights()
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.fix)
        self.findings: list[dict] = []
        self.chinese = False          # the 中文 toggle of an English window
        self.set_findings([])
        self.retranslate()

    def retranslate(self) -> None:
        self.empty.setText(translate("FindingsPanel", "No findings: nothing went wrong that "
                                     "IPC Scope knows of."))
        self.set_findings(self.findings)

    def in_chinese(self) -> bool:
        return self.chinese or i18n.chinese()

    def set_findings(self, findings: list[dict]) -> None:
        """Keeps the selection (by key) when the list grows."""
        current = self.current()
        self.findings = list(findings)
        self.list.blockSignals(True)
        self.list.clear()
        for finding in self.findings:
            item = QListWidgetItem(finding_title(finding))
            item.setForeground(QColor(colors.VERMILLION))
            item.setToolTip(message_of(finding, self.in_chinese()))
            self.list.addItem(item)
        self.list.fit_height()
        keys = [f.get("key") for f in self.findings]
        if current is not None and current.get("key") in keys:
            self.list.setCurrentRow(keys.index(current.get("key")))
        self.list.blockSignals(False)
        has = bool(self.findings)
        self.empty.setVisible(not has)
        for widget in (self.list, self.text, self.fix):
            widget.setVisible(has)
        self._render()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.FontChange:      # Large text: heights in lines again
            self._fit_heights()

    def _fit_heights(self) -> None:
        # the fix's monospace font has its own size: it grows with Large text too
        fixed = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        fixed.setPointSize(max(fixed.pointSize(), self.font().pointSize()))
        if self.fix.font() != fixed:
            self.fix.setFont(fixed)
        lines = self.fix.fontMetrics().lineSpacing()
        self.fix.setMinimumHeight(3 * lines + 12)
        self.fix.setMaximumHeight(5 * lines + 12)

    def current(self) -> dict | None:
        row = self.list.currentRow()
        return self.findings[row] if 0 <= row < len(self.findings) else None

    def select(self, index: int) -> None:
        """Select (and announce) a finding, as a click would."""
        if 0 <= index < len(self.findings):
            if self.list.currentRow() == index:
                self._on_row(index)
            else:
                self.list.setCurrentRow(index)

    def set_chinese(self, chinese: bool) -> None:
        self.chinese = chinese
        self._render()

    @Slot(int)
    def _on_row(self, _row: int) -> None:
        self._render()
        finding = self.current()
        if finding is not None:
            self.finding_selected.emit(finding)

    @Slot(QListWidgetItem)
    def _on_clicked(self, _item) -> None:
        finding = self.current()        # a second click on it: show it again
        if finding is not None:
            self.finding_selected.emit(finding)

    def _render(self) -> None:
        finding = self.current() or (self.findings[0] if self.findings else None)
        if finding is None:
            self.text.clear()
            self.fix.clear()
            return
        esc = html.escape
        words = message_of(finding, self.in_chinese())
        procs = ", ".join(finding.get("processes") or []) or "—"
        objs = ", ".join(finding.get("objects") or []) or "—"
        at = translate("FindingsPanel", "at {t} s").format(t=f"{finding['t_s']:.2f}")
        processes = translate("FindingsPanel", "Processes:")
        objects = translate("FindingsPanel", "Objects:")
        self.text.setHtml(
            f"<p><b style='color:{colors.VERMILLION}'>{esc(finding['kind'])}</b> "
            f"{esc(at)}</p><p>{esc(words)}</p>"
            f"<p><i>{esc(processes)}</i> {esc(procs)}<br><i>{esc(objects)}</i> {esc(objs)}</p>")
        self.fix.setPlainText(translate("FindingsPanel", "Fix: ") + finding.get("fix", ""))


def message_of(finding: dict, chinese: bool) -> str:
    """The finding's words: its own Chinese ones when asked for and made."""
    return finding["message_zh"] if chinese and finding.get("message_zh") \
        else finding["message"]
