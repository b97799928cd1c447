"""The supervisor's memory against run length: is it a flat line?

    python benchmarks/memory_bench.py [--minutes 1 5] [--runs 1] [--issue] [--window]

Each run is `ipcscope trace --timeout S --trace FILE` of benchmarks/programs/endless_flood.py
(a producer and a consumer on a Queue(1000), for as long as it is let run), in a fresh
process whose RSS (psutil, the command's own process: the supervisor, not the traced
program) is sampled every second.  Printed per length: events, RSS at a quarter, half
and the end of the run, the slope over its second half (MB a minute: 0 is the goal),
the peak (after the stop included) and how long the command took after the stop.  A run
whose RSS passes --cap-mb (4000) is stopped there (`ran_min` says when).
--window measures the window instead (benchmarks/window_flood.py: Open script…, Run,
Stop, offscreen): its RSS the same way, plus how late a 50 ms GUI timer fired at worst
and at the 99th percentile (the window's responsiveness).
--issue also runs issue 16's command (`ipcscope run queue-flood --set items=10000000
--timeout 8`) and prints its peak (target: <= 600 MB).  `make bench-long` runs 1, 10 and
60 minutes (not in CI).
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

import psutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IPCSCOPE = os.path.join(os.path.dirname(sys.executable), "ipcscope")
FLOOD = os.path.join(ROOT, "benchmarks", "programs", "endless_flood.py")
WINDOW = os.path.join(ROOT, "benchmarks", "window_flood.py")
MB = 1e6


def sampled(command: list[str], interval_s: float = 1.0,
            cap_mb: float = 0, env: dict | None = None) -> tuple[list[tuple[float, int]], float]:
    """Run command; return its (seconds since start, RSS bytes) samples and wall time.
    Past cap_mb it is stopped as Ctrl-C would (SIGINT: the run ends, its trace whole),
    so a long run that grows does not take the machine down."""
    started = time.monotonic()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           env=env)
    samples = []
    while process.poll() is None:
        try:
            samples.append((time.monotonic() - started, process.memory_info().rss))
        except psutil.NoSuchProcess:
            break
        if cap_mb and samples[-1][1] > cap_mb * MB:
            process.send_signal(signal.SIGINT)
            cap_mb = 0
        time.sleep(interval_s)
    return samples, time.monotonic() - started


def rss_at(samples, t: float) -> float:
    """RSS (MB) of the last sample at or before t."""
    before = [rss for at, rss in samples if at <= t]
    return (before[-1] if before else samples[0][1]) / MB


def slope_mb_per_min(samples, start: float, end: float) -> float:
    """Least-squares slope of RSS over [start, end], MB a minute."""
    points = [(at, rss / MB) for at, rss in samples if start <= at <= end]
    if len(points) < 2:
        return 0.0
    mean_t = statistics.fmean(at for at, _ in points)
    mean_r = statistics.fmean(r for _, r in points)
    num = sum((at - mean_t) * (r - mean_r) for at, r in points)
    den = sum((at - mean_t) ** 2 for at, _ in points)
    return 60 * num / den if den else 0.0


def flood_run(minutes: float, workdir: str, cap_mb: float) -> dict:
    seconds = minutes * 60
    trace = os.path.join(workdir, f"flood-{minutes:g}.ipcscope")
    summary_path = os.path.join(workdir, f"flood-{minutes:g}.json")
    samples, wall = sampled([IPCSCOPE, "trace", "--timeout", str(seconds), "--trace", trace,
                             "--json", summary_path, FLOOD], cap_mb=cap_mb)
    try:
        with open(summary_path, encoding="utf-8") as f:
            summary = json.load(f)     # stopped at the cap: "stopped", its length so far
    except OSError:                    # ...or the command had no summary to write
        summary = {"duration_s": samples[-1][0], "events": 0}
    duration = summary["duration_s"]
    size = os.path.getsize(trace)
    os.remove(trace)
    return {
        "minutes": minutes, "ran_min": round(summary["duration_s"] / 60, 1),
        "events": summary["events"], "trace_mb": round(size / MB, 1),
        "rss_quarter_mb": round(rss_at(samples, duration / 4)),
        "rss_half_mb": round(rss_at(samples, duration / 2)),
        "rss_stop_mb": round(rss_at(samples, duration)),
        "slope_mb_per_min": round(slope_mb_per_min(samples, duration / 2, duration), 1),
        "peak_mb": round(max(rss for _, rss in samples) / MB),
        "after_stop_s": round(wall - duration, 1),
    }


def window_run(minutes: float, workdir: str, cap_mb: float) -> dict:
    duration = minutes * 60
    figures_path = os.path.join(workdir, f"window-{minutes:g}.json")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    samples, _wall = sampled([sys.executable, WINDOW, "--seconds", str(duration),
                              "--json", figures_path], cap_mb=cap_mb, env=env)
    with open(figures_path, encoding="utf-8") as f:
        figures = json.load(f)
    return {
        "minutes": minutes, "events": figures["events"],
        "rss_quarter_mb": round(rss_at(samples, duration / 4)),
        "rss_half_mb": round(rss_at(samples, duration / 2)),
        "rss_stop_mb": round(rss_at(samples, duration)),
        "slope_mb_per_min": round(slope_mb_per_min(samples, duration / 2, duration), 1),
        "peak_mb": round(max(rss for _, rss in samples) / MB),
        "after_stop_s": figures["after_stop_s"],
        "max_stall_s": figures["max_stall_s"], "p99_stall_s": figures["p99_stall_s"],
    }


def issue_run() -> dict:
    samples, wall = sampled([IPCSCOPE, "run", "queue-flood", "--set", "items=10000000",
                             "--timeout", "8"], interval_s=0.05)
    return {"peak_mb": round(max(rss for _, rss in samples) / MB), "wall_s": round(wall, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, nargs="+", default=[1, 5])
    parser.add_argument("--runs", type=int, default=1, help="runs of each length (medians)")
    parser.add_argument("--issue", action="store_true", help="also issue 16's 10M-item flood")
    parser.add_argument("--window", action="store_true",
                        help="the window's RSS and responsiveness, not the command's")
    parser.add_argument("--cap-mb", type=float, default=4000,
                        help="stop a run whose RSS passes this (0: never); ran_min says when")
    args = parser.parse_args()
    if args.issue:
        runs = [issue_run() for _ in range(args.runs)]
        print(f"issue 16 flood (items=10000000, --timeout 8): peak "
              f"{statistics.median(r['peak_mb'] for r in runs):.0f} MB (target <= 600), "
              f"{statistics.median(r['wall_s'] for r in runs):.1f} s in all", flush=True)
    with tempfile.TemporaryDirectory(prefix="ipcscope-membench-") as workdir:
        for minutes in args.minutes:
            run = window_run if args.window else flood_run
            runs = [run(minutes, workdir, args.cap_mb) for _ in range(args.runs)]
            median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
            print("  ".join(f"{key} {value:g}" for key, value in median.items()), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
