"""Small readers of a finished run shared by the scenarios' result() and predict().

Scenario modules are imported by every traced child too, which must start fast:
numpy is imported here only when a result is computed (in the app's process)."""
from __future__ import annotations

from ipcscope.core.events import Kind


def exit_reasons(summary: dict, role: str) -> list[str]:
    return [p["exit_reason"] for p in summary["processes"] if p["role"] == role]


def queue_counts(model) -> dict:
    import numpy as np
    got = model.columns((Kind.GET_END,), ("a",))["a"]   # a=1: a sentinel
    return {
        "puts": model.count(Kind.PUT_END),
        "gets": len(got),
        "sentinels_got": int(np.count_nonzero(got == 1)),
        "full_errors": model.count(Kind.PUT_FULL),
        "empty_errors": model.count(Kind.GET_EMPTY),
        "task_done": model.count(Kind.TASK_DONE),
    }


def last_dict_value(model, key: str, proc: int | None = None) -> int | None:
    """The last integer read or written under key (by `proc` only, if given)."""
    import numpy as np
    rows = model.of_kind(Kind.DICT_READ, Kind.DICT_WRITE)
    rows = rows[rows["b"] == 1]
    if proc is not None:
        rows = rows[rows["proc"] == proc]
    rows = [r for r in rows[np.argsort(rows["t"], kind="stable")] if model.text(r) == key]
    return int(rows[-1]["a"]) if rows else None
