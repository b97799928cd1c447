"""Words for single events, as the event log shows them, in the window's language
(the English sources here; `translate` looks them up)."""
from __future__ import annotations

from ipcscope.core.events import Kind, item_pid, item_seq
from ipcscope.core.names import role_note
from ipcscope.gui.colors import exit_words
from ipcscope.gui.core_texts import core_text
from ipcscope.gui.i18n import translate
from ipcscope.gui.plots.lane_text import seconds_text
from PySide6.QtCore import QT_TRANSLATE_NOOP

KIND_WORDS = {
    Kind.PROC_START: QT_TRANSLATE_NOOP("EventText", "start"),
    Kind.PROC_EXIT: QT_TRANSLATE_NOOP("EventText", "exit"),
    Kind.TARGET_END: QT_TRANSLATE_NOOP("EventText", "target ends"),
    Kind.CHILD_EXIT: QT_TRANSLATE_NOOP("EventText", "child exit"),
    Kind.SPAWNED: QT_TRANSLATE_NOOP("EventText", "spawned"),
    Kind.CHANNEL_CLOSED: QT_TRANSLATE_NOOP("EventText", "gone"),
    Kind.RUN_END: QT_TRANSLATE_NOOP("EventText", "run end"),
    Kind.RUN_STOPPING: QT_TRANSLATE_NOOP("EventText", "run stopping"),
    Kind.PUT_BEGIN: QT_TRANSLATE_NOOP("EventText", "put waits"),
    Kind.PUT_END: QT_TRANSLATE_NOOP("EventText", "put"),
    Kind.PUT_FULL: QT_TRANSLATE_NOOP("EventText", "Full"),
    Kind.GET_BEGIN: QT_TRANSLATE_NOOP("EventText", "get waits"),
    Kind.GET_END: QT_TRANSLATE_NOOP("EventText", "get"),
    Kind.GET_EMPTY: QT_TRANSLATE_NOOP("EventText", "Empty"),
    Kind.TASK_DONE: QT_TRANSLATE_NOOP("EventText", "task_done"),
    Kind.QJOIN_BEGIN: QT_TRANSLATE_NOOP("EventText", "join waits"),
    Kind.QJOIN_END: QT_TRANSLATE_NOOP("EventText", "join returns"),
    Kind.SEND: QT_TRANSLATE_NOOP("EventText", "send"),
    Kind.RECV_BEGIN: QT_TRANSLATE_NOOP("EventText", "recv waits"),
    Kind.RECV_END: QT_TRANSLATE_NOOP("EventText", "recv"),
    Kind.RECV_EOF: QT_TRANSLATE_NOOP("EventText", "EOFError"),
    Kind.RECV_CORRUPT: QT_TRANSLATE_NOOP("EventText", "recv broken"),
    Kind.PIPE_CLOSE: QT_TRANSLATE_NOOP("EventText", "close end"),
    Kind.PIPE_HOLD: QT_TRANSLATE_NOOP("EventText", "holds end"),
    Kind.LOCK_WAIT: QT_TRANSLATE_NOOP("EventText", "lock waits"),
    Kind.LOCK_ACQUIRED: QT_TRANSLATE_NOOP("EventText", "lock acquired"),
    Kind.LOCK_RELEASE: QT_TRANSLATE_NOOP("EventText", "lock released"),
    Kind.DICT_READ: QT_TRANSLATE_NOOP("EventText", "dict read"),
    Kind.DICT_WRITE: QT_TRANSLATE_NOOP("EventText", "dict write"),
    Kind.WORK_BEGIN: QT_TRANSLATE_NOOP("EventText", "work"),
    Kind.WORK_END: QT_TRANSLATE_NOOP("EventText", "work done"),
    Kind.GATE_WAIT: QT_TRANSLATE_NOOP("EventText", "gate waits"),
    Kind.GATE_PASS: QT_TRANSLATE_NOOP("EventText", "gate opens"),
    Kind.PRINT: QT_TRANSLATE_NOOP("EventText", "print"),
    Kind.EXCEPTION: QT_TRANSLATE_NOOP("EventText", "exception"),
    Kind.STDERR: QT_TRANSLATE_NOOP("EventText", "stderr"),
    Kind.OBJ_CREATE: QT_TRANSLATE_NOOP("EventText", "create"),
    Kind.PJOIN_BEGIN: QT_TRANSLATE_NOOP("EventText", "Process.join waits"),
    Kind.PJOIN_END: QT_TRANSLATE_NOOP("EventText", "Process.join returns"),
    Kind.SYNC_WAIT: QT_TRANSLATE_NOOP("EventText", "waits on"),
    Kind.SYNC_DONE: QT_TRANSLATE_NOOP("EventText", "wait ends"),
    Kind.SYNC_SIGNAL: QT_TRANSLATE_NOOP("EventText", "signal"),
    Kind.TASK_FAILED: QT_TRANSLATE_NOOP("EventText", "task failed"),
    Kind.WAIT_SITE: QT_TRANSLATE_NOOP("EventText", "waits at"),
}

