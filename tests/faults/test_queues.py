"""Misuse of a JoinableQueue: task_done() called once more than items were got."""
from __future__ import annotations

from tests.faults.helpers import by_name, findings, trace


def test_task_done_called_too_often_shows_the_value_error(tmp_path):
    done, summary = trace(tmp_path, "task_done_twice.py")
    assert done.stdout == "worker 1\n", done.stderr
    assert by_name(summary)["worker"]["exit_reason"] == "exception: ValueError"
    queue = {q["name"]: q for q in summary["queues"]}["q"]
    assert (queue["puts"], queue["gets"], queue["task_done"]) == (1, 1, 1)
    crashed = findings(summary, "process-crashed")
    assert [f["processes"] for f in crashed] == [["worker"]]
    assert "ValueError: task_done() called too many times" in crashed[0]["message"]
    assert "q.task_done()" in crashed[0]["details"]["traceback"]
