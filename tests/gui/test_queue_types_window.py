"""The window's run summary names a queue as the program made it: a JoinableQueue is
"JoinableQueue()", not "Queue()"; a bounded Queue keeps its maxsize."""
from __future__ import annotations

from tests.gui.conftest import run_to_end


def test_the_summary_says_joinable_queue(qtbot, window):
    summary = run_to_end(qtbot, window, "joinable-queue")
    name = summary["queues"][0]["name"]
    assert summary["queues"][0]["type"] == "JoinableQueue"
    text = window.summary.text.toPlainText()
    assert f"{name} JoinableQueue():" in text
    assert "Queue()" not in text.replace("JoinableQueue()", "")


def test_the_summary_keeps_a_bounded_queues_maxsize(qtbot, window):
    summary = run_to_end(qtbot, window, "bounded-queue", {"items": 6})
    name = summary["queues"][0]["name"]
    assert f"{name} Queue(5):" in window.summary.text.toPlainText()
