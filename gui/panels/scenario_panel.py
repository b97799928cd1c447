"""ScenarioPanel: the left column — the scenario list (English title with the Chinese
beside it), the generated parameter form, and what to watch.  It remembers its own
layout and which scenario was last chosen, with that scenario's parameters."""
from __future__ import annotations

from ipcscope.gui.panels.param_form import ParamForm
from ipcscope.gui.panels.watch_panel import WatchPanel
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)


class ScenarioPanel(QSplitter):
    scenario_changed = Signal(str)

    def __init__(self, scenarios: list, parent=None):
        super().__init__(Qt.Vertical, parent)
        self.setObjectName("left-splitter")
        self.setChildrenCollapsible(False)
        self.scenarios = {spec.id: spec for spec in scenarios}
        self.list = QListWidget()
        self.list.setObjectName("scenario-list")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        for spec in scenarios:
            item = QListWidgetItem(f"{spec.title}\n{spec.title_zh}")
            item.setData(Qt.UserRole, spec.id)
            item.setToolTip(spec.id)
            self.list.addItem(item)
        self.form = ParamForm()
        form_box = QGroupBox("Parameters")
        box_layout = QVBoxLayout(form_box)
        box_layout.setContentsMargins(4, 4, 4, 4)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setWidget(self.form)
        box_layout.addWidget(scroll)
        self.watch = WatchPanel()
        watch_box = QGroupBox("What to watch")
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

    def current_id(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item is not None else ""

    def select(self, scenario_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.UserRole) == scenario_id:
                self.list.setCurrentRow(row)
                return
        self.list.setCurrentRow(0)

    def spec(self, scenario_id: str):
        """The Scenario of that id, as listed here."""
        return self.scenarios[scenario_id]

    def show_params(self, scenario_id: str, values: dict) -> None:
        spec = self.scenarios[scenario_id]
        self.form.set_scenario(spec, values)
        self.watch.show_scenario(spec, self.form.values())

    @Slot(object, object)
    def _on_pick(self, current, _previous) -> None:
        if current is not None:
            self.scenario_changed.emit(current.data(Qt.UserRole))

    @Slot()
    def _on_values(self) -> None:
        spec = self.scenarios.get(self.current_id())
        if spec is not None:
            self.watch.show_scenario(spec, self.form.values())

    def set_editable(self, editable: bool) -> None:
        self.list.setEnabled(editable)
        self.form.set_editable(editable)

    # --- what it remembers ------------------------------------------------------------

    def save_settings(self, settings) -> None:
        settings.save_splitter(self)
        scenario_id = self.current_id()
        if scenario_id:
            settings.set_value("run/scenario", scenario_id)
            settings.set_params(scenario_id, self.form.values())

    def restore_settings(self, settings) -> None:
        """The layout, then the last scenario (its parameters come with scenario_changed)."""
        settings.restore_splitter(self)
        self.select(settings.value("run/scenario", "", str))

    def lay_out_default(self, height: int) -> None:
        """The list, the form and what to watch share the window's height."""
        self.setSizes([int(height * 0.30), int(height * 0.27), int(height * 0.43)])
