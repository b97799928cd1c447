"""The event channel of one process, for real: batching, and what happens when the
supervisor cannot keep up (the scenario is never slowed; drops are counted)."""
import os
import threading

import numpy as np
import pytest
from multiprocessing.connection import Listener

from core import sink as sink_module
from core.events import Kind, decode_batch_parts
from core.sink import MAX_BACKLOG, MAX_ROWS, EventSink
from core.supervisor import EVENT_DTYPE


@pytest.fixture
def channel(tmp_path):
    address = str(tmp_path / "events.sock")
    listener = Listener(address, family="AF_UNIX", authkey=b"key")
    accepted = {}
    thread = threading.Thread(target=lambda: accepted.setdefault("conn", listener.accept()))
    thread.start()
    sink = EventSink(address, b"key")
    thread.join(10)
    yield sink, accepted["conn"]
    sink.close()
    accepted["conn"].close()
    listener.close()


def read_all(conn, until_rows):
    rows, dropped = [], 0
    while sum(len(r) for r in rows) + dropped < until_rows and conn.poll(10):
        raw, _, lost = decode_batch_parts(conn.recv_bytes())
        rows.append(np.frombuffer(raw, EVENT_DTYPE))
        dropped += lost
    return (np.concatenate(rows) if rows else np.zeros(0, EVENT_DTYPE)), dropped


def test_batches_of_at_most_256_in_order(channel):
    sink, conn = channel
    for i in range(1000):
        sink.emit(Kind.WORK_END, item=i)
    sink.flush()
    rows, dropped = read_all(conn, 1000)
    assert dropped == 0
    assert rows["item"].tolist() == list(range(1000))


@pytest.mark.timeout(60)
def test_a_full_channel_drops_and_counts_instead_of_blocking(channel):
    sink, conn = channel
    emitted = (MAX_BACKLOG + 200) * MAX_ROWS * 2   # far more than socket + backlog hold
    for i in range(emitted):                      # nobody reads meanwhile: must not block
        sink.emit(Kind.WORK_END, item=i)
    assert sink._dropped > 0
    got = {}
    reader = threading.Thread(target=lambda: got.setdefault("all", read_all(conn, emitted)))
    reader.start()
    sink.flush(final=True)                        # the last word always gets through
    reader.join(30)
    rows, dropped = got["all"]
    assert len(rows) + dropped == emitted
    assert np.all(np.diff(rows["item"]) > 0)      # what arrives is in order
    assert rows["item"][-1] == emitted - 1        # the newest survive, the oldest go


def test_module_level_emit_without_a_sink_is_a_no_op():
    assert sink_module.current() is None or os.getpid()
    sink_module.emit(Kind.PRINT, text="nobody listens")  # must not raise
