"""Exports: the Chrome trace parses, has a track per process, a flow pair per matched
put/get (and send/recv) bound to the slices it joins, a depth counter per queue; the CSV
has a row per event; `ipcscope export` says what is wrong in one sentence, exit 2."""
from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter, defaultdict

import numpy as np
import pytest
from ipcscope.core import export, trace
from ipcscope.core.events import Kind, ObjType, item_pid, item_seq, make_item_id
from ipcscope.core.model import RunModel
from ipcscope.core.trace import EVENT_DTYPE, MAGIC

from tests.fixtures.recorded import RUNS, recorded
from tests.fixtures.trace_files import (
    end_record,
    events_record,
    meta_record,
    mutate_content,
    read_bytes,
    record,
    rows_of,
    strings_record,
)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="session")
def runs_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("runs")


def chrome_events(model: RunModel, tmp_path, meta=None) -> tuple[list[dict], dict]:
    path = tmp_path / "trace.json"
    export.write_chrome(str(path), model, meta)
    with open(path, encoding="utf-8") as file:
        document = json.load(file)
    return document["traceEvents"], document


def ns(micros: float) -> int:
    """Back to nanoseconds as Perfetto reads the JSON (it rounds ts * 1000)."""
    return round(micros * 1000)


def matched_pairs(model: RunModel, out_kind: Kind, in_kind: Kind) -> int:
    pairs = 0
    rows = model.rows()
    for obj in np.unique(rows["obj"]):
        outs = rows[(rows["kind"] == out_kind) & (rows["obj"] == obj)]["item"]
        ins = rows[(rows["kind"] == in_kind) & (rows["obj"] == obj)]["item"]
        pairs += len(np.intersect1d(outs, ins))
    return pairs


# --- the Chrome trace -------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(RUNS))
def test_chrome_trace_has_one_named_track_per_process(name, runs_folder, tmp_path):
    run = recorded(name, runs_folder)
    events, document = chrome_events(run.model, tmp_path, {"scenario": RUNS[name][0]})
    assert document["otherData"] == {"scenario": RUNS[name][0]}
    processes = run.model.processes
    used = {(e["pid"], e["tid"]) for e in events if e["ph"] in "Xi"}
    assert len(used) == len(processes)
    assert all(pid == tid for pid, tid in used)
    thread_names = {e["pid"]: e["args"]["name"] for e in events
                    if e["ph"] == "M" and e["name"] == "thread_name"}
    process_names = {e["pid"]: e["args"]["name"] for e in events
                     if e["ph"] == "M" and e["name"] == "process_name"}
    assert thread_names == process_names and set(thread_names) == {pid for pid, _ in used}
    # named as the lanes name them (real pids), the role beside the name where it is not in it
    named = run.model.process_names()
    assert thread_names == {processes[proc].os_pid: name for proc, name in named.items()}
    roles = {e["pid"]: e["args"]["labels"] for e in events
             if e["ph"] == "M" and e["name"] == "process_labels"}
    assert roles == {p.os_pid: p.role for p in processes.values()
                     if p.role != "main" and not named[p.proc].startswith(p.role)}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_one_flow_pair_per_matched_put_get_and_send_recv(name, runs_folder, tmp_path):
    run = recorded(name, runs_folder)
    events, _ = chrome_events(run.model, tmp_path)
    flows = defaultdict(list)
    for e in events:
        if e["ph"] in "sf":
            flows[(e["cat"], e["name"], e["id"])].append(e)
    assert all(sorted(e["ph"] for e in pair) == ["f", "s"] for pair in flows.values())
    by_category = Counter(category for category, _, _ in flows)
    assert by_category["queue"] == matched_pairs(run.model, Kind.PUT_END, Kind.GET_END)
    assert by_category["pipe"] == matched_pairs(run.model, Kind.SEND, Kind.RECV_END)
    assert sum(by_category.values()) > 0
    assert all(e["bp"] == "e" for pair in flows.values() for e in pair if e["ph"] == "f")


