"""A big message over a Pipe: 16 MB each way arrives whole, and is counted."""
from __future__ import annotations

from tests.faults.helpers import trace


def test_a_16_mb_message_goes_over_a_pipe_and_back(tmp_path):
    done, summary = trace(tmp_path, "big_pipe.py", "spawn")
    assert done.stdout == "16777216 True\n", done.stderr
    assert summary["status"] == "completed" and summary["findings"] == []
    (pipe,) = summary["pipes"]
    assert (pipe["sent"], pipe["received"], pipe["corrupt"]) == (2, 2, 0)
    assert summary["dropped_events"] == 0
