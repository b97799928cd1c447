"""What happens after the stop: the summary and findings of a long run, timed and weighed.

    python benchmarks/summary_bench.py [--events 4040000] [--trace FILE] [--runs 3]

Builds the model of a busy run (the 4M-event queue flood of benchmarks/export_memory.py:
four producers and four consumers on one queue, with work between; or the run in FILE,
a trace written by `run --trace`), then, in a fresh process each run, computes what the
command computes after the stop (core/summary.py: the findings, the queues' depth, the
processes) and prints the median time, the memory it held at once beyond the model
(tracemalloc: numpy's arrays included) and the process's RSS growth.  Target (issue 16):
<= 2 s and <= 200 MB more for a 4M-event run.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import tracemalloc

import psutil

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from ipcscope.core.model import RunModel
from ipcscope.core.summary import summarize
from ipcscope.core.supervisor import EVENT_DTYPE
from ipcscope.core.trace import load_run

from benchmarks.export_memory import busy_rows

MB = 1e6


def model_of(events: int, trace: str | None) -> RunModel:
    if trace:
        return load_run(trace).model
    rows, strings = busy_rows(events)
    model = RunModel(EVENT_DTYPE)
    model.append(rows, strings)
    return model


def summary_of(model: RunModel) -> dict:
    return summarize(None, {"program": "bench", "args": []}, model, status="completed",
                     speed=1.0, duration_s=1.0, leftover_processes=0)


def one(events: int, trace: str | None) -> dict:
    """Measured in this process: the time, then (a second pass) the memory."""
    model = model_of(events, trace)
    me = psutil.Process()
    rss_before = me.memory_info().rss
    peak, done = [rss_before], threading.Event()

    def sample():          # every 5 ms while the summary runs
        while not done.wait(0.005):
            peak[0] = max(peak[0], me.memory_info().rss)

    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.perf_counter()
    summary_of(model)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    rss_growth = peak[0] - rss_before
    tracemalloc.start()
    summary_of(model)
    extra = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"events": len(model), "seconds": seconds, "extra_mb": extra / MB,
            "rss_growth_mb": rss_growth / MB, "model_mb": model.nbytes() / MB}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=4_040_000)
    parser.add_argument("--trace", help="a trace written by `run --trace` instead")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.events, args.trace)))
        return 0
    command = [sys.executable, os.path.abspath(__file__), "--one", "--events", str(args.events)]
    command += ["--trace", args.trace] if args.trace else []
    runs = [json.loads(subprocess.run(command, check=True, capture_output=True,
                                      text=True).stdout) for _ in range(args.runs)]
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"{median['events']:,.0f} events (model {median['model_mb']:.0f} MB): summary and "
          f"findings in {median['seconds']:.2f} s (target <= 2), {median['extra_mb']:.0f} MB "
          f"more at once (target <= 200), RSS +{median['rss_growth_mb']:.0f} MB "
          f"(medians of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
