"""Pipe pitfalls: an end left open (no EOFError ever), and an end shared unlocked."""
from __future__ import annotations

import numpy as np
from ipcscope.core.events import Kind, ObjType

_RECV_DONE = (Kind.RECV_END, Kind.RECV_EOF, Kind.RECV_CORRUPT)


def _pipes(view):
    return [o for o in view.model.objects.values() if o.type == ObjType.PIPE]


def holders(view, obj: int, end: int) -> list[int]:
    """Alive processes that still hold a copy of this end of the pipe."""
    held = view.of(Kind.PIPE_HOLD, obj=obj)
    closed = view.of(Kind.PIPE_CLOSE, obj=obj)
    out = []
    for proc in sorted(set(held[held["a"] == end]["proc"].tolist())):
        mine = closed[(closed["proc"] == proc) & (closed["a"] == end)]
        if not len(mine) and view.alive(proc):
            out.append(proc)
    return out


def pipe_end_left_open(view):
    for pipe in _pipes(view):
        for reader in list(view.model.processes):
            row = view.waiting(reader)
            if row is None or int(row["kind"]) != Kind.RECV_BEGIN or int(row["obj"]) != pipe.obj:
                continue
            if view.now_ns - int(row["t"]) < view.stall_ns:
                continue
            end = int(row["a"])
            open_copies = holders(view, pipe.obj, 1 - end)
            if not open_copies:
                continue
            who = ", ".join(("itself" if p == reader else view.name(p)) for p in open_copies)
            who_zh = ", ".join(("它自己" if p == reader else view.name(p)) for p in open_copies)
            name = view.name(reader)
            yield view.finding(
                "pipe-end-left-open", int(row["t"]),
                f"{name} waits in recv() on {pipe.name} end {end} for EOFError, but the sending "
                f"end (end {1 - end}) is still open in: {who}. EOFError comes only when every "
                f"copy of it is closed, in every process.",
                f"{name} 在 {pipe.name} 端点 {end} 上 recv() 等 EOFError, 但发送端 (端点 "
                f"{1 - end}) 仍在这些进程中打开: {who_zh}。只有所有进程都关闭了它, 才会有 EOFError。",
                "recvp.close()  # in every process that does not send on this end",
                procs=[reader] + [p for p in open_copies if p != reader], objs=[pipe.obj],
                subject=f"{pipe.obj}-{reader}", end=end)


def _recv_windows(view, obj: int, end: int):
    """(start, stop, proc) of every wait in recv on this end."""
    rows = view.of(Kind.RECV_BEGIN, *_RECV_DONE, obj=obj, a=end)
    windows, open_at = [], {}
    for row in rows:
        proc, kind = int(row["proc"]), int(row["kind"])
        if kind == Kind.RECV_BEGIN:
            open_at[proc] = int(row["t"])
        elif proc in open_at:
            windows.append((open_at.pop(proc), int(row["t"]), proc))
    windows += [(t, view.now_ns, proc) for proc, t in open_at.items()]
    return sorted(windows)


def _first_overlap(windows):
    active = []
    for start, stop, proc in windows:
        active = [w for w in active if w[1] > start]
        other = next((w for w in active if w[2] != proc), None)
        if other is not None:
            return start, sorted({proc, other[2]})
        active.append((start, stop, proc))
    return None


def pipe_shared_without_lock(view):
    for pipe in _pipes(view):
        for end in (0, 1):
            readers = _readers(view, pipe.obj, end)
            if len(readers) < 2:
                continue
            overlap = _first_overlap(_recv_windows(view, pipe.obj, end))
            corrupt = view.of(Kind.RECV_CORRUPT, obj=pipe.obj)
            if overlap is None and not len(corrupt):
                continue
            t = overlap[0] if overlap else int(corrupt["t"][0])
            sent = view.count(Kind.SEND, obj=pipe.obj)
            whole = view.count(Kind.RECV_END, obj=pipe.obj)
            died = [p for p in readers if view.model.processes[p].reported_reason.startswith(
                "exception")]
            names = ", ".join(view.names(readers))
            yield view.finding(
                "pipe-shared-without-lock", t,
                f"{names} read {pipe.name} end {end} at the same time: a pipe end is not "
                f"process-safe. {sent} sent, {whole} arrived whole, {len(corrupt)} corrupt"
                + (f"; {', '.join(view.names(died))} died on a broken message" if died else "")
                + ".",
                f"{names} 同时从 {pipe.name} 端点 {end} 读: 管道不是进程安全的。发送 {sent}, "
                f"完整收到 {whole}, 损坏 {len(corrupt)}。",
                "with lock: msg = con.recv()  # one reader at a time, or use a Queue",
                procs=readers, objs=[pipe.obj], subject=f"{pipe.obj}-{end}",
                sent=sent, received_whole=whole, corrupt=len(corrupt),
                lost=max(0, sent - whole - len(corrupt)))


def _readers(view, obj: int, end: int) -> list[int]:
    procs = view.model.columns((Kind.RECV_BEGIN, *_RECV_DONE), ("proc", "a"), obj=obj,
                               before_t=view.stopping_t)
    return sorted(set(np.unique(procs["proc"][procs["a"] == end]).tolist()))
