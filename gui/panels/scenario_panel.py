"""ScenarioPanel: the left column — the scenario list (English title with the Chinese
beside it) and, under "Your programs", the user's own scripts; the generated parameter
form (a program's: its arguments), and what to watch.  It remembers its own layout,
which entry was last chosen with that scenario's parameters, and the programs with
their arguments."""
from __future__ import annotations

import json
import os

import shiboken6
from ipcscope.gui.i18n import translate
from ipcscope.gui.panels.param_form import ParamForm
from ipcscope.gui.panels.watch_panel import WatchPanel
from ipcscope.gui.panels.wrapping_delegate import WrappingItemDelegate
from PySide6.QtCore import QPoint, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
)

ARGS_ROLE = Qt.UserRole + 1        # a program's arguments, as typed
KIND_ROLE = Qt.UserRole + 2        # "scenario", "program", or None for the section's rows
PROGRAMS_KEY = "programs/list"


class ScenarioPanel(QSplitter):
    scenario_changed = Signal(str)
    program_changed = Signal(str)      # the program's absolute path

    def __init__(self, scenarios: list, parent=None):
        super().__init__(Qt.Vertical, parent)
        self.setObjectName("left-splitter")
        self.setChildrenCollapsible(False)
        self.scenarios = {spec.id: spec for spec in scenarios}
        self.list = QListWidget()
        self.list.setObjectName("scenario-list")
        self.list.setItemDelegate(WrappingItemDelegate(self.list))   # titles never cut
        self.list.setAlternatingRowColors(True)
        for spec in scenarios:
            item = QListWidgetItem(f"{spec.title}\n{spec.title_zh}")
            item.setData(Qt.UserRole, spec.id)
            item.setData(KIND_ROLE, "scenario")
            item.setToolTip(spec.id)
            self.list.addItem(item)
        self.programs_header = self._section_row(bold=True)
        self.programs_hint = self._section_row(bold=False)
        self.list.setContextMenuPolicy(Qt.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._on_context_menu)
        self.form = ParamForm()
        self.form_box = form_box = QGroupBox()
        box_layout = QVBoxLayout(form_box)
        box_layout.setContentsMargins(4, 4, 4, 4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(self.form)
        self.form_scroll = scroll
        box_layout.addWidget(scroll)
        self.watch = WatchPanel()
        self.watch_box = watch_box = QGroupBox()
        watch_layout = QVBoxLayout(watch_box)
        watch_layout.setContentsMargins(4, 4, 4, 4)
        watch_layout.addWidget(self.watch)
        self.addWidget(self.list)
        self.addWidget(form_box)
        self.addWidget(watch_box)
        self.setStretchFactor(0, 2)
        self.setStretchFactor(1, 2)
        self.setStretchFactor(2, 3)
        self.list.currentItemChanged.connect(self._on_pick)
        self.form.values_changed.connect(self._on_values)
        self.retranslate()

    def retranslate(self) -> None:
        self.programs_header.setText(translate("ScenarioPanel", "Your programs"))
        self.programs_hint.setText(translate(
            "ScenarioPanel", "Open script… (Ctrl+Shift+O) or drop a .py file on the window"))
        self.form_box.setTitle(translate("ScenarioPanel", "Parameters"))
        self.watch_box.setTitle(translate("ScenarioPanel", "What to watch"))
        self.form.retranslate()
        self.watch.retranslate()

    def _section_row(self, bold: bool) -> QListWidgetItem:
        """A row that names the programs' section (or says how to fill it): not chosen."""
        item = QListWidgetItem()
        item.setFlags(Qt.ItemIsEnabled)          # legible, never chosen
        font = QFont(self.list.font())
        font.setBold(bold)
        font.setItalic(not bold)
        item.setFont(font)
        self.list.addItem(item)
        return item

    def current_id(self) -> str:
        """The chosen scenario's id, or the chosen program's path."""
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item is not None else ""

    def current_program(self) -> str | None:
        """The chosen program's absolute path; None when a scenario is chosen."""
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item is not None and \
            item.data(KIND_ROLE) == "program" else None

    def select(self, scenario_id: str) -> None:
        """Choose a scenario by id, or a program by path (the first scenario if neither
        is listed)."""
        item = self._item(scenario_id)
        self.list.setCurrentItem(item if item is not None else self.list.item(0))

    def _item(self, key: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(KIND_ROLE) and item.data(Qt.UserRole) == key:
                return item
        return None

    # --- your programs ----------------------------------------------------------------

    def add_program(self, path: str, args_text: str | None = None) -> None:
        """List the program (once) and choose it; args_text, if given, replaces the
        arguments it had."""
        path = os.path.abspath(path)
        item = self._item(path)
        if item is None:
            item = self._list_program(path, "")
        if args_text is not None:
            item.setData(ARGS_ROLE, args_text)
        if self.list.currentItem() is item:
            self._on_pick(item, None)        # its arguments may have changed
        else:
            self.list.setCurrentItem(item)

    def _list_program(self, path: str, args_text: str) -> QListWidgetItem:
        """A row for the program, under the section's title: its name (the folder in
        its tooltip)."""
        item = QListWidgetItem(os.path.basename(path))
        item.setData(Qt.UserRole, path)
        item.setData(KIND_ROLE, "program")
        item.setData(ARGS_ROLE, args_text)
        item.setToolTip(path)
        self.list.addItem(item)
        self.programs_hint.setHidden(True)
        return item

    def programs(self) -> list[tuple[str, str]]:
        """(path, arguments) of each listed program, in list order."""
        return [(item.data(Qt.UserRole), item.data(ARGS_ROLE) or "")
                for item in map(self.list.item, range(self.list.count()))
                if item.data(KIND_ROLE) == "program"]

    def remove_program(self, path: str) -> None:
        item = self._item(path)
        if item is None or item.data(KIND_ROLE) != "program":
            return
        chosen = self.list.currentItem() is item
        self.list.takeItem(self.list.row(item))
        self.programs_hint.setHidden(bool(self.programs()))
        if chosen:
            self.list.setCurrentRow(0)

    def program_args(self, path: str) -> str:
        item = self._item(path)
        return (item.data(ARGS_ROLE) or "") if item is not None else ""

    @Slot(QPoint)
    def _on_context_menu(self, pos: QPoint) -> None:
        item = self.list.itemAt(pos)
        if item is None or item.data(KIND_ROLE) != "program" or not self.list.isEnabled():
            return
        menu = QMenu(self.list)
        remove = menu.addAction(translate("ScenarioPanel", "Remove from list"))
        if menu.exec(self.list.viewport().mapToGlobal(pos)) is remove:
            self.remove_program(item.data(Qt.UserRole))

    def spec(self, scenario_id: str):
        """The Scenario of that id, as listed here."""
        return self.scenarios[scenario_id]

    def show_params(self, scenario_id: str, values: dict) -> None:
        spec = self.scenarios[scenario_id]
        self.form.set_scenario(spec, values)
        self.watch.show_scenario(spec, self.form.values())
        QTimer.singleShot(0, self, self._fit_form)     # new fields count once they are shown

    @Slot()
    def _fit_form(self) -> None:
        """The form's box is never shorter than its fields and Reset (what to watch
        gives up the room): four or five parameters do not scroll at 1280×800."""
        self.form_box.setMinimumHeight(0)
        chrome = (self.form_box.minimumSizeHint().height()      # title and margins
                  - self.form_scroll.minimumSizeHint().height())
        width = self.form_scroll.viewport().width()
        form = self.form.heightForWidth(width) if self.form.hasHeightForWidth() and \
            width > 50 else -1
        needed = chrome + max(form, self.form.sizeHint().height()) + \
            2 * self.form_scroll.frameWidth()
        self.form_box.setMinimumHeight(min(needed, 420))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        # the window being deleted resizes what is left of it: the form's box may be gone
        if shiboken6.isValid(self.form_box) and event.size().width() != event.oldSize().width():
            self._fit_form()        # wrapped words take another height

    def show_program(self, path: str) -> None:
        self.form.set_program(self.program_args(path))
        self.watch.show_program(path)
        QTimer.singleShot(0, self, self._fit_form)

    @Slot(object, object)
    def _on_pick(self, current, _previous) -> None:
        if current is None or not current.data(KIND_ROLE):
            return
        if current.data(KIND_ROLE) == "program":
            self.program_changed.emit(current.data(Qt.UserRole))
        else:
            self.scenario_changed.emit(current.data(Qt.UserRole))

    @Slot()
    def _on_values(self) -> None:
        path = self.current_program()
        if path is not None:
            self._item(path).setData(ARGS_ROLE, self.form.args_text())
            return
        spec = self.scenarios.get(self.current_id())
        if spec is not None:
            self.watch.show_scenario(spec, self.form.values())

    def set_editable(self, editable: bool) -> None:
        self.list.setEnabled(editable)
        self.form.set_editable(editable)

    # --- what it remembers ------------------------------------------------------------

    def save_settings(self, settings) -> None:
        settings.save_splitter(self)
        programs = [{"path": path, "args": args} for path, args in self.programs()]
        settings.set_value(PROGRAMS_KEY, json.dumps(programs, ensure_ascii=False))
        scenario_id = self.current_id()
        if scenario_id:
            settings.set_value("run/scenario", scenario_id)
            if self.current_program() is None:
                settings.set_params(scenario_id, self.form.values())

    def restore_settings(self, settings) -> None:
        """The layout, the programs, then the last choice (a scenario's parameters come
        with scenario_changed)."""
        settings.restore_splitter(self)
        for path, args in _saved_programs(settings.value(PROGRAMS_KEY, "", str)):
            if self._item(path) is None:
                self._list_program(path, args)
        self.select(settings.value("run/scenario", "", str))

    def lay_out_default(self, height: int) -> None:
        """The list, the form and what to watch share the window's height."""
        self.setSizes([int(height * 0.30), int(height * 0.27), int(height * 0.43)])


def _saved_programs(text: str) -> list[tuple[str, str]]:
    """The remembered programs; what is not a list of {path, args} is forgotten."""
    try:
        entries = json.loads(text) if text else []
    except ValueError:
        return []
    if not isinstance(entries, list):
        return []
    return [(e["path"], str(e.get("args") or "")) for e in entries
            if isinstance(e, dict) and isinstance(e.get("path"), str) and e["path"]]
