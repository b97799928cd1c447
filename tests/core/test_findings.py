"""Findings from real runs: each pitfall named with the right processes, at the moment
it happens, and never raised by the correct variant.  Detectors read recorded events
only: no window is involved."""
import os
import signal
import time

import numpy as np
import pytest
from ipcscope.core import findings, headless
from ipcscope.core.events import Kind
from ipcscope.core.model import RunModel
from ipcscope.core.supervisor import EVENT_DTYPE


def by_kind(summary):
    return {f["kind"]: f for f in summary["findings"]}


def seen_by(model, t_ns, stall_after_s):
    """The findings a live view had at t_ns: only events stamped up to then."""
    rows = model.rows()
    partial = RunModel(EVENT_DTYPE)
    partial.append(np.sort(rows[rows["t"] <= t_ns], order="t"), model.strings)
    return {f.kind for f in findings.detect(partial, now_ns=t_ns, stall_after_s=stall_after_s)}


@pytest.mark.timeout(60)
def test_sentinel_shortfall_names_the_consumer_left_waiting(no_leaks):
    summary, model = headless.run("queue-sentinel", {"items": 3}, speed=10, timeout=50)
    found = by_kind(summary)
    timed_out = [p["name"] for p in summary["processes"] if p["exit_reason"] == "timeout"]
    assert len(timed_out) == 1
    assert found["sentinel-shortfall"]["processes"][0] == timed_out[0]
    assert timed_out[0] in found["sentinel-shortfall"]["message"]
    assert found["consumer-exited-on-timeout"]["processes"] == timed_out
    # raised when the last None was taken, before the consumer's timeout ran out
    assert found["sentinel-shortfall"]["t_s"] < found["consumer-exited-on-timeout"]["t_s"]
    t = model.t0 + int(found["sentinel-shortfall"]["t_s"] * 1e9) + 1_000_000
    assert "sentinel-shortfall" in seen_by(model, t, 0.5)


@pytest.mark.timeout(60)
def test_pipe_end_left_open_names_who_holds_it(no_leaks):
    summary, _ = headless.run("pipe-eof", {"close_unused_ends": False}, speed=10, timeout=50)
    found = by_kind(summary)
    assert set(found) == {"pipe-end-left-open", "deadlock"}
    assert found["pipe-end-left-open"]["processes"] == ["senp-1"]
    assert "itself" in found["pipe-end-left-open"]["message"]
    assert "waits in recv() on pipe1" in found["deadlock"]["message"]


@pytest.mark.timeout(60)
def test_missing_task_done_names_joiners_and_consumers(no_leaks):
    summary, _ = headless.run("joinable-queue", {"items": 2, "task_done": False}, speed=10,
                              timeout=50)
    f = by_kind(summary)["missing-task-done"]
    assert set(f["processes"]) == {"吉祥", "红宝石", "五芳斋", "Jenny", "Cony"}
    assert f["details"]["unfinished"] == 6


@pytest.mark.timeout(90)
def test_lost_update_counts_what_the_counter_shows(no_leaks):
    summary, _ = headless.run("manager-counter", {"processes": 25}, speed=10, timeout=80)
    f = by_kind(summary)["lost-update"]
    assert f["details"]["lost"] == summary["result"]["lost_updates"] > 0
    assert f["details"]["final"] == summary["result"]["final"]
    assert f["details"]["overlaps"], "no overlapping read-modify-write windows shown"
    overlap = f["details"]["overlaps"][0]
    assert overlap["wrote"] == overlap["read"] - 1 and overlap["process"] != overlap["over"]


@pytest.mark.timeout(60)
def test_item_dropped_on_full_counts_lost_items(no_leaks):
    summary, _ = headless.run("bounded-queue", {"mode": "put_nowait"}, speed=10, timeout=50)
    f = by_kind(summary)["item-dropped-on-full"]
    assert f["details"]["lost"] == summary["queues"][0]["full_errors"] > 0


@pytest.mark.timeout(60)
def test_pipe_shared_without_lock_names_every_reader(no_leaks):
    summary, _ = headless.run("pipe-producer-consumer", {"messages": 50}, speed=10, timeout=50)
    f = by_kind(summary)["pipe-shared-without-lock"]
    assert set(f["processes"]) == {"consumer 0", "consumer 1", "consumer 2"}
    assert f["details"]["sent"] == summary["result"]["sent"]


@pytest.mark.timeout(60)
def test_join_before_drain(no_leaks):
    summary, _ = headless.run("join-before-drain", {}, speed=10, timeout=50)
    assert summary["status"] == "stalled"
    f = by_kind(summary)["join-before-drain"]
    assert f["processes"] == ["main", "Worker"] and f["details"]["unread"] == 20
    fixed, _ = headless.run("join-before-drain", {"drain_first": True}, speed=10, timeout=50)
    assert fixed["status"] == "completed" and fixed["findings"] == []


