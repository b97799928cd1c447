"""Property-based fuzzing of trace files made by someone who knows the format: arbitrary
metadata, summaries and rows, written through the real writer and its framing (so every
checksum holds), sometimes cut short.  Whatever the content, loading either refuses the
file with a TraceError of one sentence, or gives a run that the exports (in memory and
streamed from the file), the window's model (spans, findings, the summary a cut-short
replay makes) and the command's summary all take without an exception."""
from __future__ import annotations

import math

import numpy as np
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from ipcscope.core import export, findings, scenarios
from ipcscope.core.cli import format_summary
from ipcscope.core.events import Kind, ObjType
from ipcscope.core.scenarios.base import ParamError
from ipcscope.core.spans import SpanBuilder
from ipcscope.core.summary import summarize
from ipcscope.core.trace import EVENT_DTYPE, TraceError, TraceWriter, load_run

from tests.fixtures.trace_files import summary_of

# CI runs these with a fixed budget and no randomness: the same examples every time.
FUZZ = settings(max_examples=80, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow,
                                       HealthCheck.function_scoped_fixture])

INT64 = st.integers(-(1 << 63), (1 << 63) - 1)
EDGES = st.sampled_from([0, 1, -1, (1 << 63) - 1, -(1 << 63), 1 << 62, 10**12, 2**53 + 1])
JSON_SCALAR = st.none() | st.booleans() | st.integers(-(1 << 70), 1 << 70) | \
    st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12)
JSON = st.recursive(JSON_SCALAR, lambda inner: st.lists(inner, max_size=3) |
                    st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)
KINDS = st.sampled_from([int(k) for k in Kind]) | st.integers(-(1 << 15), (1 << 15) - 1)
SMALL = st.integers(-3, 6)


def int16(strategy):
    return strategy.map(lambda v: (v + (1 << 15)) % (1 << 16) - (1 << 15))


@st.composite
def rows(draw):
    base = draw(st.integers(0, 1 << 40))
    n = draw(st.integers(0, 40))
    out = np.zeros(n, EVENT_DTYPE)
    for i in range(n):
        t = base + i * draw(st.integers(0, 10**6)) if draw(st.booleans()) else \
            draw(EDGES | INT64)
        kind = draw(KINDS)
        b = draw(st.sampled_from([int(o) for o in ObjType]) | SMALL | INT64)
        out[i] = (t, kind, draw(int16(SMALL | INT64)), draw(int16(SMALL | INT64)),
                  draw(SMALL | EDGES | INT64), draw(SMALL | EDGES | INT64), b)
    return out


NAMES = st.sampled_from(["bounded-queue", "pipe-eof", "queue-sentinel"]) | st.text(max_size=8)


@st.composite
def metadata(draw):
    meta = {"scenario": draw(NAMES | JSON),
            "params": draw(st.dictionaries(st.sampled_from(["items", "producers", "maxsize",
                                                            "x"]) | st.text(max_size=5),
                                           JSON, max_size=3) | JSON),
            "speed": draw(st.floats(allow_nan=True, allow_infinity=True) | JSON)}
    for key in draw(st.lists(st.sampled_from(["format", "version", "started_at", "extra"]),
                             max_size=2)):
        meta[key] = draw(JSON | st.sampled_from(["ipcscope-trace", 1, 2]))
    return meta


@st.composite
def ends(draw):
    summary = summary_of()
    if draw(st.booleans()):
        summary = draw(st.dictionaries(st.text(max_size=6), JSON, max_size=4))
    for key in draw(st.lists(st.sampled_from(sorted(summary_of())), max_size=3)):
        summary[key] = draw(JSON | st.lists(st.dictionaries(
            st.sampled_from(["kind", "t_s", "message", "name", "processes"]), JSON),
            max_size=2))
    return {"status": draw(st.text(max_size=8) | JSON), "summary": summary}


def write_trace(path: str, meta: dict, batches: list, strings: list[str], end: dict,
                cut: float | None) -> None:
    writer = TraceWriter(path, meta)
    for batch in batches:
        writer.write_batch(batch, strings)
    writer.close(end)
    if cut is not None:
        with open(path, "rb+") as file:
            size = file.seek(0, 2)
            file.truncate(int(size * cut))


def use_everywhere(path: str, tmp_path) -> None:
    """What the window and the command do with a run that loaded."""
    loaded = load_run(path)
    model = loaded.model
    chrome = export.write_chrome(str(tmp_path / "t.json"), model, loaded.meta)
    assert export.write_csv(str(tmp_path / "t.csv"), model) == len(model)
    opened = export.open_trace(path)
    try:
        assert export.write_chrome(str(tmp_path / "s.json"), opened.model, opened.meta) == chrome
        assert export.write_csv(str(tmp_path / "s.csv"), opened.model) == len(model)
    finally:
        opened.close()
    builder = SpanBuilder()
    builder.append(model.rows())
    findings.detect(model)
    if loaded.summary is not None:
        format_summary(loaded.summary)
        return
    try:                             # a cut-short run: the replay makes its summary
        spec = scenarios.get(loaded.meta["scenario"])
    except ParamError:
        return                       # the window says it does not know the scenario
    summary = summarize(spec, loaded.meta["params"], model, status=loaded.status,
                        speed=loaded.meta["speed"], duration_s=1.0, leftover_processes=0)
    format_summary(summary)


def load_or_refuse(path: str, tmp_path) -> bool:
    try:
        load_run(path)
    except TraceError as error:
        text = str(error)
        assert text.endswith(".") and "\n" not in text and "Traceback" not in text
        event("refused")
        return False
    use_everywhere(path, tmp_path)
    event("loaded")
    return True


@FUZZ
@given(meta=metadata(), batches=st.lists(rows(), max_size=3),
       strings=st.lists(st.text(max_size=10), max_size=4), end=ends(),
       cut=st.none() | st.floats(0.0, 1.0))
def test_any_content_loads_or_is_refused_in_one_sentence(tmp_path, meta, batches, strings,
                                                         end, cut):
    path = str(tmp_path / "fuzz.ipcscope")
    write_trace(path, meta, batches, strings, end, cut)
    load_or_refuse(path, tmp_path)


@FUZZ
@given(batches=st.lists(rows(), min_size=1, max_size=3),
       strings=st.lists(st.text(max_size=10), max_size=4),
       cut=st.none() | st.floats(0.5, 1.0))
def test_any_rows_of_a_good_run_load_or_are_refused(tmp_path, batches, strings, cut):
    """Good metadata and summary, so the rows themselves get checked every time."""
    path = str(tmp_path / "rows.ipcscope")
    write_trace(path, {"scenario": "bounded-queue", "params": {"items": 2}, "speed": 1.0},
                batches, strings, {"status": "completed", "summary": summary_of()}, cut)
    if load_or_refuse(path, tmp_path):
        loaded = load_run(path)
        t = loaded.model.rows()["t"]
        assert not len(t) or (t.min() >= 0 and math.isfinite(float(t.max())))
