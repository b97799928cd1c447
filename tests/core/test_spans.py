"""Activity spans from events: begin/end pairs, nesting, batches split anywhere."""
import numpy as np
import pytest
from ipcscope.core import headless
from ipcscope.core.events import Kind
from ipcscope.core.spans import Activity, SpanBuilder, item_way
from ipcscope.core.supervisor import EVENT_DTYPE

from tests.conftest import alive, run_pids


def rows(*events):
    """events: (t, proc, kind, obj=0, item=0, a=0, b=0)"""
    out = np.zeros(len(events), EVENT_DTYPE)
    for i, event in enumerate(events):
        t, proc, kind, *rest = event
        obj, item, a, b = (list(rest) + [0, 0, 0, 0])[:4]
        out[i] = (t, kind, obj, proc, item, a, b)
    return out


def spans_of(builder, proc):
    return [(int(s["start"]), int(s["end"]), Activity(int(s["state"])))
            for s in builder.lanes[proc].spans]


def test_work_and_waits_become_spans():
    b = SpanBuilder()
    b.append(rows((0, 1, Kind.WORK_BEGIN), (10, 1, Kind.WORK_END),
                  (12, 1, Kind.PUT_BEGIN, 1, 7), (30, 1, Kind.PUT_END, 1, 7, 0, 18),
                  (31, 1, Kind.GET_BEGIN, 1), (40, 1, Kind.GET_EMPTY, 1)))
    assert spans_of(b, 1) == [(0, 10, Activity.WORKING), (12, 30, Activity.PUT_BLOCKED),
                              (31, 40, Activity.GET_WAITING)]
    assert b.lanes[1].open_span() is None


def test_waits_nest_inside_a_held_lock():
    b = SpanBuilder()
    b.append(rows((0, 2, Kind.LOCK_WAIT, 3), (5, 2, Kind.LOCK_ACQUIRED, 3),
                  (6, 2, Kind.RECV_BEGIN, 4), (9, 2, Kind.RECV_END, 4, 99, 0, 3),
                  (11, 2, Kind.LOCK_RELEASE, 3)))
    assert spans_of(b, 2) == [(0, 5, Activity.LOCK_WAITING), (5, 6, Activity.LOCK_HOLDING),
                              (6, 9, Activity.RECV_BLOCKED), (9, 11, Activity.LOCK_HOLDING)]


def test_open_span_is_reported_and_closed_by_exit():
    b = SpanBuilder()
    b.append(rows((0, 1, Kind.GET_BEGIN, 1, 0, -1)))
    assert b.lanes[1].open_span() == (Activity.GET_WAITING, 1, 0)
    b.append(rows((50, 1, Kind.CHANNEL_CLOSED)))
    assert spans_of(b, 1) == [(0, 50, Activity.GET_WAITING)]
    assert b.lanes[1].closed
    b.append(rows((60, 1, Kind.WORK_BEGIN)))   # nothing after the end
    assert b.lanes[1].open_span() is None


def test_run_end_closes_every_lane():
    b = SpanBuilder()
    b.append(rows((0, 1, Kind.RECV_BEGIN, 2), (3, 2, Kind.PJOIN_BEGIN),
                  (4, 3, Kind.GATE_WAIT)))
    b.append(rows((9, -1, Kind.RUN_END)))
    assert spans_of(b, 1) == [(0, 9, Activity.RECV_BLOCKED)]
    assert spans_of(b, 2) == [(3, 9, Activity.JOIN_WAITING)]
    assert spans_of(b, 3) == [(4, 9, Activity.GATE_WAITING)]


def test_batches_split_anywhere_and_interleaved_processes_agree():
    events = [(0, 1, Kind.WORK_BEGIN), (1, 2, Kind.GET_BEGIN, 1), (4, 1, Kind.WORK_END),
              (5, 1, Kind.PUT_END, 1, 42), (6, 2, Kind.GET_END, 1, 42, 0, 5),
              (7, 2, Kind.WORK_BEGIN), (9, 1, Kind.PUT_BEGIN, 1, 43),
              (12, 2, Kind.WORK_END), (13, 2, Kind.GET_END, 1, 43), (13, 1, Kind.PUT_END, 1, 43,
                                                                    0, 4)]
    whole = SpanBuilder()
    whole.append(rows(*events))
    for cut in range(1, len(events)):
        parts = SpanBuilder()
        # process 2's events of the first part arrive after process 1's
        first = sorted(events[:cut], key=lambda e: e[1])
        parts.append(rows(*first))
        parts.append(rows(*events[cut:]))
        for proc in (1, 2):
            assert spans_of(parts, proc) == spans_of(whole, proc), cut


def test_a_process_whose_code_returned_is_finishing_until_it_is_gone():
    b = SpanBuilder()
    b.append(rows((0, 1, Kind.PUT_END, 1, 9), (2, 1, Kind.TARGET_END), (2, 1, Kind.PROC_EXIT)))
    b.append(rows((40, 1, Kind.CHANNEL_CLOSED)))
    assert spans_of(b, 1) == [(2, 40, Activity.FINISHING)]


