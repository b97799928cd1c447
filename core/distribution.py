"""The outcome of many runs as one distribution: how many ended each way, how many
raised each finding, and for every numeric result the values seen and how often.

`Distribution.add(summary)` takes one run's summary (`run --json` / `trace --json`)
and keeps counts only, so 1,000 runs cost no more memory than the distinct values
they produced.  `as_dict()` is what `ipcscope run ID --repeat N --json` prints;
`format_text()` the short human text, with a text histogram of the main result;
`bars()` the same bars for the Run ×N window's histogram (gui/plots/histogram.py).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

HISTOGRAM_WIDTH = 40     # characters of the longest bar
HISTOGRAM_ROWS = 20      # more distinct values than this are grouped into ranges
# The number each scenario's lesson is about, shown first whatever varies most: the
# counter where it ended, the messages the shared pipe end lost, the items Full threw away.
MAIN_RESULTS = {"manager-counter": "final", "pipe-producer-consumer": "lost_or_corrupt",
                "bounded-queue": "items_lost_to_full", "joinable-queue": "unfinished_tasks",
                "queue-flood": "items_per_s"}


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def median(counts: Counter):
    """The median of the values counted (the mean of the two middle ones if even)."""
    ordered = sorted(counts)
    total = sum(counts.values())
    middle = [(total - 1) // 2, total // 2]
    found, seen = [], 0
    for value in ordered:
        seen += counts[value]
        while middle and middle[0] < seen:
            found.append(value)
            middle.pop(0)
    mid = (found[0] + found[1]) / 2
    return int(mid) if mid == int(mid) and all(isinstance(v, int) for v in found) else mid


def _key(value) -> str:
    """A value as a JSON object key: 86, 0.25."""
    return str(value)


class Distribution:
    def __init__(self, about: dict | None = None):
        self.about = dict(about or {})     # scenario, params, speed, jobs...: printed first
        self.runs = 0
        self.statuses: Counter = Counter()
        self.findings: Counter = Counter()
        self.results: dict[str, Counter] = {}
        self.missing: Counter = Counter()  # result key -> runs where it had no number
        self.exit_codes: Counter = Counter()   # a program's
        self.leftover_processes = 0
        self.as_predicted = 0

    def add(self, summary: dict) -> None:
        self.runs += 1
        self.statuses[summary.get("status")] += 1
        self.findings.update({f.get("kind") for f in summary.get("findings", [])})
        self.leftover_processes += summary.get("leftover_processes", 0)
        self.as_predicted += bool(summary.get("as_predicted"))
        if "exit_code" in summary:
            self.exit_codes[summary["exit_code"]] += 1
        for key, value in (summary.get("result") or {}).items():
            if _is_number(value):
                self.results.setdefault(key, Counter())[value] += 1
            elif value is None:
                self.missing[key] += 1

    def main_result(self) -> str | None:
        """The result the histogram shows: the scenario's own (MAIN_RESULTS), else the one
        that varies most, the first one on a tie."""
        preferred = MAIN_RESULTS.get(self.about.get("scenario"))
        if preferred in self.results:
            return preferred
        varied = [(len(counts), -n, key) for n, (key, counts) in enumerate(self.results.items())]
        return max(varied)[2] if varied else None

    def as_dict(self) -> dict:
        results = {}
        for key, counts in self.results.items():
            results[key] = {"min": min(counts), "median": median(counts), "max": max(counts),
                            "values": {_key(v): counts[v] for v in sorted(counts)}}
            if self.missing[key]:
                results[key]["missing"] = self.missing[key]
        made = {**self.about, "runs": self.runs, "statuses": dict(self.statuses.most_common()),
                "findings": dict(self.findings.most_common()), "results": results,
                "main_result": self.main_result(), "as_predicted": self.as_predicted,
                "leftover_processes": self.leftover_processes}
        if self.exit_codes:
            made["exit_codes"] = {_key(c): n for c, n in self.exit_codes.most_common()}
        return made

    def format_text(self) -> str:
        title = self.about.get("scenario") or self.about.get("program") or "runs"
        params = self.about.get("params") or {}
        lines = [f"{title}: {self.runs} runs"
                 + (" (" + ", ".join(f"{k}={v}" for k, v in params.items()) + ")"
                    if params else "")
                 + (f" in {self.about['duration_s']:.1f} s, {self.about['jobs']} at once"
                    if "duration_s" in self.about else ""),
                 "  status:   " + ", ".join(f"{s} {n}" for s, n in self.statuses.most_common()),
                 "  findings: " + (", ".join(f"{k} in {n} runs" for k, n in
                                             self.findings.most_common()) or "none")]
        if self.exit_codes:
            lines.append("  exit codes: " + ", ".join(f"{c} in {n} runs" for c, n in
                                                      self.exit_codes.most_common()))
        for key, counts in self.results.items():
            if len(counts) > 1:
                lines.append(f"  {key}: min {min(counts)}, median {median(counts)}, "
                             f"max {max(counts)}")
            else:
                lines.append(f"  {key}: {next(iter(counts))} in every run")
        main = self.main_result()
        if main is not None and len(self.results[main]) > 1:
            lines.append(f"  {main}:")
            lines += ["    " + row for row in histogram(self.results[main])]
        lines.append(f"  leftover processes: {self.leftover_processes}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Bar:
    """The runs whose value is in [low, high] (one value when low == high)."""
    low: float
    high: float
    count: int

    @property
    def label(self) -> str:
        return _key(self.low) if self.low == self.high else f"{self.low:g}-{self.high:g}"

    def holds(self, value) -> bool:
        return _is_number(value) and self.low <= value <= self.high


def bars(counts: Counter, rows: int = HISTOGRAM_ROWS) -> list[Bar]:
    """One bar per value, or `rows` equal ranges when there are more distinct values
    (whole-number ranges for whole numbers, so no run falls between two bars)."""
    values = sorted(counts)
    if len(values) <= rows:
        return [Bar(v, v, counts[v]) for v in values]
    low, high = values[0], values[-1]
    if all(isinstance(v, int) for v in values):
        step = math.ceil((high - low + 1) / rows)
        edges = [(low + i * step, low + (i + 1) * step - 1)
                 for i in range(math.ceil((high - low + 1) / step))]
        if step == 1:
            edges = [(a, a) for a, _ in edges]
    else:
        step = (high - low) / rows
        edges = [(low + i * step, low + (i + 1) * step) for i in range(rows)]
        edges[-1] = (edges[-1][0], high)
    found = Counter()
    for value, n in counts.items():   # a value on an edge goes to the lower bar
        found[next(i for i, (_, top) in enumerate(edges) if value <= top)] += n
    return [Bar(a, b, found[i]) for i, (a, b) in enumerate(edges)]


def histogram(counts: Counter) -> list[str]:
    """Rows of `value  ####  count`; many distinct values become equal ranges."""
    rows = [(bar.label, bar.count) for bar in bars(counts)]
    widest = max(n for _, n in rows)
    pad = max(len(label) for label, _ in rows)
    def bar(n: int) -> str:      # a count above 0 shows at least one mark
        return "#" * max(1 if n else 0, round(n * HISTOGRAM_WIDTH / widest))
    return [f"{label:>{pad}} {bar(n):<{HISTOGRAM_WIDTH}} {n}" for label, n in rows]
