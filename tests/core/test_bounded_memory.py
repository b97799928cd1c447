"""A long run's summary and findings are computed without copying the run.

Issue 16: after the stop of a 10M-item flood the command sorted a copy of every event
(and joined the chunks into another) to find what went wrong, and peaked at several
times the run's own size.  Now each question picks its rows chunk by chunk and sorts
only those; these tests hold the extra memory of a real flood's summary under the
run's own size, and prove each chunk-wise reader gives what the whole-array one did.
"""
from __future__ import annotations

import tracemalloc

import numpy as np
import pytest
from ipcscope.core import findings, headless, scenarios
from ipcscope.core.events import Kind
from ipcscope.core.findings.base import NOT_STATE
from ipcscope.core.model import CHUNK_ROWS, RunModel, gets_after_their_puts
from ipcscope.core.summary import summarize
from ipcscope.core.supervisor import EVENT_DTYPE
from ipcscope.core.trace import load_run


def _extra_bytes(compute) -> int:
    """The most memory `compute()` held at once beyond what was there before."""
    tracemalloc.start()
    try:
        compute()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def flood(tmp_path_factory):
    """A real queue-flood run, its trace written as it went."""
    path = str(tmp_path_factory.mktemp("flood") / "flood.ipcscope")
    summary, model = headless.run("queue-flood", {"items": 150000}, timeout=60,
                                  trace_path=path)
    return summary, model, path


def test_a_floods_summary_needs_less_than_the_run_itself(flood):
    summary, model, _ = flood
    assert summary["status"] == "completed" and summary["as_predicted"], summary["problems"]
    assert len(model) > 250_000
    spec = scenarios.get("queue-flood")

    def again():
        return summarize(spec, summary["params"], model, status=summary["status"], speed=1.0,
                         duration_s=summary["duration_s"], leftover_processes=0)

    # Before: a joined copy of every row, a sorted copy, and its cut at the stop: the
    # findings took 2.0 times the run's own size, the summary 2.8 times.  Now the
    # findings hold the rows of one question at a time (a flood's gets: half the run).
    assert _extra_bytes(lambda: findings.detect(model)) < 0.8 * model.nbytes()
    assert _extra_bytes(again) < 2.0 * model.nbytes()
    same = again()
    assert {k: v for k, v in same.items() if k != "duration_s"} == \
        {k: v for k, v in summary.items() if k != "duration_s"}


def test_the_trace_holds_every_event_and_loads_to_the_same_summary(flood):
    summary, model, path = flood
    loaded = load_run(path)
    assert len(loaded.model) == len(model) == summary["events"]
    assert loaded.summary["findings"] == summary["findings"]
    assert loaded.summary["queues"] == summary["queues"]


