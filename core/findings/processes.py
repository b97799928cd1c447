"""Process pitfalls: a child that died (even one killed while it was still starting, whose
record the supervisor made from its parent's word), and a run where everyone waits for
everyone."""
from __future__ import annotations

import signal

from ipcscope.core.events import Kind, ObjType
from ipcscope.core.findings.describe import waiting_on, waiting_on_zh
from ipcscope.core.findings.managers import explained_by_manager
from ipcscope.core.findings.programs import POOL_WORKER_ROLES
from ipcscope.core.model import signal_name


def process_crashed(view):
    # children their parent terminate()d or kill()ed on purpose
    ended_by_parent = {int(r["a"]) for r in view.of(Kind.TERMINATE)}
    explained = explained_by_manager(view)    # manager-died names those
    for proc, record in view.model.processes.items():
        if proc in explained:
            continue
        reason = record.reported_reason
        code = record.exitcode
        if record.os_pid in ended_by_parent and (code is None or code < 0):
            continue
        # A daemon is terminated by its parent as a matter of course (at the parent's
        # exit, or a Pool's terminate()), whatever it was doing when SIGTERM came.
        if view.ended_by_app(proc) or (record.daemon and (reason == "terminated" or
                                                          code == -signal.SIGTERM)):
            continue
        killed = code is not None and code < 0 and reason != "terminated"
        terminated_by_someone = reason == "terminated" and not record.daemon
        vanished = not reason and not record.alive and code != 0   # os._exit(0) is no crash
        by_signal = killed or terminated_by_someone or vanished
        by_exception = reason.startswith("exception")
        if not (by_signal or by_exception) or record.alive:
            continue
        if by_signal and record.role in POOL_WORKER_ROLES:
            continue        # a pool's worker killed: broken-pool says what that does
        if by_exception:
            last_line = (record.traceback.strip().splitlines() or [reason])[-1]
            what, what_zh = f"raised {last_line}", f"抛出了 {last_line}"
            fix = "try: ... except Exception as error: ...  # or fix the cause shown above"
        else:
            sig = signal_name(-code) if code is not None and code < 0 else "a signal"
            what, what_zh = f"was killed by {sig} (exit code {code})", f"被 {sig} 杀死"
            if code is not None and code > 0:     # os._exit(3): gone without a last word
                what, what_zh = f"exited with code {code} without returning", \
                    f"以退出码 {code} 退出, 没有正常返回"
            fix = "p.join(); print(p.exitcode)  # a killed process takes its locks and data with it"
            left, left_zh = _left_behind(view, proc)
            what, what_zh = what + left, what_zh + left_zh
        if record.died_starting:       # its parent saw it start and end, nothing else
            what = f"{what} while starting, before it ran a line of its own"
            what_zh = f"在启动中 (还没有运行任何代码) {what_zh}"
        exc = view.of(Kind.EXCEPTION, proc=proc)
        exc = exc[exc["a"] == 0]          # a=1: a feeder thread's, not the process's
        t = int(exc["t"][0]) if len(exc) else record.t_end
        name = view.name(proc)
        if record.died_starting:
            parent = view.model.proc_of_pid(record.parent_os_pid)
            name = f"{name} (pid {record.os_pid}" + \
                (f", started by {view.name(parent)})" if parent is not None else ")")
        yield view.finding(
            "process-crashed", t, f"{name} died: it {what}.",
            f"{name} 崩溃了: 它{what_zh}。", fix, procs=[proc], subject=str(proc),
            exitcode=code, signal=signal_name(-code) if code is not None and code < 0 else None,
            traceback=record.traceback)


