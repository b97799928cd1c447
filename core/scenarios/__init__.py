"""The article's examples, one module each.  Each module has `SPEC` (a Scenario) and
`main()` (the article's `if __name__ == '__main__':` block)."""
from __future__ import annotations

import importlib

from ipcscope.core.scenarios.base import ParamError, Scenario

SCENARIO_IDS = (
    "queue-sentinel",
    "joinable-queue",
    "bounded-queue",
    "pipe-eof",
    "pipe-producer-consumer",
    "manager-counter",
    "queue-flood",
    "join-before-drain",
)


_extra_modules: dict[str, str] = {}   # id -> module, for scenarios outside this package


def register(module: str) -> Scenario:
    """Make a scenario module from elsewhere runnable by id (tests use this)."""
    spec = importlib.import_module(module).SPEC
    _extra_modules[spec.id] = module
    return spec


def register_alias(alias: str, module: str) -> None:
    """Run `module` under the id `alias` without importing it here (edited code: the
    app never runs it in its own process; core/edited_code.py)."""
    _extra_modules[alias] = module


def module_name(scenario_id: str) -> str:
    if scenario_id in _extra_modules:
        return _extra_modules[scenario_id]
    return "ipcscope.core.scenarios." + scenario_id.replace("-", "_")


def get(scenario_id: str) -> Scenario:
    if scenario_id not in SCENARIO_IDS and scenario_id not in _extra_modules:
        raise ParamError(f"There is no scenario {scenario_id!r}; "
                         f"`ipcscope list` shows the {len(SCENARIO_IDS)} there are.")
    return importlib.import_module(module_name(scenario_id)).SPEC


def all_scenarios() -> list[Scenario]:
    return [get(i) for i in SCENARIO_IDS]
