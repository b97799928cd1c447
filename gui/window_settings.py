"""What the window remembers between starts (QSettings): layout, the last scenario, each
scenario's parameters, speed, time window and text size — and the layout it starts
with when it remembers none."""
from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "ipcscope"
APPLICATION = "ipcscope"


def default_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


class WindowSettings:
    def __init__(self, settings: QSettings):
        self.settings = settings

    def params(self, scenario_id: str) -> dict:
        text = self.settings.value(f"params/{scenario_id}", "")
        try:
            values = json.loads(text) if text else {}
        except (TypeError, ValueError):
            return {}
        return values if isinstance(values, dict) else {}

    def set_params(self, scenario_id: str, values: dict) -> None:
        self.settings.setValue(f"params/{scenario_id}", json.dumps(values, ensure_ascii=False))

    def value(self, key: str, default, kind=str):
        raw = self.settings.value(key, None)
        if raw is None:
            return default
        try:
            if kind is bool:
                return raw in (True, "true", "1", 1)
            return kind(raw)
        except (TypeError, ValueError):
            return default

    def has(self, key: str) -> bool:
        return self.settings.contains(key)

    def set_value(self, key: str, value) -> None:
        self.settings.setValue(key, value)

    def restore_state(self, key: str, restore) -> None:
        raw = self.settings.value(key, None)
        if isinstance(raw, (QByteArray, bytes)) and raw:
            restore(QByteArray(raw))

    def sync(self) -> None:
        self.settings.sync()


def restore_window(window, s: WindowSettings) -> bool:
    """Put back what was saved; True if a layout was among it."""
    s.restore_state("window/geometry", window.restoreGeometry)
    s.restore_state("window/state", window.restoreState)
    laid_out = False
    for splitter in window.splitters():
        key = f"splitters/{splitter.objectName()}"
        s.restore_state(key, splitter.restoreState)
        laid_out = laid_out or s.has(key)
    window.toolbar.set_speed(s.value("run/speed", 1.0, float))
    seconds = s.value("run/window", "30", str)
    window.toolbar.set_window(None if seconds == "all" else float(seconds))
    window.toolbar.large_text_action.setChecked(s.value("view/large_text", False, bool))
    window.scenario_panel.select(s.value("run/scenario", "", str))
    return laid_out


def save_window(window, s: WindowSettings) -> None:
    s.set_value("window/geometry", window.saveGeometry())
    s.set_value("window/state", window.saveState())
    for splitter in window.splitters():
        s.set_value(f"splitters/{splitter.objectName()}", splitter.saveState())
    s.set_value("run/speed", window.toolbar.speed_value())
    seconds = window.toolbar.window_value()
    s.set_value("run/window", "all" if seconds is None else str(seconds))
    s.set_value("view/large_text", window.toolbar.large_text_action.isChecked())
    scenario_id = window.scenario_panel.current_id()
    if scenario_id:
        s.set_value("run/scenario", scenario_id)
        s.set_params(scenario_id, window.scenario_panel.form.values())
    s.sync()


def lay_out_default(window) -> None:
    """Proportions that suit 1280×800 and up: the plots get most of the room."""
    width, height = max(window.width(), 960), max(window.height(), 600)
    side = min(330, max(250, width // 5))
    window.main_split.setSizes([side, width - 2 * side + 20, side - 20])
    window.center.setSizes([int(height * 0.70), int(height * 0.30)])
    center_width = width - 2 * side
    window.bottom.splitter.setSizes([int(center_width * 0.42), int(center_width * 0.58)])
    window.scenario_panel.setSizes([int(height * 0.30), int(height * 0.27), int(height * 0.43)])
    window.run_view.splitter.setSizes([int(height * 0.16), int(height * 0.36),
                                       int(height * 0.16)])
