"""What every detector shares: the Finding record and a read-only view of a run."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from ipcscope.core import rows as event_rows
from ipcscope.core.events import Kind

# After these a process waits for someone else (see supervisor._WAITS_FOREVER).
WAIT_KINDS = {Kind.PUT_BEGIN, Kind.GET_BEGIN, Kind.RECV_BEGIN, Kind.LOCK_WAIT, Kind.SYNC_WAIT,
              Kind.QJOIN_BEGIN, Kind.PJOIN_BEGIN, Kind.GATE_WAIT, Kind.TARGET_END}
# Reports about others or from helper threads: not the process's own state.
NOT_STATE = {Kind.CHILD_EXIT, Kind.STDERR, Kind.EXCEPTION, Kind.PIPE_HOLD, Kind.SPAWNED,
             Kind.WAIT_SITE, Kind.TERMINATE}


@dataclass
class Finding:
    kind: str
    t_ns: int
    message: str
    message_zh: str
    fix: str
    processes: list[int] = field(default_factory=list)      # run process numbers
    objects: list[int] = field(default_factory=list)        # object ids
    details: dict = field(default_factory=dict)
    subject: str = ""                                       # what makes it one problem

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.subject}"

    def as_dict(self, t0: int | None, names=None) -> dict:
        return {
            "kind": self.kind, "key": self.key,
            "t_s": round((self.t_ns - (t0 or self.t_ns)) / 1e9, 3),
            "message": self.message, "message_zh": self.message_zh, "fix": self.fix,
            "process_ids": self.processes, "object_ids": self.objects,
            "processes": self.details.get("process_names", []),
            "objects": self.details.get("object_names", []),
            "details": {k: v for k, v in self.details.items()
                        if k not in ("process_names", "object_names")},
        }


class RunView:
    """The run's events in time order, plus names: what detectors read.  Each question
    picks its rows from the model and sorts only those (a stable sort of a selection is
    the selection of a stable sort): a long run is never copied whole."""

    def __init__(self, model, *, now_ns: int | None, stall_after_s: float):
        self.model = model
        self.empty = len(model) == 0
        self.stall_ns = int(stall_after_s * 1e9)
        self.status = model.status
        stopping = model.select((Kind.RUN_STOPPING,))
        # What the run looked like when IPC Scope began to end it: the stop's own exits
        # (terminated, killed) are not what went wrong.
        self.stopping_t = int(stopping["t"].min()) if len(stopping) else None
        if self.stopping_t is not None:
            now_ns = self.stopping_t
        self.now_ns = now_ns if now_ns is not None else (model.t_max() or 0)
        self._last_states: dict = {}

    def of(self, *kinds, obj: int | None = None, proc: int | None = None,
           a: int | None = None) -> np.ndarray:
        rows = self.model.select(kinds, obj=obj, proc=proc, a=a, before_t=self.stopping_t)
        t = rows["t"]
        if len(rows) > 1 and not (t[1:] >= t[:-1]).all():
            rows = event_rows.take(rows, np.argsort(t, kind="stable"))
        return rows

    def columns(self, *kinds, names, obj: int | None = None,
                proc: int | None = None) -> dict[str, np.ndarray]:
        """Only these fields of of()'s rows, in arrival order: a long run's puts and
        gets are many, and a question may need 8 of their 38 bytes."""
        return self.model.columns(kinds, names, obj=obj, proc=proc, before_t=self.stopping_t)

    def count(self, *kinds, obj: int | None = None) -> int:
        """How many rows of()'s would give."""
        return len(self.columns(*kinds, names=("kind",), obj=obj)["kind"])

    def procs_of(self, *kinds, obj: int | None = None) -> set[int]:
        """The processes with rows of these kinds (of this object)."""
        return set(self.model.distinct(kinds, "proc", obj=obj, before_t=self.stopping_t).tolist())

    def name(self, proc: int) -> str:
        """The process's name as the lanes show it (core/names.py)."""
        return self.model.process_name(proc)

    def names(self, procs) -> list[str]:
        return [self.name(p) for p in procs]

    def obj_name(self, obj: int) -> str:
        record = self.model.objects.get(obj)
        return record.name if record else f"object {obj}"

    def last_state(self, proc: int, skip=frozenset()):
        """The process's newest row that says what it itself is doing (or None)."""
        key = (proc, frozenset(skip))
        if key not in self._last_states:
            self._last_states[key] = self.model.last_state_row(
                proc, NOT_STATE | set(skip), before_t=self.stopping_t)
        return self._last_states[key]

    def waiting(self, proc: int, when_it_died: bool = False):
        """The row the process is waiting after (a begin with no end yet), or None.
        when_it_died: what a process that is gone was waiting in as it went."""
        row = self.last_state(proc, skip={Kind.CHANNEL_CLOSED} if when_it_died else set())
        if row is None or int(row["kind"]) not in WAIT_KINDS:
            return None
        return row

    def alive(self, proc: int) -> bool:
        record = self.model.processes.get(proc)
        return record is not None and (record.alive or self.ended_by_app(proc))

    def ended_by_app(self, proc: int) -> bool:
        """Did IPC Scope's own stop end this process (not the scenario)?"""
        record = self.model.processes.get(proc)
        return (record is not None and self.stopping_t is not None and record.t_end
                and record.t_end >= self.stopping_t)

    def secs(self, ns: int) -> float:
        return ns / 1e9

    def finding(self, kind: str, t_ns: int, message: str, message_zh: str, fix: str, *,
                procs=(), objs=(), subject: str = "", **details) -> Finding:
        procs, objs = [int(p) for p in procs], [int(o) for o in objs]
        details["process_names"] = self.names(procs)
        details["object_names"] = [self.obj_name(o) for o in objs]
        return Finding(kind, int(t_ns), message, message_zh, fix, procs, objs, details,
                       subject or ",".join(map(str, objs)))
