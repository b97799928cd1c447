"""The event channel of one process, for real: batching, and what happens when the
supervisor cannot keep up (the scenario is never slowed; drops are counted)."""
import os
import threading

import numpy as np
import pytest
from ipcscope.core import sink as sink_module
from ipcscope.core.events import Kind, decode_batch_parts
from ipcscope.core.sink import MAX_BACKLOG, MAX_ROWS
from ipcscope.core.supervisor import EVENT_DTYPE


def read_all(conn, until_rows):
    rows, dropped = [], 0
    while sum(len(r) for r in rows) + dropped < until_rows and conn.poll(10):
        raw, _, lost = decode_batch_parts(conn.recv_bytes())
        rows.append(np.frombuffer(raw, EVENT_DTYPE))
        dropped += lost
    return (np.concatenate(rows) if rows else np.zeros(0, EVENT_DTYPE)), dropped


def test_batches_of_at_most_max_rows_in_order(channel):
    sink, conn = channel
    n = 3 * MAX_ROWS + 7
    for i in range(n):
        sink.emit(Kind.WORK_END, item=i)
    sink.flush()
    sizes, rows = [], []
    while sum(sizes) < n and conn.poll(10):
        raw, _, _ = decode_batch_parts(conn.recv_bytes())
        rows.append(np.frombuffer(raw, EVENT_DTYPE))
        sizes.append(len(rows[-1]))
    assert max(sizes) <= MAX_ROWS
    assert np.concatenate(rows)["item"].tolist() == list(range(n))


def rows_until(conn, kind, timeout_s=10.0):
    """Every row read until one of `kind` arrives (or the timeout: then without it)."""
    got = []
    while conn.poll(timeout_s):
        raw, _, _ = decode_batch_parts(conn.recv_bytes())
        got.append(np.frombuffer(raw, EVENT_DTYPE))
        if np.any(got[-1]["kind"] == kind):
            break
    return np.concatenate(got) if got else np.zeros(0, EVENT_DTYPE)


def test_a_call_still_blocked_is_shown_while_it_blocks(channel):
    """Nobody flushes: the flusher thread must see the pending wait and send its start."""
    sink, conn = channel
    token = sink.begin_wait(Kind.GET_BEGIN, 3, -1)
    shown = rows_until(conn, Kind.GET_BEGIN)
    begins = shown[shown["kind"] == Kind.GET_BEGIN]
    assert len(begins) == 1 and begins["t"][0] == token[3] and begins["obj"][0] == 3
    sink.end_wait(token, Kind.GET_END, 3, item=42)
    sink.flush()
    after = rows_until(conn, Kind.GET_END)
    assert after["kind"].tolist() == [Kind.GET_END]            # the start is not sent twice
    assert after["b"][0] == after["t"][0] - token[3] > 0        # b: how long it took


def test_a_call_that_did_not_block_leaves_only_its_end(channel):
    sink, conn = channel
    for item in range(100):
        token = sink.begin_wait(Kind.GET_BEGIN, 1, -1)
        sink.end_wait(token, Kind.GET_END, 1, item=item)
    sink.flush()
    rows, _ = read_all(conn, 100)
    waited = rows["b"] >= 1_000_000          # a loaded machine may stretch one past 1 ms
    assert rows["kind"].tolist().count(Kind.GET_END) == 100
    assert np.count_nonzero(rows["kind"] == Kind.GET_BEGIN) == np.count_nonzero(waited)


def test_a_wait_over_a_millisecond_has_one_start_before_its_end(channel):
    """Whoever records the start (the flusher while it blocks, or the call when it
    returns), there is exactly one, stamped when the call began, sent before the end."""
    sink, conn = channel
    for item in range(20):
        token = sink.begin_wait(Kind.GET_BEGIN, 1, -1)
        threading.Event().wait(0.0015 + item * 0.001)   # the call blocks 1.5-20.5 ms
        sink.end_wait(token, Kind.GET_END, 1, item=item)
        sink.flush()
        rows = rows_until(conn, Kind.GET_END)
        assert rows["kind"].tolist() == [Kind.GET_BEGIN, Kind.GET_END]
        assert rows["t"][0] == token[3] and rows["b"][1] == rows["t"][1] - token[3]


def test_the_last_word_shows_a_wait_too_young_to_be_shown_yet(channel):
    """Killed while blocked: the final flush sends the pending wait's start."""
    sink, conn = channel
    token = sink.begin_wait(Kind.GET_BEGIN, 2, 5)
    sink.flush(final=True)
    rows = rows_until(conn, Kind.GET_BEGIN)
    assert rows["kind"].tolist() == [Kind.GET_BEGIN]
    assert rows["t"][0] == token[3] and rows["a"][0] == 5


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
