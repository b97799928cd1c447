"""ParamForm: a form built from a scenario's `params` — a spin box with the spec's range
for numbers (a value outside it cannot be typed), a check box for a switch, a list for a
choice — with each parameter's help, a message next to a field the spec refuses, and
"reset to the article's values".  For a program of the user's own it is one field: the
arguments, split as a shell would split them."""
from __future__ import annotations

from ipcscope.core.scenarios.base import Param, ParamError
from ipcscope.gui.core_texts import core_text
from ipcscope.gui.i18n import translate
from ipcscope.gui.run.program_run import split_args
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

INT_LIMIT = 2**31 - 1


def _widget_for(param: Param) -> QWidget:
    if param.kind == "int":
        widget = QSpinBox()
        low = int(param.minimum) if param.minimum is not None else -INT_LIMIT
        high = int(param.maximum) if param.maximum is not None else INT_LIMIT
        widget.setRange(low, min(high, INT_LIMIT))
        widget.setGroupSeparatorShown(True)
        widget.setAccelerated(True)
    elif param.kind == "float":
        widget = QDoubleSpinBox()
        widget.setDecimals(3)
        widget.setRange(param.minimum if param.minimum is not None else -1e12,
                        param.maximum if param.maximum is not None else 1e12)
    elif param.kind == "bool":
        widget = QCheckBox()
    else:
        widget = QComboBox()
        for choice in param.choices:
            widget.addItem(str(choice), choice)
    widget.setObjectName(f"param-{param.key}")
    return widget


def _read(param: Param, widget: QWidget):
    if param.kind in ("int", "float"):
        return widget.value()
    if param.kind == "bool":
        return widget.isChecked()
    return widget.currentData()


def _write(param: Param, widget: QWidget, value) -> None:
    if param.kind in ("int", "float"):
        widget.setValue(value)
    elif param.kind == "bool":
        widget.setChecked(bool(value))
    else:
        index = widget.findData(value)
        widget.setCurrentIndex(max(0, index))


class ParamForm(QWidget):
    values_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.scenario = None
        self.fields: dict[str, tuple[Param, QWidget, QLabel]] = {}
        self.labels: dict[str, QLabel] = {}          # each field's name, by key
        self.args_edit: QLineEdit | None = None      # a program's arguments
        self.args_error: QLabel | None = None
        self._form = QFormLayout()
        self._form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("reset-params")
        self.reset_button.clicked.connect(self.reset_to_article)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._form)
        layout.addWidget(self.reset_button)
        self.retranslate()

    def retranslate(self) -> None:
        """The names, help and buttons in the window's language (values stay)."""
        self.reset_button.setText(translate("ParamForm", "Reset to the article's values"))
        for key, (param, widget, _error) in self.fields.items():
            widget.setToolTip(core_text(param.help))
            self.labels[key].setText(core_text(key.replace("_", " ")))
            self.labels[key].setToolTip(core_text(param.help))
        if self.args_edit is not None:
            self.args_edit.setPlaceholderText(translate("ParamForm", "none"))
            self.args_edit.setToolTip(self._args_tip())
            self.labels["arguments"].setText(translate("ParamForm", "arguments"))
            self.labels["arguments"].setToolTip(self._args_tip())
        self.check()

    @staticmethod
    def _args_tip() -> str:
        return translate("ParamForm", "What follows `python script.py` on a command line; "
                         "quotes group words as in a shell.")

    def set_scenario(self, scenario, values: dict | None = None) -> None:
        """Build the form for `scenario`; saved `values` that are still valid win over
        the defaults (a value its spec refuses now is dropped)."""
        self._clear()
        self.scenario = scenario
        self.reset_button.show()
        for param in scenario.params:
            widget = _widget_for(param)
            value = param.default
            if values and param.key in values:
                try:
                    value = param.check(values[param.key])
                except ParamError:
                    pass
            _write(param, widget, value)
            error = self._add_row(param.key, widget)
            self.fields[param.key] = (param, widget, error)
            self._connect(param, widget)
        self.retranslate()

    def set_program(self, args_text: str) -> None:
        """One field: the program's arguments, as typed after `python script.py`."""
        self._clear()
        self.reset_button.hide()
        self.args_edit = QLineEdit(args_text)
        self.args_edit.setObjectName("param-args")
        self.args_error = self._add_row("arguments", self.args_edit)
        self.args_edit.textEdited.connect(self._on_edit)
        self.retranslate()

    def _clear(self) -> None:
        while self._form.rowCount():
            self._form.removeRow(0)
        self.fields.clear()
        self.labels.clear()
        self.scenario = None
        self.args_edit = self.args_error = None

    def _add_row(self, key: str, widget: QWidget) -> QLabel:
        """A field with its error line under it; returns the error line."""
        error = QLabel()
        error.setObjectName(f"error-{key}")
        error.setStyleSheet("color: #D55E00;")
        error.setWordWrap(True)
        error.hide()
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(widget)
        column.addWidget(error)
        label = QLabel()
        label.setObjectName(f"label-{key}")
        self.labels[key] = label
        self._form.addRow(label, holder)
        return error

    def _connect(self, param: Param, widget: QWidget) -> None:
        if param.kind in ("int", "float"):
            widget.valueChanged.connect(self._on_edit)
        elif param.kind == "bool":
            widget.toggled.connect(self._on_edit)
        else:
            widget.currentIndexChanged.connect(self._on_edit)

    @Slot()
    def _on_edit(self, *_args) -> None:
        self.check()
        self.values_changed.emit()

    def check(self) -> bool:
        """Show the spec's sentence next to each refused field; True if all are valid."""
        ok = True
        if self.args_edit is not None:
            try:
                split_args(self.args_edit.text())
                self.args_error.hide()
            except ParamError as problem:
                self.args_error.setText(core_text(str(problem)))
                self.args_error.show()
                ok = False
        for param, widget, error in self.fields.values():
            try:
                param.check(_read(param, widget))
                error.hide()
            except ParamError as problem:
                error.setText(core_text(str(problem)))
                error.show()
                ok = False
        return ok

    def args_text(self) -> str:
        """A program's arguments as typed ("" for a scenario)."""
        return self.args_edit.text() if self.args_edit is not None else ""

    def values(self) -> dict:
        return {key: _read(param, widget) for key, (param, widget, _e) in self.fields.items()}

    @Slot()
    def reset_to_article(self) -> None:
        for param, widget, _error in self.fields.values():
            widget.blockSignals(True)
            _write(param, widget, param.default)
            widget.blockSignals(False)
        self._on_edit()

    def set_editable(self, editable: bool) -> None:
        for _param, widget, _error in self.fields.values():
            widget.setEnabled(editable)
        if self.args_edit is not None:
            self.args_edit.setEnabled(editable)
        self.reset_button.setEnabled(editable)
