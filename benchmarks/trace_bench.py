"""What `ipcscope trace` costs a program nobody wrote for IPC Scope, as whole processes.

    .venv/bin/python benchmarks/trace_bench.py            a table
    .venv/bin/python benchmarks/trace_bench.py --json     one JSON object, the same figures
    --runs N                                               runs of each command (default 7)
    --quick                                                3 runs
    --only NAME                                            flood, pool_map or empty only
    --pause S                                              a pause after each pair

On a machine busy with other work (a load average of 10 or more on 2 cores here), run it
as `chrt -f 10 .venv/bin/python benchmarks/trace_bench.py --pause 2`: under SCHED_FIFO
`python empty.py` takes what it takes on the quiet machine (0.030 s), and the pauses give
the other work its CPU back.

Each program of benchmarks/programs/ runs as `python program.py` and as
`ipcscope trace program.py`, alternately (python, traced, python, traced...), so both see
the same machine at about the same moment (it is shared and noisy): each figure is the
median over the pairs of the ratio (or, for the empty program, the difference) within
a pair.  Wall time of the whole command, from fork to exit, output discarded.
Bytecode is written and one warm-up run of each command is not counted, as for a user
who has run it before (with PYTHONDONTWRITEBYTECODE set, every run of `ipcscope trace`
would compile the modules edited since their last .pyc: ~0.15 s that python's stdlib,
compiled at install, never pays).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from benchmarks import report  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")
BIN = os.path.dirname(sys.executable)
PYTHON = [sys.executable]
TRACED = [os.path.join(BIN, "ipcscope"), "trace"]    # as a user types it
RUNS = 7
PROGRAMS_MEASURED = ("flood", "pool_map", "empty")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

# key: (target, "<=" or ">=", unit), as benchmarks/run.py reports its figures
TARGETS = {
    "trace_flood_ratio": (1.25, "<=", "×"),
    "trace_pool_map_ratio": (1.25, "<=", "×"),
    "trace_empty_extra_s": (0.2, "<=", "s"),
}


def seconds(command: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, check=False, cwd=PROGRAMS, env=ENV,
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, timeout=600)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"trace_bench: {' '.join(command)} exited {done.returncode}:\n"
                         f"{done.stderr.decode(errors='replace')}")
    return elapsed


def pairs(program: str, runs: int, pause: float = 0.0) -> list[tuple[float, float]]:
    """(python, traced) wall seconds of `program`, `runs` pairs, each run back to back,
    `pause` seconds after each pair."""
    seconds([*PYTHON, program])
    seconds([*TRACED, program])      # warm-up: .pyc written, files in the page cache
    timed = []
    for _ in range(runs):
        timed.append((seconds([*PYTHON, program]), seconds([*TRACED, program])))
        time.sleep(pause)
    return timed


def measure(runs: int, programs=PROGRAMS_MEASURED, pause: float = 0.0) -> dict:
    """Medians over the pairs: each pair's ratio (or difference) is taken within the
    pair, so a machine that slows down for a while moves both of its runs alike."""
    figures = {"trace_runs": runs, "cpus": os.cpu_count(),
               "load_average_before": round(os.getloadavg()[0], 1)}
    for name in programs:
        timed = pairs(f"{name}.py", runs, pause)
        figures[f"trace_{name}_python_s"] = round(statistics.median(p for p, _ in timed), 3)
        figures[f"trace_{name}_traced_s"] = round(statistics.median(t for _, t in timed), 3)
        if name == "empty":
            figures["trace_empty_extra_s"] = round(statistics.median(t - p for p, t in timed), 3)
        else:
            figures[f"trace_{name}_ratio"] = round(statistics.median(t / p for p, t in timed), 2)
    # what else ran meanwhile: on this shared 2-core machine a load of 10 triples the times
    figures["load_average_after"] = round(os.getloadavg()[0], 1)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--only", choices=PROGRAMS_MEASURED, action="append",
                        help="measure this program only (repeatable)")
    parser.add_argument("--pause", type=float, default=0.0,
                        help="seconds to wait after each pair (run under `chrt -f` on a "
                             "busy shared machine, so the others get the CPU back)")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    figures = measure(3 if args.quick else args.runs, args.only or PROGRAMS_MEASURED,
                      args.pause)
    print(json.dumps(figures) if args.json else report.table(figures, TARGETS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