def test_fast_path_ends_do_not_close_anything():
    b = SpanBuilder()
    b.append(rows((0, 1, Kind.WORK_BEGIN), (1, 1, Kind.PUT_END, 1, 5), (2, 1, Kind.WORK_END)))
    assert spans_of(b, 1) == [(0, 2, Activity.WORKING)]


def test_item_way_matches_put_and_get():
    b = SpanBuilder()
    b.append(rows((100, 1, Kind.PUT_END, 4, 77), (250, 2, Kind.GET_END, 4, 77),
                  (260, 1, Kind.PUT_FULL, 4, 78)))
    way = item_way(b, 77)
    assert (way.sender, way.receiver, way.obj, way.waited_ns) == (1, 2, 4, 150)
    lost = item_way(b, 78)
    assert lost.lost and lost.receiver is None
    assert item_way(b, 12345) is None
    assert int(b.mark_near(2, 240, 20)["item"]) == 77
    assert b.mark_near(2, 100, 20) is None


def test_spans_between_clips_to_a_window():
    b = SpanBuilder()
    b.append(rows(*[(t, 1, Kind.WORK_BEGIN if i % 2 == 0 else Kind.WORK_END)
                    for i, t in enumerate(range(0, 100, 5))]))
    got = b.spans_between(1, 22, 41)
    assert [int(s["start"]) for s in got] == [20, 30, 40]


@pytest.mark.timeout(60)
def test_real_run_shows_the_second_consumer_waiting_out_its_timeout(no_leaks):
    speed = 10.0
    summary, model = headless.run("queue-sentinel", {"items": 2}, speed=speed, timeout=50)
    b = SpanBuilder()
    rows_ = model.rows()
    for start in range(0, len(rows_), 7):     # in small batches, as the window gets them
        b.append(rows_[start:start + 7])
    consumers = {p.proc: p for p in model.processes.values() if p.role == "consumer"}
    timed_out = [proc for proc, p in consumers.items() if p.exit_reason == "timeout"]
    assert len(timed_out) == 1
    spans = b.lanes[timed_out[0]].spans
    assert Activity(int(spans[-1]["state"])) == Activity.FINISHING   # returned, then gone
    last = spans[spans["state"] == Activity.GET_WAITING][-1]
    assert int(last["end"]) <= int(spans[-1]["start"])              # the wait, then the end
    waited = (int(last["end"]) - int(last["start"])) / 1e9
    assert waited == pytest.approx(5 / speed, abs=0.2)
    assert all(lane.closed for lane in b.lanes.values())
    assert alive(run_pids(model)) == []


def _row_by_row(batches) -> dict:
    """The reference: every state row through Lane.apply, one at a time."""
    builder = SpanBuilder()
    for batch in batches:
        for row in batch:
            if int(row["kind"]) == Kind.RUN_END:
                for lane in builder.lanes.values():
                    lane.close(int(row["t"]))
            else:
                builder.lane(int(row["proc"])).apply(int(row["t"]), int(row["kind"]),
                                                     int(row["obj"]), int(row["item"]))
        for lane in builder.lanes.values():
            lane.flush()
    return builder


@pytest.mark.parametrize("seed", range(40))
def test_the_vectorized_path_builds_what_row_by_row_builds(seed):
    """Random streams — mostly one thing at a time, sometimes nested, locked, stray
    ends, a process's end — split into random batches: the same spans, the same open
    state, whichever path each batch took."""
    rng = np.random.default_rng(seed)
    plain = [Kind.WORK_BEGIN, Kind.WORK_END, Kind.PUT_BEGIN, Kind.PUT_END, Kind.GET_BEGIN,
             Kind.GET_END, Kind.GET_EMPTY, Kind.RECV_BEGIN, Kind.RECV_END, Kind.TARGET_END]
    rare = [Kind.LOCK_WAIT, Kind.LOCK_ACQUIRED, Kind.LOCK_RELEASE]
    n = 3000
    kinds = rng.choice(plain, n)
    odd = rng.random(n) < (0.002 if seed % 2 else 0.05)
    kinds[odd] = rng.choice(rare, int(odd.sum()))
    kinds[rng.random(n) < 0.0005] = Kind.CHANNEL_CLOSED     # a process's end
    if seed % 3 == 0:
        kinds[-1] = Kind.RUN_END
    events = np.zeros(n, EVENT_DTYPE)
    events["t"] = np.cumsum(rng.integers(0, 50, n))
    events["kind"] = kinds
    events["proc"] = rng.integers(0, 4, n)
    events["obj"] = rng.integers(1, 3, n)
    events["item"] = np.arange(n) + 1
    cuts = np.sort(rng.choice(np.arange(1, n), 30, replace=False))
    batches = np.split(events, cuts)
    fast = SpanBuilder()
    for batch in batches:
        fast.append(batch)
    reference = _row_by_row(batches)
    assert set(fast.lanes) == set(reference.lanes)
    for proc, lane in reference.lanes.items():
        assert fast.lanes[proc].spans.to_array().tolist() == lane.spans.to_array().tolist()
        assert fast.lanes[proc].open_span() == lane.open_span()
        assert fast.lanes[proc].closed == lane.closed
    assert sum(len(lane.spans) for lane in fast.lanes.values()) > 200
