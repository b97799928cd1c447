"""`ipcscope run ID --repeat N` and `ipcscope trace --repeat N script.py`: many runs,
`--jobs` at once, and their distribution (core/distribution.py) as text or JSON.

Ctrl-C, SIGTERM and SIGHUP stop every running run (each run's processes ended, as
Stop does) and the command exits 130.  With `--record DIR` some runs' trace files are
kept there: up to 3 per distinct outcome, 100 in all (core/repeat.py, Recorder).
"""
from __future__ import annotations

import json
import os
import sys
import time

from ipcscope.core.cli_args import UsageError
from ipcscope.core.distribution import Distribution
from ipcscope.core.repeat import MAX_RUNS, Recorder, RunPool, stall_after_at_once


def runs_and_jobs(repeat_text: str, jobs_text: str | None) -> tuple[int, int]:
    """--repeat N (1..1000) and --jobs J (default: the machine's cores), or one sentence."""
    runs = _whole("--repeat", repeat_text, MAX_RUNS)
    jobs = _whole("--jobs", jobs_text, 256) if jobs_text is not None else (os.cpu_count() or 1)
    return runs, jobs


def _whole(option: str, text, at_most: int) -> int:
    try:
        value = int(text)
    except (TypeError, ValueError):
        raise UsageError(f"{option} takes a whole number, not {text!r}.") from None
    if not 1 <= value <= at_most:
        raise UsageError(f"{option} must be between 1 and {at_most}, not {value}.")
    return value


def recorder_for(folder: str | None) -> Recorder | None:
    if folder is None:
        return None
    try:
        recorder = Recorder(folder)
        probe = os.path.join(folder, ".ipcscope-probe")
        open(probe, "wb").close()
        os.remove(probe)
    except OSError as error:
        raise UsageError(f"Cannot record runs in {folder}: {error.strerror or error}.") \
            from None
    return recorder


def repeat_scenario(spec, params: dict, *, runs: int, jobs: int, speed: float,
                    timeout: float | None, as_json: bool, record: str | None) -> int:
    from ipcscope.core import headless
    resolved = spec.resolve(params)

    def start_run(index, trace_path, on_start):
        summary, _ = headless.run(spec.id, resolved, speed=speed, timeout=timeout,
                                  stall_after=stall_after_at_once(speed),
                                  trace_path=trace_path, on_start=on_start)
        return summary

    about = {"scenario": spec.id, "params": resolved, "speed": speed}
    return _repeat(start_run, about, runs, jobs, recorder_for(record),
                   "-" if as_json else None)


def repeat_program_args(args) -> int:
    """`ipcscope trace --repeat N [--jobs J] [--record DIR] ...` (args: trace_command's
    TraceArgs, its `repeat` the three options as given)."""
    given = args.repeat
    if "--repeat" not in given:
        raise UsageError(f"{'--jobs' if '--jobs' in given else '--record'} needs --repeat N.")
    if args.trace_path:
        raise UsageError("--trace records one run; with --repeat, use --record DIR.")
    runs, jobs = runs_and_jobs(given["--repeat"], given.get("--jobs"))
    if args.json_path not in (None, "-"):
        try:
            open(args.json_path, "ab").close()
        except OSError as error:
            raise UsageError(f"Cannot write {args.json_path}: {error.strerror or error}.") \
                from None
    return repeat_program(args.program, runs=runs, jobs=jobs, timeout=args.timeout,
                          stall=args.stall, json_path=args.json_path,
                          record=given.get("--record"))


def repeat_program(program, *, runs: int, jobs: int, timeout: float | None,
                   stall: float | None, json_path: str | None, record: str | None) -> int:
    from ipcscope.core import headless
    program.check()

    def start_run(index, trace_path, on_start):
        summary, _ = headless.trace(program, timeout=timeout, stall_after=stall,
                                    trace_path=trace_path, echo=False, on_start=on_start)
        return summary

    about = {"program": program.id, "args": list(program.args)}
    return _repeat(start_run, about, runs, jobs, recorder_for(record), json_path)


def _repeat(start_run, about: dict, runs: int, jobs: int, recorder: Recorder | None,
            json_path: str | None) -> int:
    from ipcscope.core.cli import _stopped_by_signals
    jobs = min(jobs, runs)
    distribution = Distribution({**about, "jobs": jobs})
    show_progress = json_path != "-" and sys.stderr.isatty()
    began = time.monotonic()
    from ipcscope.core.trace import TraceError
    try:
        with _stopped_by_signals(), RunPool(start_run, runs, jobs, recorder=recorder) as pool:
            for finished in pool:
                distribution.add(finished.summary)
                if show_progress:
                    print(f"\r{distribution.runs}/{runs} runs", end="", file=sys.stderr,
                          flush=True)
    except TraceError as error:    # --record: the disk filled up, the folder went away
        raise UsageError(str(error)) from None
    if show_progress:
        print(file=sys.stderr)
    distribution.about["duration_s"] = round(time.monotonic() - began, 3)
    report = distribution.as_dict()
    if recorder is not None:
        report["recorded"] = [{"run": index + 1, "file": path}
                              for index, path in sorted(recorder.kept)]
    text = json.dumps(report, ensure_ascii=False, indent=2)
    if json_path == "-":
        print(text)
        return 0
    if json_path is not None:
        with open(json_path, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    print(distribution.format_text())
    if recorder is not None:
        print(f"  recorded: {len(recorder.kept)} runs in {recorder.folder}")
    return 0
