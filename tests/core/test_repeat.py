"""`ipcscope run ID --repeat N` and the RunPool under it: real runs, several at once,
their distribution, Ctrl-C leaves nothing behind, bad input is one sentence."""
import json
import os
import signal
import subprocess
import threading
import time
from collections import Counter

import psutil
import pytest
from ipcscope.core import cli, headless, trace
from ipcscope.core.distribution import Distribution, histogram
from ipcscope.core.repeat import Recorder, RunPool
from tests.core.test_cli import EXE, ipcscope

REPO = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))


def wait_until(condition, timeout: float) -> None:
    """Poll `condition` every 20 ms until it holds; fail at the timeout."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        threading.Event().wait(0.02)


@pytest.mark.timeout(110)
def test_repeat_unlocked_counter_is_a_distribution():
    out = ipcscope("run", "manager-counter", "--set", "processes=6", "--set", "start_method=fork",
                   "--repeat", "20",
                   "--jobs", "2", "--json", timeout=100)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["runs"] == 20
    assert sum(report["statuses"].values()) == 20
    assert report["leftover_processes"] == 0
    assert report["scenario"] == "manager-counter" and report["params"]["lock"] is False
    final = report["results"]["final"]
    assert sum(final["values"].values()) + final.get("missing", 0) == 20
    assert 94 <= final["min"] <= final["median"] <= final["max"] <= 100
    assert report["results"]["decrements"]["values"] == {"6": 20}
    assert report["main_result"] == "final"
    assert all(0 < n <= 20 for n in report["findings"].values())


@pytest.mark.timeout(60)
def test_repeat_text_has_statuses_and_leftovers():
    out = ipcscope("run", "pipe-eof", "--set", "messages=3", "--repeat", "3", "--jobs", "2")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("pipe-eof: 3 runs (messages=3, close_unused_ends=True")
    assert "  status:   completed 3\n" in out.stdout
    assert out.stdout.rstrip().endswith("leftover processes: 0")


@pytest.mark.timeout(60)
def test_pool_runs_at_once_and_keeps_bounded_recordings(tmp_path):
    spans = {}

    def start_run(index, trace_path, on_start):
        began = time.monotonic()
        summary, _ = headless.run("pipe-eof", {"messages": 3}, speed=20, timeout=30,
                                  trace_path=trace_path, on_start=on_start)
        spans[index] = (began, time.monotonic())
        return summary

    recorder = Recorder(str(tmp_path), per_outcome=2)
    with RunPool(start_run, runs=4, jobs=2, recorder=recorder) as pool:
        finished = list(pool)
    assert sorted(f.index for f in finished) == [0, 1, 2, 3]
    (a0, a1), (b0, b1) = spans[0], spans[1]
    assert a0 < b1 and b0 < a1                 # the first two ran at the same time
    kept = [f.trace_path for f in finished if f.trace_path]
    assert len(kept) == 2                      # one outcome, two recordings of it
    assert sorted(os.listdir(tmp_path)) == sorted(os.path.basename(p) for p in kept)
    loaded = trace.load_run(kept[0])
    assert loaded.meta["scenario"] == "pipe-eof" and loaded.status == "completed"


@pytest.mark.timeout(60)
def test_cancel_stops_the_running_runs():
    two_started = threading.Semaphore(0)

    def start_run(index, trace_path, on_start):
        def started(supervisor):
            on_start(supervisor)
            two_started.release()
        # never ends by itself: an unclosed end, recv waits forever, no stall this soon
        summary, _ = headless.run("pipe-eof", {"messages": 2, "close_unused_ends": False},
                                  speed=1, timeout=60, stall_after=50, on_start=started)
        return summary

    pool = RunPool(start_run, runs=50, jobs=2)

    def cancel_once_two_run():
        assert two_started.acquire(timeout=30) and two_started.acquire(timeout=30)
        pool.cancel()
    canceller = threading.Thread(target=cancel_once_two_run)
    canceller.start()
    with pool:
        finished = list(pool)
    canceller.join()
    assert [f.summary["status"] for f in finished] == ["stopped", "stopped"]
    assert all(f.summary["leftover_processes"] == 0 for f in finished)
    # nothing was left running: every run's main is gone, with its group
    assert not [p for p in psutil.Process().children(recursive=True) if _running_not_tracker(p)]


def _running_not_tracker(process) -> bool:
    """Alive and not a resource tracker (trackers leave on their own; one that left
    while being looked at is gone, not left behind)."""
    try:
        return process.status() != psutil.STATUS_ZOMBIE and \
            "resource_tracker" not in " ".join(process.cmdline())
    except psutil.NoSuchProcess:
        return False


@pytest.mark.timeout(90)
def test_ctrl_c_during_repeat_leaves_no_process():
    command = subprocess.Popen([*EXE, "run", "pipe-eof", "--set", "close_unused_ends=false",
                                "--speed", "1", "--repeat", "20", "--jobs", "2", "--json"],
                               cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
    me = psutil.Process(command.pid)
    seen: dict[int, int] = {}

    def runs_going() -> bool:
        for child in me.children(recursive=True):
            try:
                seen[child.pid] = os.getpgid(child.pid)
            except ProcessLookupError:
                pass
        members = Counter(g for g in seen.values() if g != command.pid)
        return sum(n >= 2 for n in members.values()) >= 2   # two runs, main and a child each
    try:
        wait_until(runs_going, 60)
        command.send_signal(signal.SIGINT)
        _, err = command.communicate(timeout=30)
    finally:
        if command.poll() is None:
            command.kill()
            command.communicate()
    assert command.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err
    groups = set(seen.values()) | {command.pid}

    def left() -> list:
        return [(p.pid, p.info["cmdline"]) for p in psutil.process_iter(["status", "cmdline"])
                if p.info["status"] != psutil.STATUS_ZOMBIE and _group(p.pid) in groups]
    # A run stopped in its first moments may not have named its resource tracker yet,
    # so nobody waited for it: it leaves by itself once its run is gone (it is outside
    # the run's group by design, and unlinks the run's semaphores on its way out).
    try:
        wait_until(lambda: not left(), 10)
    except AssertionError:
        assert not left()


def _group(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except ProcessLookupError:
        return None


def test_distribution_counts_and_median():
    runs = Distribution({"scenario": "s"})
    for final, status, kinds in [(86, "completed", ["lost-update"]), (90, "completed", []),
                                 (86, "stalled", ["lost-update", "deadlock", "deadlock"]),
                                 (None, "crashed", [])]:
        runs.add({"status": status, "findings": [{"kind": k} for k in kinds],
                  "result": {"final": final, "start": 100, "ok": True},
                  "leftover_processes": 0})
    made = runs.as_dict()
    assert made["runs"] == 4
    assert made["statuses"] == {"completed": 2, "stalled": 1, "crashed": 1}
    assert made["findings"] == {"lost-update": 2, "deadlock": 1}
    assert made["results"]["final"] == {"min": 86, "median": 86, "max": 90,
                                        "values": {"86": 2, "90": 1}, "missing": 1}
    assert made["results"]["start"]["values"] == {"100": 4}
    assert "ok" not in made["results"]                 # a yes/no is not a number
    assert made["main_result"] == "final"
    assert made["leftover_processes"] == 0
    assert histogram(Counter({86: 2, 90: 1})) == [
        "86 " + "#" * 40 + " 2", "90 " + "#" * 20 + " " * 20 + " 1"]
    assert len(histogram(Counter(range(100)))) == 20   # many values: ranges


@pytest.mark.parametrize("args,words", [
    (["--repeat", "0"], "between 1 and 1000"),
    (["--repeat", "1001"], "between 1 and 1000"),
    (["--repeat", "many"], "whole number"),
    (["--repeat", "2", "--jobs", "0"], "between 1 and 256"),
    (["--repeat", "2", "--trace", "x.ipcscope"], "--record DIR"),
    (["--record", "somewhere"], "--record needs --repeat"),
    (["--repeat", "2", "--set", "lock=maybe"], "true or false"),
])
def test_bad_repeat_is_one_sentence(args, words, capsys):
    assert cli.main(["run", "manager-counter", *args]) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert words in err
    assert err.count("\n") == 1 and err.startswith("ipcscope: ") and "Traceback" not in err


@pytest.mark.timeout(60)
def test_trace_repeat_of_a_program(tmp_path):
    out = ipcscope("trace", "--repeat", "2", "--jobs", "2", "--json", "-",
                   "tests/programs/exit_code.py", "3")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["runs"] == 2 and report["program"].endswith("exit_code.py")
    assert report["exit_codes"] == {"3": 2}
    assert report["leftover_processes"] == 0
    bad = ipcscope("trace", "--jobs", "2", "tests/programs/exit_code.py")
    assert bad.returncode == 2 and bad.stderr == "ipcscope: --jobs needs --repeat N.\n"
