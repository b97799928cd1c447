"""What B changes: one parameter of the scenario and its value in B, picked in a row of
the compare window.  Its first choice is the parameter that teaches most when
flipped — a yes/no one (lock off | on, close_unused_ends on | off), else a choice
(sentinels one | per-consumer), the start method last — with B's value set to the
other side of A's: a flipped bool, the next choice, a doubled (or halved) number.

When the code is edited in the main window's source view, "the code" is offered first
(and is a program's only choice): A runs the edited code, B the original, with the
same parameters."""
from __future__ import annotations

from ipcscope.core.scenarios.base import Param
from ipcscope.gui.i18n import translate
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

CODE = ":code"        # the choice "the code" (no parameter is named so)


def first_choice(params: tuple[Param, ...]) -> Param:
    """The parameter B changes unless the user picks another."""
    def rank(param: Param) -> int:
        if param.kind == "bool":
            return 0
        if param.kind == "choice":
            return 2 if param.key == "start_method" else 1
        return 3
    return min(params, key=rank)


def other_value(param: Param, value):
    """B's value when the user has not picked one: not A's."""
    if param.kind == "bool":
        return not value
    if param.kind == "choice":
        others = [c for c in param.choices if c != value]
        return others[0] if others else value
    doubled = value * 2 if value else 1
    if param.maximum is not None and doubled > param.maximum:
        halved = value // 2 if param.kind == "int" else value / 2
        return max(halved, param.minimum) if param.minimum is not None else halved
    return doubled


def shown(value) -> str:
    """A value as the labels and the form say it (True / False, numbers as typed)."""
    return f"{value:g}" if isinstance(value, float) else str(value)


class CompareChoice(QWidget):
    """"B changes [parameter ▾] to [value]": what B is, against A's values."""
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.params: tuple[Param, ...] = ()
        self.values_a: dict = {}
        self.editor: QWidget | None = None
        self.label = QLabel()
        self.to_label = QLabel()
        self.key = QComboBox()
        self.key.setObjectName("compare-parameter")
        self.key.currentIndexChanged.connect(self._on_key)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(4, 0, 4, 0)
        for widget in (self.label, self.key, self.to_label):
            self.row.addWidget(widget)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(translate("CompareChoice", "B changes"))
        self.to_label.setText(translate("CompareChoice", "to"))
        self.key.setToolTip(translate("CompareChoice", "The parameter B runs with another value"))
        code = self.key.findData(CODE)
        if code >= 0:
            self.key.setItemText(code, translate("CompareChoice", "the code"))
        if isinstance(self.editor, QComboBox) and self.editor.itemData(0) == CODE:
            self.editor.setItemText(0, translate("CompareChoice", "the original"))

    def set_scenario(self, spec, values_a: dict, code_edited: bool = False) -> None:
        """A's values; the parameter B changes is the first choice, its value the other.
        code_edited: "the code" is offered, and chosen first."""
        self._fill(spec.params, values_a, code_edited)

    def set_program(self) -> None:
        """A program (edited): the code is what B changes, nothing else."""
        self._fill((), {}, True)

    def _fill(self, params: tuple, values_a: dict, code_edited: bool) -> None:
        self.params, self.values_a = tuple(params), dict(values_a)
        self.key.blockSignals(True)
        self.key.clear()
        if code_edited:
            self.key.addItem(translate("CompareChoice", "the code"), CODE)
        for param in self.params:
            self.key.addItem(param.key, param.key)
        first = CODE if code_edited else first_choice(self.params).key
        self.key.setCurrentIndex(self.key.findData(first))
        self.key.blockSignals(False)
        self._on_key()

    def comparing_code(self) -> bool:
        """B runs the original code, A the edited (with the same parameters)."""
        return self.key.currentData() == CODE

    def param(self) -> Param | None:
        """The parameter B changes; None when it is the code."""
        if self.comparing_code():
            return None
        return next(p for p in self.params if p.key == self.key.currentData())

    def choose(self, key: str, value=None) -> None:
        """Pick the parameter (and B's value: else the other side of A's)."""
        self.key.setCurrentIndex(self.key.findData(key))
        if value is not None:
            self._write(value)

    @Slot()
    def _on_key(self) -> None:
        if self.key.count() == 0:
            return
        param = self.param()
        if self.editor is not None:
            self.row.removeWidget(self.editor)
            self.editor.deleteLater()
        if param is None:
            self.editor = QComboBox()
            self.editor.addItem(translate("CompareChoice", "the original"), CODE)
            self.editor.setToolTip(translate(
                "CompareChoice", "A runs the code as edited in the source view, B the "
                                 "code as it was, with the same parameters"))
        else:
            self.editor = self._editor_for(param)
            self.editor.setToolTip(param.help)
        self.editor.setObjectName("compare-value")
        self.row.addWidget(self.editor)
        if param is not None:
            self._write(other_value(param, self.values_a[param.key]))
        if isinstance(self.editor, QComboBox):
            self.editor.currentIndexChanged.connect(self.changed)
        else:
            self.editor.valueChanged.connect(self.changed)
        self.changed.emit()

    @staticmethod
    def _editor_for(param: Param) -> QWidget:
        if param.kind in ("bool", "choice"):
            editor = QComboBox()
            for value in ((False, True) if param.kind == "bool" else param.choices):
                editor.addItem(shown(value), value)
            return editor
        editor = QSpinBox() if param.kind == "int" else QDoubleSpinBox()
        editor.setRange(param.minimum if param.minimum is not None else -10**9,
                        param.maximum if param.maximum is not None else 10**9)
        return editor

    def _write(self, value) -> None:
        editor = self.editor
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(editor.findData(value))
        else:
            editor.setValue(value)

    def value_b(self):
        editor = self.editor
        return editor.currentData() if isinstance(editor, QComboBox) else editor.value()

    def values_b(self) -> dict:
        if self.comparing_code():
            return dict(self.values_a)
        return {**self.values_a, self.param().key: self.value_b()}

    def set_enabled(self, enabled: bool) -> None:
        self.key.setEnabled(enabled)
        if self.editor is not None:
            self.editor.setEnabled(enabled)