KIND_GROUPS = {
    QT_TRANSLATE_NOOP("EventText", "items (put / get / send / recv)"):
        (Kind.PUT_END, Kind.PUT_FULL, Kind.GET_END, Kind.GET_EMPTY, Kind.SEND,
         Kind.RECV_END, Kind.RECV_EOF, Kind.RECV_CORRUPT, Kind.TASK_DONE),
    QT_TRANSLATE_NOOP("EventText", "waits and locks"):
        (Kind.PUT_BEGIN, Kind.GET_BEGIN, Kind.RECV_BEGIN, Kind.LOCK_WAIT,
         Kind.LOCK_ACQUIRED, Kind.LOCK_RELEASE, Kind.QJOIN_BEGIN, Kind.QJOIN_END,
         Kind.PJOIN_BEGIN, Kind.PJOIN_END, Kind.GATE_WAIT, Kind.GATE_PASS, Kind.SYNC_WAIT,
         Kind.SYNC_DONE, Kind.SYNC_SIGNAL),
    QT_TRANSLATE_NOOP("EventText", "prints and errors"):
        (Kind.PRINT, Kind.EXCEPTION, Kind.STDERR, Kind.RECV_CORRUPT, Kind.PUT_FULL,
         Kind.TASK_FAILED),
    QT_TRANSLATE_NOOP("EventText", "processes (start / exit)"):
        (Kind.PROC_START, Kind.PROC_EXIT, Kind.TARGET_END, Kind.CHILD_EXIT, Kind.SPAWNED,
         Kind.CHANNEL_CLOSED, Kind.RUN_STOPPING, Kind.RUN_END),
    QT_TRANSLATE_NOOP("EventText", "shared dict"):
        (Kind.DICT_READ, Kind.DICT_WRITE),
}

PROBLEM_KINDS = {Kind.EXCEPTION, Kind.PUT_FULL, Kind.RECV_CORRUPT, Kind.STDERR,
                 Kind.TASK_FAILED}


def kind_word(kind: int) -> str:
    try:
        word = KIND_WORDS.get(Kind(kind))
        return translate("EventText", word) if word else Kind(kind).name.lower()
    except ValueError:
        return f"kind {kind}"



def item_text(model, item: int) -> str:
    proc = model.proc_of_pid(item_pid(item))
    who = model.process_name(proc) if proc is not None else f"pid {item_pid(item)}"
    return f"{who}#{item_seq(item)}"


def detail(model, row) -> str:
    """One line about one event (a traceback's last line only)."""
    kind, a, b = int(row["kind"]), int(row["a"]), int(row["b"])
    item = int(row["item"])
    waited = translate("EventText", ", waited {s}").format(s=seconds_text(b)) if b > 0 else ""
    if kind == Kind.PUT_END:
        return translate("EventText", "put item {item}").format(item=item_text(model, item)) + waited
    if kind == Kind.GET_END:
        if a == 1:
            return translate("EventText", "got None (the sentinel)") + waited
        return translate("EventText", "got item {item}").format(item=item_text(model, item)) + waited
    if kind == Kind.PUT_BEGIN:
        return translate("EventText", "queue is full: put() waits for room")
    if kind == Kind.PUT_FULL:
        return translate("EventText", "queue.Full: item {item} lost").format(
            item=item_text(model, item))
    if kind == Kind.GET_BEGIN:
        if a < 0:
            return translate("EventText", "queue is empty: get() waits forever")
        return translate("EventText", "queue is empty: get() waits up to {s}").format(
            s=seconds_text(a))
    if kind == Kind.GET_EMPTY:
        return "queue.Empty" + (translate("EventText", " after {s}").format(s=seconds_text(a))
                                if a > 0 else " (get_nowait)")
    if kind == Kind.SEND:
        return translate("EventText", "sent item {item} from end {end}").format(
            item=item_text(model, item), end=a)
    if kind == Kind.RECV_END:
        return translate("EventText", "received item {item} on end {end}").format(
            item=item_text(model, item), end=a) + waited
    if kind in (Kind.LOCK_ACQUIRED, Kind.RECV_BEGIN):
        return waited.lstrip(", ")
    if kind in (Kind.DICT_READ, Kind.DICT_WRITE):
        value = a if b == 1 else translate("EventText", "(not a number)")
        said = translate("EventText", "read {key} = {value}") if kind == Kind.DICT_READ else \
            translate("EventText", "wrote {key} = {value}")
        return said.format(key=model.text(row), value=value)
    if kind == Kind.WORK_BEGIN:
        return translate("EventText", "time.sleep: works for {s}").format(s=seconds_text(a))
    if kind == Kind.PROC_START:
        daemon = (model.text(row).split("\x1f") + ["", "", ""])[2] == "1"
        proc = int(row["proc"])
        name, record = model.process_name(proc), model.processes.get(proc)
        notes = [role_note(record, name) if record is not None else "",
                 "daemon" if daemon else ""]
        notes_text = ", ".join(note for note in notes if note)
        named = f"{name} ({notes_text})" if notes_text else name
        return translate("EventText", "{name} started, pid {pid}").format(name=named, pid=a)
    if kind == Kind.PROC_EXIT:
        return translate("EventText", "exits: {why} (code {code})").format(
            why=exit_words(model.text(row)), code=a)
    if kind == Kind.CHILD_EXIT:
        return translate("EventText", "process with pid {pid} ended with exit code {code}").format(
            pid=a, code=b)
    if kind == Kind.SPAWNED:
        return translate("EventText", "started a process, pid {pid}").format(pid=a)
    if kind in (Kind.PJOIN_BEGIN, Kind.PJOIN_END):
        return f"pid {a}"
    if kind == Kind.OBJ_CREATE:
        return f"{model.text(row)}" + (f", maxsize {a}" if a else "")
    if kind == Kind.EXCEPTION:
        lines = [line for line in model.text(row).splitlines() if line.strip()]
        return lines[-1] if lines else "exception"
    if kind in (Kind.RUN_END, Kind.RUN_STOPPING):       # how the run ends: core's words
        return core_text(model.text(row))
    if kind in (Kind.PRINT, Kind.STDERR, Kind.RECV_CORRUPT):   # the program's own
        return model.text(row)
    if kind == Kind.TARGET_END:
        return translate("EventText", "raised") if a else translate("EventText", "returned")
    return ""
