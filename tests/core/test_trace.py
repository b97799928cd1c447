"""Trace files: real runs survive a round trip; cut-short, damaged, fuzzed and hostile
files load up to what is whole or are refused with one sentence, never anything else,
and loading never runs code.  Files are built here from the format's documentation
(core/trace.py), so the tests check the documentation too."""
from __future__ import annotations

import json
import os
import pickle
import random
import shutil
import struct
import subprocess
import sys
import time
import zlib

import numpy as np
import pytest
from ipcscope.core import trace
from ipcscope.core.events import RECORD_SIZE, Kind, ObjType, make_item_id
from ipcscope.core.model import RunModel
from ipcscope.core.summary import pipe_rows, process_rows, queue_rows, summarize
from ipcscope.core.trace import (
    EVENT_DTYPE,
    MAGIC,
    TraceError,
    load_run,
    read_trace,
    save_run,
)

from tests.fixtures.recorded import RUNS, recorded
from tests.fixtures.trace_files import (
    end_record,
    events_record,
    meta_record,
    mutate_bytes,
    mutate_content,
    part,
    read_bytes,
    record,
    rows_of,
    split_records,
    strings_record,
    summary_of,
)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="session")
def runs_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("runs")


def write(tmp_path, data: bytes, name: str = "t.ipcscope") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def assert_one_sentence(error: TraceError) -> None:
    text = str(error)
    assert text and "\n" not in text and text.endswith("."), text
    assert "Traceback" not in text


def load_or_refuse(path: str):
    """Loading either works or says TraceError; anything else fails the test."""
    try:
        return load_run(path)
    except TraceError as error:
        assert_one_sentence(error)
        return None


# --- round trips through real runs ----------------------------------------------------

@pytest.mark.parametrize("name", sorted(RUNS))
def test_a_recorded_run_loads_with_the_same_summary_findings_and_events(name, runs_folder):
    run = recorded(name, runs_folder)
    loaded = load_run(run.path)
    assert loaded.complete and loaded.notes == []
    expected = json.loads(json.dumps(run.summary, default=str))
    assert loaded.summary == expected
    assert loaded.status == run.summary["status"]
    assert loaded.findings == expected["findings"]
    if name == "findings":
        assert {f["kind"] for f in loaded.findings} >= {"sentinel-shortfall"}
    # every event and string, in arrival order, so replay sees what the live run saw
    assert np.array_equal(loaded.model.rows(), run.model.rows())
    assert loaded.model.strings == run.model.strings
    # and the model built from the file derives the same numbers
    assert process_rows(loaded.model) == expected["processes"]
    assert queue_rows(loaded.model) == expected["queues"]
    assert pipe_rows(loaded.model) == expected["pipes"]
    scenario, params, speed = RUNS[name]
    meta = loaded.meta
    assert (meta["scenario"], meta["speed"]) == (scenario, speed)
    assert meta["params"] == run.summary["params"]
    assert {"app_version", "python", "platform", "started_at", "version"} <= set(meta)


def test_save_run_writes_a_whole_file_that_loads_the_same(runs_folder, tmp_path):
    run = recorded("queue", runs_folder)
    meta = trace.run_metadata("bounded-queue", run.summary["params"], 10.0)
    path = str(tmp_path / "saved.ipcscope")
    save_run(path, run.model, meta, run.summary)
    assert os.listdir(tmp_path) == ["saved.ipcscope"]   # no temporary file left behind
    loaded = load_run(path)
    assert loaded.complete and loaded.meta["started_at"] == meta["started_at"]
    assert "saved_at" in loaded.meta
    assert np.array_equal(loaded.model.rows(), run.model.rows())
    assert loaded.summary == json.loads(json.dumps(run.summary, default=str))
    save_run(path, run.model, meta, run.summary)   # saving over a file replaces it
    assert load_run(path).complete


def test_save_run_of_a_long_run_partly_on_disk_loads_the_same(tmp_path):
    """Save run… of an hour's run writes its chunks one by one, from memory and disk."""
    from benchmarks.export_memory import busy_rows

    rows, strings = busy_rows(100_000)
    model = RunModel(EVENT_DTYPE, resident_chunks=1)
    for piece in np.array_split(rows, 20):
        model.append(piece, strings)
        strings = []
    assert model.chunk_count() > 5 and model.nbytes() < rows.nbytes / 2
    path = str(tmp_path / "long.ipcscope")
    summary = summarize(None, {"program": "flood.py", "args": []}, model, status="completed",
                        speed=1.0, duration_s=1.0, leftover_processes=0)
    save_run(path, model, trace.run_metadata("queue-flood", {}, 1.0), summary)
    loaded = load_run(path)
    assert loaded.complete and np.array_equal(loaded.model.rows(), rows)


