"""Peak memory and time of `ipcscope export` on a big trace, whole and cut short.

    python benchmarks/export_memory.py [--events 4040000] [--runs 3] [--keep DIR]

Makes a trace of a busy run (four producers and four consumers on one queue, with
work between: ~4M events in ~6 MB, like the trace of issue #16), then runs the export
command in a fresh process for Chrome JSON and for CSV, on the whole file and on the
file cut at 50% and 90%, and prints the median wall time and peak RSS (psutil, sampled
every 10 ms, the command's whole process) of several runs.  The goal: peak RSS within
300 MB whatever the trace's size; a cut-short file in time proportional to what it holds.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import psutil
from ipcscope.core.events import Kind, ObjType
from ipcscope.core.model import RunModel
from ipcscope.core.trace import EVENT_DTYPE, save_run

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from benchmarks.report import peak_rss  # noqa: E402

PROCS = 8


def busy_rows(n: int, seed: int = 5) -> tuple[np.ndarray, list[str]]:
    """A queue flood: per process, work then a put (producers) or a get (consumers)."""
    rng = np.random.default_rng(seed)
    head = np.zeros(PROCS + 1, EVENT_DTYPE)
    head["t"] = np.arange(PROCS + 1)
    head["kind"][:PROCS] = Kind.PROC_START
    head["proc"][:PROCS] = np.arange(PROCS)
    head["item"][:PROCS] = np.arange(PROCS)
    head["a"][:PROCS] = 40_000 + np.arange(PROCS)
    head[PROCS] = (PROCS, Kind.OBJ_CREATE, 1, 0, PROCS, 0, ObjType.QUEUE)
    strings = [f"p{i}\x1f{'producer' if i < PROCS // 2 else 'consumer'}\x1f0"
               for i in range(PROCS)] + ["tasks"]
    rows = np.zeros(n - len(head), EVENT_DTYPE)
    rows["t"] = 1_000 + np.cumsum(rng.integers(200, 3_000, len(rows)))
    rows["proc"] = np.arange(len(rows)) % PROCS
    step = (np.arange(len(rows)) // PROCS) % 3
    producer = rows["proc"] < PROCS // 2
    rows["kind"] = np.where(step == 0, Kind.WORK_BEGIN, np.where(
        step == 1, Kind.WORK_END, np.where(producer, Kind.PUT_END, Kind.GET_END)))
    moved = step == 2
    rows["obj"][moved] = 1
    sequence = np.arange(len(rows)) // (PROCS * 3)
    partner = np.where(producer, rows["proc"], rows["proc"] - PROCS // 2)
    rows["item"][moved] = ((40_000 + partner[moved].astype(np.int64)) << 32) + sequence[moved]
    rows["a"][step == 0] = 1_000
    return np.concatenate([head, rows]), strings


def make_trace(path: str, events: int) -> None:
    rows, strings = busy_rows(events)
    model = RunModel(EVENT_DTYPE)
    model.append(rows, strings)
    summary = {"scenario": "queue-flood", "params": {}, "speed": 1.0, "status": "completed",
               "duration_s": 1.0, "events": len(rows), "dropped_events": 0,
               "processes": [], "queues": [], "pipes": [], "result": {}, "findings": [],
               "leftover_processes": 0, "predicted": "", "as_predicted": True,
               "problems": []}
    save_run(path, model, {"scenario": "queue-flood", "params": {}, "speed": 1.0}, summary)


def measure(args: list[str]) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit code) of one export command."""
    started = time.monotonic()
    process = psutil.Popen([sys.executable, "-m", "ipcscope.core.cli", "export", *args],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = peak_rss(process, 0.01)
    return time.monotonic() - started, peak / 2**20, process.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=4_040_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", help="make the traces in this folder and keep them")
    options = parser.parse_args()
    folder = options.keep or tempfile.mkdtemp(prefix="ipcscope-bench-")
    whole = os.path.join(folder, "big.ipcscope")
    if not os.path.exists(whole):
        make_trace(whole, options.events)
    data_size = os.path.getsize(whole)
    files = {"whole": whole}
    for percent in (50, 90):
        cut = os.path.join(folder, f"cut{percent}.ipcscope")
        with open(whole, "rb") as source, open(cut, "wb") as out:
            out.write(source.read(data_size * percent // 100))
        files[f"cut at {percent}%"] = cut
    print(f"trace: {options.events:,} events, {data_size / 1e6:.1f} MB")
    for name, path in files.items():
        for kind, out in (("chrome", "out.json"), ("csv", "out.csv")):
            results = [measure([path, f"--{kind}", os.path.join(folder, out)])
                       for _ in range(options.runs)]
            codes = {code for _, _, code in results}
            print(f"{name:>10} {kind:>6}: {statistics.median(r[0] for r in results):6.1f} s, "
                  f"peak {statistics.median(r[1] for r in results):6.0f} MB (exit {codes})",
                  flush=True)


if __name__ == "__main__":
    main()