@pytest.mark.parametrize("name", sorted(RUNS))
def test_slices_nest_and_every_flow_binds_to_its_put_and_get(name, runs_folder, tmp_path):
    """What Perfetto needs: on each track, slices are nested or apart, never partly
    overlapping; a flow event binds to the slice begun last before it (Perfetto) and
    to the slice enclosing it (chrome://tracing): both must be the put/get of its item."""
    events, _ = chrome_events(recorded(name, runs_folder).model, tmp_path)
    tracks = defaultdict(list)
    for e in events:
        if e["ph"] == "X" or (e["ph"] == "i" and e["s"] == "t"):
            start = ns(e["ts"])
            tracks[e["pid"]].append((start, start + ns(e.get("dur", 0)), e))
    for slices in tracks.values():
        slices.sort(key=lambda s: (s[0], -s[1]))
        stack = []
        for start, end, e in slices:
            while stack and (stack[-1][1] < start or
                             (stack[-1][1] == start and (end > start or stack[-1][0] < start))):
                stack.pop()
            assert not stack or end <= stack[-1][1], f"{e} overlaps {stack[-1][2]}"
            stack.append((start, end, e))
    items = {}
    for e in events:
        if e["ph"] not in "sf":
            continue
        ts = ns(e["ts"])
        begun = [s for s in tracks[e["pid"]] if s[0] <= ts]
        last = max(s[0] for s in begun)
        [(start, end, bound)] = [s for s in begun if s[0] == last]
        assert start <= ts <= end and bound["cat"] == "item"
        assert bound["name"].split()[0] in (("put", "send") if e["ph"] == "s" else ("get", "recv"))
        items.setdefault(e["id"], set()).add(bound["args"]["item"])
    assert items and all(len(item) == 1 for item in items.values())


@pytest.mark.parametrize("name", ["queue", "findings"])
def test_a_depth_counter_per_queue_that_matches_the_model(name, runs_folder, tmp_path):
    model = recorded(name, runs_folder).model
    events, _ = chrome_events(model, tmp_path)
    counters = defaultdict(list)
    for e in events:
        if e["ph"] == "C":
            counters[e["name"]].append((ns(e["ts"]), e["args"]["depth"]))
    assert set(counters) == {q.name for q in model.queues()}
    for queue in model.queues():
        points = counters[queue.name]
        assert points[0][1] == 0                           # empty when made
        _, depths = model.depth_series(queue.obj)
        assert [d for _, d in points[1:]] == depths.tolist()
        if queue.maxsize:
            assert max(d for _, d in points) <= queue.maxsize


def test_state_spans_say_what_each_process_was_doing(runs_folder, tmp_path):
    names = {}
    for name in ("queue", "pipe"):
        events, _ = chrome_events(recorded(name, runs_folder).model, tmp_path)
        names[name] = {e["name"] for e in events if e["ph"] == "X" and e["cat"] == "state"}
    assert {"working", "blocked on put", "joining"} <= names["queue"]
    assert {"holding lock", "waiting at gate", "joining"} <= names["pipe"]
    assert names["pipe"] & {"waiting for lock", "blocked in recv"}
    assert names["queue"] | names["pipe"] <= set(export.STATE_WORDS.values())


def test_times_are_microseconds_from_the_first_event(runs_folder, tmp_path):
    model = recorded("queue", runs_folder).model
    events, _ = chrome_events(model, tmp_path)
    timed = [e for e in events if "ts" in e]
    assert min(e["ts"] for e in timed) == 0
    assert all(e["dur"] >= 0 for e in timed if e["ph"] == "X")
    rows = model.rows()
    span_ns = int(rows["t"].max()) - int(rows["t"].min())
    assert max(ns(e["ts"]) for e in timed if e["ph"] == "i") == span_ns


def test_prints_and_exits_are_instants(runs_folder, tmp_path):
    model = recorded("queue", runs_folder).model
    events, _ = chrome_events(model, tmp_path)
    instants = [e for e in events if e["ph"] == "i"]
    prints = [e for e in instants if e["name"].startswith("print: ")]
    assert len(prints) == model.count(Kind.PRINT)
    assert {e["args"]["text"] for e in prints} == {model.text(r) for r in model.of_kind(Kind.PRINT)}
    assert any(e["s"] == "g" and e["name"] == "run ended: completed" for e in instants)
    assert sum(e["name"].startswith("exit: ") for e in instants) == len(model.processes)


def test_an_empty_and_an_odd_run_still_export(tmp_path):
    events, _ = chrome_events(RunModel(EVENT_DTYPE), tmp_path)
    assert all(e["ph"] == "M" for e in events)
    odd = RunModel(EVENT_DTYPE)   # no PROC_START, a get with no put, an exception
    odd.append(rows_of((5, Kind.GET_END, 3, 1, 77), (9, Kind.EXCEPTION, 3, 0, 0),
                       (9, Kind.LOCK_WAIT, 3, 2), (7, Kind.RUN_END, -1, 0, 1)),
               ["Traceback…\nValueError: boom", "crashed"])
    events, _ = chrome_events(odd, tmp_path)
    assert [e["args"]["name"] for e in events if e["name"] == "thread_name"] == ["process 3"]
    assert any(e["name"] == "exception: ValueError: boom" for e in events)
    assert not any(e["ph"] in "sf" for e in events)