def test_save_run_to_a_folder_that_does_not_exist_says_so(runs_folder, tmp_path):
    run = recorded("queue", runs_folder)
    with pytest.raises(TraceError) as refused:
        save_run(str(tmp_path / "missing" / "x.ipcscope"), run.model, {}, run.summary)
    assert_one_sentence(refused.value)
    assert "Cannot write" in str(refused.value)


def realistic_rows(n: int, seed: int = 5) -> np.ndarray:
    """A busy queue: producers put, consumers get, with sleeps and jittery stamps."""
    rng = np.random.default_rng(seed)
    rows = np.zeros(n, EVENT_DTYPE)
    rows["t"] = 10**12 + np.cumsum(rng.integers(200, 30_000, n))
    pattern = np.array([Kind.WORK_BEGIN, Kind.WORK_END, Kind.PUT_END, Kind.GET_END,
                        Kind.WORK_BEGIN, Kind.WORK_END], np.int16)
    rows["kind"] = np.resize(pattern, n)
    rows["proc"] = rng.integers(1, 5, n)
    moved = np.isin(rows["kind"], [Kind.PUT_END, Kind.GET_END])
    rows["obj"][moved] = 1
    rows["item"][moved] = (rng.integers(40_000, 40_004, n) << 32)[moved] + np.arange(n)[moved]
    rows["a"][rows["kind"] == Kind.WORK_BEGIN] = rng.integers(10**6, 10**8, n)[
        rows["kind"] == Kind.WORK_BEGIN]
    return rows


def test_a_million_events_fit_in_40_mb_and_load_exactly(tmp_path):
    rows = realistic_rows(1_000_000)
    model = trace.RunModel(EVENT_DTYPE)
    model.append(rows, [])
    path = str(tmp_path / "million.ipcscope")
    save_run(path, model, {"scenario": "queue-flood", "params": {}, "speed": 1.0},
             summary_of())
    assert os.path.getsize(path) <= 40_000_000
    assert np.array_equal(load_run(path).model.rows(), rows)


def test_an_object_made_in_the_same_record_as_its_events_counts_them(tmp_path):
    rows = rows_of((1, Kind.OBJ_CREATE, 0, 1, 0, 5, ObjType.QUEUE),
                   (2, Kind.PUT_END, 1, 1, 7), (3, Kind.GET_END, 2, 1, 7))
    data = MAGIC + meta_record() + strings_record(["q"]) + events_record(rows) + end_record()
    queue = load_run(write(tmp_path, data)).model.objects[1]
    assert (queue.name, queue.count(Kind.PUT_END), queue.count(Kind.GET_END)) == ("q", 1, 1)


def test_extreme_values_survive_compression():
    info = np.iinfo(np.int64)
    rows = rows_of((info.max, Kind.PRINT, 2**15 - 1, 7, info.max, info.min, -1),
                   (info.min, Kind.WORK_BEGIN, -1, -5, info.min, info.max, 0),
                   (0, Kind.GET_END, 3, 1, make_item_id(2**31 - 1, 2**32 - 1), 1, 1))
    packed = trace._pack_rows(rows)
    assert np.array_equal(trace._unpack_rows(zlib.decompress(packed), len(rows)), rows)


# --- a run cut short ----------------------------------------------------------------

def test_every_prefix_of_a_trace_loads_up_to_its_last_whole_record_or_is_refused(
        runs_folder, tmp_path):
    data = read_bytes(recorded("queue", runs_folder).path)
    whole = read_trace(recorded("queue", runs_folder).path)
    metadata_ends = len(MAGIC) + 9 + len(split_records(data)[0][1])
    path = str(tmp_path / "cut.ipcscope")
    loaded_events = []
    for length in range(len(data)):
        with open(path, "wb") as file:
            file.write(data[:length])
        try:
            cut = read_trace(path)
        except TraceError as error:
            assert_one_sentence(error)
            assert length < metadata_ends    # refused only while the metadata is not whole
            continue
        assert not cut.complete and any("cut short" in note for note in cut.notes)
        assert np.array_equal(cut.rows, whole.rows[:len(cut.rows)])
        assert cut.strings == whole.strings[:len(cut.strings)]
        loaded_events.append(len(cut.rows))
        if length % 11 == 0:   # and as the window opens it, on a sample
            loaded = load_run(path)
            assert loaded.status == "cut short" and loaded.summary is None
            assert loaded.findings == [] and len(loaded.model) == len(cut.rows)
    assert loaded_events == sorted(loaded_events) and loaded_events[-1] == len(whole.rows)


