"""Plain words for what a process is waiting on (English and Chinese)."""
from __future__ import annotations

from ipcscope.core.events import Kind

# kind -> (English, Chinese); {name} is the object, {a} the row's `a`, {who} a joined process
_WAITS = {
    Kind.GET_BEGIN: ("waits in get() on {name}", "在 {name} 上 get() 等待"),
    Kind.PUT_BEGIN: ("waits in put() on the full {name}", "在已满的 {name} 上 put() 等待"),
    Kind.RECV_BEGIN: ("waits in recv() on {name} end {a}", "在 {name} 端点 {a} 上 recv() 等待"),
    Kind.LOCK_WAIT: ("waits for {name}", "等待 {name}"),
    Kind.SYNC_WAIT: ("waits on {name}", "在 {name} 上等待"),
    Kind.QJOIN_BEGIN: ("waits in {name}.join()", "在 {name}.join() 中等待"),
    Kind.PJOIN_BEGIN: ("waits to join {who}", "等待 join {who}"),
    Kind.GATE_WAIT: ("waits at the start gate", "在起跑门前等待"),
    Kind.TARGET_END: ("has finished but cannot exit (its queued data is not yet flushed)",
                      "已完成但无法退出 (队列数据尚未发送完)"),
}


def _words(view, row, language: int) -> str:
    kind, a = int(row["kind"]), int(row["a"])
    if kind not in _WAITS:
        return ("is busy", "正在运行")[language]
    who = ""
    if kind == Kind.PJOIN_BEGIN:
        proc = view.model.proc_of_pid(a)
        who = view.name(proc) if proc is not None else f"pid {a}"
    text = _WAITS[kind][language].format(name=view.obj_name(int(row["obj"])), a=a, who=who)
    if kind == Kind.GET_BEGIN and a > 0 and language == 0:
        text += f" (for up to {a / 1e9:g} s)"
    return text


def waiting_on(view, row) -> str:
    return _words(view, row, 0)


def waiting_on_zh(view, row) -> str:
    return _words(view, row, 1)
