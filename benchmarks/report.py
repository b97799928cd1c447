"""The table every benchmark prints: each figure, and against its target whether it
is met (and a command's peak memory).  TARGETS map a figure to (limit, "<=" or ">=", unit)."""
from __future__ import annotations

import time

import psutil


def table(figures: dict, targets: dict) -> str:
    lines = [f"{'figure':32} {'measured':>14}  {'target':>12}  ok", "-" * 66]
    for key, value in figures.items():
        target = targets.get(key)
        if target is None:
            lines.append(f"{key:32} {value:>14}")
            continue
        limit, sense, _unit = target
        ok = value <= limit if sense == "<=" else value >= limit
        lines.append(f"{key:32} {value:>14}  {sense} {limit:<9}  {'yes' if ok else 'NO'}")
    return "\n".join(lines)


def peak_rss(process, interval_s: float) -> int:
    """The highest RSS in bytes a running psutil.Popen reached until it ended, sampled
    every interval_s (a short command's peak can fall between two samples)."""
    peak = 0
    while process.poll() is None:
        try:
            peak = max(peak, process.memory_info().rss)
        except psutil.NoSuchProcess:
            break
        time.sleep(interval_s)
    return peak
