"""`ipcscope trace`: programs nobody wrote for IPC Scope (tests/programs/), run through
the command as a user would, traced under each start method; what the program does must
be what `python` does, and what it did must be in the summary."""
from __future__ import annotations

import json
import os
import pathlib
import signal
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
PROGRAMS = ROOT / "tests" / "programs"
TRACE = [sys.executable, "-m", "ipcscope.gui.app", "trace"]
METHODS = ["spawn", "fork", "forkserver"]


def trace(*args, cwd=PROGRAMS, timeout=120, **kwargs):
    return subprocess.run([*TRACE, *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout, **kwargs)


def python(*args, cwd=PROGRAMS):
    return subprocess.run([sys.executable, *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def summary_of(tmp_path, *args, **kwargs):
    out = tmp_path / "summary.json"
    done = trace("--json", out, *args, **kwargs)
    assert out.exists(), done.stderr
    return done, json.loads(out.read_text())


def _names(summary, field):
    return [entry["name"] for entry in summary[field]]


@pytest.mark.parametrize("method", METHODS)
def test_pool_and_executor_tasks_go_through_the_pools_queues(tmp_path, method):
    done, summary = summary_of(tmp_path, "pool_squares.py", method, 20)
    assert done.returncode == 0, done.stderr
    assert done.stdout == python("pool_squares.py", method, 20).stdout == "2470 49 2470\n"
    assert summary["status"] == "completed" and summary["exit_code"] == 0
    queues = {q["name"]: q for q in summary["queues"]}
    # Pool.map's chunks and apply_async's task went in and came back out
    assert queues["pool.tasks"]["puts"] >= 2 and queues["pool.results"]["gets"] >= 2
    assert queues["executor.tasks"]["puts"] == queues["executor.tasks"]["gets"] >= 20
    names = [p["name"] for p in summary["processes"]]
    assert names[0] == "MainProcess"
    assert sum("PoolWorker" in name for name in names) >= 1
    assert summary["findings"] == [] and summary["leftover_processes"] == 0


@pytest.mark.parametrize("method", METHODS)
def test_subclass_grandchild_and_a_queue_made_in_a_worker(tmp_path, method):
    done, summary = summary_of(tmp_path, "subclass_nested.py", method)
    assert done.returncode == 0, done.stderr
    assert done.stdout == python("subclass_nested.py", method).stdout
    assert "('worker', 'made here', 'MainProcess')" in done.stdout
    by_name = {p["name"]: p for p in summary["processes"]}
    assert set(by_name) == {"MainProcess", "worker", "grandchild"}
    assert by_name["worker"]["role"] == "Worker"                 # the subclass's run()
    assert all(p["exitcode"] == 0 for p in summary["processes"])
    queues = {q["name"]: q for q in summary["queues"]}
    assert queues["inner"]["puts"] == queues["inner"]["gets"] == 1   # made in the worker
    assert queues["results"]["puts"] == queues["results"]["gets"] == 2


def test_condition_event_barrier_semaphore_and_pipe(tmp_path):
    done, summary = summary_of(tmp_path, "--trace", tmp_path / "run.ipcscope",
                               "sync_objects.py", "spawn")
    assert done.returncode == 0 and done.stdout == "hello\n", done.stderr
    from ipcscope.core.events import Kind, ObjType
    from ipcscope.core.trace import load_run
    model = load_run(str(tmp_path / "run.ipcscope")).model
    kinds = {o.name: o.type for o in model.objects.values()}
    assert kinds == {"cond": ObjType.CONDITION, "cond.lock": ObjType.RLOCK,
                     "ready": ObjType.EVENT, "barrier": ObjType.BARRIER,
                     "sem": ObjType.SEMAPHORE, "reader, writer": ObjType.PIPE}
    waited_on = {model.objects[int(o)].name
                 for o in model.of_kind(Kind.SYNC_WAIT)["obj"]}
    assert {"barrier"} <= waited_on
    assert len(model.of_kind(Kind.SEND)) == 1 and len(model.of_kind(Kind.RECV_END)) == 1
    assert summary["pipes"][0]["sent"] == summary["pipes"][0]["received"] == 1


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_a_lock_order_deadlock_is_named_and_ended(tmp_path, method):
    done, summary = summary_of(tmp_path, "--stall", "1", "--trace", tmp_path / "run.ipcscope",
                               "lock_order_deadlock.py", method)
    assert summary["status"] == "stalled"
    deadlock = [f for f in summary["findings"] if f["kind"] == "deadlock"]
    assert len(deadlock) == 1
    waits = deadlock[0]["details"]["waits"]
    assert waits["one"].startswith("waits for b") and waits["two"].startswith("waits for a")
    details = deadlock[0]["details"]
    assert details["holds"] == {"one": ["a"], "two": ["b"]}     # what each keeps from the other
    program = str(PROGRAMS / "lock_order_deadlock.py")
    assert details["lines"]["one"] == details["lines"]["two"] == f"{program}:11"   # `with second:`
    assert details["lines"]["MainProcess"] == f"{program}:26"                    # one.join()
    assert summary["leftover_processes"] == 0
    assert done.returncode == 128 + signal.SIGTERM     # main was stopped, as a shell says
    from ipcscope.core.trace import load_run
    made = load_run(str(tmp_path / "run.ipcscope")).model.semaphores
    # two locks, a semaphore, an event's; under fork they are unlinked as they are made
    assert len(made) >= 4 if method == "spawn" else made == []
    assert [name for name in made if os.path.exists("/dev/shm/sem." + name.lstrip("/"))] == []


def test_exit_code_argv_path_and_output_are_pythons():
    done = trace("exit_code.py", 3, "x y")
    plain = python("exit_code.py", 3, "x y")
    assert done.returncode == plain.returncode == 3
    assert done.stdout == plain.stdout
    assert "argv ['exit_code.py', '3', 'x y']" in done.stdout


def test_json_to_stdout_comes_after_the_programs_output():
    done = trace("--json", "-", "exit_code.py", 0)
    head, _, rest = done.stdout.partition("{")
    assert head.startswith("argv")
    summary = json.loads("{" + rest)
    assert summary["program"] == "exit_code.py" and summary["exit_code"] == 0
    assert [p["name"] for p in summary["processes"]] == ["MainProcess"]   # one lane


def test_an_exception_prints_pythons_traceback_and_exits_1():
    done, plain = trace("raises.py"), python("raises.py")
    assert done.returncode == plain.returncode == 1
    assert done.stdout == "before\n"
    traceback = done.stderr[:done.stderr.index("ipcscope:")]
    assert traceback == plain.stderr           # no frame of IPC Scope's in it
    assert "process-crashed" in done.stderr


def test_a_syntax_error_is_the_programs_own(tmp_path):
    (tmp_path / "broken.py").write_text("def f(:\n")
    done, plain = trace("broken.py", cwd=tmp_path), python("broken.py", cwd=tmp_path)
    assert done.returncode == plain.returncode == 1
    assert done.stderr.startswith(plain.stderr.rstrip("\n").rsplit("\n", 1)[0].split("\n")[0])
    assert "SyntaxError" in done.stderr and "program_main" not in done.stderr


@pytest.mark.parametrize("args, sentence", [
    (["nope.py"], "There is no file nope.py."),
    (["."], ". is a folder, not a Python program."),
    ([], "trace needs a program to run"),
    (["--frobnicate", "x.py"], "trace has no option --frobnicate"),
    (["--timeout", "nan", "exit_code.py", "0"], "--timeout must be a number of seconds above 0"),
    (["--stall", "0", "exit_code.py", "0"], "--stall must be a number of seconds above 0"),
    (["--timeout"], "--timeout needs a value."),
    (["-m"], "-m needs a module name."),
])
def test_bad_input_is_one_sentence(args, sentence):
    done = trace(*args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and sentence in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_a_file_that_is_not_python(tmp_path):
    (tmp_path / "image.py").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    done = trace("image.py", cwd=tmp_path)
    assert done.returncode == 2 and "is not a Python program" in done.stderr


@pytest.mark.parametrize("method", METHODS)
def test_timeout_ends_the_whole_tree(tmp_path, method):
    done, summary = summary_of(tmp_path, "--timeout", "3", "forever.py", method)
    assert summary["status"] == "timeout"
    names = {p["name"] for p in summary["processes"]}
    assert {"MainProcess", "level-2", "level-1"} <= names        # the grandchild too
    assert summary["leftover_processes"] == 0
    assert done.stdout == "ready\n"


def test_ctrl_c_reaches_the_program_as_under_python(tmp_path):
    """No terminal here: the command passes SIGINT on to the program's processes, as a
    terminal would send it to all of them; python's answer is KeyboardInterrupt and 130."""
    command = subprocess.Popen([*TRACE, "--json", tmp_path / "s.json", "forever.py"],
                               cwd=PROGRAMS, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    assert command.stdout.readline() == "ready\n"
    command.send_signal(signal.SIGINT)
    out, err = command.communicate(timeout=60)
    assert command.returncode == 130, err
    assert "KeyboardInterrupt" in err
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["leftover_processes"] == 0
    assert summary["processes"][0]["exitcode"] == -signal.SIGINT


def test_sigterm_to_the_command_stops_the_run_and_keeps_the_trace(tmp_path):
    command = subprocess.Popen([*TRACE, "--json", tmp_path / "s.json", "--trace",
                                tmp_path / "run.ipcscope", "forever.py"],
                               cwd=PROGRAMS, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    assert command.stdout.readline() == "ready\n"
    command.send_signal(signal.SIGTERM)
    command.communicate(timeout=60)
    summary = json.loads((tmp_path / "s.json").read_text())
    assert summary["status"] == "stopped" and summary["leftover_processes"] == 0
    from ipcscope.core.trace import load_run
    loaded = load_run(str(tmp_path / "run.ipcscope"))
    assert loaded.notes == [] and loaded.model.status == "stopped"


@pytest.mark.parametrize("use_lock", [False, True])
def test_lost_updates_on_a_manager_dict_and_a_value(tmp_path, use_lock):
    done, summary = summary_of(tmp_path, "shared_counters.py",
                               "lock" if use_lock else "nolock", 20)
    assert done.returncode == 0, done.stderr
    final_dict, final_value = map(int, done.stdout.split())
    manager = [p for p in summary["processes"] if p["role"] == "manager"]
    assert len(manager) == 1 and manager[0]["name"].startswith("SyncManager")
    lost = {f["objects"][0]: f["details"] for f in summary["findings"]
            if f["kind"] == "lost-update"}
    if use_lock:
        assert (final_dict, final_value) == (80, 80) and lost == {}
        return
    # every update the program lost is named, on its object, with where it really ended
    for name, final in (("dic", final_dict), ("counter", final_value)):
        if final == 80:
            assert name not in lost
        else:
            assert lost[name]["final"] == final and lost[name]["lost"] == final - 80


def test_a_failed_pool_task_and_a_child_never_joined(tmp_path):
    done, summary = summary_of(tmp_path, "pool_failures.py", "raise")
    assert done.returncode == 0 and done.stdout.startswith("map raised: cannot halve 3")
    found = {f["kind"]: f for f in summary["findings"]}
    assert set(found) == {"pool-task-failed", "process-not-joined"}, found
    failed = found["pool-task-failed"]
    assert "ValueError: cannot halve 3" in failed["message"]
    assert "raise ValueError" in failed["details"]["traceback"]      # the worker's own
    assert found["process-not-joined"]["processes"] == ["MainProcess", "forgotten"]


def test_a_killed_executor_worker_breaks_the_pool(tmp_path):
    done, summary = summary_of(tmp_path, "pool_failures.py", "kill")
    assert done.stdout == "broken\n"
    kinds = [f["kind"] for f in summary["findings"]]
    assert kinds == ["broken-pool"], summary["findings"]
    assert "BrokenProcessPool" in summary["findings"][0]["message"]


def test_correct_programs_raise_no_findings(tmp_path):
    """No false alarms: the correct programs above, traced, find nothing."""
    for args in (["pool_squares.py", "spawn", 10], ["subclass_nested.py", "fork"],
                 ["sync_objects.py", "forkserver"], ["shared_counters.py", "lock", 5]):
        done, summary = summary_of(tmp_path, *args)
        assert done.returncode == 0, (args, done.stderr)
        assert summary["findings"] == [], (args, summary["findings"])


def _with_sighup_ignored():
    signal.signal(signal.SIGHUP, signal.SIG_IGN)     # as under nohup


@pytest.mark.parametrize("nohup", [False, True], ids=["plain", "nohup"])
def test_main_inherits_what_python_would_not_what_the_command_set(tmp_path, nohup):
    """The program's main is a fork of the command: the command's own signal handlers,
    exception hooks and the run's listening socket must not reach the program, and
    python's exit must still finalize its objects (an unclosed file is completed)."""
    extra = {"preexec_fn": _with_sighup_ignored} if nohup else {}
    plain = subprocess.run([sys.executable, "main_state.py", tmp_path / "plain.txt"],
                           cwd=PROGRAMS, capture_output=True, text=True, timeout=60, **extra)
    done = trace("main_state.py", tmp_path / "traced.txt", **extra)
    assert done.returncode == plain.returncode == 0, done.stderr
    traced, untraced = json.loads(done.stdout), json.loads(plain.stdout)
    assert traced["handlers"] == untraced["handlers"]
    assert untraced["handlers"]["SIGHUP"] == ("SIG_IGN" if nohup else "SIG_DFL")
    assert traced["excepthook"] and traced["thread_excepthook"]
    # the run's channel to the supervisor is main's; the socket it listens on is not
    assert traced["listening_sockets"] == untraced["listening_sockets"] == []
    expected = "written before exit, never closed\n"
    assert (tmp_path / "plain.txt").read_text() == expected
    assert (tmp_path / "traced.txt").read_text() == expected
