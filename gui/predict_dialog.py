"""Predict, then run: with "Predict first" on, Run asks the scenario's question first
(core/scenarios/questions.py), then runs; when the run ends, a sentence over the plots
says whether the answer was right, with the truth read from the run's own summary.

The dialog is window-modal but never blocks the event loop (`open()`, not `exec()`), so
the window keeps drawing and a test can answer it like a user.  Skip is for a room that
answers by show of hands: the run still ends with the truth.
"""
from __future__ import annotations

from ipcscope.core import scenarios
from ipcscope.core.scenarios.base import ParamError
from ipcscope.core.scenarios.questions import NONE, Question, questions
from ipcscope.gui import i18n
from ipcscope.gui.i18n import translate
from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

SKIPPED = object()      # the room answered by show of hands: no answer to mark


def choice_label(value) -> str:
    """A choice as the window says it: yes / no / none in its language, names as they are."""
    words = {"yes": translate("PredictDialog", "yes"), "no": translate("PredictDialog", "no"),
             NONE: translate("PredictDialog", "none")}
    return words.get(value, str(value))


def _sentences(*parts: str) -> str:
    """Sentences one after another: spaced in English, run together in Chinese."""
    return ("" if i18n.chinese() else " ").join(parts)


def question_text(question: Question) -> str:
    return question.text_zh if i18n.chinese() else question.text


class PredictDialog(QDialog):
    answered = Signal(object)       # the answer, or SKIPPED

    def __init__(self, question: Question, parent=None):
        super().__init__(parent)
        self.setObjectName("predict-dialog")
        self.setWindowTitle(translate("PredictDialog", "Predict, then run"))
        layout = QVBoxLayout(self)
        label = QLabel(question_text(question))
        label.setObjectName("predict-question")
        label.setWordWrap(True)
        layout.addWidget(label)
        row = QHBoxLayout()
        self.buttons: dict[object, QPushButton] = {}
        if question.kind == "number":
            self.number = QSpinBox()
            self.number.setObjectName("predict-number")
            self.number.setRange(-1_000_000, 1_000_000)
            row.addWidget(self.number)
            self._add_button(row, translate("PredictDialog", "Answer"), None, "predict-answer")
        else:
            for value in question.choices:
                self._add_button(row, choice_label(value), value, f"predict-choice-{value}")
        layout.addLayout(row)
        skip = QPushButton(translate("PredictDialog", "Skip: the room answers by show of hands"))
        skip.setObjectName("predict-skip")
        skip.clicked.connect(lambda: self._answer(SKIPPED))
        layout.addWidget(skip)
        # no minimum-size pushes to the platform window (offscreen answers with a warning)
        layout.setSizeConstraint(QLayout.SetNoConstraint)
        self.resize(self.sizeHint())

    def _add_button(self, row, text: str, value, name: str) -> None:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda: self._answer(self.number.value() if value is None
                                                    else value))
        row.addWidget(button)
        self.buttons[value] = button

    def _answer(self, answer) -> None:
        self.answered.emit(answer)
        self.accept()


class PredictFirst(QObject):
    """The "Predict first" toggle, the question before a run and the verdict after it."""
    verdict_told = Signal(object)           # True / False / None (no truth, or skipped)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.action = QAction(window)
        self.action.setObjectName("predict-first")
        self.action.setCheckable(True)
        self.dialog: PredictDialog | None = None
        self.asked: tuple[Question, object] | None = None    # (question, answer) of the run
        window.run_ended.connect(self._on_run_ended)
        self.retranslate()

    def retranslate(self) -> None:
        self.action.setText(translate("PredictFirst", "Predict first"))
        self.action.setToolTip(translate(
            "PredictFirst", "Before each run, ask what it will do; afterwards, say who was right"))

    def question_for(self, scenario_id: str, values: dict) -> Question | None:
        if not self.action.isChecked():
            return None
        try:
            asked = questions(scenario_id, scenarios.get(scenario_id).resolve(values))
        except ParamError:
            return None
        return asked[0] if asked else None

    def ask(self, question: Question, then) -> None:
        """Show the question; once answered (or skipped), remember it and call then()."""
        self.dialog = PredictDialog(question, self.window)

        def answered(answer) -> None:
            self.asked = (question, answer)
            if not then():                  # it could not start: nothing to mark
                self.asked = None
        self.dialog.answered.connect(answered)
        self.dialog.finished.connect(self._forget_dialog)
        self.dialog.open()

    @Slot()
    def _forget_dialog(self) -> None:
        self.dialog.deleteLater()
        self.dialog = None

    def verdict(self, question: Question, answer, summary: dict) -> tuple[object, str]:
        """(right: True / False / None, the sentence that says so)."""
        truth = question.truth(summary)
        if truth is None:
            return None, translate("PredictFirst", "The run ended before it could answer.")
        shown = ", ".join(map(choice_label, truth)) if isinstance(truth, tuple) \
            else choice_label(truth)
        said = translate("PredictFirst", "The run says: %1.").replace("%1", shown)
        if answer is SKIPPED:
            return None, _sentences(question_text(question), said)
        right = question.is_right(answer, summary)
        mark = translate("PredictFirst", "Right!") if right else \
            translate("PredictFirst", "Wrong.")
        yours = translate("PredictFirst", "Your answer: %1.").replace("%1", choice_label(answer))
        return right, _sentences(mark, yours, said)

    @Slot(object)
    def _on_run_ended(self, summary: dict) -> None:
        if self.asked is None:
            return
        question, answer = self.asked
        self.asked = None
        right, sentence = self.verdict(question, answer, summary)
        self.window.message_bar.tell(sentence)
        self.verdict_told.emit(right)

    def save_settings(self, settings) -> None:
        settings.set_value("run/predict_first", self.action.isChecked())

    def restore_settings(self, settings) -> None:
        self.action.setChecked(settings.value("run/predict_first", False, bool))
