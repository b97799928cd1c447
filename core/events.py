"""The event record: one fixed 38-byte row per thing a traced process did.

Children pack rows with `struct` (they never import numpy, so they start fast); the
supervisor reads a whole batch at once with numpy using the same layout.

Row fields
    t      time.monotonic_ns() when it happened (one clock for every process on a machine)
    kind   a `Kind` below
    obj    which queue / pipe / lock / dict (small integer, see OBJ_CREATE)
    proc   the run's own process number (0 = the scenario's main); children send the
           high 16 bits of a 32-bit object id here (0 for ids below 2**15) and the
           supervisor turns that id into a small one, then fills in the process number;
           -1 marks what the supervisor itself observed
    item   producer's OS pid << 32 | sequence, so a get can be matched to its put;
           for kinds in TEXT_KINDS it is instead an index into the batch's strings
    a, b   two integers whose meaning depends on the kind (see the table in `Kind`)
"""
from __future__ import annotations

import enum
import struct

WIRE = struct.Struct("<qhhhqqq")  # t, kind, obj, proc, item, a, b
RECORD_SIZE = WIRE.size  # 38 bytes
BATCH_HEADER = struct.Struct("<IIII")  # rows, strings, text bytes, rows dropped before
STRING_SEPARATOR = "\x00"

NUMPY_FIELDS = [
    ("t", "<i8"), ("kind", "<i2"), ("obj", "<i2"), ("proc", "<i2"),
    ("item", "<i8"), ("a", "<i8"), ("b", "<i8"),
]


class Kind(enum.IntEnum):
    """What happened.  `a` / `b` meanings follow each name."""
    PROC_START = 1      # item=text "name\x1frole\x1fdaemon", a=os pid, b=parent os pid
    PROC_EXIT = 2       # item=text reason, a=exit code, b=signal number (0 if none)
    TARGET_END = 3      # the target function returned (a=0) or raised (a=1)
    CHILD_EXIT = 4      # reported by the parent: a=child's os pid, b=exit code (<0: signal)
    SPAWNED = 7         # by a parent: it started a child with os pid a
    RUN_STOPPING = 8    # by the supervisor: it starts ending the run; item=text why (status)
    TERMINATE = 9       # by a parent: terminate() / kill() sends signal b to its child, pid a
    CHANNEL_CLOSED = 5  # by the supervisor: this process's channel hit EOF (it is gone)
    RUN_END = 6         # by the supervisor: item=text status
    PUT_BEGIN = 10      # a put has to wait (queue full or lock busy); a=timeout ns or -1
    PUT_END = 11        # item put; a=1 if the value is None (a sentinel); b=ns spent waiting
    PUT_FULL = 12       # put_nowait / put(timeout) raised Full: the item is lost
    GET_BEGIN = 13      # a get waited (≥ 1 ms, stamped when it began); a=timeout ns or -1
    GET_END = 14        # item got; a=1 if the value is None (a sentinel); b=ns spent waiting
    GET_EMPTY = 15      # get_nowait / get(timeout) raised Empty; a=timeout ns (0: nowait);
                        # b=ns spent waiting
    TASK_DONE = 16
    QJOIN_BEGIN = 17    # JoinableQueue.join() starts waiting
    QJOIN_END = 18
    SEND = 20           # a pipe end sent an item
    RECV_BEGIN = 21     # recv has to wait
    RECV_END = 22       # b=ns spent waiting
    RECV_EOF = 23       # recv raised EOFError
    RECV_CORRUPT = 24   # what arrived was not a whole message; item=text what went wrong
    PIPE_CLOSE = 25     # a=which end (0 / 1)
    PIPE_HOLD = 26      # this process holds a copy of end a (it got it as an argument)
    LOCK_WAIT = 30      # the lock is taken by someone else: waiting
    LOCK_ACQUIRED = 31  # b=ns spent waiting
    LOCK_RELEASE = 32
    SYNC_WAIT = 33      # waiting on a Condition, Event or Barrier; a=timeout ns or -1
    SYNC_DONE = 34      # that wait ended: a=1 woken (or passed), 0 timed out / broken
    SYNC_SIGNAL = 35    # notify / notify_all / set / clear / an arrival at a Barrier
    WAIT_SITE = 36      # the program's line a wait just shown waits at: item=text
                        # "path:LINE", obj=what it waits on (a traced program only)
    WAIT_ON = 37        # one thing a connection.wait() is about to wait on (said just
                        # before its SYNC_WAIT): obj=a traced connection's pipe (0: not
                        # one), a=its end (-1: not a traced end), b=os pid of the child
                        # whose sentinel it is (0: none)
    WAIT_READY = 38     # one thing that was ready when that wait returned: as WAIT_ON
    DICT_READ = 40      # item=text key, a=value read (ints only, else 0), b=1 if a is meaningful
    DICT_WRITE = 41     # item=text key, a=value written, b=1 if a is meaningful
    SHM_CREATE = 44     # a shared memory block made: item=text its name in the OS, a=size
    SHM_ATTACH = 45     # a process attached to an existing block by name: a=size
    SHM_CLOSE = 46      # this process closed its view of the block
    SHM_UNLINK = 47     # the block was unlinked (gone from /dev/shm once all close it)
    WORK_BEGIN = 50     # the scenario's time.sleep: a=ns it will take
    WORK_END = 51
    GATE_WAIT = 52      # waiting at a start gate so racers start together
    GATE_PASS = 53
    PRINT = 60          # item=text
    EXCEPTION = 61      # item=text traceback
    STDERR = 62         # item=text: a line the run wrote to stderr outside our tracing
    TASK_FAILED = 63    # a pool worker sends back a task's exception: item=text traceback,
                        # obj=the pool's results queue
    OBJ_CREATE = 70     # obj=id, a=maxsize (0: unbounded), b=ObjType, item=text name
    SEM_CREATE = 71     # obj=id, item=text: the name of a POSIX semaphore it made
    PJOIN_BEGIN = 80    # Process.join(): a=os pid of the joined process
    PJOIN_END = 81


