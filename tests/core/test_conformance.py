"""CPython's own multiprocessing tests give the same counts traced as plain (the CI part
of `make conformance`, tests/conformance/compare.py): a subset under spawn that covers
queues, locks, semaphores, conditions, events, barriers, values, arrays, connections,
processes and the pool, and a manager's queue, lock, condition, event and containers."""
from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import pytest

COMPARE = pathlib.Path(__file__).resolve().parents[1] / "conformance" / "compare.py"
# Two halves, each run plain and traced in well under a minute here (pytest's faulthandler
# speaks after 110 s); together 129 tests.
SUBSETS = {
    "sync": ["WithProcessesTestQueue", "WithProcessesTestLock", "WithProcessesTestSemaphore",
             "WithProcessesTestCondition", "WithProcessesTestEvent",
             "WithProcessesTestBarrier", "WithProcessesTestValue", "WithProcessesTestArray",
             "WithProcessesTestConnection"],
    "process_pool_manager": ["WithProcessesTestProcess", "WithProcessesTestPool",
                             "WithManagerTestQueue", "WithManagerTestLock",
                             "WithManagerTestCondition", "WithManagerTestEvent",
                             "WithManagerTestContainers"],
}
RUN_TIMEOUT = 240     # each run; a half takes 10-20 s plain and 15-25 s traced here


@pytest.mark.timeout(2 * RUN_TIMEOUT + 120)
@pytest.mark.parametrize("subset", SUBSETS)
def test_traced_counts_equal_plain_ones_under_spawn(tmp_path, subset):
    out = tmp_path / "spawn.json"
    done = subprocess.run([sys.executable, str(COMPARE), "--method", "spawn",
                           "--timeout", str(RUN_TIMEOUT), "--json", str(out),
                           *SUBSETS[subset]],
                          check=False, capture_output=True, text=True,
                          timeout=2 * RUN_TIMEOUT + 90)
    assert out.exists(), done.stdout + done.stderr
    result = json.loads(out.read_text())
    plain, traced = result["plain"], result["traced"]
    assert not plain["timed_out"] and not traced["timed_out"], done.stdout
    assert plain["ran"] > 0 and plain["exit_code"] == 0, done.stdout
    counts = ("ran", "failures", "errors", "skipped", "expected_failures",
              "unexpected_successes", "exit_code")
    assert {k: traced[k] for k in counts} == {k: plain[k] for k in counts}, done.stdout
    assert result["differing_tests"] == [], done.stdout
    assert done.returncode == 0, done.stdout


def test_an_unknown_class_is_one_sentence():
    done = subprocess.run([sys.executable, str(COMPARE), "--method", "fork", "NoSuchTest"],
                          check=False, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip() == "compare.py: no such test class under fork: NoSuchTest"
