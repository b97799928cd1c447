"""FindingsPanel: what went wrong, one line per finding (⚠, its name, when), and for the
selected one its plain words (English, or Chinese with the 中文 toggle), the processes
and objects involved, and the one-line fix in a monospace box."""
from __future__ import annotations

import html

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QColor, QFontDatabase
from PySide6.QtWidgets import (QLabel, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QTextBrowser, QVBoxLayout, QWidget)

from gui import colors


def finding_title(finding: dict) -> str:
    return f"⚠ {finding['kind']}  at {finding['t_s']:.2f} s"


class FindingsPanel(QWidget):
    finding_selected = Signal(object)      # the finding dict

    def __init__(self, parent=None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setObjectName("findings-list")
        self.list.currentRowChanged.connect(self._on_row)
        self.list.itemClicked.connect(self._on_clicked)
        self.text = QTextBrowser()
        self.text.setObjectName("finding-text")
        # the fix is code: monospace, wrapped, selectable to copy
        self.fix = QPlainTextEdit()
        self.fix.setObjectName("finding-fix")
        self.fix.setReadOnly(True)
        self.fix.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.fix.setStyleSheet("background: #F4F4F4;")
        lines = self.fix.fontMetrics().lineSpacing()
        self.fix.setMinimumHeight(3 * lines + 12)
        self.fix.setMaximumHeight(5 * lines + 12)
        self.list.setMaximumHeight(6 * self.list.fontMetrics().lineSpacing() + 12)
        self.empty = QLabel("No findings: nothing went wrong that IPC Scope knows of.")
        self.empty.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.fix)
        self.findings: list[dict] = []
        self.chinese = False
        self.set_findings([])

    def set_findings(self, findings: list[dict]) -> None:
        """Keeps the selection (by key) when the list grows."""
        current = self.current()
        self.findings = list(findings)
        self.list.blockSignals(True)
        self.list.clear()
        for finding in self.findings:
            item = QListWidgetItem(finding_title(finding))
            item.setForeground(QColor(colors.VERMILLION))
            item.setToolTip(finding["message"])
            self.list.addItem(item)
        keys = [f.get("key") for f in self.findings]
        if current is not None and current.get("key") in keys:
            self.list.setCurrentRow(keys.index(current.get("key")))
        self.list.blockSignals(False)
        has = bool(self.findings)
        self.empty.setVisible(not has)
        for widget in (self.list, self.text, self.fix):
            widget.setVisible(has)
        self._render()

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
        words = finding["message_zh"] if self.chinese and finding.get("message_zh") \
            else finding["message"]
        procs = ", ".join(finding.get("processes") or []) or "—"
        objs = ", ".join(finding.get("objects") or []) or "—"
        self.text.setHtml(
            f"<p><b style='color:{colors.VERMILLION}'>{esc(finding['kind'])}</b> "
            f"at {finding['t_s']:.2f} s</p><p>{esc(words)}</p>"
            f"<p><i>Processes:</i> {esc(procs)}<br><i>Objects:</i> {esc(objs)}</p>")
        self.fix.setPlainText("Fix: " + finding.get("fix", ""))
