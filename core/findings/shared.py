"""Shared-state pitfalls: lost updates on a Manager dict, a Value, an Array or a
ShareableList (read, then write, unlocked); a shared memory block never unlinked."""
from __future__ import annotations

from ipcscope.core.events import Kind, ObjType


def _windows(view, obj: int, key: str):
    """Read-modify-write windows: (proc, value read, t read, value written, t written)."""
    rows = view.of(Kind.DICT_READ, Kind.DICT_WRITE, obj=obj)
    rows = rows[rows["b"] == 1]
    rows = rows[[view.model.text(row) == key for row in rows]]   # where it ended: this key's
    pending, windows = {}, []
    for row in rows:
        proc, value, t = int(row["proc"]), int(row["a"]), int(row["t"])
        if int(row["kind"]) == Kind.DICT_READ:
            pending[proc] = (value, t)
        elif proc in pending:
            read, t_read = pending.pop(proc)
            windows.append((proc, read, t_read, value, t))
    return windows, rows


def lost_update(view):
    for d in [o for o in view.model.objects.values()
              if o.type in (ObjType.DICT, ObjType.VALUE, ObjType.LIST,
                            ObjType.SHAREABLE_LIST)]:
        keys = {view.model.text(r) for r in view.of(Kind.DICT_WRITE, obj=d.obj)}
        for key in sorted(keys):
            yield from _lost_on_key(view, d, key)


def _lost_on_key(view, d, key):
    windows, rows = _windows(view, d.obj, key)
    if len(windows) < 2:
        return
    writes = [(t, proc, value) for proc, _, _, value, t in windows]
    step = windows[0][3] - windows[0][1]          # what one update does, e.g. -1
    if step == 0 or any(w[3] - w[1] != step for w in windows):
        return  # not a repeated read-modify-write of one step: nothing to count
    # Where it started: the read furthest back against the step.  (Not the first window's
    # read: a write is stamped after the manager answers, so a process delayed there can
    # stamp the first update after a later one, whose read had already moved on.)
    reads = [read for _, read, _, _, _ in windows]
    first, last = (max(reads) if step < 0 else min(reads)), int(rows[-1]["a"])
    lost = len(windows) - (last - first) // step
    if lost <= 0:
        return
    overwrites = []
    for proc, read, t_read, value, t_write in windows:
        for t, other, other_value in writes:
            if other != proc and t_read < t < t_write:
                overwrites.append((t_write, proc, other, read, value))
                break
    overwrites.sort()
    t = overwrites[0][0] if overwrites else windows[-1][4]
    examples = [f"{view.name(p)} read {r} and wrote {w} over {view.name(o)}'s update"
                for _, p, o, r, w in overwrites[:3]]
    procs = sorted({p for _, p, o, _, _ in overwrites} | {o for _, _, o, _, _ in overwrites})
    # a Value is v.value; a dict, list or Array d['key'] / a[0]
    what = f"{d.name}.value" if d.type == ObjType.VALUE else \
        f"{d.name}{key}" if key.startswith("[") else f"{d.name}['{key}']"
    short = "v.value" if d.type == ObjType.VALUE else \
        f"a{key}" if key.startswith("[") else f"d['{key}']"
    change = f"{short} += {step}" if step > 0 else f"{short} -= {-step}"
    lock = "with v.get_lock()" if d.type == ObjType.VALUE else "with lock"
    yield view.finding(
        "lost-update", t,
        f"{lost} of {len(windows)} updates to {what} were lost: it went from "
        f"{first} to {last}, not {first + step * len(windows)}. {change} reads, then "
        f"writes; between the two, others wrote. " + ("; ".join(examples) + "." if examples else ""),
        f"{what} 的 {len(windows)} 次更新丢了 {lost} 次: 从 {first} 变成 {last}, "
        f"而不是 {first + step * len(windows)}。{change} 先读再写, 中间别的进程也写了。",
        f"{lock}: {change}  # read and write as one step",
        procs=procs[:12], objs=[d.obj], subject=f"{d.obj}-{key}", lost=lost,
        updates=len(windows), first=first, final=last,
        overlaps=[{"process": view.name(p), "read": r, "wrote": w, "over": view.name(o)}
                  for _, p, o, r, w in overwrites[:20]])


def shared_memory_not_unlinked(view):
    """A SharedMemory block (or a ShareableList's) the program made and no process
    unlinked by the time the run ended by itself: it outlives the program in /dev/shm
    until the resource tracker removes it (with a warning), for good if that is killed.
    Only a run that completed says so: a stopped or crashed one never reached its
    cleanup."""
    if view.status != "completed":
        return
    unlinked = set(view.of(Kind.SHM_UNLINK)["obj"].tolist())
    for row in view.of(Kind.SHM_CREATE):
        obj = int(row["obj"])
        if obj in unlinked:
            continue
        record = view.model.objects.get(obj)
        name = record.name if record else f"object {obj}"
        block = f"{name}.shm" if record and record.type == ObjType.SHAREABLE_LIST else name
        maker, os_name = int(row["proc"]), view.model.text(row)
        yield view.finding(
            "shared-memory-not-unlinked", view.now_ns,
            f"{name} ({os_name}, made by {view.name(maker)}) was never unlinked: the block "
            f"outlives the program in /dev/shm until the resource tracker removes it with a "
            f"warning, and for good if the program is killed.",
            f"{name} ({os_name}, 由 {view.name(maker)} 创建) 从未被 unlink: 程序结束后它仍留在 "
            f"/dev/shm 中, 直到 resource tracker 带着警告删除它; 程序若被杀死, 它就永远留下。",
            f"{block}.close(); {block}.unlink()  # once, when every process is done with it",
            procs=[maker], objs=[obj], subject=str(obj), block=os_name)
