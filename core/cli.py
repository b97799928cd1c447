"""The `ipcscope` command.

    (with no command, gui/app.py opens the window; this module never imports Qt)
    ipcscope list                  scenario ids and titles
    ipcscope run ID [--set K=V]... [--speed F] [--timeout S] [--json] [--trace FILE]
    ipcscope run ID [--set K=V]... --compare K=V [--compare K=V]... [--json]
                                   a and b (b: with K=V) at once, and what differs
    ipcscope run ID [--set K=V]... --repeat N [--jobs J] [--record DIR] [--json]
                                   N runs, J at once: the distribution of outcomes
    ipcscope trace [options] script.py [args...] | -m module [args...]
                                   a program of your own, traced (core/trace_command.py)
    ipcscope export FILE [--chrome OUT.json] [--csv OUT.csv]
                                   a saved trace to Perfetto / chrome://tracing JSON, or CSV
    ipcscope export FILE --gif OUT.gif [--mp4 OUT.mp4] [--webm OUT.webm] [--fps F]
                    [--width W] [--speed S]
                                   its replay as an animation (gui/animation_export.py)
    ipcscope --self-test           every scenario at high speed; exit 0 if all as predicted

Bad input gets one sentence on stderr and exit 2, never a traceback.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import signal
import sys

from ipcscope.core.cli_args import SentenceParser as _Parser
from ipcscope.core.cli_args import UsageError, seconds

EXIT_BAD_INPUT = 2
ANIMATIONS = {"gif": "an animated GIF", "mp4": "an MP4 video (H.264)",
              "webm": "a WebM video (VP9)"}


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ipcscope", description="Watch Python processes talk.")
    parser.add_argument("--self-test", action="store_true",
                        help="run every scenario at high speed; exit 0 if each ends as predicted")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    sub.add_parser("list", help="scenario ids and titles")
    run = sub.add_parser("run", help="run a scenario without a window")
    run.add_argument("scenario", metavar="ID")
    run.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                     help="a scenario parameter (repeatable)")
    run.add_argument("--speed", type=float, default=None,
                     help="scale the scenario's sleeps and timeouts (1 = real time; "
                          "with --repeat, the scenario's self-test speed)")
    run.add_argument("--timeout", type=float, default=120.0,
                     help="end the run after this many seconds (default 120)")
    run.add_argument("--json", action="store_true", help="print one JSON object")
    run.add_argument("--trace", metavar="FILE",
                     help="write every event to FILE as the run goes (if the command is "
                          "killed, FILE loads as a run cut short)")
    run.add_argument("--compare", action="append", default=[], metavar="KEY=VALUE",
                     help="also run it with KEY=VALUE (repeatable), at the same time, "
                          "and show what differs")
    run.add_argument("--repeat", metavar="N", help="run it N times (at most 1000) and show "
                     "the distribution of outcomes")
    run.add_argument("--jobs", metavar="J", help="with --repeat: runs at once "
                     "(default: the machine's cores)")
    run.add_argument("--record", metavar="DIR", help="with --repeat: keep some runs' traces "
                     "in DIR (3 per distinct outcome, 100 in all)")
    trace = sub.add_parser("trace", help="run a program of your own, traced (options "
                           "before the program: --json PATH, --trace FILE, --timeout S, "
                           "--stall S)", add_help=False)
    trace.add_argument("program", nargs=argparse.REMAINDER,
                       metavar="[options] script.py [args...] | -m module [args...]")
    export = sub.add_parser("export", help="convert a trace file for other tools")
    export.add_argument("trace", metavar="FILE",
                        help="a trace written by run --trace or by the window")
    export.add_argument("--chrome", metavar="OUT.json",
                        help="Chrome Trace Event JSON, for ui.perfetto.dev or chrome://tracing")
    export.add_argument("--csv", metavar="OUT.csv", help="every event, one row each")
    for kind, what in ANIMATIONS.items():
        export.add_argument(f"--{kind}", metavar=f"OUT.{kind}",
                            help=f"the run's replay as {what}, for slides")
    export.add_argument("--fps", type=float, help="the animation's frames a second (15)")
    export.add_argument("--width", type=int, help="its width in pixels, 16:9 (1280)")
    export.add_argument("--speed", type=float,
                        help="run seconds a second of animation shows (1: real time)")
    return parser


def parse_sets(scenario, pairs: list[str], option: str = "--set") -> dict:
    values = {}
    for pair in pairs:
        key, sep, text = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"{option} takes KEY=VALUE, not {pair!r}.")
        if key.strip() in values:
            raise UsageError(f"{option} gives {key.strip()} twice; give each parameter once.")
        values[key.strip()] = scenario.param(key.strip()).parse(text)
    return values


def cmd_list() -> int:
    from ipcscope.core import scenarios
    for spec in scenarios.all_scenarios():
        print(f"{spec.id:24} {spec.title}  ({spec.title_zh})")
    return 0


def cmd_run(args) -> int:
    from ipcscope.core import headless, scenarios
    spec = scenarios.get(args.scenario)
    params = parse_sets(spec, args.set)
    seconds("--timeout", args.timeout)
    if args.compare or args.repeat is not None or args.jobs or args.record:
        return cmd_run_many(args, spec, params)
    if args.trace:
        _check_writable(args.trace)
    from ipcscope.core.trace import TraceError
    try:
        with _stopped_by_signals():
            summary, _ = headless.run(spec.id, params, speed=_speed(args, 1.0),
                                      timeout=args.timeout,
                                      trace_path=args.trace)
    except TraceError as error:  # the disk filled up, the file went away
        raise UsageError(str(error)) from None
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(format_summary(summary))
    return 0


def cmd_run_many(args, spec, params: dict) -> int:
    """--compare (a and b at once) or --repeat (N runs, J at once)."""
    from ipcscope.core import compare, repeat_command
    if args.compare and args.repeat is not None:
        raise UsageError("--compare and --repeat do not go together; give one of them.")
    if args.repeat is None:
        if args.jobs or args.record:
            raise UsageError(f"{'--jobs' if args.jobs else '--record'} needs --repeat N.")
    if args.trace:
        raise UsageError("--trace records one run; with --compare or --repeat, "
                         "use --record DIR with --repeat.")
    if args.repeat is not None:
        runs, jobs = repeat_command.runs_and_jobs(args.repeat, args.jobs)
        return repeat_command.repeat_scenario(
            spec, params, runs=runs, jobs=jobs, speed=_speed(args, spec.self_test_speed),
            timeout=args.timeout, as_json=args.json, record=args.record)
    params_a = spec.resolve(params)
    params_b = {**params_a, **compared_values(spec, params_a, args.compare)}
    with _stopped_by_signals():
        a, b = compare.run_both(spec.id, params_a, params_b, speed=_speed(args, 1.0),
                                timeout=args.timeout)
    if args.json:
        print(json.dumps(compare.as_dict(a, b), ensure_ascii=False, indent=2))
    else:
        print(compare.format_text(a, b, format_summary))
    return 0


def _speed(args, default: float) -> float:
    return default if args.speed is None else args.speed


def compared_values(spec, params_a: dict, pairs: list[str]) -> dict:
    """--compare KEY=VALUE pairs: each a parameter of the scenario, each changed."""
    changed = parse_sets(spec, pairs, "--compare")
    for key, value in changed.items():
        if value == params_a[key]:
            raise UsageError(f"--compare {key}={value} is what a runs with already; "
                             f"give a different value.")
    return changed


@contextlib.contextmanager
def _stopped_by_signals():
    """SIGTERM and SIGHUP (a closed terminal) stop a run as Ctrl-C does: the run is
    ended, its trace whole, and the command says so."""
    def stop(signum, frame):
        raise KeyboardInterrupt
    old = {s: signal.signal(s, stop) for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None))
           if s is not None}
    try:
        yield
    finally:
        for signum, handler in old.items():
            signal.signal(signum, handler)


def cmd_export(args, animate=None) -> int:
    """animate(trace, {kind: out}, fps, width, speed): the window's part that renders an
    animation (gui/app.py passes it in; core never imports Qt or gui)."""
    from ipcscope.core import export, trace
    animations = {kind: getattr(args, kind) for kind in ANIMATIONS if getattr(args, kind)}
    if not args.chrome and not args.csv and not animations:
        raise UsageError("export needs --chrome OUT.json, --csv OUT.csv, --gif OUT.gif, "
                         "--mp4 OUT.mp4 or --webm OUT.webm.")
    if not animations and (args.fps, args.width, args.speed) != (None, None, None):
        raise UsageError("--fps, --width and --speed go with --gif, --mp4 or --webm.")
    for out in filter(None, (args.chrome, args.csv)):
        if os.path.abspath(out) == os.path.abspath(args.trace):
            raise UsageError(f"Writing {out} would overwrite the trace it comes from.")
    export.stop_cleanly_on_signals()   # Ctrl-C / SIGTERM: "export stopped", no .part left
    try:
        loaded = export.open_trace(args.trace)   # streamed: memory does not grow with it
        for note in loaded.notes:
            print(f"ipcscope: note: {note}", file=sys.stderr)
        if animations:
            if animate is None:
                raise UsageError("--gif, --mp4 and --webm need the window's part of IPC "
                                 "Scope: use the `ipcscope` command.")
            animate(args.trace, animations, args.fps, args.width, args.speed)
        if args.chrome:
            made = export.write_chrome(args.chrome, loaded.model, loaded.meta)
            print(f"{args.chrome}: {made.tracks} process tracks, {made.spans:,} spans, "
                  f"{made.flows:,} flows, {made.counters} queue depth counters")
        if args.csv:
            rows = export.write_csv(args.csv, loaded.model)
            print(f"{args.csv}: {rows:,} events")
    except (trace.TraceError, export.ExportError) as error:
        raise UsageError(str(error)) from None
    return 0


def _check_writable(path: str) -> None:
    try:
        open(path, "ab").close()
    except OSError as error:
        raise UsageError(f"Cannot write the trace to {path}: {error.strerror or error}.") \
            from None


def format_summary(s: dict) -> str:
    from ipcscope.core.summary import queue_call
    lines = [f"{s['scenario']}: {s['status']} in {s['duration_s']:.1f} s, "
             f"{s['events']:,} events ({s['dropped_events']} dropped)",
             f"  predicted: {s['predicted']}"
             + ("" if s["as_predicted"] else "  — NOT as predicted: " + "; ".join(s["problems"]))]
    lines.append("  processes:")
    for p in s["processes"]:
        code = "?" if p["exitcode"] is None else p["exitcode"]
        lines.append(f"    {p['name']:<12} {p['role']:<10} exit {code:<4} {p['exit_reason']}")
    for q in s["queues"]:
        cap = queue_call(q.get("type", "Queue"), q["maxsize"])  # no type: an older trace's
        lines.append(f"  {q['name']} {cap}: {q['puts']} put, {q['gets']} got, max depth "
                     f"{q['max_depth']}, Full {q['full_errors']}, Empty {q['empty_errors']}")
    for p in s["pipes"]:
        lines.append(f"  {p['name']}: {p['sent']} sent, {p['received']} received, "
                     f"{p['corrupt']} corrupt")
    if s["result"]:
        lines.append("  result: " + ", ".join(f"{k}={v}" for k, v in s["result"].items()))
    for f in s["findings"]:
        lines.append(f"  ⚠ {f.get('kind')}: {f.get('message')}")
    lines.append(f"  leftover processes: {s['leftover_processes']}")
    return "\n".join(lines)


def cmd_self_test() -> int:
    from ipcscope.core import headless, scenarios
    failures = 0
    for spec in scenarios.all_scenarios():
        for variant in self_test_variants(spec):
            summary, _ = headless.run(spec.id, variant, speed=spec.self_test_speed, timeout=90)
            label = spec.id + "".join(f" {k}={v}" for k, v in variant.items()
                                      if k not in spec.self_test_params)
            mark = "ok  " if summary["as_predicted"] else "FAIL"
            print(f"{mark} {label}: {summary['status']} in {summary['duration_s']:.1f} s"
                  + ("" if summary["as_predicted"] else " — " + "; ".join(summary["problems"])),
                  flush=True)
            failures += not summary["as_predicted"]
    print("self-test: " + ("all scenarios as predicted" if not failures
                           else f"{failures} not as predicted"))
    return 0 if failures == 0 else 1


def self_test_variants(spec) -> list[dict]:
    """The scenario's self-test parameters, once per value of each choice / bool that
    switches a pitfall on or off (start_method stays spawn)."""
    base = dict(spec.self_test_params)
    variants = [base]
    for param in spec.params:
        if param.key == "start_method" or param.key in base:
            continue
        values = param.choices if param.kind == "choice" else \
            (True, False) if param.kind == "bool" else ()
        for value in values:
            if value != param.default:
                variants.append({**base, param.key: value})
    return variants


def main(argv: list[str] | None = None, animate=None) -> int:
    """animate: how `export --gif/--mp4/--webm` renders (see cmd_export)."""
    multiprocessing.freeze_support()
    argv = sys.argv[1:] if argv is None else argv
    from ipcscope.core.scenarios.base import ParamError
    try:
        if argv and argv[0] == "trace":
            # Everything after the program is the program's: not for argparse to read.
            from ipcscope.core import trace_command
            return trace_command.run(argv[1:])
        args = _parser().parse_args(argv)
        if args.self_test:
            return cmd_self_test()
        if args.command == "list":
            return cmd_list()
        if args.command == "run":
            return cmd_run(args)
        if args.command == "export":
            return cmd_export(args, animate)
        _parser().print_help()
        return 0
    except (UsageError, ParamError) as error:
        print(f"ipcscope: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("ipcscope: interrupted; the run was stopped.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