KILLED_WRITER = """
import sys, time
import numpy as np
from ipcscope.core.trace import EVENT_DTYPE, TraceWriter
writer = TraceWriter(sys.argv[1], {"scenario": "queue-flood", "params": {}, "speed": 1.0})
t = 0
while True:
    rows = np.zeros(500, EVENT_DTYPE)
    rows["t"] = np.arange(t, t + 500)
    rows["kind"] = 50
    t += 500
    writer.write_batch(rows, [])
    time.sleep(0.002)
"""


def _rows_on_disk(path) -> int:
    """Rows the writer has flushed so far (0 while its first record is half written)."""
    try:
        return len(read_trace(path).rows)
    except TraceError:
        return 0


def test_a_writer_killed_mid_run_leaves_a_file_that_loads_cut_short(tmp_path):
    path = str(tmp_path / "killed.ipcscope")
    writer = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, path], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and writer.poll() is None and \
                _rows_on_disk(path) < 5000:
            time.sleep(0.05)  # polling another process's file: no signal to wait on
    finally:
        writer.kill()
        _, err = writer.communicate(timeout=30)
    assert writer.returncode == -9, err
    loaded = load_run(path)
    assert not loaded.complete and "cut short" in loaded.notes[0]
    rows = loaded.model.rows()
    assert len(rows) >= 500 and np.array_equal(rows["t"], np.arange(len(rows)))


def test_a_quiet_run_is_on_disk_within_the_flush_interval(tmp_path):
    path = str(tmp_path / "quiet.ipcscope")
    writer = trace.TraceWriter(path, {"scenario": "pipe-eof", "params": {}, "speed": 1.0})
    try:
        writer.write_batch(rows_of((1, Kind.PROC_START), (2, Kind.GET_BEGIN, 0, 1)),
                           ["main\x1fmain\x1f0"])
        deadline = time.monotonic() + 20
        seen = read_trace(path)
        while len(seen.rows) < 2 and time.monotonic() < deadline:
            time.sleep(trace.FLUSH_INTERVAL_S / 5)
            seen = read_trace(path)
        assert len(seen.rows) == 2 and seen.strings == ["main\x1fmain\x1f0"]
        assert not seen.complete
    finally:
        writer.close({"status": "stalled", "summary": summary_of("stalled")})
    assert read_trace(path).end["status"] == "stalled"


def test_a_writer_that_cannot_write_says_so_in_one_sentence():
    with pytest.raises(TraceError) as refused:
        trace.TraceWriter("/dev/full", {"scenario": "s", "params": {}, "speed": 1})
    assert_one_sentence(refused.value)
    assert "Cannot write the trace" in str(refused.value)


# --- files that are not traces, or not ones this version reads ------------------------------

@pytest.mark.parametrize("content,words", [
    (b"", "empty"),
    (b"hello, I am a text file\n", "not an IPC Scope trace"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "not an IPC Scope trace"),
    (b'{"traceEvents": []}', "not an IPC Scope trace"),
    (MAGIC[:6], "cut short before its first record"),
    (MAGIC, "cut short before its first record"),
    (MAGIC + meta_record()[:10], "cut short before its first record"),
    (MAGIC + strings_record(["a"]), "first record is not its metadata"),
    (MAGIC + record(b"M", b"[1, 2]"), "not an IPC Scope trace"),
    (MAGIC + meta_record(format="something-else"), "not an IPC Scope trace"),
    (MAGIC + meta_record(version="1"), "format version"),
    (MAGIC + meta_record(version=2) + b"\x00" * 50, "newer IPC Scope"),
    (MAGIC + meta_record(version=99, scenario=None), "newer IPC Scope"),
    (MAGIC + meta_record(params=[]), "lacks the scenario"),
    (MAGIC + record(b"M", b"{" * 100_000), "not an IPC Scope trace"),
    (MAGIC + meta_record()[:-1] + b"\x00", "fails its checksum"),
])
def test_what_is_not_a_readable_trace_is_refused_in_one_sentence(tmp_path, content, words):
    with pytest.raises(TraceError) as refused:
        load_run(write(tmp_path, content))
    assert_one_sentence(refused.value)
    assert words in str(refused.value)


