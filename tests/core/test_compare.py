"""`ipcscope run ID --compare KEY=VALUE`: a and b run at once, real runs, and what
differs; bad input is one sentence and exit 2."""
import json
import re

import pytest
from ipcscope.core import cli, compare
from tests.core.test_cli import ipcscope


@pytest.mark.timeout(90)
def test_compare_lock_shows_the_lost_updates_go():
    out = ipcscope("run", "manager-counter", "--set", "processes=20", "--compare", "lock=true",
                   "--speed", "20", "--json")
    assert out.returncode == 0, out.stderr
    both = json.loads(out.stdout)
    a, b = both["a"], both["b"]
    # each side is exactly a `run --json` summary
    single = json.loads(ipcscope("run", "manager-counter", "--set", "processes=2",
                                 "--speed", "20", "--json").stdout)
    assert set(a) == set(b) == set(single)
    assert a["params"]["lock"] is False and b["params"]["lock"] is True
    assert a["status"] == b["status"] == "completed", (a["findings"], b["findings"])
    assert a["result"]["lost_updates"] > 0           # 20 racers released together
    assert b["result"]["final"] == b["result"]["expected"] == 80
    assert "lost-update" in {f["kind"] for f in a["findings"]}
    assert "lost-update" not in {f["kind"] for f in b["findings"]}
    fields = {d["field"]: (d["a"], d["b"]) for d in both["differences"]}
    assert fields["params.lock"] == (False, True)
    assert fields["result.final"] == (a["result"]["final"], 80)
    assert fields["result.lost_updates"] == (a["result"]["lost_updates"], 0)
    assert "lost-update" in fields["findings"][0] and "lost-update" not in fields["findings"][1]
    assert "duration_s" not in fields and "events" not in fields
    assert a["leftover_processes"] == b["leftover_processes"] == 0


@pytest.mark.timeout(90)
def test_compare_text_shows_both_and_what_differs():
    out = ipcscope("run", "pipe-eof", "--compare", "close_unused_ends=false", "--speed", "20")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("a: pipe-eof: completed")
    assert "\nb: pipe-eof: stalled" in out.stdout
    assert "what differs (a → b):" in out.stdout
    changed = out.stdout.split("what differs")[1]
    assert re.search(r"\n  params\.close_unused_ends +True → False\n", changed)
    assert re.search(r"\n  status +completed → stalled\n", changed)


def test_differences_of_two_summaries():
    a = {"params": {"lock": False}, "status": "completed", "as_predicted": True,
         "result": {"final": 86, "nested": {"x": 1}}, "findings": [{"kind": "lost-update"}],
         "processes": [{"name": "main", "exit_reason": "returned", "exitcode": 0}],
         "queues": [], "pipes": [{"name": "p", "sent": 3, "received": 3, "corrupt": 0,
                                  "eof": 1}],
         "leftover_processes": 0, "duration_s": 1.0, "events": 10}
    b = {**a, "params": {"lock": True}, "result": {"final": 30, "nested": {"x": 2}},
         "findings": [], "pipes": [], "duration_s": 2.0, "events": 20}
    assert compare.differences(a, b) == [
        {"field": "params.lock", "a": False, "b": True},
        {"field": "result.final", "a": 86, "b": 30},
        {"field": "result.nested.x", "a": 1, "b": 2},
        {"field": "findings", "a": ["lost-update"], "b": []},
        {"field": "pipes.p.sent", "a": 3, "b": None},
        {"field": "pipes.p.received", "a": 3, "b": None},
        {"field": "pipes.p.corrupt", "a": 0, "b": None},
        {"field": "pipes.p.eof", "a": 1, "b": None},
    ]
    assert compare.differences(a, a) == []


@pytest.mark.parametrize("args,words", [
    (["--compare", "colour=blue"], "no parameter"),
    (["--compare", "lock=maybe"], "true or false"),
    (["--compare", "lock=false"], "what a runs with already"),
    (["--set", "lock=true", "--compare", "lock=true"], "what a runs with already"),
    (["--compare", "lock"], "--compare takes KEY=VALUE"),
    (["--compare", "lock=true", "--compare", "lock=true"], "twice"),
    (["--compare", "lock=true", "--repeat", "3"], "do not go together"),
    (["--compare", "lock=true", "--trace", "out.ipcscope"], "--record"),
    (["--compare", "lock=true", "--jobs", "2"], "--jobs needs --repeat"),
])
def test_bad_compare_is_one_sentence(args, words, capsys):
    assert cli.main(["run", "manager-counter", *args]) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert words in err
    assert err.count("\n") == 1 and err.startswith("ipcscope: ") and "Traceback" not in err
