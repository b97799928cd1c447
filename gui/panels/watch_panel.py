"""WatchPanel: the scenario in words — its titles, what to watch in the plots, the
explanation (English or 中文), and what these parameters predict.  For a program of the
user's own: where it is, and how the window runs it."""
from __future__ import annotations

import html
import os

from ipcscope.core.scenarios.base import ParamError
from ipcscope.gui import i18n
from ipcscope.gui.core_texts import core_text
from ipcscope.gui.i18n import translate
from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QTextBrowser, QVBoxLayout, QWidget


class WatchPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = QTextBrowser()
        self.text.setObjectName("what-to-watch")
        self.chinese = QCheckBox("中文说明")     # in English: the explanation in Chinese
        self.chinese.toggled.connect(self._on_language)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.chinese)
        self.scenario = None
        self.params: dict = {}
        self.program_path: str | None = None

    def retranslate(self) -> None:
        """In 中文 everything is Chinese already: the check box is for English."""
        self.chinese.setVisible(not i18n.chinese())
        self._render()

    def in_chinese(self) -> bool:
        return i18n.chinese() or self.chinese.isChecked()

    def show_scenario(self, scenario, params: dict) -> None:
        self.scenario, self.params, self.program_path = scenario, params, None
        self._render()

    def show_program(self, path: str) -> None:
        self.scenario, self.params, self.program_path = None, {}, path
        self._render()

    @Slot(bool)
    def _on_language(self, _checked: bool) -> None:
        self._render()

    def _render(self) -> None:
        spec = self.scenario
        if self.program_path is not None:
            self.text.setHtml(program_html(self.program_path, self.in_chinese()))
            return
        if spec is None:
            return
        esc = html.escape
        try:
            predicted = core_text(spec.predict(spec.resolve(self.params)).text)
        except ParamError as problem:
            predicted = core_text(str(problem))
        explanation = spec.explanation_zh if self.in_chinese() else spec.explanation
        watch = translate("WatchPanel", "What to watch.")
        expect = translate("WatchPanel", "With these parameters, expect:")
        self.text.setHtml(
            f"<p style='font-size:115%'><b>{esc(spec.title)}</b><br>{esc(spec.title_zh)}</p>"
            f"<p><b>{esc(watch)}</b> {esc(core_text(spec.watch))}</p>"
            f"<p>{esc(explanation)}</p>"
            f"<p><i>{esc(expect)}</i> {esc(predicted)}</p>")


def program_html(path: str, chinese: bool = False) -> str:
    esc = html.escape
    name, folder = os.path.basename(path), os.path.dirname(path)
    if chinese:
        about = (f"在它自己的文件夹里运行并追踪，就像 <code>python {esc(name)}</code>。"
                 "每个进程中的队列、管道和锁都会显示；它打印的内容在事件日志里。"
                 "所有进程都空等 3 秒时，运行判定为卡住；停止（Esc）随时结束它。")
        watch = "选中一个队列、锁或进程（泳道、日志行、发现），源代码中会标出对应的行。"
    else:
        about = (f"Runs traced from its own folder, as <code>python {esc(name)}</code> "
                 "would. Its queues, pipes and locks show in every process; what it "
                 "prints is in the event log. If every process waits 3 s for nothing, "
                 "the run ends as stalled; Stop (Esc) ends it any time.")
        watch = ("Select a queue, lock or process (a lane, a row of the event log, a "
                 "finding) to mark its line in the source: the line that made it, or "
                 "the line a blocked process waits on.")
    return (f"<p style='font-size:115%'><b>{esc(name)}</b><br>{esc(folder)}</p>"
            f"<p>{about}</p><p><b>{'看什么' if chinese else 'What to watch.'}</b> "
            f"{watch}</p>")