def _left_behind(view, proc: int) -> tuple[str, str]:
    """What a killed process was in the middle of, and what that leaves locked for
    the others: the locks it held, a queue's read lock if it died inside get()."""
    row = view.waiting(proc, when_it_died=True)
    held = _held(view, proc)
    text = text_zh = ""
    if row is not None:
        text, text_zh = f" while it {waiting_on(view, row)}", f", 当时它{waiting_on_zh(view, row)}"
    if held:
        names = ", ".join(held)
        text += f", holding {names}: whoever waits for {names} now waits for ever"
        text_zh += f", 持有 {names}: 等待 {names} 的进程将永远等下去"
    if row is not None and int(row["kind"]) == Kind.GET_BEGIN and \
            view.model.objects.get(int(row["obj"])) in view.model.queues():
        queue = view.obj_name(int(row["obj"]))
        text += (f"; it took {queue}'s read lock with it: every other get() on {queue} "
                 "now waits for ever")
        text_zh += f"; 它带走了 {queue} 的读锁: {queue} 上其他的 get() 将永远等下去"
    return text, text_zh


def deadlock(view):
    if view.status != "stalled" or view.stopping_t is None:
        return
    stuck = [p for p, r in view.model.processes.items()
             if r.t_end == 0 or r.t_end >= view.stopping_t]
    waits = [(p, view.waiting(p)) for p in stuck]
    parts = [f"{view.name(p)} {waiting_on(view, row)}{_holding(view, p, row)}"
             for p, row in waits if row is not None]
    parts_zh = [f"{view.name(p)} {waiting_on_zh(view, row)}{_holding(view, p, row, zh=True)}"
                for p, row in waits if row is not None]
    objs = sorted({int(row["obj"]) for _, row in waits if row is not None and int(row["obj"])})
    yield view.finding(
        "deadlock", view.stopping_t,
        "Nothing moves: every process waits for another. " + "; ".join(parts) + ".",
        "没有任何进展: 每个进程都在等别的进程。" + "; ".join(parts_zh) + "。",
        _deadlock_fix(view, waits),
        procs=stuck, objs=objs, subject="run",
        waits={view.name(p): waiting_on(view, row) for p, row in waits if row is not None},
        holds={view.name(p): _held(view, p) for p, _ in waits if _held(view, p)},
        lines={view.name(p): view.model.wait_site(p)
               for p, row in waits if row is not None and view.model.wait_site(p)})


def _deadlock_fix(view, waits) -> str:
    """Locks taken in opposite orders want one order; any other wait a way out."""
    lock_waits = [(p, row) for p, row in waits
                  if row is not None and int(row["kind"]) == Kind.LOCK_WAIT and _held(view, p)]
    if len(lock_waits) >= 2:
        names = sorted({view.obj_name(int(row["obj"])) for _, row in lock_waits})
        nested = "".join(f"with {name}: " for name in names)
        return f"{nested}...  # every process takes the locks in this one order"
    return "q.get(timeout=5); p.join(timeout=5)  # give every wait a way out, and fix its cause"


def _held(view, proc: int) -> list[str]:
    """The locks the process holds: acquired more often than released."""
    taken: dict[int, int] = {}
    locks = {o.obj for o in view.model.objects.values() if o.type in (ObjType.LOCK, ObjType.RLOCK)}
    for row in view.of(Kind.LOCK_ACQUIRED, Kind.LOCK_RELEASE, proc=proc):
        if int(row["obj"]) not in locks:
            continue      # a semaphore acquired is not held: anyone may release it
        step = 1 if int(row["kind"]) == Kind.LOCK_ACQUIRED else -1
        taken[int(row["obj"])] = taken.get(int(row["obj"]), 0) + step
    return [view.obj_name(obj) for obj, count in sorted(taken.items()) if count > 0]


def _holding(view, proc: int, row, zh: bool = False) -> str:
    """", holding a, at file.py:11": what it keeps others from, and where it waits."""
    held = _held(view, proc)
    site = view.model.wait_site(proc)   # a stuck process waits at its last wait
    where = site.rsplit("/", 1)[-1] if site else ""
    if zh:
        return (f", 持有 {', '.join(held)}" if held else "") + (f", 在 {where}" if where else "")
    return (f", holding {', '.join(held)}" if held else "") + (f", at {where}" if where else "")
