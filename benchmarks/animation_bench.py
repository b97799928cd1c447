"""Time and size of `ipcscope export FILE --gif` (and --mp4 / --webm with PyAV) on a
60-second run at 1280×720, 15 fps, replay at 1×.

    python benchmarks/animation_bench.py [--runs 3] [--trace FILE] [--keep DIR]

Records the run once (`ipcscope run queue-sentinel --speed 0.6 --trace FILE`: the
article's program stretched to ~60 s, 3 producers, 2 consumers, a finding), then runs the
export command in a fresh process, headless (QT_QPA_PLATFORM unset, no DISPLAY: the
command renders offscreen by itself), and prints the median wall time, peak RSS and
file size of several runs.  Targets (issue 18): under 60 s, the GIF under 10 MB.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time

import psutil

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from benchmarks.report import peak_rss, table

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIO, SPEED = "queue-sentinel", 0.6          # 37 s at 1×: ~62 s at 0.6×
TARGETS = {"gif: seconds (median)": (60.0, "<=", "s"),
           "gif: MB": (10.0, "<=", "MB"),
           "mp4: seconds (median)": (60.0, "<=", "s"),
           "webm: seconds (median)": (60.0, "<=", "s")}


def ipcscope(*args) -> list[str]:
    return [sys.executable, "-m", "ipcscope.gui.app", *args]


def record(path: str) -> None:
    subprocess.run(ipcscope("run", SCENARIO, "--speed", str(SPEED), "--trace", path,
                            "--timeout", "150"), cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command, with no display."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    peak = peak_rss(process, 0.05)
    wall = time.perf_counter() - started
    if process.returncode != 0:
        raise SystemExit(f"the export failed: {process.stderr.read().decode()}")
    return wall, peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--trace", help="a trace to use instead of recording one")
    parser.add_argument("--keep", help="a folder to keep the trace and the files in")
    args = parser.parse_args()
    folder = args.keep or tempfile.mkdtemp(prefix="ipcscope-animation-")
    os.makedirs(folder, exist_ok=True)
    trace = args.trace or os.path.join(folder, "run.ipcscope")
    if not args.trace:
        record(trace)
    kinds = ["gif"] + (["mp4", "webm"] if importlib.util.find_spec("av") else [])
    figures: dict = {}
    for kind in kinds:
        out = os.path.join(folder, f"run.{kind}")
        runs = [timed(ipcscope("export", trace, f"--{kind}", out, "--fps", "15",
                               "--width", "1280", "--speed", "1")) for _ in range(args.runs)]
        figures[f"{kind}: seconds (median)"] = round(statistics.median(r[0] for r in runs), 1)
        figures[f"{kind}: peak RSS MB (median)"] = round(statistics.median(r[1] for r in runs))
        figures[f"{kind}: MB"] = round(os.path.getsize(out) / 1e6, 2)
    from PIL import Image
    with Image.open(os.path.join(folder, "run.gif")) as gif:
        figures["gif: frames"] = gif.n_frames
    print(f"{SCENARIO} at {SPEED}× ({trace}), 1280×720, 15 fps, {args.runs} runs each")
    print(table(figures, TARGETS))
    if args.keep:
        print(f"kept in {folder}")


if __name__ == "__main__":
    main()
