"""What the window remembers between starts (QSettings): layout, the last scenario, each
scenario's parameters, speed, time window and text size.  This is the store; each part
of the window saves and restores its own state in it (`save_settings(settings)` /
`restore_settings(settings)`, as Friture's docks do), so no one reaches into another
part to remember it."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from PySide6.QtWidgets import QSplitter

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

    def restore_state(self, key: str, restore) -> bool:
        """Hand the bytes saved under key to restore(); False if none were saved."""
        raw = self.settings.value(key, None)
        if isinstance(raw, (QByteArray, bytes)) and raw:
            restore(QByteArray(raw))
            return True
        return False

    def save_splitter(self, splitter: QSplitter) -> None:
        self.set_value(f"splitters/{splitter.objectName()}", splitter.saveState())

    def restore_splitter(self, splitter: QSplitter) -> bool:
        """The splitter's saved sizes; False if it had none saved."""
        return self.restore_state(f"splitters/{splitter.objectName()}", splitter.restoreState)

    def sync(self) -> None:
        self.settings.sync()