@pytest.mark.timeout(60)
def test_a_join_while_the_queue_is_still_read_is_not_a_deadlock(no_leaks):
    """queue-flood's main joins the producer while the consumer still drains what the
    producer put: seen live at the consumer's last get before the producer got out, long
    after the producer's code returned, nothing is wrong (a busy machine once made the
    live view call it join-before-drain)."""
    summary, model = headless.run("queue-flood", {"items": 20000}, timeout=50)
    assert summary["status"] == "completed"
    producer = next(p for p, r in model.processes.items() if r.name == "producer")
    mine = model.rows()[model.rows()["proc"] == producer]
    returned_t = int(mine["t"][mine["kind"] == Kind.TARGET_END][0])
    exit_t = int(mine["t"][mine["kind"] == Kind.PROC_EXIT][0])
    gets_t = model.of_kind(Kind.GET_END)["t"]
    last_get = int(gets_t[gets_t < exit_t].max())
    stall_after_s = 0.005
    assert last_get - returned_t > 2 * stall_after_s * 1e9, "the consumer caught up too soon"
    assert "join-before-drain" not in seen_by(model, last_get, stall_after_s)
    # the same moment, had the consumer stopped reading just after the producer returned
    rows = model.rows()
    stopped = RunModel(EVENT_DTYPE)
    early = returned_t + int(stall_after_s * 1e9 / 2)
    keep = (rows["t"] <= last_get) & ((rows["kind"] != Kind.GET_END) | (rows["t"] <= early))
    stopped.append(np.sort(rows[keep], order="t"), model.strings)
    assert "join-before-drain" in {
        f.kind for f in findings.detect(stopped, now_ns=last_get, stall_after_s=stall_after_s)}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("scenario_id,params", [
    ("queue-sentinel", {"items": 2, "sentinels": "per-consumer"}),
    ("joinable-queue", {"items": 2}),
    ("bounded-queue", {}),
    ("pipe-eof", {}),
    ("pipe-producer-consumer", {"lock": True, "messages": 50}),
    ("manager-counter", {"lock": True, "processes": 20}),
])
def test_correct_variants_raise_nothing(scenario_id, params, no_leaks):
    summary, _ = headless.run(scenario_id, params, speed=10, timeout=50)
    assert summary["findings"] == [], summary["findings"]


@pytest.mark.timeout(60)
def test_sigkilled_child_is_a_crash_with_its_signal(no_leaks):
    from ipcscope.core.supervisor import Supervisor

    supervisor = Supervisor("queue-sentinel", {"items": 3}, speed=5, timeout=50)
    model = RunModel(EVENT_DTYPE)
    supervisor.start()
    deadline = time.monotonic() + 30
    while not any(p.name == "Cony" for p in model.processes.values()):
        assert time.monotonic() < deadline
        batch = supervisor.poll()
        if batch is not None:
            model.append(batch.rows, batch.strings)
    cony = next(p for p in model.processes.values() if p.name == "Cony")
    os.kill(cony.os_pid, signal.SIGKILL)
    supervisor.run_to_end(lambda b: model.append(b.rows, b.strings))
    crashed = [f for f in findings.detect(model) if f.kind == "process-crashed"]
    assert len(crashed) == 1
    assert crashed[0].processes == [cony.proc]
    assert crashed[0].details["signal"] == "SIGKILL"
    assert "SIGKILL" in crashed[0].message


def _counter_run(*events):
    """A hand-made Manager dict run: main (proc 0) and two racers (1, 2) on d['count'].
    events: (t, proc, DICT_READ / DICT_WRITE, value)."""
    model = RunModel(EVENT_DTYPE)
    strings = ["main\x1fmain\x1f0\x1f", "A\x1fracer\x1f0\x1f", "B\x1fracer\x1f0\x1f", "d", "count"]
    head = [(0, Kind.PROC_START, 0, proc, proc, 100 + proc, 1) for proc in range(3)]
    head.append((0, Kind.OBJ_CREATE, 1, 0, 3, 0, 6))     # ObjType.DICT
    body = [(t, kind, 1, proc, 4, value, 1) for t, proc, kind, value in events]
    model.append(np.array(head + body, EVENT_DTYPE), strings)
    return model


def test_lost_update_counts_from_where_the_counter_started_whatever_the_stamps():
    """A's write (100 -> 99) is stamped after B's (99 -> 98), as when A is delayed after
    the manager answered: nothing was lost.  Then a real race loses one update."""
    in_order = _counter_run((1, 0, Kind.DICT_WRITE, 100), (2, 1, Kind.DICT_READ, 100),
                            (4, 2, Kind.DICT_READ, 99), (5, 2, Kind.DICT_WRITE, 98),
                            (6, 1, Kind.DICT_WRITE, 99), (9, 0, Kind.DICT_READ, 98))
    assert "lost-update" not in {f.kind for f in findings.detect(in_order)}
    raced = _counter_run((1, 0, Kind.DICT_WRITE, 100), (2, 1, Kind.DICT_READ, 100),
                         (3, 2, Kind.DICT_READ, 100), (4, 2, Kind.DICT_WRITE, 99),
                         (5, 1, Kind.DICT_WRITE, 99), (9, 0, Kind.DICT_READ, 99))
    lost = [f for f in findings.detect(raced) if f.kind == "lost-update"]
    assert len(lost) == 1 and lost[0].details["lost"] == 1
