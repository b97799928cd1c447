"""An item that cannot travel on a Queue: pickling it (in the putting process's feeder
thread) or unpickling it (in the getting process) raises or crashes.  A put() returns
before the item is pickled, so the feeder's error reaches nobody's code: IPC Scope must
name it, and the queue must go on working.  Pickling is the same under every start
method: spawn only."""
from __future__ import annotations

import pytest

from tests.faults.helpers import by_name, findings, trace


@pytest.mark.parametrize("mode, error", [
    ("put-raises", "RuntimeError: refuses to be pickled"),
    ("unpicklable", "Can't pickle local object"),
])
def test_an_item_the_feeder_cannot_pickle_is_named_and_the_queue_goes_on(tmp_path, mode,
                                                                        error):
    done, summary = trace(tmp_path, "pickling.py", mode)
    assert "got after" in done.stdout, done.stderr        # the next item still arrived
    assert summary["status"] == "completed"
    lost = findings(summary, "queue-item-not-sent")
    assert len(lost) == 1 and lost[0]["processes"] == ["producer"]
    assert lost[0]["objects"] == ["q"] and error in lost[0]["message"]
    assert error in lost[0]["details"]["traceback"]
    assert not findings(summary, "process-crashed")       # the producer did not die


def test_a_crash_while_pickling_kills_the_putting_process(tmp_path):
    done, summary = trace(tmp_path, "pickling.py", "put-crashes")
    assert "producer -11" in done.stdout, done.stderr
    assert by_name(summary)["producer"]["exit_reason"] == "killed by SIGSEGV"
    crashed = {f["processes"][0]: f for f in findings(summary, "process-crashed")}
    assert "killed by SIGSEGV" in crashed["producer"]["message"]


def test_an_exception_while_unpickling_is_raised_by_get(tmp_path):
    done, summary = trace(tmp_path, "pickling.py", "get-raises")
    assert "consumer 1" in done.stdout, done.stderr
    crashed = {f["processes"][0]: f for f in findings(summary, "process-crashed")}
    assert set(crashed) == {"consumer"}
    assert "raised RuntimeError: refuses to be unpickled" in crashed["consumer"]["message"]
    assert "in get" in crashed["consumer"]["details"]["traceback"]


def test_a_crash_while_unpickling_kills_the_getting_process_inside_get(tmp_path):
    done, summary = trace(tmp_path, "pickling.py", "get-crashes")
    assert "consumer -11" in done.stdout, done.stderr
    crashed = {f["processes"][0]: f for f in findings(summary, "process-crashed")}
    assert set(crashed) == {"consumer"}
    assert "killed by SIGSEGV" in crashed["consumer"]["message"]
