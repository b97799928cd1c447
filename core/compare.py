"""Two runs side by side: the same scenario as given (a) and with some parameters
changed (b), run at the same time, and what differs between their summaries.

The fields compared, in this order (a dotted name for anything nested; only fields
whose values differ are listed):
    params.KEY                      the parameters changed (what b is)
    status, as_predicted
    result.KEY                      every result number of the scenario
    findings                        the kinds raised, sorted, each once
    processes                       how many processes the run had
    processes.NAME.exit_reason, processes.NAME.exitcode
    queues.NAME.{puts,gets,max_depth,full_errors,empty_errors,task_done}
    pipes.NAME.{sent,received,corrupt,eof}
    leftover_processes
Left out on purpose: what differs in every run (duration, event counts, pids, the
findings' times and wording).
"""
from __future__ import annotations

from ipcscope.core.repeat import RunPool, stall_after_at_once

QUEUE_FIELDS = ("puts", "gets", "max_depth", "full_errors", "empty_errors", "task_done")
PIPE_FIELDS = ("sent", "received", "corrupt", "eof")


def _flatten(prefix: str, value) -> dict:
    if isinstance(value, dict):
        flat = {}
        for key, inner in value.items():
            flat.update(_flatten(f"{prefix}.{key}", inner))
        return flat
    return {prefix: value}


def _by_name(rows: list[dict], prefix: str, fields: tuple) -> dict:
    flat = {}
    for row in rows:
        for field in fields:
            if field in row:
                flat[f"{prefix}.{row['name']}.{field}"] = row[field]
    return flat


def compared_fields(summary: dict) -> dict:
    """The summary's comparable fields as {dotted name: value}, in the documented order."""
    fields = _flatten("params", summary.get("params") or {})
    fields["status"] = summary.get("status")
    fields["as_predicted"] = summary.get("as_predicted")
    fields.update(_flatten("result", summary.get("result") or {}))
    fields["findings"] = sorted({f.get("kind") for f in summary.get("findings", [])})
    fields["processes"] = len(summary.get("processes", []))
    fields.update(_by_name(summary.get("processes", []), "processes", ("exit_reason", "exitcode")))
    fields.update(_by_name(summary.get("queues", []), "queues", QUEUE_FIELDS))
    fields.update(_by_name(summary.get("pipes", []), "pipes", PIPE_FIELDS))
    fields["leftover_processes"] = summary.get("leftover_processes")
    return fields


def differences(a: dict, b: dict) -> list[dict]:
    """[{field, a, b}] for every compared field whose values differ (None where one
    run has no such field: a queue the other never made)."""
    fa, fb = compared_fields(a), compared_fields(b)
    names = list(fa) + [name for name in fb if name not in fa]
    return [{"field": name, "a": fa.get(name), "b": fb.get(name)}
            for name in names if fa.get(name) != fb.get(name)]


def run_both(scenario_id: str, params_a: dict, params_b: dict, *, speed: float,
             timeout: float | None) -> tuple[dict, dict]:
    """Run a and b at the same time, each with a supervisor of its own; their summaries."""
    from ipcscope.core import headless
    sides = (params_a, params_b)

    def start_run(index, trace_path, on_start):
        summary, _ = headless.run(scenario_id, sides[index], speed=speed, timeout=timeout,
                                  stall_after=stall_after_at_once(speed), on_start=on_start)
        return summary

    summaries: dict[int, dict] = {}
    with RunPool(start_run, runs=2, jobs=2) as pool:
        for finished in pool:
            summaries[finished.index] = finished.summary
    return summaries[0], summaries[1]


def as_dict(a: dict, b: dict) -> dict:
    return {"a": a, "b": b, "differences": differences(a, b)}


def _shown(value) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "none"
    return "—" if value is None else str(value)


def format_text(a: dict, b: dict, format_summary) -> str:
    """Both summaries (format_summary: the `run` command's text), then what differs."""
    changed = differences(a, b)
    lines = ["a: " + format_summary(a).replace("\n", "\n   "), "",
             "b: " + format_summary(b).replace("\n", "\n   "), ""]
    if not changed:
        lines.append("a and b do not differ.")
    else:
        lines.append("what differs (a → b):")
        pad = max(len(d["field"]) for d in changed)
        lines += [f"  {d['field']:<{pad}}  {_shown(d['a'])} → {_shown(d['b'])}" for d in changed]
    return "\n".join(lines)
