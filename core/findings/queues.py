"""Queue pitfalls: sentinels, timeouts, task_done, Full, and join before drain."""
from __future__ import annotations

import numpy as np
from ipcscope.core.events import Kind, ObjType

QUEUE_TYPES = (ObjType.QUEUE, ObjType.JOINABLE_QUEUE)


def _queues(view):
    return [o for o in view.model.objects.values() if o.type in QUEUE_TYPES]


def sentinel_shortfall(view):
    for q in _queues(view):
        none_puts = view.of(Kind.PUT_END, obj=q.obj, a=1)   # a=1: the item is None
        if not len(none_puts):
            continue
        putters = set(none_puts["proc"].tolist())
        getters = view.procs_of(Kind.GET_BEGIN, Kind.GET_END, Kind.GET_EMPTY, obj=q.obj)
        consumers = sorted(getters - putters)
        if len(none_puts) >= len(consumers):
            continue
        none_got = view.of(Kind.GET_END, obj=q.obj, a=1)
        if len(none_got) < len(none_puts) or not _putters_done(view, putters, none_puts):
            continue  # sentinels still on the queue, or more may come
        lucky = set(none_got["proc"].tolist())
        left_out = [p for p in consumers if p not in lucky and _still_waiting_or_timed_out(view, p)]
        if not left_out:
            continue
        forever = [p for p in left_out if _waits_forever(view, p, q.obj)]
        t = max(int(none_got["t"].max()), int(none_puts["t"].max()))
        names = ", ".join(view.names(left_out))
        how = "forever" if forever else "until its get(timeout) gives up"
        yield view.finding(
            "sentinel-shortfall", t,
            f"{len(consumers)} consumers share {q.name}, but only {len(none_puts)} None was put: "
            f"{names} will never get one and waits {how}.",
            f"{len(consumers)} 个消费者共用 {q.name}, 却只放了 {len(none_puts)} 个 None: "
            f"{names} 永远等不到 None, 只能一直等到{'永远' if forever else ' get(timeout) 超时'}。",
            "for _ in range(len(consumers)): q.put(None)  # one sentinel per consumer",
            procs=left_out + sorted(lucky), objs=[q.obj],
            sentinels=len(none_puts), consumers=len(consumers))


def _putters_done(view, putters, none_puts) -> bool:
    """No more sentinels will come: each putter has ended, waits, or has been quiet."""
    for proc in putters:
        if not view.alive(proc) or view.waiting(proc) is not None:
            continue
        last = int(none_puts[none_puts["proc"] == proc]["t"].max())
        if view.now_ns - last < view.stall_ns:
            return False
    return True


def _still_waiting_or_timed_out(view, proc) -> bool:
    record = view.model.processes.get(proc)
    return record is not None and (record.alive or record.reported_reason == "timeout")


def _waits_forever(view, proc, obj) -> bool:
    row = view.waiting(proc)
    return row is not None and int(row["kind"]) == Kind.GET_BEGIN and int(row["obj"]) == obj \
        and int(row["a"]) < 0


def consumer_exited_on_timeout(view):
    for row in view.of(Kind.GET_EMPTY):
        proc, timeout_ns = int(row["proc"]), int(row["a"])
        record = view.model.processes.get(proc)
        if timeout_ns <= 0 or record is None or record.reported_reason != "timeout":
            continue
        begins = view.of(Kind.GET_BEGIN, obj=int(row["obj"]), proc=proc)
        begins = begins[begins["t"] <= row["t"]]
        waited = (int(row["t"]) - int(begins["t"][-1])) / 1e9 if len(begins) else timeout_ns / 1e9
        q, name = view.obj_name(int(row["obj"])), view.name(proc)
        yield view.finding(
            "consumer-exited-on-timeout", int(row["t"]),
            f"{name} left because get(timeout) on {q} gave up after {waited:.1f} s "
            f"of waiting, not because it got a sentinel: it could not tell that production ended.",
            f"{name} 等了 {waited:.1f} 秒, get(timeout) 超时才离开, 并不是收到了结束信号: "
            f"它无法知道生产已经结束。",
            "q.put(None)  # once per consumer, after the producers are joined",
            procs=[proc], objs=[int(row["obj"])], subject=str(proc), waited_s=round(waited, 3))


