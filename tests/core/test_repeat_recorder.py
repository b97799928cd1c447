"""What the review of core/repeat.py found: a run that raised left a half-written
record file; the recorder's bound could drop the only run of a rare status.  And the
histogram's bars (core/distribution.py `bars`), which the window and the text share."""
from __future__ import annotations

import os
from collections import Counter

import pytest
from ipcscope.core.distribution import Distribution, bars
from ipcscope.core.repeat import Recorder, RunPool


def test_a_run_that_raises_leaves_no_record_file(tmp_path):
    recorder = Recorder(str(tmp_path))

    def start_run(index, trace_path, on_start):
        with open(trace_path, "wb") as f:       # the trace was begun, then it failed
            f.write(b"half")
        raise OSError("the disk filled up")

    pool = RunPool(start_run, runs=3, jobs=1, recorder=recorder)
    with pytest.raises(OSError, match="disk filled"), pool:
        list(pool)
    assert os.listdir(tmp_path) == []
    assert pool.cancelled


def test_the_first_run_of_each_status_is_kept_past_the_bound(tmp_path):
    recorder = Recorder(str(tmp_path), per_outcome=1, at_most=2)
    kept = []
    for index, status in enumerate(["completed", "completed", "stalled", "completed",
                                    "crashed", "crashed"]):
        path = recorder.path_for(index)
        open(path, "wb").close()
        summary = {"status": status, "result": {"final": 80 + index}}
        kept.append(recorder.keep(index, path, summary) is not None)
    # two under the bound, then only a status not seen yet
    assert kept == [True, True, True, False, True, False]
    assert sorted(os.listdir(tmp_path)) == ["run-0001.ipcscope", "run-0002.ipcscope",
                                            "run-0003.ipcscope", "run-0005.ipcscope"]


def test_bars_cover_every_value_once():
    assert [(b.low, b.high, b.count) for b in bars(Counter({86: 2, 90: 1}))] == \
        [(86, 86, 2), (90, 90, 1)]
    many = Counter({v: 1 for v in range(30, 100)})
    assert len(bars(many, 100)) == 70                       # whole numbers: one each
    grouped = bars(many)
    assert len(grouped) <= 20 and sum(b.count for b in grouped) == 70
    assert all(sum(b.holds(v) for b in grouped) == 1 for v in many)
    floats = bars(Counter({v / 7: 1 for v in range(50)}))
    assert len(floats) == 20 and sum(b.count for b in floats) == 50


def test_the_scenario_chooses_the_result_shown():
    runs = Distribution({"scenario": "pipe-producer-consumer"})
    for sent, lost in [(10, 0), (10, 2), (11, 0)]:       # "sent" varies as much
        runs.add({"status": "completed", "result": {"sent": sent, "lost_or_corrupt": lost}})
    assert runs.main_result() == "lost_or_corrupt"
    assert Distribution().main_result() is None