# --- CSV --------------------------------------------------------------------------------

def read_csv(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


@pytest.mark.parametrize("name", sorted(RUNS))
def test_csv_has_a_readable_row_per_event_in_time_order(name, runs_folder, tmp_path):
    model = recorded(name, runs_folder).model
    path = tmp_path / "events.csv"
    assert export.write_csv(str(path), model) == len(model)
    table = read_csv(path)
    assert len(table) == len(model) and list(table[0]) == list(export.CSV_COLUMNS)
    times = [float(r["time_s"]) for r in table]
    assert times[0] == 0 and times == sorted(times)
    assert Counter(r["kind"] for r in table) == Counter(Kind(int(k)).name
                                                       for k in model.rows()["kind"])
    names = {str(model.processes[proc].os_pid): name
             for proc, name in model.process_names().items()}
    assert {(r["pid"], r["process"]) for r in table} <= {*names.items(), ("", "IPC Scope")}
    puts = model.of_kind(Kind.PUT_END, Kind.SEND)
    labels = {f"{item_pid(int(i))}#{item_seq(int(i))}" for i in puts["item"]}
    assert labels == {r["item"] for r in table if r["kind"] in ("PUT_END", "SEND")}
    assert {r["text"] for r in table if r["kind"] == "PRINT"} == \
        {model.text(r) for r in model.of_kind(Kind.PRINT)}


def test_csv_quotes_what_needs_quoting(tmp_path):
    model = RunModel(EVENT_DTYPE)
    awkward = 'a, "quoted"\nsecond line; 包子 =1+1'
    model.append(rows_of((10, Kind.PROC_START, 0, 0, 0, 4242, 1),
                         (15, Kind.OBJ_CREATE, 0, 1, 1, 5, ObjType.QUEUE),
                         (20, Kind.PRINT, 0, 0, 2),
                         (30, Kind.PUT_END, 0, 1, make_item_id(4242, 3))),
                 ["Jenny\x1fconsumer\x1f0", "q,1", awkward])
    path = tmp_path / "awkward.csv"
    export.write_csv(str(path), model)
    table = read_csv(path)
    assert [r["text"] for r in table] == ["Jenny | consumer | 0", "q,1", awkward, ""]
    assert table[3]["item"] == "4242#3" and table[3]["object"] == "q,1"
    assert table[2]["time_s"] == "0.000000010" and table[2]["pid"] == "4242"


# --- the command ----------------------------------------------------------------------------

def ipcscope(*args):
    return subprocess.run([sys.executable, "-m", "ipcscope.core.cli", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def test_export_command_writes_both_files(runs_folder, tmp_path):
    run = recorded("pipe", runs_folder)
    out = ipcscope("export", run.path, "--chrome", str(tmp_path / "t.json"),
                   "--csv", str(tmp_path / "t.csv"))
    assert out.returncode == 0 and out.stderr == "", out.stderr
    assert "flows" in out.stdout and "events" in out.stdout
    with open(tmp_path / "t.json", encoding="utf-8") as file:
        assert json.load(file)["traceEvents"]
    assert len(read_csv(tmp_path / "t.csv")) == len(run.model)


def test_export_of_a_cut_short_run_works_with_a_note(runs_folder, tmp_path):
    data = read_bytes(recorded("queue", runs_folder).path)
    cut = tmp_path / "cut.ipcscope"
    cut.write_bytes(data[:len(data) * 2 // 3])
    out = ipcscope("export", str(cut), "--csv", str(tmp_path / "cut.csv"))
    assert out.returncode == 0 and "cut short" in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.splitlines()) == 1


class _MakesADirectory:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return os.mkdir, (self.path,)


def bad_inputs(runs_folder, tmp):
    import pickle
    good = recorded("queue", runs_folder).path
    files = {
        "empty": b"",
        "text": b"just some text\n",
        "newer": MAGIC + meta_record(version=2) + end_record(),
        "damaged": MAGIC + meta_record() + record(b"S", b"not json"),
        "pickle": pickle.dumps(_MakesADirectory(str(tmp / "marker"))),
    }
    paths = {}
    for name, data in files.items():
        (tmp / f"{name}.ipcscope").write_bytes(data)
        paths[name] = str(tmp / f"{name}.ipcscope")
    return [
        ([paths["empty"], "--csv", str(tmp / "o.csv")], "empty"),
        ([paths["text"], "--chrome", str(tmp / "o.json")], "not an IPC Scope trace"),
        ([paths["newer"], "--csv", str(tmp / "o.csv")], "newer IPC Scope"),
        ([paths["damaged"], "--csv", str(tmp / "o.csv")], "damaged"),
        ([paths["pickle"], "--csv", str(tmp / "o.csv")], "not an IPC Scope trace"),
        ([str(tmp / "missing.ipcscope"), "--csv", str(tmp / "o.csv")], "Cannot open"),
        ([str(tmp), "--csv", str(tmp / "o.csv")], "not a file"),
        ([good], "needs --chrome"),
        ([good, "--csv", str(tmp / "no" / "such" / "o.csv")], "Cannot write"),
        ([good, "--chrome", good], "overwrite the trace"),
        ([good, "--colour", "x.json"], "unrecognized arguments"),
    ]


def test_bad_export_input_is_one_sentence_and_exit_2(runs_folder, tmp_path):
    for args, words in bad_inputs(runs_folder, tmp_path):
        out = ipcscope("export", *args)
        assert out.returncode == 2, (args, out.stderr)
        assert "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1, out.stderr
        assert words.lower() in out.stderr.lower(), (words, out.stderr)
        assert out.stdout == ""
    assert not os.path.exists(tmp_path / "marker")       # the pickle never ran
    assert not os.path.exists(tmp_path / "o.csv") and not os.path.exists(tmp_path / "o.json")


# --- whatever loads, exports ------------------------------------------------------------------

def scramble_rows(rows: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Rows a traced run would never send: events dropped, repeated, reordered, and
    fields set to other kinds, processes, objects, items and times."""
    rows = rows[rng.integers(0, len(rows), len(rows))] if rng.random() < 0.3 else rows.copy()
    n = len(rows)
    for field, values in (("kind", np.array([int(k) for k in Kind], np.int16)),
                          ("proc", np.array([-1, 0, 1, 2, 3, 40, 2**15 - 1], np.int16)),
                          ("obj", np.array([0, 1, 2, 3, 99, -1], np.int16))):
        hit = rng.random(n) < 0.15
        rows[field][hit] = rng.choice(values, int(hit.sum()))
    hit = rng.random(n) < 0.15
    rows["item"][hit] = rows["item"][rng.permutation(n)][hit]
    rows["t"] += rng.integers(-10**6, 10**6, n) * (rng.random(n) < 0.2)
    for field in ("a", "b"):
        hit = rng.random(n) < 0.1
        rows[field][hit] = rng.integers(-10, 10, int(hit.sum()))
    return rows


def test_whatever_loads_exports(runs_folder, tmp_path):
    rng = np.random.default_rng(7)
    fuzz = random.Random(7)
    run = recorded("pipe", runs_folder)
    rows, strings = run.model.rows(), run.model.strings
    source = read_bytes(run.path)
    path = tmp_path / "fuzz.ipcscope"
    exported = 0
    for attempt in range(80):
        if attempt % 4 == 0:
            path.write_bytes(mutate_content(source, fuzz))
        else:
            path.write_bytes(MAGIC + meta_record() + strings_record(strings) +
                             events_record(scramble_rows(rows, rng)) + end_record())
        try:
            loaded = trace.load_run(str(path))
        except trace.TraceError:
            continue
        chrome_events(loaded.model, tmp_path, loaded.meta)
        export.write_csv(str(tmp_path / "fuzz.csv"), loaded.model)
        exported += 1
    assert exported >= 60


def test_hand_made_hostile_rows_export(tmp_path):
    big = np.iinfo(np.int64).max
    rows = rows_of((0, Kind.PROC_START, 0, 0, 0, 11, 1),
                   (5, Kind.OBJ_CREATE, 0, 1, 1, 3, ObjType.QUEUE),
                   (6, Kind.PUT_END, 0, 1, 98),
                   (7, Kind.GET_END, 2, 1, 98),
                   (big, Kind.PUT_END, 0, 1, 99),           # left out by the loader
                   (-big, Kind.GET_END, 2, 1, 99),
                   (10, Kind.PJOIN_BEGIN, 0, 0, 0, 123456),
                   (11, Kind.DICT_WRITE, 0, 9, 2, 7, 1),
                   (12, Kind.PRINT, 7, 0, 10**9))           # left out: no such string
    path = tmp_path / "hostile.ipcscope"
    path.write_bytes(MAGIC + meta_record() + strings_record(["m\x1fmain", "q", "x"]) +
                     events_record(rows) + end_record())
    loaded = trace.load_run(str(path))
    assert len(loaded.model) == len(rows) - 3 and len(loaded.notes) == 1
    events, _ = chrome_events(loaded.model, tmp_path)
    assert any(e["ph"] == "s" for e in events)
    export.write_csv(str(tmp_path / "hostile.csv"), loaded.model)
    assert len(read_csv(tmp_path / "hostile.csv")) == len(rows) - 3


# --- a trace file is exported as a stream -----------------------------------------------------

def test_a_trace_spilled_and_merged_exports_as_the_run_in_memory(runs_folder, tmp_path,
                                                                 monkeypatch):
    """`ipcscope export` sorts a big trace in runs on disk and merges them: tiny runs and
    blocks here, so every path of the merge is taken; the files come out the same."""
    from ipcscope.core import export_source
    run = recorded("pipe", runs_folder)
    loaded = trace.load_run(run.path)
    export.write_csv(str(tmp_path / "memory.csv"), loaded.model)
    memory_events, _ = chrome_events(loaded.model, tmp_path, loaded.meta)
    monkeypatch.setattr(export_source, "RUN_ROWS", 37)
    monkeypatch.setattr(export_source, "BLOCK_ROWS", 16)
    monkeypatch.setattr(export_source, "MERGE_ROWS", 50)
    opened = export.open_trace(run.path)
    try:
        assert len(opened.model._runs) > 3 and opened.notes == loaded.notes
        export.write_csv(str(tmp_path / "spilled.csv"), opened.model)
        streamed, _ = chrome_events(opened.model, tmp_path, opened.meta)
    finally:
        opened.close()
    assert (tmp_path / "spilled.csv").read_text() == (tmp_path / "memory.csv").read_text()
    key = lambda e: json.dumps(e, sort_keys=True)
    assert sorted(map(key, streamed)) == sorted(map(key, memory_events))


def busy_trace(path, n: int) -> None:
    rows = np.zeros(n, EVENT_DTYPE)
    rows["t"] = np.arange(n) * 1000
    rows["proc"] = np.arange(n) % 8
    rows["kind"] = np.where((np.arange(n) // 8) % 2 == 0, Kind.WORK_BEGIN, Kind.WORK_END)
    path.write_bytes(MAGIC + meta_record() + events_record(rows[:0]) +
                     b"".join(events_record(rows[i:i + 65536]) for i in range(0, n, 65536)) +
                     end_record())


@pytest.mark.parametrize("signal_number,status", [(15, 143), (2, 130)])
def test_an_export_stopped_by_a_signal_removes_its_partial_file(tmp_path, signal_number,
                                                                 status):
    busy_trace(tmp_path / "busy.ipcscope", 1_500_000)
    out = tmp_path / "out"
    out.mkdir()
    command = subprocess.Popen(
        [sys.executable, "-m", "ipcscope.core.cli", "export", str(tmp_path / "busy.ipcscope"),
         "--chrome", str(out / "t.json")], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not list(out.iterdir()) and command.poll() is None and \
                time.monotonic() < deadline:
            time.sleep(0.01)   # another process's file: nothing to wait on but the folder
        assert [p.name for p in out.iterdir()][0].startswith(".ipcscope-")
        command.send_signal(signal_number)
        _, err = command.communicate(timeout=60)
    finally:
        command.kill()
    assert command.returncode == status, err
    assert err == "ipcscope: export stopped; the files it had not finished are removed.\n"
    assert list(out.iterdir()) == [], err


def test_a_long_run_partly_on_disk_exports_what_it_would_in_memory(monkeypatch, tmp_path):
    """The window's Export of an hour's run: its rows are mostly on disk, so they are
    sorted in runs on disk (as a trace file's are), never joined; the files are the same
    as a short run's sorted in memory."""
    from benchmarks.export_memory import busy_rows

    rows, strings = busy_rows(120_000)
    spilled = RunModel(EVENT_DTYPE, resident_chunks=1)
    for part in np.array_split(rows, 30):
        spilled.append(part, strings)
        strings = []
    assert spilled.chunk_count() > 5 and spilled.nbytes() < len(rows) * EVENT_DTYPE.itemsize / 2
    results = {}
    for name, chunks in (("memory", 10**6), ("disk", 1)):
        monkeypatch.setattr(export, "MODEL_IN_MEMORY_CHUNKS", chunks)
        results[name] = (export.write_csv(str(tmp_path / f"{name}.csv"), spilled),
                           export.write_chrome(str(tmp_path / f"{name}.json"), spilled))
    assert results["memory"] == results["disk"]
    for suffix in ("csv", "json"):
        assert (tmp_path / f"memory.{suffix}").read_bytes() == \
            (tmp_path / f"disk.{suffix}").read_bytes()
    assert not [f for f in os.listdir(tmp_path) if f.endswith(".part")]