def missing_task_done(view):
    for q in _queues(view):
        if q.type != ObjType.JOINABLE_QUEUE:
            continue
        joiners = [p for p in view.model.processes
                   if _waits_in(view, p, Kind.QJOIN_BEGIN, q.obj)]
        if not joiners:
            continue
        puts = view.count(Kind.PUT_END, obj=q.obj)
        gets = view.columns(Kind.GET_END, names=("proc", "t"), obj=q.obj)
        got_by = gets["proc"]
        unfinished = puts - view.count(Kind.TASK_DONE, obj=q.obj)
        getters = sorted(set(np.unique(got_by).tolist()))
        if unfinished <= 0 or not getters or len(got_by) < puts:
            continue
        if not all(_waits_in(view, p, Kind.GET_BEGIN, q.obj) or not view.alive(p)
                   for p in getters):
            continue
        waits = [view.waiting(p) for p in getters if view.alive(p)]
        t = max([int(w["t"]) for w in waits if w is not None] + [int(gets["t"].max())])
        yield view.finding(
            "missing-task-done", t,
            f"{', '.join(view.names(joiners))} wait(s) in {q.name}.join() for {unfinished} "
            f"unfinished task(s), but every consumer ({', '.join(view.names(getters))}) is "
            f"waiting for more items: nobody calls task_done(), so join() never returns.",
            f"{', '.join(view.names(joiners))} 在 {q.name}.join() 中等待 {unfinished} 个未完成的"
            f"任务, 但所有消费者都在等新的数据: 没有人调用 task_done(), join() 永远不会返回。",
            "q.task_done()  # after handling each item got from a JoinableQueue",
            procs=joiners + getters, objs=[q.obj], unfinished=unfinished)


def _waits_in(view, proc, kind, obj) -> bool:
    row = view.waiting(proc)
    return row is not None and int(row["kind"]) == kind and int(row["obj"]) == obj


def item_dropped_on_full(view):
    for q in _queues(view):
        full = view.of(Kind.PUT_FULL, obj=q.obj)
        if not len(full):
            continue
        procs = sorted(set(full["proc"].tolist()))
        first = full[0]
        yield view.finding(
            "item-dropped-on-full", int(first["t"]),
            f"put_nowait found {q.name} full {len(full)} time(s): those items were lost "
            f"(first by {view.name(int(first['proc']))}).",
            f"put_nowait 发现 {q.name} 已满 {len(full)} 次: 这些数据都丢了。",
            "q.put(item)  # waits for room instead of losing the item",
            procs=procs, objs=[q.obj], lost=len(full))


def join_before_drain(view):
    for proc in list(view.model.processes):
        row = view.waiting(proc)
        if row is None or int(row["kind"]) != Kind.PJOIN_BEGIN:
            continue
        child = view.model.proc_of_pid(int(row["a"]))
        if child is None or not view.alive(child) or view.now_ns - int(row["t"]) < view.stall_ns:
            continue
        child_row = view.waiting(child)
        if child_row is None or int(child_row["kind"]) != Kind.TARGET_END:
            continue
        for q in _queues(view):
            gets = view.columns(Kind.GET_END, names=("t", "item"), obj=q.obj)
            if len(gets["t"]) and view.now_ns - int(gets["t"].max()) < view.stall_ns:
                continue     # someone is still reading: the child will get out (a flood)
            put_items = view.columns(Kind.PUT_END, names=("item",), obj=q.obj, proc=child)
            unread = np.setdiff1d(put_items["item"], gets["item"])
            if not len(unread):
                continue
            parent, kid = view.name(proc), view.name(child)
            yield view.finding(
                "join-before-drain", int(row["t"]),
                f"{parent} joins {kid}, but {kid} cannot exit: {len(unread)} item(s) it put on "
                f"{q.name} are still unread, and a process does not exit until what it put "
                f"is flushed into the pipe. Nobody reads, so both wait forever.",
                f"{parent} 在 join {kid}, 但 {kid} 无法退出: 它放进 {q.name} 的 {len(unread)} "
                f"个数据还没有被取走, 进程要等数据写进管道才能退出。没人读, 两者永远互相等待。",
                "items = [q.get() for _ in range(n)]; p.join()  # drain the queue, then join",
                procs=[proc, child], objs=[q.obj], subject=f"{proc}-{child}", unread=len(unread))
