"""What a trace's content must be, checked once where a file is read (core/trace.py), so
nothing after the loader — the model, the exports, the window — ever sees a value no
run could have made.

A file whose framing and checksums hold can still be made by hand.  The metadata and
the summary are checked against the shape `run_metadata()` and `summarize()` give them
(types, ranges, lengths); a summary that is not that shape refuses the file.  Rows are
checked against what a traced run can send: kinds it knows, a text row's string among
those read so far, processes -1 (the supervisor) and up, objects 0 and up, a queue's
capacity a semaphore can hold, times that never go back in a process by more than
BACKSTEP_SLACK_NS.  Rows that break a rule are left out with a note; times that would
span more than MAX_RUN_SPAN_S refuse the file (no run is that long, and every plot of
the run would have to cover it).
"""
from __future__ import annotations

import math

import numpy as np
from ipcscope.core.events import TEXT_KINDS, Kind, ObjType

MAX_RUN_SPAN_S = 24 * 3600
MAX_RUN_SPAN_NS = MAX_RUN_SPAN_S * 1_000_000_000
BACKSTEP_SLACK_NS = 1_000_000_000    # threads of one process may stamp a little out of turn
MAX_TIME_NS = 1 << 62                # monotonic_ns counts from boot: 146 years
MAX_CAPACITY = (1 << 31) - 1         # SEM_VALUE_MAX: no queue holds more
MAX_SPEED = 10_000.0
MAX_TEXT = 10_000                    # a name, a status, a message
MAX_ITEMS = 100_000                  # entries of a list or object in the summary

_KNOWN_KINDS = np.zeros(1 << 16, bool)    # indexed by a row's kind, read as uint16
_KNOWN_KINDS[[int(k) for k in Kind]] = True
_TEXT_KINDS = np.zeros(1 << 16, bool)
_TEXT_KINDS[[int(k) for k in TEXT_KINDS]] = True
_OBJ_TYPES = np.array(sorted(int(t) for t in ObjType), dtype=np.int64)


class SchemaError(Exception):
    """Content that no IPC Scope wrote; str() is a clause for the refusal sentence."""

    def __str__(self) -> str:
        text = super().__str__()
        return text if len(text) <= 200 else text[:199] + "…"


# --- values -------------------------------------------------------------------------------

def _text(value, what: str) -> str:
    if type(value) is not str or len(value) > MAX_TEXT:
        raise SchemaError(f"its {what} is not a short text")
    return value


def _whole(value, what: str, low: int = 0, high: int = 1 << 62) -> int:
    if type(value) is not int or not low <= value <= high:
        raise SchemaError(f"its {what} is not a whole number from {low:,} to {high:,}")
    return value


def _number(value, what: str, low: float, high: float) -> float:
    if type(value) not in (int, float) or not math.isfinite(value) or \
            not low <= value <= high:
        raise SchemaError(f"its {what} is not a number from {low:g} to {high:g}")
    return value


def _flag(value, what: str) -> bool:
    if type(value) is not bool:
        raise SchemaError(f"its {what} is not true or false")
    return value


def _list(value, what: str) -> list:
    if type(value) is not list or len(value) > MAX_ITEMS:
        raise SchemaError(f"its {what} is not a list")
    return value


def _object(value, what: str) -> dict:
    if type(value) is not dict or len(value) > MAX_ITEMS:
        raise SchemaError(f"its {what} is not an object")
    return value


def _scalar(value, what: str):
    if value is None or type(value) is bool:
        return value
    if type(value) is str:
        return _text(value, what)
    if type(value) is int:
        return _whole(value, what, -(1 << 63), (1 << 63) - 1)
    if type(value) is float:
        return _number(value, what, -math.inf, math.inf)
    raise SchemaError(f"its {what} is not a plain value")


def _fields(value: dict, what: str, fields: dict) -> dict:
    """Each field present and of its kind (check(value, name)); other keys are kept
    and never read."""
    _object(value, what)
    for name, check in fields.items():
        if name not in value:
            raise SchemaError(f"its {what} lacks {name!r}")
        check(value[name], f"{what}'s {name}")
    return value


def _each(check):
    def each(values, what):
        for value in _list(values, what):
            check(value, what)
    return each


def _optional(check):
    def optional(value, what):
        if value is not None:
            check(value, what)
    return optional


# --- the metadata -------------------------------------------------------------------------

def check_meta(meta: dict) -> dict:
    """The M record (format and version are checked before this, to say "newer")."""
    _text(meta["scenario"], "scenario")
    params = _object(meta["params"], "parameters")
    for key, value in params.items():
        _text(key, "parameter name")
        _scalar(value, f"parameter {key[:40]!r}")
    _number(meta["speed"], "speed", 1e-6, MAX_SPEED)
    for key in ("app_version", "python", "platform", "started_at", "saved_at"):
        if key in meta:
            _text(meta[key], key)
    return {**meta, "params": _known_params(meta["scenario"], params)}


def _known_params(scenario_id: str, params: dict) -> dict:
    """A known scenario's parameters, each checked by the scenario itself and the ones
    the file leaves out at their defaults (as the run had them)."""
    from ipcscope.core import scenarios
    from ipcscope.core.scenarios.base import ParamError
    try:
        scenario = scenarios.get(scenario_id)
    except ParamError:
        return params          # a scenario this version does not know: the window says so
    try:
        return scenario.resolve(params)
    except ParamError as error:
        raise SchemaError(f"its parameters are not the scenario's: {str(error).rstrip('.')}") \
            from None


# --- the summary --------------------------------------------------------------------------

def _span(value, what):
    return _number(value, what, -MAX_RUN_SPAN_S, MAX_RUN_SPAN_S)


