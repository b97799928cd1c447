"""The traced Queue inlines multiprocessing.Queue's put() and blocking get() (the flood's
critical path).  Inlined or called, a traced Queue must behave as the real one and
record the same rows; and on this Python the inlined path must be the one that runs."""
import threading

import numpy as np
import pytest
from ipcscope.core import probe
from ipcscope.core import sink as sink_module
from ipcscope.core.events import Kind, decode_batch_parts
from ipcscope.core.supervisor import EVENT_DTYPE


class CalledQueue(probe.Queue):
    """The same traced Queue, calling the stdlib's put() and get() instead."""
    _inline_put = False
    _inline_get = False


@pytest.fixture
def traced(channel, monkeypatch):
    """This process traced into a channel the test reads: (sink, the reading end)."""
    sink, conn = channel
    monkeypatch.setattr(sink_module, "active", sink)
    monkeypatch.setattr(sink_module, "_sink", sink)
    return sink, conn


def rows_of(sink, conn) -> np.ndarray:
    sink.flush()
    got = []
    while conn.poll(0.5):
        raw, _, _ = decode_batch_parts(conn.recv_bytes())
        got.append(np.frombuffer(raw, EVENT_DTYPE))
    return np.concatenate(got) if got else np.zeros(0, EVENT_DTYPE)


def test_this_python_runs_the_inlined_put_and_get():
    assert probe._INLINE_PUT and probe._INLINE_GET
    assert probe.Queue._inline_put and probe.Queue._inline_get
    assert not probe.JoinableQueue._inline_put     # its put() also counts the task


@pytest.mark.parametrize("queue_class", [probe.Queue, CalledQueue])
def test_items_come_out_in_order_and_each_put_and_get_is_one_row(traced, queue_class):
    sink, conn = traced
    q = queue_class()
    sent = list(range(500)) + [None]
    for value in sent:
        q.put(value)
    assert [q.get() for _ in sent] == sent
    rows = rows_of(sink, conn)
    rows = rows[rows["obj"] == q._obj]
    puts, gets = rows[rows["kind"] == Kind.PUT_END], rows[rows["kind"] == Kind.GET_END]
    assert len(puts) == len(gets) == len(sent)
    assert gets["item"].tolist() == puts["item"].tolist()       # each item, put then got
    assert len(set(puts["item"].tolist())) == len(sent)
    assert puts["a"].tolist() == [0] * 500 + [1]                # the sentinel is marked
    assert gets["a"].tolist() == [0] * 500 + [1]
    q.close()


@pytest.mark.parametrize("queue_class", [probe.Queue, CalledQueue])
def test_a_full_queue_refuses_put_nowait_and_records_it(traced, queue_class):
    sink, conn = traced
    q = queue_class(2)
    q.put("a")
    q.put("b")
    with pytest.raises(probe.Full):
        q.put_nowait("c")
    assert q.get() == "a"
    rows = rows_of(sink, conn)
    kinds = rows[rows["obj"] == q._obj]["kind"].tolist()
    assert kinds.count(Kind.PUT_END) == 2 and kinds.count(Kind.PUT_FULL) == 1
    q.close()


@pytest.mark.parametrize("queue_class", [probe.Queue, CalledQueue])
def test_a_closed_queue_refuses_put_and_get_as_the_real_one_does(traced, queue_class):
    q = queue_class()
    q.put(1)
    q.close()
    with pytest.raises(ValueError, match="is closed"):
        q.put(2)
    with pytest.raises(ValueError, match="is closed"):
        q.get()


def test_a_get_that_blocks_is_woken_by_a_put_from_another_thread(traced):
    """The inlined put skips notify() only when nobody waits: a feeder thread asleep on
    an empty buffer must still be woken by the next put."""
    sink, conn = traced
    q = probe.Queue()
    q.put("first")
    assert q.get() == "first"            # the feeder has emptied its buffer and sleeps
    threading.Timer(0.05, q.put, args=("second",)).start()
    assert q.get(timeout=10) == "second"
    q.close()
