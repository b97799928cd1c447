"""What B changes: one parameter of the scenario and its value in B, picked in a row of
the compare window.  Its first choice is the parameter that teaches most when
flipped — a yes/no one (lock off | on, close_unused_ends on | off), else a choice
(sentinels one | per-consumer), the start method last — with B's value set to the
other side of A's: a flipped bool, the next choice, a doubled (or halved) number."""
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
        self.label = QLabel()
        self.to_label = QLabel()
        self.key = QComboBox()
        self.key.setObjectName("compare-parameter")
        self.key.currentIndexChanged.connect(self._on_key)
        self.editor: QWidget | None = None
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(4, 0, 4, 0)
        for widget in (self.label, self.key, self.to_label):
            self.row.addWidget(widget)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(translate("CompareChoice", "B changes"))
        self.to_label.setText(translate("CompareChoice", "to"))
        self.key.setToolTip(translate("CompareChoice", "The parameter B runs with another value"))

    def set_scenario(self, spec, values_a: dict) -> None:
        """A's values; the parameter B changes is the first choice, its value the other."""
        self.params, self.values_a = spec.params, dict(values_a)
        self.key.blockSignals(True)
        self.key.clear()
        for param in self.params:
            self.key.addItem(param.key, param.key)
        self.key.setCurrentIndex(self.key.findData(first_choice(self.params).key))
        self.key.blockSignals(False)
        self._on_key()

    def param(self) -> Param:
        return self.params[self.key.currentIndex()]

    def choose(self, key: str, value=None) -> None:
        """Pick the parameter (and B's value: else the other side of A's)."""
        self.key.setCurrentIndex(self.key.findData(key))
        if value is not None:
            self._write(value)

    @Slot()
    def _on_key(self) -> None:
        if not self.params:
            return
        param = self.param()
        if self.editor is not None:
            self.row.removeWidget(self.editor)
            self.editor.deleteLater()
        self.editor = self._editor_for(param)
        self.editor.setObjectName("compare-value")
        self.editor.setToolTip(param.help)
        self.row.addWidget(self.editor)
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
        return {**self.values_a, self.param().key: self.value_b()}

    def set_enabled(self, enabled: bool) -> None:
        self.key.setEnabled(enabled)
        if self.editor is not None:
            self.editor.setEnabled(enabled)