def test_a_missing_file_a_folder_and_a_fifo_are_refused_without_waiting(tmp_path):
    for path, words in ((tmp_path / "nothing.ipcscope", "Cannot open"),
                        (tmp_path, "not a file")):
        with pytest.raises(TraceError) as refused:
            load_run(str(path))
        assert words in str(refused.value)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)   # opening it to read would wait for a writer forever
    with pytest.raises(TraceError, match="not a file"):
        load_run(str(fifo))


def test_content_that_is_not_what_the_format_says_is_refused(tmp_path):
    head = MAGIC + meta_record()
    cases = {
        "unknown record": head + record(b"Q", b"?"),
        "second metadata": head + meta_record(),
        "strings not a list": head + part(b"S", 0, 1, b'{"a": 1}'),
        "strings count": head + part(b"S", 0, 2, b'["a"]'),
        "strings not str": head + part(b"S", 0, 1, b"[1]"),
        "strings nested": head + part(b"S", 0, 1, b"[" * 50_000),
        "strings not utf-8": head + part(b"S", 0, 1, b'["\xff"]'),
        "strings encoding": head + part(b"S", 7, 0, b"[]"),
        "events length": head + part(b"E", 0, 2, bytes(79)),
        "events encoding": head + part(b"E", 9, 1, bytes(40)),
        "events header": head + record(b"E", b"\x00\x01"),
        "events too many": head + part(b"E", 1, 1 << 21, zlib.compress(b"")),
        "not zlib": head + part(b"E", 1, 1, b"not zlib at all"),
        "zlib short": head + part(b"E", 1, 2, zlib.compress(bytes(40))),
        "zlib extra": head + part(b"E", 1, 1, zlib.compress(bytes(40)) + b"junk"),
        "end not object": head + record(b"Z", b"[]"),
        "end lacks summary": head + record(b"Z", b'{"status": "completed"}'),
        "findings not list": head + record(b"Z", b'{"status": "x", "summary": '
                                                 b'{"findings": 3}}'),
    }
    for case, data in cases.items():
        with pytest.raises(TraceError) as refused:
            load_run(write(tmp_path, data))
        assert_one_sentence(refused.value)
        assert "damaged or not an IPC Scope trace" in str(refused.value), case


def test_a_zip_bomb_is_refused_before_it_fills_memory(tmp_path):
    head = MAGIC + meta_record()
    bomb = zlib.compress(bytes(trace.MAX_STRINGS_BYTES + 1), 9)   # 64 MiB in ~64 KB
    for data in (head + part(b"E", 1, 10, bomb), head + part(b"S", 1, 1, bomb)):
        with pytest.raises(TraceError, match="expands beyond"):
            load_run(write(tmp_path, data))
    # each record within its limit, but together far more than the file could hold
    full = zlib.compress(bytes(trace.MAX_RECORD_ROWS * RECORD_SIZE), 9)
    many = head + b"".join(part(b"E", 1, trace.MAX_RECORD_ROWS, full) for _ in range(8))
    with pytest.raises(TraceError, match="far more memory"):
        load_run(write(tmp_path, many))


def test_a_hostile_length_field_allocates_nothing(tmp_path):
    head = MAGIC + meta_record()
    # longer than the file: taken as the end of a file that was cut short
    loaded = load_run(write(tmp_path, head + struct.pack("<cI", b"E", 0xFFFFFFFF) + b"x"))
    assert not loaded.complete and "cut short" in loaded.notes[0]
    # within a (sparse) file but beyond any record a writer makes: damage, not a 4 GB read
    path = tmp_path / "sparse.ipcscope"
    with open(path, "wb") as file:
        file.write(head + struct.pack("<cI", b"E", trace.MAX_RECORD_BYTES + 1))
        file.truncate(trace.MAX_RECORD_BYTES + 4096)
    loaded = load_run(str(path))
    assert len(loaded.model) == 0 and "damaged" in loaded.notes[0]


class _MakesADirectory:
    def __init__(self, path):
        self.path = path

    def __reduce__(self):
        return os.mkdir, (self.path,)


