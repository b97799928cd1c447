"""Words for single events, as the event log shows them.  Plain Python (no Qt)."""
from __future__ import annotations

from ipcscope.core.events import Kind, item_pid, item_seq
from ipcscope.core.names import role_note
from ipcscope.gui.plots.lane_text import seconds_text

KIND_WORDS = {
    Kind.PROC_START: "start", Kind.PROC_EXIT: "exit", Kind.TARGET_END: "target ends",
    Kind.CHILD_EXIT: "child exit", Kind.SPAWNED: "spawned", Kind.CHANNEL_CLOSED: "gone",
    Kind.RUN_END: "run end", Kind.RUN_STOPPING: "run stopping", Kind.PUT_BEGIN: "put waits", Kind.PUT_END: "put",
    Kind.PUT_FULL: "Full", Kind.GET_BEGIN: "get waits", Kind.GET_END: "get",
    Kind.GET_EMPTY: "Empty", Kind.TASK_DONE: "task_done", Kind.QJOIN_BEGIN: "join waits",
    Kind.QJOIN_END: "join returns", Kind.SEND: "send", Kind.RECV_BEGIN: "recv waits",
    Kind.RECV_END: "recv", Kind.RECV_EOF: "EOFError", Kind.RECV_CORRUPT: "recv broken",
    Kind.PIPE_CLOSE: "close end", Kind.PIPE_HOLD: "holds end", Kind.LOCK_WAIT: "lock waits",
    Kind.LOCK_ACQUIRED: "lock acquired", Kind.LOCK_RELEASE: "lock released",
    Kind.DICT_READ: "dict read", Kind.DICT_WRITE: "dict write", Kind.WORK_BEGIN: "work",
    Kind.WORK_END: "work done", Kind.GATE_WAIT: "gate waits", Kind.GATE_PASS: "gate opens",
    Kind.PRINT: "print", Kind.EXCEPTION: "exception", Kind.STDERR: "stderr",
    Kind.OBJ_CREATE: "create", Kind.PJOIN_BEGIN: "Process.join waits",
    Kind.PJOIN_END: "Process.join returns", Kind.SYNC_WAIT: "waits on",
    Kind.SYNC_DONE: "wait ends", Kind.SYNC_SIGNAL: "signal", Kind.TASK_FAILED: "task failed",
    Kind.WAIT_SITE: "waits at",
}

KIND_GROUPS = {
    "items (put / get / send / recv)": (Kind.PUT_END, Kind.PUT_FULL, Kind.GET_END,
                                        Kind.GET_EMPTY, Kind.SEND, Kind.RECV_END,
                                        Kind.RECV_EOF, Kind.RECV_CORRUPT, Kind.TASK_DONE),
    "waits and locks": (Kind.PUT_BEGIN, Kind.GET_BEGIN, Kind.RECV_BEGIN, Kind.LOCK_WAIT,
                        Kind.LOCK_ACQUIRED, Kind.LOCK_RELEASE, Kind.QJOIN_BEGIN,
                        Kind.QJOIN_END, Kind.PJOIN_BEGIN, Kind.PJOIN_END, Kind.GATE_WAIT,
                        Kind.GATE_PASS, Kind.SYNC_WAIT, Kind.SYNC_DONE, Kind.SYNC_SIGNAL),
    "prints and errors": (Kind.PRINT, Kind.EXCEPTION, Kind.STDERR, Kind.RECV_CORRUPT,
                          Kind.PUT_FULL, Kind.TASK_FAILED),
    "processes (start / exit)": (Kind.PROC_START, Kind.PROC_EXIT, Kind.TARGET_END,
                                 Kind.CHILD_EXIT, Kind.SPAWNED, Kind.CHANNEL_CLOSED,
                                 Kind.RUN_STOPPING, Kind.RUN_END),
    "shared dict": (Kind.DICT_READ, Kind.DICT_WRITE),
}

PROBLEM_KINDS = {Kind.EXCEPTION, Kind.PUT_FULL, Kind.RECV_CORRUPT, Kind.STDERR,
                 Kind.TASK_FAILED}


def kind_word(kind: int) -> str:
    try:
        return KIND_WORDS.get(Kind(kind), Kind(kind).name.lower())
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
    waited = f", waited {seconds_text(b)}" if b > 0 else ""
    if kind == Kind.PUT_END:
        return f"put item {item_text(model, item)}{waited}"
    if kind == Kind.GET_END:
        what = "None (the sentinel)" if a == 1 else f"item {item_text(model, item)}"
        return f"got {what}{waited}"
    if kind == Kind.PUT_BEGIN:
        return "queue is full: put() waits for room"
    if kind == Kind.PUT_FULL:
        return f"queue.Full: item {item_text(model, item)} lost"
    if kind == Kind.GET_BEGIN:
        limit = "forever" if a < 0 else f"up to {seconds_text(a)}"
        return f"queue is empty: get() waits {limit}"
    if kind == Kind.GET_EMPTY:
        return "queue.Empty" + (f" after {seconds_text(a)}" if a > 0 else " (get_nowait)")
    if kind == Kind.SEND:
        return f"sent item {item_text(model, item)} from end {a}"
    if kind == Kind.RECV_END:
        return f"received item {item_text(model, item)} on end {a}{waited}"
    if kind in (Kind.LOCK_ACQUIRED, Kind.RECV_BEGIN):
        return waited.lstrip(", ")
    if kind in (Kind.DICT_READ, Kind.DICT_WRITE):
        verb = "read" if kind == Kind.DICT_READ else "wrote"
        value = a if b == 1 else "(not a number)"
        return f"{verb} {model.text(row)!s} = {value}"
    if kind == Kind.WORK_BEGIN:
        return f"time.sleep: works for {seconds_text(a)}"
    if kind == Kind.PROC_START:
        daemon = (model.text(row).split("\x1f") + ["", "", ""])[2] == "1"
        proc = int(row["proc"])
        name, record = model.process_name(proc), model.processes.get(proc)
        notes = [role_note(record, name) if record is not None else "",
                 "daemon" if daemon else ""]
        notes_text = ", ".join(note for note in notes if note)
        return f"{name}{f' ({notes_text})' if notes_text else ''} started, pid {a}"
    if kind == Kind.PROC_EXIT:
        return f"exits: {model.text(row)} (code {a})"
    if kind == Kind.CHILD_EXIT:
        return f"process with pid {a} ended with exit code {b}"
    if kind == Kind.SPAWNED:
        return f"started a process, pid {a}"
    if kind in (Kind.PJOIN_BEGIN, Kind.PJOIN_END):
        return f"pid {a}"
    if kind == Kind.OBJ_CREATE:
        return f"{model.text(row)}" + (f", maxsize {a}" if a else "")
    if kind == Kind.EXCEPTION:
        lines = [line for line in model.text(row).splitlines() if line.strip()]
        return lines[-1] if lines else "exception"
    if kind in (Kind.PRINT, Kind.STDERR, Kind.RUN_END, Kind.RUN_STOPPING, Kind.RECV_CORRUPT):
        return model.text(row)
    if kind == Kind.TARGET_END:
        return "raised" if a else "returned"
    return ""
