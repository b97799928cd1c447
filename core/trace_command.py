"""`ipcscope trace [options] script.py [args...]` and `ipcscope trace [options] -m
module [args...]`: a program of the user's own, run as `python` would run it (its
stdin, stdout and stderr are the terminal's, its exit code is the command's, Ctrl-C
reaches it), traced, with a summary at the end.

Options come before the program; everything after it is the program's own:
    --json PATH     the run's summary as JSON to PATH (`-`: stdout, after the program's
                    own output)
    --trace FILE    every event to FILE as the run goes
    --timeout S     end the run after S seconds (its status: timeout)
    --stall S       end the run as stalled once every process has waited S seconds
                    with nothing moving (off unless given)
    --repeat N      run it N times (at most 1000), its output not shown, and print the
                    distribution of outcomes (core/repeat_command.py); with --json PATH
                    the distribution as JSON
    --jobs J        with --repeat: runs at once (default: the machine's cores)
    --record DIR    with --repeat: keep some runs' traces in DIR
"""
from __future__ import annotations

import json
import os
import signal
import sys
from dataclasses import dataclass

from ipcscope.core import processes
from ipcscope.core.cli_args import UsageError, seconds
from ipcscope.core.program import Program

USAGE = "ipcscope trace [--json PATH] [--trace FILE] [--timeout S] [--stall S] " \
        "[--repeat N [--jobs J] [--record DIR]] (script.py | -m module) [args...]"
_VALUED = ("--json", "--trace", "--timeout", "--stall", "--repeat", "--jobs", "--record")


@dataclass
class TraceArgs:
    program: Program
    json_path: str | None = None
    trace_path: str | None = None
    timeout: float | None = None
    stall: float | None = None
    repeat: dict | None = None     # --repeat, --jobs, --record as given


def parse(argv: list[str]) -> TraceArgs:
    options: dict[str, str] = {}
    at = 0
    while at < len(argv) and argv[at].startswith("-") and argv[at] != "-m":
        flag, equals, value = argv[at].partition("=")
        if flag in ("-h", "--help"):
            raise UsageError(f"usage: {USAGE}")
        if flag not in _VALUED:
            raise UsageError(f"trace has no option {flag} (usage: {USAGE}).")
        if flag in options:
            raise UsageError(f"{flag} is given twice; give it once.")
        if not equals:
            at += 1
            if at >= len(argv):
                raise UsageError(f"{flag} needs a value.")
            value = argv[at]
        options[flag] = value
        at += 1
    rest = argv[at:]
    if not rest:
        raise UsageError(f"trace needs a program to run: {USAGE}.")
    if rest[0] == "-m":
        if len(rest) < 2:
            raise UsageError("-m needs a module name.")
        program = Program(module=rest[1], args=tuple(rest[2:]))
    else:
        program = Program(path=rest[0], args=tuple(rest[1:]))
    return TraceArgs(program, options.get("--json"), options.get("--trace"),
                     seconds("--timeout", _number("--timeout", options.get("--timeout"))),
                     seconds("--stall", _number("--stall", options.get("--stall"))),
                     {k: v for k, v in options.items() if k in ("--repeat", "--jobs", "--record")}
                     or None)


def _number(option: str, text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        raise UsageError(f"{option} must be a number of seconds, not {text!r}.") from None


def run(argv: list[str]) -> int:
    args = parse(argv)
    if args.repeat:
        from ipcscope.core import repeat_command
        return repeat_command.repeat_program_args(args)
    args.program.check()
    for path in filter(None, (args.trace_path, args.json_path if args.json_path != "-" else None)):
        _check_writable(path)
    with _ForwardedSignals() as forwarded:
        # The program starts first: what the supervisor needs (numpy, the model: ~0.1 s)
        # is imported while it starts, and its channels are greeted meanwhile.
        from ipcscope.core.program_launch import Launch
        launch = Launch(args.program, echo=True, fork_signals=forwarded.replaced)
        forwarded.attach(launch)
        from ipcscope.core import headless
        from ipcscope.core.trace import TraceError
        try:
            summary, _ = headless.trace(args.program, timeout=args.timeout,
                                        stall_after=args.stall, trace_path=args.trace_path,
                                        on_start=forwarded.attach, launch=launch)
        except TraceError as error:
            raise UsageError(str(error)) from None
    _report(summary, args)
    return exit_code(summary)


def exit_code(summary: dict) -> int:
    """The program's own exit code, as a shell would show it (killed by signal N:
    128 + N)."""
    code = summary.get("exit_code")
    if code is None:
        return 1
    return 128 - code if code < 0 else code


def _report(summary: dict, args: TraceArgs) -> None:
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    if args.json_path == "-":
        try:
            sys.stdout.flush()
            print(text, flush=True)
        except BrokenPipeError:         # `| head` stopped reading: as python's print would
            sys.stdout = open(os.devnull, "w")
    elif args.json_path:
        with open(args.json_path, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    findings = summary["findings"]
    line = (f"ipcscope: {summary['status']} in {summary['duration_s']:.1f} s, "
            f"{len(summary['processes'])} processes, {summary['events']:,} events"
            f" ({summary['dropped_events']} dropped), "
            + (f"{len(findings)} finding(s)" if findings else "no findings"))
    print(line, file=sys.stderr)
    for finding in findings:
        print(f"  ⚠ {finding.get('kind')}: {finding.get('message')}", file=sys.stderr)


def _check_writable(path: str) -> None:
    try:
        open(path, "ab").close()
    except OSError as error:
        raise UsageError(f"Cannot write {path}: {error.strerror or error}.") from None


class _ForwardedSignals:
    """While the program runs: Ctrl-C (when this command, not the program, has the
    terminal) is passed on to the program's processes, as a terminal would; SIGTERM and
    SIGHUP stop the run (the trace is whole, the summary says `stopped`).  Afterwards
    the terminal is this command's again."""

    def __init__(self):
        self._supervisor = None
        self._old: dict = {}
        self._pid = os.getpid()

    @property
    def replaced(self) -> dict:
        """The handlers this replaced: a program's main forked from here restores them."""
        return dict(self._old)

    def attach(self, supervisor) -> None:
        self._supervisor = supervisor

    def _forward(self, signum, frame):
        if self._supervisor is not None:
            self._supervisor.forward_signal(signum)

    def _stop(self, signum, frame):
        if self._supervisor is not None:
            self._supervisor.request_stop()

    def __enter__(self):
        # Ctrl-C ignored here (`trap '' INT`, nohup) stays ignored for the program too,
        # as python inherits it.
        if signal.getsignal(signal.SIGINT) is not signal.SIG_IGN:
            self._old[signal.SIGINT] = signal.signal(signal.SIGINT, self._forward)
        for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
            if signum is not None:
                self._old[signum] = signal.signal(signum, self._stop)
        return self

    def __exit__(self, *exc):
        if os.getpid() != self._pid:
            return          # the program's main, forked inside, passing its SystemExit
        for signum, handler in self._old.items():
            signal.signal(signum, handler)
        processes.take_terminal()      # the program may have taken it