_COUNT = _whole
_PROCESS = {"name": _text, "role": _text, "pid": _whole, "daemon": _flag,
            "exitcode": _optional(lambda v, w: _whole(v, w, -(1 << 31), 1 << 31)),
            "exit_reason": _text}
_QUEUE = {"name": _text, "maxsize": lambda v, w: _whole(v, w, 0, MAX_CAPACITY),
          "puts": _COUNT, "gets": _COUNT, "max_depth": _COUNT, "full_errors": _COUNT,
          "empty_errors": _COUNT}
_PIPE = {"name": _text, "sent": _COUNT, "received": _COUNT, "corrupt": _COUNT}
_FINDING = {"kind": _text, "t_s": _span, "message": _text}
_FINDING_OPTIONAL = {"key": _text, "message_zh": _text, "fix": _text,
                     "processes": _each(_text), "objects": _each(_text),
                     "process_ids": _each(lambda v, w: _whole(v, w, -1, 1 << 15)),
                     "object_ids": _each(lambda v, w: _whole(v, w, 0, 1 << 15)),
                     "details": _object}


def _finding(value, what):
    _fields(value, what, _FINDING)
    for name, check in _FINDING_OPTIONAL.items():
        if name in value:
            check(value[name], f"{what}'s {name}")


def _result(value, what):
    for key, entry in _object(value, what).items():
        _text(key, f"{what}'s name")
        _scalar(entry, f"{what}'s {key[:40]!r}")


_SUMMARY = {
    "scenario": _text, "status": _text,
    "duration_s": lambda v, w: _number(v, w, 0, MAX_RUN_SPAN_S),
    "events": _COUNT, "dropped_events": _COUNT, "leftover_processes": _COUNT,
    "processes": _each(lambda v, w: _fields(v, w, _PROCESS)),
    "queues": _each(lambda v, w: _fields(v, w, _QUEUE)),
    "pipes": _each(lambda v, w: _fields(v, w, _PIPE)),
    "result": _result, "findings": _each(_finding),
    "predicted": _text, "as_predicted": _flag, "problems": _each(_text),
}


def check_end(end: dict) -> dict:
    """The Z record: {"status": ..., "summary": what summarize() made}."""
    _text(end.get("status"), "end status")
    _fields(end.get("summary"), "summary", _SUMMARY)
    return end


# --- rows ---------------------------------------------------------------------------------

class RowCheck:
    """Rows as a traced run sends them, record by record; keeps what it left out for
    the notes, and the run's span so far."""

    def __init__(self):
        self.left_out_unknown = 0
        self.left_out_bad = 0
        self.t_min: int | None = None
        self.t_max: int | None = None
        self._latest = np.full(1 << 16, -MAX_TIME_NS, np.int64)   # by proc + 1

    def keep(self, rows: np.ndarray, n_strings: int) -> np.ndarray:
        kinds = rows["kind"].view(np.uint16)
        known = _KNOWN_KINDS[kinds]
        creates = rows["kind"] == Kind.OBJ_CREATE
        known &= ~creates | np.isin(rows["b"], _OBJ_TYPES)
        t, item = rows["t"], rows["item"]
        good = (t >= 0) & (t <= MAX_TIME_NS) & (rows["proc"] >= -1) & (rows["obj"] >= 0)
        good &= ~_TEXT_KINDS[kinds] | ((item >= 0) & (item < n_strings))
        good &= ~creates | ((rows["a"] >= 0) & (rows["a"] <= MAX_CAPACITY))
        keep = known & good
        keep[keep] = self._in_turn(rows[keep])
        self.left_out_unknown += int(np.count_nonzero(~known))
        self.left_out_bad += int(np.count_nonzero(known & ~keep))
        kept = rows if keep.all() else rows[keep]
        if len(kept):
            low, high = int(kept["t"].min()), int(kept["t"].max())
            self.t_min = low if self.t_min is None else min(self.t_min, low)
            self.t_max = high if self.t_max is None else max(self.t_max, high)
            if self.t_max - self.t_min > MAX_RUN_SPAN_NS:
                raise SchemaError(f"its events span more than {MAX_RUN_SPAN_S // 3600} hours, "
                                  f"longer than any run")
        return kept

    def _in_turn(self, rows: np.ndarray) -> np.ndarray:
        """Which rows are not stamped before their process's latest row by more than
        the slack (each process's rows arrive in its own time order)."""
        if not len(rows):
            return np.ones(0, bool)
        slot = rows["proc"].astype(np.int64) + 1
        t = rows["t"].astype(np.int64)
        order = np.argsort(slot, kind="stable")
        slot_sorted, t_sorted = slot[order], t[order]
        starts = np.flatnonzero(np.r_[True, slot_sorted[1:] != slot_sorted[:-1]])
        ok = np.empty(len(rows), bool)
        for start, stop in zip(starts.tolist(), np.r_[starts[1:], len(rows)].tolist()):
            which = int(slot_sorted[start])
            times = t_sorted[start:stop]
            before = np.maximum.accumulate(np.r_[self._latest[which], times])[:-1]
            fine = times >= before - BACKSTEP_SLACK_NS
            ok[order[start:stop]] = fine
            if fine.any():
                self._latest[which] = max(int(self._latest[which]), int(times[fine].max()))
        return ok

    def notes(self) -> list[str]:
        notes = []
        if self.left_out_unknown:
            notes.append(f"{self.left_out_unknown:,} events of a kind this version of "
                         f"IPC Scope does not know were left out.")
        if self.left_out_bad:
            notes.append(f"{self.left_out_bad:,} events no run could have recorded (a time, "
                         f"process, object or text out of range) were left out.")
        return notes
