"""The outcome of many runs as one distribution: how many ended each way, how many
raised each finding, and for every numeric result the values seen and how often.

`Distribution.add(summary)` takes one run's summary (`run --json` / `trace --json`)
and keeps counts only, so 1,000 runs cost no more memory than the distinct values
they produced.  `as_dict()` is what `ipcscope run ID --repeat N --json` prints;
`format_text()` the short human text, with a text histogram of the main result.
"""
from __future__ import annotations

from collections import Counter

HISTOGRAM_WIDTH = 40     # characters of the longest bar
HISTOGRAM_ROWS = 20      # more distinct values than this are grouped into ranges


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _median(counts: Counter):
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
        """The result the histogram shows: the one that varies most (the final counter,
        messages lost), the first one on a tie."""
        varied = [(len(counts), -n, key) for n, (key, counts) in enumerate(self.results.items())]
        return max(varied)[2] if varied else None

    def as_dict(self) -> dict:
        results = {}
        for key, counts in self.results.items():
            results[key] = {"min": min(counts), "median": _median(counts), "max": max(counts),
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
                lines.append(f"  {key}: min {min(counts)}, median {_median(counts)}, "
                             f"max {max(counts)}")
            else:
                lines.append(f"  {key}: {next(iter(counts))} in every run")
        main = self.main_result()
        if main is not None and len(self.results[main]) > 1:
            lines.append(f"  {main}:")
            lines += ["    " + row for row in histogram(self.results[main])]
        lines.append(f"  leftover processes: {self.leftover_processes}")
        return "\n".join(lines)


def histogram(counts: Counter) -> list[str]:
    """Rows of `value  ####  count`; many distinct values become equal ranges."""
    values = sorted(counts)
    if len(values) > HISTOGRAM_ROWS:
        low, high = values[0], values[-1]
        step = (high - low) / HISTOGRAM_ROWS
        bins: Counter = Counter()
        for value, n in counts.items():
            bins[min(int((value - low) / step), HISTOGRAM_ROWS - 1)] += n
        labels = [f"{low + i * step:g}-{low + (i + 1) * step:g}" for i in range(HISTOGRAM_ROWS)]
        rows = [(labels[i], bins[i]) for i in range(HISTOGRAM_ROWS)]
    else:
        rows = [(_key(v), counts[v]) for v in values]
    widest = max(n for _, n in rows)
    pad = max(len(label) for label, _ in rows)
    def bar(n: int) -> str:      # a count above 0 shows at least one mark
        return "#" * max(1 if n else 0, round(n * HISTOGRAM_WIDTH / widest))
    return [f"{label:>{pad}} {bar(n):<{HISTOGRAM_WIDTH}} {n}" for label, n in rows]
