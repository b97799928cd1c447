"""Words for the activity lanes: what hovering a lane says (the lanes' names and order
are the model's: core/names.py), in the window's language.  No widgets, so it is
tested without a window."""
from __future__ import annotations

from ipcscope.core.events import Kind, ObjType
from ipcscope.core.spans import Activity, ItemWay
from ipcscope.gui.colors import ACTIVITY_STYLES, exit_words, words
from ipcscope.gui.i18n import translate


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
        return translate("LaneText", "object {n}").format(n=obj)
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
    sender = label_of(way.sender) if way.sender is not None else "?"
    if way.lost:
        return f"{sender} → {where}: " + translate(
            "LaneText", "put_nowait at {t} raised queue.Full — this item was lost").format(
            t=seconds_text(way.sent_t - t0))
    if way.receiver is None:
        said = translate("LaneText", "(nobody yet): sent at {t}, still waiting to be taken") \
            if is_pipe else \
            translate("LaneText", "(nobody yet): put at {t}, still waiting to be taken")
        return f"{sender} → {where} → " + said.format(t=seconds_text(way.sent_t - t0))
    receiver = label_of(way.receiver)
    if way.sent_t is None:
        said = translate("LaneText", "received at {t}") if is_pipe else \
            translate("LaneText", "got at {t}")
        return f"? → {where} → {receiver}: " + said.format(t=seconds_text(way.received_t - t0))
    said = translate("LaneText", "sent at {sent}, received at {got} — {waited} in the pipe") \
        if is_pipe else \
        translate("LaneText", "put at {sent}, got at {got} — {waited} in the queue")
    return f"{sender} → {where} → {receiver}: " + said.format(
        sent=seconds_text(way.sent_t - t0), got=seconds_text(way.received_t - t0),
        waited=seconds_text(way.waited_ns))


def describe_span(label: str, state: int, start: int, end: int, obj: int, model,
                  still_open: bool = False, speed: float = 1.0) -> str:
    style = ACTIVITY_STYLES[Activity(state)]
    t0 = model.t0 or 0
    where = f" ({object_text(model, obj)})" if obj and obj in model.objects else ""
    span = (translate("LaneText", "since {t}").format(t=seconds_text(start - t0)) if still_open
            else f"{seconds_text(start - t0)} → {seconds_text(end - t0)}")
    at_1x = translate("LaneText", " (= {d} at 1× speed)").format(
        d=seconds_text(int((end - start) * speed))) if speed != 1 else ""
    said = translate("LaneText", "{state}{where} for {d}").format(
        state=words(style.label), where=where, d=seconds_text(end - start))
    return f"{label}: {said}{at_1x}, {span}"


def describe_exit(label: str, record, model) -> str:
    t0 = model.t0 or 0
    code = "?" if record.exitcode is None else record.exitcode
    return translate("LaneText", "{name} exited at {t}: {why} (exit code {code})").format(
        name=label, t=seconds_text(record.t_end - t0), why=exit_words(record.exit_reason),
        code=code)


def describe_dict_access(label: str, mark, model) -> str:
    """A read or a write of the shared dict, with the value it saw or left."""
    t0 = model.t0 or 0
    index = int(mark["item"])
    key = model.strings[index] if 0 <= index < len(model.strings) else "?"
    value = int(mark["a"]) if int(mark["b"]) else translate("EventText", "(not a number)")
    said = translate("LaneText", "{name} read {key} = {value} at {t} (each is one round trip "
                     "to the Manager process)") if int(mark["kind"]) == Kind.DICT_READ else \
        translate("LaneText", "{name} wrote {key} = {value} at {t} (each is one round trip "
                  "to the Manager process)")
    return said.format(name=label, key=key, value=value, t=seconds_text(int(mark['t']) - t0))
