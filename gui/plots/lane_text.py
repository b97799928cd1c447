"""Words for the activity lanes: what hovering a lane says (the lanes' names and order
are the model's: core/names.py).  Plain Python (no Qt), so it is tested without a window."""
from __future__ import annotations

from ipcscope.core.events import Kind, ObjType
from ipcscope.core.spans import Activity, ItemWay
from ipcscope.gui.colors import ACTIVITY_STYLES, exit_words


def seconds_text(ns: int) -> str:
    s = ns / 1e9
    if s >= 10:
        return f"{s:.1f} s"
    if s >= 0.1:
        return f"{s:.2f} s"
    return f"{s * 1000:.1f} ms"


def object_text(model, obj: int) -> str:
    record = model.objects.get(obj)
    if record is None:
        return f"object {obj}"
    if record.type in (ObjType.QUEUE, ObjType.JOINABLE_QUEUE, ObjType.SIMPLE_QUEUE):
        kind = {ObjType.JOINABLE_QUEUE: "JoinableQueue",
                ObjType.SIMPLE_QUEUE: "SimpleQueue"}.get(record.type, "Queue")
        return f"{record.name} ({kind}({record.maxsize or ''}))"
    return record.name


def describe_way(way: ItemWay, model, label_of) -> str:
    """An item's way in one line: who → what → who, when, and how long it sat there."""
    t0 = model.t0 or 0
    where = object_text(model, way.obj)
    is_pipe = way.obj in model.objects and model.objects[way.obj].type == ObjType.PIPE
    put, got = ("sent", "received") if is_pipe else ("put", "got")
    sender = label_of(way.sender) if way.sender is not None else "?"
    if way.lost:
        return (f"{sender} → {where}: put_nowait at {seconds_text(way.sent_t - t0)} "
                f"raised queue.Full — this item was lost")
    if way.receiver is None:
        return (f"{sender} → {where} → (nobody yet): {put} at "
                f"{seconds_text(way.sent_t - t0)}, still waiting to be taken")
    receiver = label_of(way.receiver)
    if way.sent_t is None:
        return f"? → {where} → {receiver}: {got} at {seconds_text(way.received_t - t0)}"
    return (f"{sender} → {where} → {receiver}: {put} at {seconds_text(way.sent_t - t0)}, "
            f"{got} at {seconds_text(way.received_t - t0)} — "
            f"{seconds_text(way.waited_ns)} in the {'pipe' if is_pipe else 'queue'}")


def describe_span(label: str, state: int, start: int, end: int, obj: int, model,
                  still_open: bool = False, speed: float = 1.0) -> str:
    style = ACTIVITY_STYLES[Activity(state)]
    t0 = model.t0 or 0
    where = f" ({object_text(model, obj)})" if obj and obj in model.objects else ""
    span = (f"since {seconds_text(start - t0)}" if still_open else
            f"{seconds_text(start - t0)} → {seconds_text(end - t0)}")
    at_1x = f" (= {seconds_text(int((end - start) * speed))} at 1× speed)" if speed != 1 else ""
    return f"{label}: {style.label}{where} for {seconds_text(end - start)}{at_1x}, {span}"


def describe_exit(label: str, record, model) -> str:
    t0 = model.t0 or 0
    code = "?" if record.exitcode is None else record.exitcode
    return (f"{label} exited at {seconds_text(record.t_end - t0)}: "
            f"{exit_words(record.exit_reason)} (exit code {code})")


def describe_dict_access(label: str, mark, model) -> str:
    """A read or a write of the shared dict, with the value it saw or left."""
    t0 = model.t0 or 0
    index = int(mark["item"])
    key = model.strings[index] if 0 <= index < len(model.strings) else "?"
    value = int(mark["a"]) if int(mark["b"]) else "(not a number)"
    verb = "read" if int(mark["kind"]) == Kind.DICT_READ else "wrote"
    return (f"{label} {verb} {key} = {value} at {seconds_text(int(mark['t']) - t0)} "
            f"(each is one round trip to the Manager process)")
