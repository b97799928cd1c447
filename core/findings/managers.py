"""A Manager's server that died mid-run: every proxy to it fails from then on, so the
processes using it die of ConnectionResetError, BrokenPipeError or EOFError.  Those
deaths are one problem, the manager's, and are named as such (not one crash each).

A traced program's server is a process of the run (role "manager"); a scenario's is
not traced, but its parent says it started it (SPAWNED with b=1) and how it ended
(CHILD_EXIT)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ipcscope.core.events import Kind
from ipcscope.core.model import signal_name

# what a proxy raises once its server is gone
CONNECTION_LOST = ("ConnectionResetError", "BrokenPipeError", "EOFError",
                   "ConnectionRefusedError", "ConnectionAbortedError")
_GRACE_NS = 1_000_000_000   # a client's end may be stamped before its parent saw the server go


@dataclass
class ManagerDeath:
    t_ns: int                   # when it was seen gone
    name: str
    code: int | None            # exit code (<0: signal), None: gone without a word
    proc: int | None = None     # its process number, if it was traced
    lost: dict[int, str] = field(default_factory=dict)   # proc -> what it raised


def manager_deaths(view) -> list[ManagerDeath]:
    """Managers' servers that ended before the run did, not by their own shutdown, with
    the processes that lost their connection to them."""
    deaths = _traced_deaths(view) + _untraced_deaths(view)
    if not deaths:
        return deaths
    deaths.sort(key=lambda d: d.t_ns)
    for proc, record in view.model.processes.items():
        if proc in {d.proc for d in deaths} or view.ended_by_app(proc):
            continue
        error = _lost_connection(record)
        if error is None:
            continue
        t_end = record.t_end or view.now_ns
        death = next((d for d in deaths if t_end >= d.t_ns - _GRACE_NS), None)
        if death is not None:
            death.lost[proc] = error
    return deaths


def _traced_deaths(view) -> list[ManagerDeath]:
    ended_by_parent = {int(r["a"]) for r in view.of(Kind.TERMINATE)}
    deaths = []
    for proc, record in view.model.processes.items():
        if record.role != "manager" or record.alive or view.ended_by_app(proc) \
                or record.os_pid in ended_by_parent:
            continue
        code = record.exitcode
        if code == 0 or (code is None and record.reported_reason):
            continue        # shut down as asked
        deaths.append(ManagerDeath(record.t_end, view.name(proc), code, proc))
    return deaths


def _untraced_deaths(view) -> list[ManagerDeath]:
    helpers = {int(r["a"]) for r in view.of(Kind.SPAWNED) if int(r["b"]) == 1}
    deaths = []
    for row in view.of(Kind.CHILD_EXIT):
        pid, code = int(row["a"]), int(row["b"])
        if pid in helpers and code != 0:
            deaths.append(ManagerDeath(int(row["t"]), f"(pid {pid})", code))
    return deaths


def _lost_connection(record) -> str | None:
    """What the process raised if it was a lost connection; a process that ended with
    an error code and no last word (its report lost with it) counts too."""
    last = (record.traceback.strip().splitlines() or [""])[-1]
    error = last.partition(":")[0].strip()
    if error in CONNECTION_LOST:
        return error
    if not record.reported_reason and record.exitcode is not None and record.exitcode > 0:
        return f"exit code {record.exitcode}"
    return None


def explained_by_manager(view) -> set[int]:
    """Processes whose death a manager's death explains (itself included)."""
    procs: set[int] = set()
    for death in manager_deaths(view):
        procs |= set(death.lost) | ({death.proc} if death.proc is not None else set())
    return procs


def manager_died(view):
    t0 = view.model.t0 or 0
    for death in manager_deaths(view):
        code = death.code
        if code is None:
            how, how_zh = "was killed (it ended without a word)", "被杀死 (没有留下任何消息)"
        elif code < 0:
            how, how_zh = f"was killed by {signal_name(-code)}", f"被 {signal_name(-code)} 杀死"
        else:
            how, how_zh = f"exited with code {code}", f"以退出码 {code} 退出"
        when = f"{(death.t_ns - t0) / 1e9:.2f} s"
        names = [view.name(p) for p in death.lost]
        errors = sorted(set(death.lost.values()))
        lost = (f" {len(names)} process(es) lost their connection to it "
                f"({', '.join(errors)}) and died of it: {', '.join(names)}." if names else "")
        lost_zh = (f" {len(names)} 个进程因此失去与它的连接而退出: {', '.join(names)}。"
                   if names else "")
        procs = ([death.proc] if death.proc is not None else []) + list(death.lost)
        yield view.finding(
            "manager-died", death.t_ns,
            f"The Manager's server {death.name} {how} at {when}, mid-run: every proxy to it "
            f"(its dict, list, lock ...) fails from then on.{lost}",
            f"Manager 的服务进程 {death.name} 在 {when} {how_zh}, 此后所有代理对象都无法使用。"
            f"{lost_zh}",
            "with Manager() as manager: ...  # keep it alive until every process using it "
            "is joined", procs=procs, subject=death.name, exitcode=code,
            signal=signal_name(-code) if code is not None and code < 0 else None,
            lost_connection={view.name(p): e for p, e in death.lost.items()})
