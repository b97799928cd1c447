"""MessageBar: one sentence about a file that could not be opened or written, over the
plots until closed.  Not a dialog: nothing blocks, the run on screen stays usable."""
from __future__ import annotations

from ipcscope.gui import colors
from ipcscope.gui.i18n import translate
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton


class MessageBar(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("message-bar")
        # its own dark text on its light background, whatever the scheme
        self.setStyleSheet(f"#message-bar {{ background: #FFF3E0; border: 2px solid "
                           f"{colors.VERMILLION}; border-radius: 4px; }} "
                           f"#message-bar QLabel {{ color: #111111; }}")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.close_button = close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.clicked.connect(self._on_close)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(close)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.close_button.setToolTip(translate("MessageBar", "Close this message"))

    def tell(self, sentence: str) -> None:
        self.label.setText(sentence)
        self.show()

    @Slot()
    def _on_close(self) -> None:
        self.hide()
