"""WatchPanel: the scenario in words — its titles, what to watch in the plots, the
explanation (English or 中文), and what these parameters predict."""
from __future__ import annotations

import html

from ipcscope.core.scenarios.base import ParamError
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QTextBrowser, QVBoxLayout, QWidget


class WatchPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = QTextBrowser()
        self.text.setObjectName("what-to-watch")
        self.chinese = QCheckBox("中文说明")
        self.chinese.toggled.connect(self._on_language)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.chinese)
        self.scenario = None
        self.params: dict = {}

    def show_scenario(self, scenario, params: dict) -> None:
        self.scenario, self.params = scenario, params
        self._render()

    @Slot(bool)
    def _on_language(self, _checked: bool) -> None:
        self._render()

    def _render(self) -> None:
        spec = self.scenario
        if spec is None:
            return
        esc = html.escape
        try:
            predicted = spec.predict(spec.resolve(self.params)).text
        except ParamError as problem:
            predicted = str(problem)
        explanation = spec.explanation_zh if self.chinese.isChecked() else spec.explanation
        self.text.setHtml(
            f"<p style='font-size:115%'><b>{esc(spec.title)}</b><br>{esc(spec.title_zh)}</p>"
            f"<p><b>What to watch.</b> {esc(spec.watch)}</p>"
            f"<p>{esc(explanation)}</p>"
            f"<p><i>With these parameters, expect:</i> {esc(predicted)}</p>")