def test_a_pickle_is_refused_and_never_run(tmp_path):
    proof = tmp_path / "proof"
    pickle.loads(pickle.dumps(_MakesADirectory(str(proof))))
    assert proof.is_dir()               # the payload is live: unpickling runs it
    marker = str(tmp_path / "marker")
    payload = pickle.dumps(_MakesADirectory(marker))
    head = MAGIC + meta_record()
    files = {
        "whole file": payload,
        "after the magic": MAGIC + payload,
        "as metadata": MAGIC + record(b"M", payload),
        "as strings": head + record(b"S", payload),
        "as raw strings": head + part(b"S", 0, 1, payload),
        "as compressed strings": head + part(b"S", 1, 1, zlib.compress(payload)),
        "as events": head + part(b"E", 1, 1, zlib.compress(payload)),
        "as the end": head + record(b"Z", payload),
        "as an unknown record": head + record(b"P", payload),
    }
    for case, data in files.items():
        with pytest.raises(TraceError) as refused:
            load_run(write(tmp_path, data))
        assert_one_sentence(refused.value)
        assert not os.path.exists(marker), case


# --- what a reader makes of damage it can get past ---------------------------------------

def test_a_damaged_record_ends_the_run_there_with_a_note(tmp_path):
    first = rows_of((1, Kind.WORK_BEGIN, 1), (2, Kind.WORK_END, 1))
    damaged = bytearray(events_record(first))
    damaged[12] ^= 0x40
    data = MAGIC + meta_record() + events_record(first) + bytes(damaged) + end_record()
    loaded = load_run(write(tmp_path, data))
    assert len(loaded.model) == 2 and not loaded.complete
    assert loaded.notes == [trace.NOTE_DAMAGED]


def test_kinds_from_a_newer_version_are_left_out_with_a_note(tmp_path):
    rows = rows_of((1, Kind.WORK_BEGIN, 1), (2, 127, 1), (3, -4, 1),
                   (4, Kind.OBJ_CREATE, 0, 1, 0, 5, 99), (5, Kind.WORK_END, 1))
    data = MAGIC + meta_record() + strings_record(["q"]) + events_record(rows) + end_record()
    loaded = load_run(write(tmp_path, data))
    assert loaded.model.rows()["t"].tolist() == [1, 5]
    assert loaded.complete and "3 events" in loaded.notes[0]


def test_optional_records_are_skipped_and_trailing_data_noted(tmp_path):
    rows = rows_of((1, Kind.WORK_BEGIN, 1))
    data = (MAGIC + meta_record(extra_key=[1, 2]) + record(b"x", b"anything") +
            events_record(rows) + end_record() + b"more")
    loaded = load_run(write(tmp_path, data))
    assert loaded.complete and len(loaded.model) == 1
    assert loaded.notes == [trace.NOTE_TRAILING]


def test_text_that_no_file_or_window_could_show_is_made_safe(tmp_path):
    rows = rows_of((1, Kind.PRINT, 0, 0, 0), (2, Kind.PRINT, 0, 0, 1))
    body = b'["lone \\ud800 surrogate", "fine \xe5\x90\x83"]'
    data = (MAGIC + meta_record(scenario="\udfff") + part(b"S", 0, 2, body) +
            events_record(rows) + end_record())
    loaded = load_run(write(tmp_path, data))
    loaded.model.strings[0].encode("utf-8")
    assert loaded.model.strings[1] == "fine 吃"
    assert loaded.model.text(loaded.model.rows()[1]) == "fine 吃"


# --- fuzz ---------------------------------------------------------------------------

def test_fuzzed_files_load_or_are_refused_never_anything_else(runs_folder, tmp_path):
    rng = random.Random(20240501)
    sources = [read_bytes(recorded(name, runs_folder).path) for name in ("queue", "pipe")]
    path = str(tmp_path / "fuzz.ipcscope")
    outcomes = {"loaded": 0, "refused": 0}
    for attempt in range(600):
        source = sources[attempt % 2]
        if attempt % 3 == 0:
            data = MAGIC + bytes(rng.randrange(256) for _ in range(rng.randint(0, 300)))
        elif attempt % 3 == 1:
            data = mutate_bytes(source, rng)
        else:
            data = mutate_content(source, rng)
        with open(path, "wb") as file:
            file.write(data)
        outcomes["loaded" if load_or_refuse(path) else "refused"] += 1
    assert outcomes["loaded"] > 50 and outcomes["refused"] > 50, outcomes


def test_a_copy_of_a_run_being_written_loads(runs_folder, tmp_path):
    """What the window sees if it opens a file that `ipcscope run --trace` is writing."""
    source = recorded("pipe", runs_folder).path
    copy = tmp_path / "copy.ipcscope"
    shutil.copy(source, copy)
    assert load_run(str(copy)).complete