def _random_model(rows_count: int, seed: int) -> RunModel:
    """Rows over several chunks, stamps with ties and out of order across processes."""
    rng = np.random.default_rng(seed)
    rows = np.zeros(rows_count, EVENT_DTYPE)
    rows["t"] = rng.integers(0, rows_count // 4, rows_count)
    rows["kind"] = rng.choice([int(Kind.PUT_BEGIN), int(Kind.PUT_END), int(Kind.GET_BEGIN),
                               int(Kind.GET_END), int(Kind.WORK_BEGIN), int(Kind.STDERR)],
                              rows_count)
    rows["proc"] = rng.integers(0, 4, rows_count)
    rows["obj"] = rng.integers(1, 3, rows_count)
    rows["item"] = rng.integers(0, rows_count // 3, rows_count)
    rows["a"] = rng.integers(-1, 2, rows_count)
    rows["kind"][CHUNK_ROWS + 5] = Kind.RUN_STOPPING      # a kind one chunk holds, once
    model = RunModel(EVENT_DTYPE)
    for start in range(0, rows_count, 7777):   # batches that straddle the chunks
        model.append(rows[start:start + 7777], [])
    return model


def test_chunk_wise_readers_give_what_the_whole_array_gave():
    model = _random_model(3 * CHUNK_ROWS + 123, seed=3)
    everything = model.rows().copy()
    model._joined = None          # read chunk by chunk again, as a run's model does
    in_time = everything[np.argsort(everything["t"], kind="stable")]
    kinds = (Kind.PUT_END, Kind.GET_BEGIN)
    wanted = np.isin(everything["kind"], kinds) & (everything["obj"] == 2) & \
        (everything["proc"] == 1) & (everything["t"] < 9000)
    assert (model.select(kinds, obj=2, proc=1, before_t=9000) == everything[wanted]).all()
    # chunks that hold none of the kinds asked for are skipped, not misread
    for rare in ((Kind.RUN_STOPPING,), (Kind.RUN_STOPPING, Kind.STDERR), (Kind.TERMINATE,)):
        assert (model.select(rare) == everything[np.isin(everything["kind"], rare)]).all()
        assert (model.snapshot().select(rare) == model.select(rare)).all()
    cols = model.columns((Kind.PUT_END,), ("t", "item"), obj=1)
    puts = everything[(everything["kind"] == Kind.PUT_END) & (everything["obj"] == 1)]
    assert (cols["t"] == puts["t"]).all() and (cols["item"] == puts["item"]).all()
    for proc in range(5):
        ignore = NOT_STATE | {Kind.WORK_BEGIN}
        mine = in_time[(in_time["proc"] == proc) & ~np.isin(in_time["kind"], list(ignore))
                       & (in_time["t"] < 20000)]
        got = model.last_state_row(proc, ignore, before_t=20000)
        assert (got is None) == (len(mine) == 0)
        if got is not None:
            assert got == mine[-1]     # of equal stamps, the last to arrive
    assert model.t_max() == int(everything["t"].max())


def test_gets_are_paired_with_their_puts_as_intersect1d_pairs_them():
    rng = np.random.default_rng(11)
    for _ in range(300):
        n_puts, n_gets = rng.integers(0, 40, 2)
        puts = {"t": rng.integers(0, 100, n_puts), "item": rng.integers(0, 30, n_puts)}
        gets = {"t": rng.integers(0, 100, n_gets), "item": rng.integers(0, 30, n_gets)}
        expected = gets["t"].copy()
        _, put_i, get_i = np.intersect1d(puts["item"], gets["item"], return_indices=True)
        expected[get_i] = np.maximum(expected[get_i], puts["t"][put_i])
        assert (gets_after_their_puts(puts, gets) == expected).all()


def test_a_run_read_back_from_disk_has_the_same_summary(flood, monkeypatch):
    """A long run keeps only its newest chunks in memory: the same flood, loaded with
    room for two, answers every question of the summary as it did from memory."""
    summary, model, path = flood
    monkeypatch.setattr("ipcscope.core.model.RESIDENT_CHUNKS", 2)
    loaded = load_run(path).model
    assert loaded._n_spilled >= 10 and loaded.nbytes() <= 3 * CHUNK_ROWS * 38
    again = summarize(scenarios.get("queue-flood"), summary["params"], loaded,
                      status=summary["status"], speed=1.0,
                      duration_s=summary["duration_s"], leftover_processes=0)
    assert {k: v for k, v in again.items() if k != "duration_s"} == \
        {k: v for k, v in summary.items() if k != "duration_s"}


WAITS_ON_ONE_LINE = """
import multiprocessing as mp

def produce(queue):
    for i in range(3000):
        queue.put(i)            # blocks again and again: the queue holds one item

def consume(queue):
    for _ in range(3000):
        queue.get()

if __name__ == "__main__":
    queue = mp.Queue(1)
    workers = [mp.Process(target=produce, args=(queue,)), mp.Process(target=consume, args=(queue,))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
"""


def test_a_text_sent_again_and_again_is_kept_once(tmp_path):
    """A program blocked on the same line sends its "path:LINE" at every wait: the run
    keeps one copy (before: one string each, ~8 MB a minute of a flood)."""
    from ipcscope.core.program import Program
    script = tmp_path / "waits.py"
    script.write_text(WAITS_ON_ONE_LINE)
    summary, model = headless.trace(Program(path=str(script)), timeout=120, echo=False)
    assert summary["status"] == "completed", summary
    waits = model.of_kind(Kind.WAIT_SITE)
    assert len(waits) > 100, "the producer hardly waited: nothing checked"
    texts = [model.text(row) for row in waits]
    assert len(set(texts)) <= 3 and len(model.strings) < 30
    put_line = f"{script}:6"
    assert put_line in texts
    producer = next(p.proc for p in model.processes.values() if p.name != "MainProcess"
                    and model.wait_site(p.proc) == put_line)
    assert model.wait_site(producer) == put_line
