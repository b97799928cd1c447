"""Plain words for what a process is waiting on."""
from __future__ import annotations

from core.events import Kind


def waiting_on(view, row) -> str:
    kind, obj, a = int(row["kind"]), int(row["obj"]), int(row["a"])
    name = view.obj_name(obj)
    if kind == Kind.GET_BEGIN:
        return f"waits in get() on {name}" + (f" (for up to {a / 1e9:g} s)" if a > 0 else "")
    if kind == Kind.PUT_BEGIN:
        return f"waits in put() on the full {name}"
    if kind == Kind.RECV_BEGIN:
        return f"waits in recv() on {name} end {a}"
    if kind == Kind.LOCK_WAIT:
        return f"waits for {name}"
    if kind == Kind.QJOIN_BEGIN:
        return f"waits in {name}.join()"
    if kind == Kind.PJOIN_BEGIN:
        proc = view.model.proc_of_pid(a)
        return f"waits to join {view.name(proc) if proc is not None else f'pid {a}'}"
    if kind == Kind.GATE_WAIT:
        return "waits at the start gate"
    if kind == Kind.TARGET_END:
        return "has finished but cannot exit (its queued data is not yet flushed)"
    return "is busy"


def waiting_on_zh(view, row) -> str:
    kind, obj, a = int(row["kind"]), int(row["obj"]), int(row["a"])
    name = view.obj_name(obj)
    if kind == Kind.GET_BEGIN:
        return f"在 {name} 上 get() 等待"
    if kind == Kind.PUT_BEGIN:
        return f"在已满的 {name} 上 put() 等待"
    if kind == Kind.RECV_BEGIN:
        return f"在 {name} 端点 {a} 上 recv() 等待"
    if kind == Kind.LOCK_WAIT:
        return f"等待 {name}"
    if kind == Kind.QJOIN_BEGIN:
        return f"在 {name}.join() 中等待"
    if kind == Kind.PJOIN_BEGIN:
        proc = view.model.proc_of_pid(a)
        return f"等待 join {view.name(proc) if proc is not None else a}"
    if kind == Kind.GATE_WAIT:
        return "在起跑门前等待"
    if kind == Kind.TARGET_END:
        return "已完成但无法退出 (队列数据尚未发送完)"
    return "正在运行"
