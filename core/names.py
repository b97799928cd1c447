"""What a process is called, everywhere: the lanes, the event log, the summary, the
findings' messages and the exports all say the same name for the same process.

The rule is the lanes' (what a user looks at most): the article's own names (吉祥,
Jenny, main …); a bare number (the article names some processes '0', '1') or a name
two processes share gets its role in front ("producer 0", "consumer Jenny"); a
process without a name is "process N"; and a label that is still not unique gets the
process's OS pid after it, so no two processes ever read the same.  IPC Scope's own
supervisor is "IPC Scope".  RunModel.process_names() caches the result."""
from __future__ import annotations

from collections import Counter

SUPERVISOR = "IPC Scope"
_NO_ROLE = ("", "?", "main")     # roles that add nothing in front of a name


def process_order(processes: dict) -> list[int]:
    """main first, then roles in the order they appeared, each in start order: the
    article's producers together, its consumers together."""
    roles: list[str] = []
    for record in sorted(processes.values(), key=lambda p: (p.t_start, p.proc)):
        if record.role not in roles and record.role != "main":
            roles.append(record.role)
    rank = {"main": -1, **{role: i for i, role in enumerate(roles)}}
    return [p.proc for p in sorted(processes.values(),
                                   key=lambda p: (rank.get(p.role, 99), p.t_start, p.proc))]


def display_names(processes: dict) -> dict[int, str]:
    """Every process's display name, in process_order."""
    order = process_order(processes)
    given = {proc: processes[proc].name or f"process {proc}" for proc in order}
    uses = Counter(given.values())
    names = {}
    for proc in order:
        record, name = processes[proc], given[proc]
        needs_role = name.isdigit() or uses[name] > 1
        if needs_role and record.role not in _NO_ROLE and record.role != name:
            name = f"{record.role} {name}"
        names[proc] = name
    uses = Counter(names.values())
    pids = Counter(processes[p].os_pid for p in order if uses[names[p]] > 1)
    for proc in order:
        if uses[names[proc]] > 1:
            pid = processes[proc].os_pid
            names[proc] += f" (pid {pid})" if pid and pids[pid] == 1 else f" (#{proc})"
    return names


def role_note(record, name: str) -> str:
    """The process's role when its display name does not already say it ('' if so)."""
    role = record.role
    return "" if role in _NO_ROLE or role == name or name.startswith(f"{role} ") else role


def unknown_name(proc: int) -> str:
    """A process the run has no start event of (or the supervisor, proc -1)."""
    return SUPERVISOR if proc < 0 else f"process {proc}"

