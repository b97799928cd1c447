"""CPython's own multiprocessing tests, plain and traced: the counts must be equal.

    .venv/bin/python tests/conformance/compare.py --method spawn [Class ...]
        --timeout S   a bound on each of the two runs (default 1200 s)
        --json PATH   the figures as JSON too

Runs `python -m unittest -v conformance_<method>.<Class> ...` and the same under
`ipcscope trace -m unittest ...`, in this folder with the same environment, and compares
what unittest reports: tests ran, failures, errors, skipped, and which tests.  The classes
default to every `WithProcesses*` and `WithManager*` class the module builds.  Exit code
0 when the traced counts equal the plain ones, 1 when they differ, 2 on bad arguments.

Each run is a session of its own: whatever it leaves behind (or all of it, at the
timeout) is killed, so nothing outlives the comparison.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
METHODS = ("spawn", "fork", "forkserver")
PREFIXES = ("WithProcesses", "WithManager")
TRACE = (sys.executable, "-m", "ipcscope.gui.app", "trace")

_RAN = re.compile(r"^Ran (\d+) tests? in ([\d.]+)s$", re.MULTILINE)
_VERDICT = re.compile(r"^(OK|FAILED)(?: \((.*)\))?$", re.MULTILINE)
_BROKEN = re.compile(r"^(FAIL|ERROR): \w+ \(([\w.]+)\)", re.MULTILINE)
# -v: "test_x (module.Class.test_x) ... skipped 'why'" (a docstring's line may come between)
_SKIPPED = re.compile(r"\(([\w.]+)\)\n?(?:[^\n(]*)? \.\.\. skipped", re.MULTILINE)


@dataclass
class Outcome:
    ran: int = 0
    failures: int = 0
    errors: int = 0
    skipped: int = 0
    expected_failures: int = 0
    unexpected_successes: int = 0
    exit_code: int | None = None
    seconds: float = 0.0
    timed_out: bool = False
    leftover_processes: int = 0
    failed: list[str] = field(default_factory=list)
    errored: list[str] = field(default_factory=list)
    skipped_tests: list[str] = field(default_factory=list)

    def counts(self) -> tuple:
        return (self.ran, self.failures, self.errors, self.skipped,
                self.expected_failures, self.unexpected_successes)


def parse(output: str) -> Outcome:
    """unittest's own report: the last "Ran N tests" and verdict, the FAIL/ERROR heads."""
    outcome = Outcome()
    ran = _RAN.findall(output)
    if ran:
        outcome.ran = int(ran[-1][0])
    verdict = _VERDICT.findall(output)
    if verdict:
        for part in filter(None, (verdict[-1][1] or "").split(", ")):
            key, _, value = part.partition("=")
            key = key.replace(" ", "_")
            if key in ("failures", "errors", "skipped", "expected_failures",
                       "unexpected_successes"):
                setattr(outcome, key, int(value))
    for kind, test in _BROKEN.findall(output):
        (outcome.failed if kind == "FAIL" else outcome.errored).append(test)
    outcome.skipped_tests = sorted(set(_SKIPPED.findall(output)))
    return outcome


def classes_of(method: str) -> list[str]:
    sys.path.insert(0, HERE)
    module = importlib.import_module(f"conformance_{method}")
    return sorted(name for name in vars(module) if name.startswith(PREFIXES))


def run(command: list[str], timeout: float, log_path: str) -> Outcome:
    """One whole run in a session of its own, its output kept in log_path."""
    started = time.monotonic()
    with open(log_path, "w") as log:
        child = subprocess.Popen(command, cwd=HERE, stdout=log, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL, start_new_session=True)
        timed_out = False
        try:
            child.wait(timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            child.terminate()       # ipcscope trace stops its program on SIGTERM
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                _kill_session(child.pid)
                child.wait()
    seconds = time.monotonic() - started
    leftovers = _kill_session(child.pid)
    with open(log_path, errors="replace") as log:
        outcome = parse(log.read())
    outcome.exit_code, outcome.seconds = child.returncode, round(seconds, 1)
    outcome.timed_out, outcome.leftover_processes = timed_out, leftovers
    return outcome


def _kill_session(session: int) -> int:
    """SIGKILL every process of the session (a traced program's main takes a process
    group of its own, so the group alone would miss it); how many there were."""
    pids = [pid for pid in _pids() if _session_of(pid) == session]
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return len(pids)


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _session_of(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[3]) if fields[0] != "Z" else None


def compare(method: str, classes: list[str], timeout: float, logs: str) -> dict:
    tests = [f"conformance_{method}.{name}" for name in classes]
    plain = run([sys.executable, "-m", "unittest", "-v", *tests], timeout,
                os.path.join(logs, f"plain_{method}.txt"))
    traced = run([*TRACE, "--timeout", str(timeout), "-m", "unittest", "-v", *tests],
                 timeout + 60, os.path.join(logs, f"traced_{method}.txt"))
    differing = sorted(
        set(plain.failed) ^ set(traced.failed) | set(plain.errored) ^ set(traced.errored)
        | set(plain.skipped_tests) ^ set(traced.skipped_tests))
    return {"method": method, "classes": classes, "plain": asdict(plain),
            "traced": asdict(traced), "differing_tests": differing,
            "equal": plain.counts() == traced.counts() and plain.ran > 0
            and not plain.timed_out and not traced.timed_out, "logs": logs}


def table(result: dict) -> str:
    heads = ("ran", "failures", "errors", "skipped", "exit_code", "seconds",
             "leftover_processes")
    classes = len(result["classes"])
    lines = [f"{result['method']}: {classes} classes (logs in {result['logs']})",
             f"{'':8}" + "".join(f"{head.replace('_processes', ''):>10}" for head in heads)]
    for side in ("plain", "traced"):
        outcome = result[side]
        lines.append(f"{side:8}" + "".join(f"{outcome[head]!s:>10}" for head in heads)
                     + ("  TIMED OUT" if outcome["timed_out"] else ""))
    for side in ("plain", "traced"):
        for kind in ("failed", "errored"):
            for test in result[side][kind]:
                lines.append(f"  {side} {kind}: {test}")
    for test in result["differing_tests"]:
        lines.append(f"  differs: {test}")
    lines.append("same counts" if result["equal"] else "COUNTS DIFFER")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", choices=METHODS, default="spawn")
    parser.add_argument("--timeout", type=float, default=1200.0)
    parser.add_argument("--json", dest="json_path")
    parser.add_argument("classes", nargs="*")
    args = parser.parse_args(argv)
    known = classes_of(args.method)
    unknown = [name for name in args.classes if name not in known]
    if unknown:
        print(f"compare.py: no such test class under {args.method}: {', '.join(unknown)}",
              file=sys.stderr)
        return 2
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        # started in the background (nohup, `&`): the runs would inherit an ignored
        # SIGINT, and the tests that expect KeyboardInterrupt would fail on both sides
        signal.signal(signal.SIGINT, signal.default_int_handler)
    logs = tempfile.mkdtemp(prefix=f"ipcscope-conformance-{args.method}-")
    result = compare(args.method, args.classes or known, args.timeout, logs)
    print(table(result), flush=True)
    if args.json_path:
        with open(args.json_path, "w") as out:
            json.dump(result, out, indent=1)
    return 0 if result["equal"] else 1


if __name__ == "__main__":
    sys.exit(main())
