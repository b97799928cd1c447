"""Traces made by someone who knows the format: framing and checksums hold, the content
is hostile.  The loader checks it once (core/trace_schema.py): what no run could have
made is left out with a note or refuses the file, so the model, the exports and the
window never see it."""
from __future__ import annotations

import json

import pytest
from ipcscope.core import export
from ipcscope.core.events import Kind, ObjType
from ipcscope.core.summary import summarize
from ipcscope.core.trace import MAGIC, TraceError, load_run
from ipcscope.core.trace_schema import BACKSTEP_SLACK_NS, MAX_RUN_SPAN_NS

from tests.fixtures.trace_files import (
    end_record,
    events_record,
    hostile_files,
    meta_record,
    record,
    rows_of,
    strings_record,
    summary_of,
)

START = rows_of((1_000, Kind.PROC_START, 0, 0, 0, 11, 1), (2_000, Kind.WORK_BEGIN, 0),
                (3_000, Kind.WORK_END, 0))
LEFT_OUT = ("{} events no run could have recorded (a time, process, object or text out of "
            "range) were left out.")
HEAD = MAGIC + meta_record() + strings_record(["main\x1fmain\x1f0"])


def write(tmp_path, data: bytes) -> str:
    path = tmp_path / "t.ipcscope"
    path.write_bytes(data)
    return str(path)


def refused(path: str, words: str) -> None:
    with pytest.raises(TraceError) as error:
        load_run(path)
    text = str(error.value)
    assert "\n" not in text and text.endswith(".") and words in text, text


def test_times_at_the_ends_of_int64_are_left_out_and_the_rest_exports(tmp_path):
    path = write(tmp_path, hostile_files()["times at +-2**63"])
    loaded = load_run(path)
    assert loaded.model.rows()["t"].tolist() == [1_000, 2_000, 3_000]
    assert loaded.notes == [LEFT_OUT.format(3)]
    export.write_chrome(str(tmp_path / "t.json"), loaded.model, loaded.meta)
    assert export.write_csv(str(tmp_path / "t.csv"), loaded.model) == 3


def test_times_that_span_more_than_any_run_refuse_the_file(tmp_path):
    late = rows_of((1_000 + MAX_RUN_SPAN_NS + 1, Kind.WORK_BEGIN, 0))
    refused(write(tmp_path, HEAD + events_record(START) + events_record(late) + end_record()),
            "span more than 24 hours")
    within = rows_of((1_000 + MAX_RUN_SPAN_NS, Kind.WORK_BEGIN, 0))
    assert load_run(write(tmp_path, HEAD + events_record(START) + events_record(within) +
                          end_record())).notes == []


def test_rows_out_of_range_are_left_out_with_one_note(tmp_path):
    bad = rows_of((4_000, Kind.PRINT, 0, 0, 1),              # string 1 was never written
                  (4_000, Kind.PRINT, 0, 0, -1),
                  (4_000, Kind.WORK_BEGIN, -2),              # no process below -1
                  (4_000, Kind.PUT_END, 1, -3, 5),           # no object below 0
                  (4_000, Kind.OBJ_CREATE, 0, 1, 0, -1, ObjType.QUEUE),   # capacity < 0
                  (4_000, Kind.OBJ_CREATE, 0, 1, 0, 1 << 40, ObjType.QUEUE),
                  (3_000 - BACKSTEP_SLACK_NS - 1, Kind.WORK_BEGIN, 0),   # back in time
                  (5_000, Kind.PRINT, 0, 0, 0))
    loaded = load_run(write(tmp_path, HEAD + events_record(START) + events_record(bad) +
                            end_record()))
    assert loaded.model.rows()["t"].tolist() == [1_000, 2_000, 3_000, 5_000]
    assert loaded.notes == [LEFT_OUT.format(7)]


def test_threads_stamping_a_little_out_of_turn_are_kept(tmp_path):
    rows = rows_of((10_000_000, Kind.WORK_BEGIN, 0), (9_000_000, Kind.GET_BEGIN, 0, 1))
    loaded = load_run(write(tmp_path, HEAD + events_record(START) + events_record(rows) +
                            end_record()))
    assert len(loaded.model) == 5 and loaded.notes == []


@pytest.mark.parametrize("name,words", [
    ("findings not findings", "its summary's findings lacks 'kind'"),
    ("summary of the wrong types", "its summary's duration_s is not a number"),
])
def test_a_summary_that_is_not_a_summary_refuses_the_file(tmp_path, name, words):
    refused(write(tmp_path, hostile_files()[name]), words)


@pytest.mark.parametrize("changes,words", [
    ({"status": 5}, "status is not a short text"),
    ({"as_predicted": "yes"}, "as_predicted is not true or false"),
    ({"events": -1}, "events is not a whole number"),
    ({"duration_s": float("nan")}, "duration_s is not a number"),
    ({"result": {"x": [1]}}, "is not a plain value"),
    ({"queues": [{"name": "q"}]}, "lacks 'maxsize'"),
    ({"findings": [{"kind": "k", "t_s": 1e300, "message": "m"}]}, "t_s is not a number"),
    ({"findings": [{"kind": "k", "t_s": 1, "message": "m", "process_ids": ["x"]}]},
     "process_ids is not a whole number"),
    ({"problems": "none"}, "problems is not a list"),
])
def test_each_field_of_the_summary_is_checked(tmp_path, changes, words):
    end = {"status": "completed", "summary": {**summary_of(), **changes}}
    data = HEAD + events_record(START) + record(b"Z", json.dumps(end).encode())
    refused(write(tmp_path, data), words)


@pytest.mark.parametrize("changes,words", [
    ({"params": {"items": "abc"}}, "parameters are not the scenario's"),
    ({"params": {"colour": 1}}, "parameters are not the scenario's"),
    ({"params": {"x": [1, 2]}, "scenario": "unknown"}, "is not a plain value"),
    ({"speed": 0}, "speed is not a number"),
    ({"speed": 1e308}, "speed is not a number"),
    ({"scenario": "s" * 20_000}, "scenario is not a short text"),
    ({"started_at": 7}, "started_at is not a short text"),
])
def test_the_metadata_is_checked(tmp_path, changes, words):
    refused(write(tmp_path, MAGIC + meta_record(**changes) + end_record()), words)


def test_a_known_scenario_gets_its_defaults_so_a_cut_short_run_summarizes(tmp_path):
    from ipcscope.core import scenarios
    loaded = load_run(write(tmp_path, HEAD + events_record(START)))   # no end: cut short
    spec = scenarios.get(loaded.meta["scenario"])
    assert loaded.meta["params"] == {**spec.defaults(), "items": 1}
    summary = summarize(spec, loaded.meta["params"], loaded.model, status=loaded.status,
                        speed=loaded.meta["speed"], duration_s=0.1, leftover_processes=0)
    assert summary["status"] == "cut short"
