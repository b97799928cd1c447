"""BottomArea: the source and the event log under the plots — side by side when the
window is wide enough for both to be read, as tabs when it is not (at 1280 px a source
pane of 300 px shows half of each line).  It remembers how the two share the width."""
from __future__ import annotations

from ipcscope.gui.i18n import translate
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QStackedLayout, QTabWidget, QWidget

SIDE_BY_SIDE_FROM_PX = 1150


class BottomArea(QWidget):
    def __init__(self, source: QWidget, log: QWidget, parent=None):
        super().__init__(parent)
        self.source, self.log = source, log
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.setObjectName("bottom-splitter")
        self.splitter.setChildrenCollapsible(False)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("bottom-tabs")
        self.tabs.setDocumentMode(True)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.splitter)
        self._stack.addWidget(self.tabs)
        self.side_by_side = None
        self.log_shown = True
        self._arrange(True)

    def _arrange(self, side_by_side: bool) -> None:
        if side_by_side == self.side_by_side:
            return
        self.side_by_side = side_by_side
        if side_by_side:
            self.tabs.clear()
            self.splitter.addWidget(self.source)
            self.splitter.addWidget(self.log)
            self.splitter.setSizes([int(self.width() * 0.42), int(self.width() * 0.58)])
            self._stack.setCurrentWidget(self.splitter)
        else:
            self.tabs.addTab(self.source, "")
            self.tabs.addTab(self.log, "")
            self.retranslate()
            self._stack.setCurrentWidget(self.tabs)
        self._show_parts()

    def retranslate(self) -> None:
        if not self.side_by_side:
            self.tabs.setTabText(0, translate("BottomArea", "Source code"))
            self.tabs.setTabText(1, translate("BottomArea", "Event log"))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width() >= SIDE_BY_SIDE_FROM_PX)

    def show_source(self) -> None:
        if not self.side_by_side:
            self.tabs.setCurrentWidget(self.source)

    def set_log_shown(self, shown: bool) -> None:
        """The event log, or the source alone (presenter mode)."""
        self.log_shown = shown
        self._show_parts()
        if not shown:
            self.show_source()

    def _show_parts(self) -> None:
        self.source.show()
        self.log.setVisible(self.log_shown)
        if not self.side_by_side:
            self.tabs.setTabVisible(1, self.log_shown)

    def show_log(self) -> None:
        if not self.side_by_side:
            self.tabs.setCurrentWidget(self.log)

    # --- what it remembers ------------------------------------------------------------

    def save_settings(self, settings) -> None:
        settings.save_splitter(self.splitter)

    def restore_settings(self, settings) -> None:
        settings.restore_splitter(self.splitter)

    def lay_out_default(self, width: int) -> None:
        """The log gets a little more than the source (width: the plots' column)."""
        self.splitter.setSizes([int(width * 0.42), int(width * 0.58)])