TEXT_KINDS = frozenset({Kind.PROC_START, Kind.PROC_EXIT, Kind.RUN_END, Kind.RUN_STOPPING,
                        Kind.SEM_CREATE, Kind.RECV_CORRUPT, Kind.PRINT,
                        Kind.EXCEPTION, Kind.STDERR, Kind.OBJ_CREATE, Kind.DICT_READ,
                        Kind.TASK_FAILED, Kind.WAIT_SITE,
                        Kind.DICT_WRITE, Kind.SHM_CREATE})


class ObjType(enum.IntEnum):
    QUEUE = 1
    JOINABLE_QUEUE = 2
    PIPE = 3
    LOCK = 4
    RLOCK = 5
    DICT = 6
    # What `ipcscope trace` finds in a program nobody wrote for us (core/tracing/).
    SIMPLE_QUEUE = 7
    SEMAPHORE = 8
    CONDITION = 9
    EVENT = 10
    BARRIER = 11
    VALUE = 12
    LIST = 13
    SHARED_MEMORY = 14     # multiprocessing.shared_memory.SharedMemory
    SHAREABLE_LIST = 15    # a ShareableList (its block is its own, same id)
    LISTENER = 16          # multiprocessing.connection.Listener (its connections are PIPEs)


def kind_table(kinds) -> list[bool]:
    """A lookup list indexed by kind (numpy turns it into a fast boolean mask)."""
    table = [False] * 128
    for kind in kinds:
        table[int(kind)] = True
    return table


def make_item_id(os_pid: int, seq: int) -> int:
    return (os_pid << 32) | (seq & 0xFFFFFFFF)


def item_pid(item_id: int) -> int:
    return item_id >> 32


def item_seq(item_id: int) -> int:
    return item_id & 0xFFFFFFFF


def encode_batch(rows: bytes | bytearray, n_rows: int, strings: list[str],
                 dropped: int = 0) -> bytes:
    """`dropped`: rows this process had to throw away since its last batch (its channel
    stayed full: the supervisor could not keep up)."""
    text = STRING_SEPARATOR.join(s.replace(STRING_SEPARATOR, " ") for s in strings).encode(
        "utf-8", "replace")
    return BATCH_HEADER.pack(n_rows, len(strings), len(text), dropped) + bytes(rows) + text


def decode_batch_parts(payload: bytes) -> tuple[memoryview, list[str], int]:
    """Split a batch into its row bytes, its strings and its count of rows dropped
    before it (no numpy here)."""
    n_rows, n_strings, n_text, dropped = BATCH_HEADER.unpack_from(payload, 0)
    start = BATCH_HEADER.size
    end = start + n_rows * RECORD_SIZE
    if end + n_text != len(payload):
        raise ValueError("batch length does not match its header")
    text = bytes(payload[end:]).decode("utf-8", "replace")
    strings = text.split(STRING_SEPARATOR) if n_strings else []
    if len(strings) != n_strings:
        raise ValueError("batch strings do not match its header")
    return memoryview(payload)[start:end], strings, dropped
