"""The window's figures: redraw cost with a big model while events pour in, and the
latency from an event in a child to its presence in the plotted data.  Offscreen."""
from __future__ import annotations

import os
import statistics
import tempfile
import time

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ipcscope.core import scenarios  # noqa: E402
from ipcscope.core.events import Kind, ObjType  # noqa: E402
from ipcscope.core.model import RunModel  # noqa: E402
from ipcscope.core.spans import SpanBuilder  # noqa: E402
from ipcscope.core.supervisor import EVENT_DTYPE  # noqa: E402
from ipcscope.gui.main_window import MainWindow  # noqa: E402
from PySide6.QtCore import QEvent, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

LANES, QUEUES = 16, 4
PRELOADED, INGEST_PER_S, FRAME_S = 2_000_000, 200_000, 0.033


def _app() -> QApplication:
    return QApplication.instance() or QApplication([])


def _window(scenario_list) -> MainWindow:
    settings = QSettings(tempfile.mktemp(suffix=".ini"), QSettings.IniFormat)
    window = MainWindow(settings, scenarios=scenario_list)
    window.resize(1280, 800)
    window.show()
    _app().processEvents()
    return window


def _dispose(window: MainWindow) -> None:
    """Close and delete a window, so a later measurement in this process does not also
    pay for its timers and repaints (measured: a latency run's window left behind made
    the redraw that followed 16.9 -> 21.2 ms at p95)."""
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    _app().processEvents()


def synthetic_rows(n: int, t_start: int, strings_base: int, first: bool) -> tuple:
    """n events of 16 processes working and moving items through 4 queues, 5 µs apart."""
    head = []
    strings = []
    if first:
        for proc in range(LANES):
            head.append((t_start, Kind.PROC_START, 0, proc, strings_base + len(strings),
                         1000 + proc, 1))
            strings.append(f"worker {proc}\x1f{'producer' if proc % 2 else 'consumer'}\x1f0")
        for obj in range(1, QUEUES + 1):
            head.append((t_start, Kind.OBJ_CREATE, obj, 0, strings_base + len(strings), 5,
                         ObjType.QUEUE))
            strings.append(f"queue{obj}")
    rows = np.zeros(n, EVENT_DTYPE)
    i = np.arange(n)
    rows["t"] = t_start + 1000 + i * 5_000
    rows["proc"] = i % LANES
    cycle = (i // LANES) % 4
    producer = rows["proc"] % 2 == 1
    rows["kind"] = np.where(cycle == 0, Kind.WORK_BEGIN, np.where(cycle == 1, Kind.WORK_END,
                   np.where(producer, Kind.PUT_END, Kind.GET_END)))
    rows["obj"] = np.where(cycle >= 2, 1 + (i // (LANES * 4)) % QUEUES, 0)
    rows["item"] = np.where(cycle >= 2, (1000 + (rows["proc"] | 1)) << 32 | (i // LANES), 0)
    if head:
        rows = np.concatenate([np.array(head, EVENT_DTYPE), rows])
    return rows, strings


def redraw_p95(frames: int = 120, window_s: float = 30.0) -> dict:
    """One refresh of the window (every view updated, then what changed painted) with 2M events
    already in the model, 200k more arriving each second (6,600 a frame), "now" moving with
    them.  2M events are 10 s of such a run: in the default 30 s window the view stands
    still; with window_s=5 it scrolls every frame, as a longer live run does.  Wall time,
    and the GUI thread's own CPU time (on a shared machine the two differ by waiting)."""
    _app()
    window = _window([scenarios.get("bounded-queue")])
    window.run_view.timeline.set_window(window_s)
    controller = window.controller
    controller.model, controller.spans = RunModel(EVENT_DTYPE), SpanBuilder()
    controller.scenario, controller.params, controller.speed = \
        scenarios.get("bounded-queue"), scenarios.get("bounded-queue").defaults(), 1.0
    window.run_view.set_run(controller)
    window.event_log.set_run(controller.model)
    t = time.monotonic_ns()
    rows, strings = synthetic_rows(PRELOADED, t, 0, True)
    for part in np.array_split(rows, 40):
        controller.model.append(part, strings)
        controller.spans.append(part)
        window.session.add_rows(part)
        strings = []
    per_frame = int(INGEST_PER_S * FRAME_S)
    t_next = int(rows["t"][-1])
    times, cpu_times = [], []
    for frame in range(frames):
        more, _ = synthetic_rows(per_frame, t_next, 0, False)
        t_next = int(more["t"][-1])
        controller.model.append(more, [])
        controller.spans.append(more)
        window.session.add_rows(more)
        controller.replay_now_ns = t_next   # the plots' "now": the newest event
        started, started_cpu = time.perf_counter(), time.thread_time()
        window.session.draw(slow=frame % 6 == 0)   # what the frame timer does...
        _app().processEvents()              # ...and the painting it causes
        times.append((time.perf_counter() - started) * 1000)
        cpu_times.append((time.thread_time() - started_cpu) * 1000)
    _dispose(window)
    return {"redraw_p95_ms": round(float(np.percentile(times, 95)), 1),
            "redraw_median_ms": round(statistics.median(times), 1),
            "redraw_cpu_p95_ms": round(float(np.percentile(cpu_times, 95)), 1),
            "redraw_model_events": len(controller.model)}


def latency(seconds_of_events: float = 8.0) -> dict:
    """A live run in the window: 4 children at 5,000 events/s each.  For every event,
    the time from its stamp in the child to the end of the first frame drawn after it
    reached the window's model."""
    scenarios.register("benchmarks.emitters")
    spec = scenarios.get("bench-emitters")
    app = _app()
    window = _window([spec])
    rate = 5_000
    window.settings.set_params(spec.id, {"children": 4, "events": int(rate * seconds_of_events),
                                         "seconds": 0.0, "rate": rate})
    window.scenario_panel.show_params(spec.id, window.settings.params(spec.id))
    lags: list[np.ndarray] = []
    seen = [0]
    refresh = window.run_view.refresh

    def timed_refresh():
        refresh()
        model = window.controller.model
        if model is None or len(model) == seen[0]:
            return
        drawn_at = time.monotonic_ns()
        new = model.rows()[seen[0]:]
        seen[0] = len(model)
        new = new[new["kind"] == Kind.WORK_END]
        if len(new):
            lags.append((drawn_at - new["t"]) / 1e6)
    window.run_view.refresh = timed_refresh
    ended = []
    window.run_ended.connect(ended.append)
    assert window.start_run()
    deadline = time.monotonic() + seconds_of_events + 120
    while not ended and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)
    _dispose(window)
    lag = np.concatenate(lags)
    return {"latency_p50_ms": round(float(np.percentile(lag, 50)), 1),
            "latency_p99_ms": round(float(np.percentile(lag, 99)), 1),
            "latency_events": int(len(lag))}
