"""What `ipcscope run ID --repeat N` costs against running the N runs back to back by
hand, as whole commands; and the repeat command's memory.

    .venv/bin/python benchmarks/repeat_bench.py             a table
    .venv/bin/python benchmarks/repeat_bench.py --json      one JSON object, the same figures
    --runs N          runs each way in all (default 100)
    --rounds R        split into R rounds of N/R runs each way (default 1)
    --scenario ID     default manager-counter (70 processes a run)
    --jobs J          for --repeat (default: the machine's cores)

By hand is `ipcscope run ID --speed S --json`, one after the other; the repeat is one
`ipcscope run ID --speed S --repeat N --jobs J --json` (S: the scenario's self-test
speed, which --repeat uses by default).  The machine is shared and its load swings by
minutes, so the runs go in rounds (--rounds R, default 1): in each, half the round's
by-hand runs, then the repeat, then the other half, so both see about the same load;
each round's ratio is the repeat's wall time over the sum of its by-hand runs'.  Quoted:
the median round ratio, the totals, the median by-hand run.  Memory: the repeat
command's peak resident set (VmHWM, read from /proc while it runs), at a fifth of its
time and at its end: if it stays put, memory does not grow with the runs.
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

IPCSCOPE = os.path.join(os.path.dirname(sys.executable), "ipcscope")

TARGETS = {
    "repeat_vs_by_hand_ratio": (1.5, "<=", "×"),
    "repeat_leftover_processes": (0, "<=", ""),
}


def _peak_rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def by_hand(scenario: str, speed: float, runs: int, statuses: dict) -> list[float]:
    """Wall times of `runs` single runs; their statuses counted into `statuses`."""
    walls = []
    for _ in range(runs):
        began = time.monotonic()
        out = subprocess.run([IPCSCOPE, "run", scenario, "--speed", str(speed), "--json"],
                             capture_output=True, text=True)
        walls.append(time.monotonic() - began)
        if out.returncode != 0:
            raise SystemExit(f"ipcscope run failed: {out.stderr.strip()}")
        summary = json.loads(out.stdout)
        statuses[summary["status"]] = statuses.get(summary["status"], 0) + 1
        statuses["leftover"] = statuses.get("leftover", 0) + summary["leftover_processes"]
    return walls


def repeat(scenario: str, speed: float, runs: int, jobs: int) -> tuple[float, dict, list]:
    """(wall time, the distribution it printed, [(seconds since start, VmHWM MB)])."""
    began = time.monotonic()
    command = subprocess.Popen([IPCSCOPE, "run", scenario, "--speed", str(speed), "--repeat",
                                str(runs), "--jobs", str(jobs), "--json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples = []
    while command.poll() is None:
        peak = _peak_rss_mb(command.pid)
        if peak is not None:
            samples.append((time.monotonic() - began, peak))
        try:
            command.wait(0.25)
        except subprocess.TimeoutExpired:
            pass
    out, err = command.communicate()
    wall = time.monotonic() - began
    if command.returncode != 0:
        raise SystemExit(f"ipcscope run --repeat failed: {err.strip()}")
    return wall, json.loads(out), samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--scenario", default="manager-counter")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from ipcscope.core import scenarios
    speed = scenarios.get(args.scenario).self_test_speed

    per_round = args.runs // args.rounds
    walls, repeat_walls, ratios, samples, statuses, leftover = [], [], [], [], {}, 0
    by_hand_statuses: dict = {}
    for _ in range(args.rounds):
        mine = by_hand(args.scenario, speed, per_round // 2, by_hand_statuses)
        wall, distribution, rss = repeat(args.scenario, speed, per_round, args.jobs)
        mine += by_hand(args.scenario, speed, per_round - per_round // 2, by_hand_statuses)
        ratios.append(wall / sum(mine))
        walls += mine
        repeat_walls.append(wall)
        samples.append((wall, rss))
        for status, n in distribution["statuses"].items():
            statuses[status] = statuses.get(status, 0) + n
        leftover += distribution["leftover_processes"]
    fifth = [mb for wall, rss in samples for t, mb in rss if t <= wall / 5]
    figures = {
        "runs_each_way": per_round * args.rounds,
        "rounds": args.rounds,
        "jobs": args.jobs,
        "by_hand_total_s": round(sum(walls), 1),
        "by_hand_median_run_s": round(statistics.median(walls), 2),
        "repeat_total_s": round(sum(repeat_walls), 1),
        "repeat_per_run_s": round(sum(repeat_walls) / (per_round * args.rounds), 2),
        "round_ratios": [round(r, 3) for r in ratios],
        "repeat_vs_by_hand_ratio": round(statistics.median(ratios), 3),
        "repeat_peak_rss_at_fifth_mb": round(max(fifth), 1) if fifth else 0,
        "repeat_peak_rss_mb": round(max(mb for _, rss in samples for _, mb in rss), 1),
        "by_hand_statuses": by_hand_statuses,
        "repeat_statuses": statuses,
        "repeat_leftover_processes": leftover,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(report.table({k: (json.dumps(v) if isinstance(v, (dict, list)) else v)
                            for k, v in figures.items()}, TARGETS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
