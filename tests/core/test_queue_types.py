"""A queue is named as the program made it — JoinableQueue(), Queue(5), SimpleQueue() —
in the summary's JSON (each queue row's "type") and in the `run` command's text; a
JoinableQueue was printed as "Queue()"."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

EXE = [sys.executable, "-m", "ipcscope.gui.app"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def ipcscope(*args, cwd=ROOT, timeout=90):
    return subprocess.run([*EXE, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, cwd=cwd)


@pytest.mark.timeout(90)
def test_a_joinable_queue_is_called_joinable_in_json_and_text():
    out = ipcscope("run", "joinable-queue", "--speed", "10", "--json")
    assert out.returncode == 0, out.stderr
    queues = json.loads(out.stdout)["queues"]
    assert [q["type"] for q in queues] == ["JoinableQueue"]
    text = ipcscope("run", "joinable-queue", "--speed", "10")
    assert text.returncode == 0, text.stderr
    name = queues[0]["name"]
    assert f"  {name} JoinableQueue(): " in text.stdout
    assert "Queue()" not in text.stdout.replace("JoinableQueue()", "")


@pytest.mark.timeout(90)
def test_a_bounded_queue_keeps_its_maxsize():
    out = ipcscope("run", "bounded-queue", "--set", "items=6", "--speed", "10", "--json")
    assert out.returncode == 0, out.stderr
    assert [(q["type"], q["maxsize"]) for q in json.loads(out.stdout)["queues"]] == \
        [("Queue", 5)]


@pytest.mark.timeout(90)
def test_a_traced_programs_simple_queue(tmp_path):
    (tmp_path / "simple.py").write_text(textwrap.dedent("""\
        from multiprocessing import Process, SimpleQueue

        def child(q):
            q.put(42)

        if __name__ == '__main__':
            results = SimpleQueue()
            p = Process(target=child, args=(results,))
            p.start()
            print(results.get())
            p.join()
        """))
    out = ipcscope("trace", "--json", tmp_path / "s.json", "simple.py", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    queues = json.loads((tmp_path / "s.json").read_text())["queues"]
    assert [(q["name"], q["type"], q["maxsize"]) for q in queues] == \
        [("results", "SimpleQueue", 0)]


def test_the_text_of_an_older_summary_without_a_type():
    from ipcscope.core.cli import format_summary
    summary = {"scenario": "s", "status": "completed", "duration_s": 1.0, "events": 1,
               "dropped_events": 0, "predicted": "", "as_predicted": True, "problems": [],
               "processes": [], "pipes": [], "result": {}, "findings": [],
               "leftover_processes": 0,
               "queues": [{"name": "q", "maxsize": 3, "puts": 1, "gets": 1, "max_depth": 1,
                           "full_errors": 0, "empty_errors": 0, "task_done": 0}]}
    assert "  q Queue(3): 1 put" in format_summary(summary)
