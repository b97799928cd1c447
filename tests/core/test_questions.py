"""Each scenario's question is judged by its run's own summary: real runs at high speed,
the truth read back from what happened, right and wrong answers told apart."""
import pytest
from ipcscope.core import headless, scenarios
from ipcscope.core.scenarios.questions import KINDS, NONE, YES_NO, questions


def ask(scenario_id: str, params: dict, speed: float = 20.0):
    """(the question, the run's summary) of a real run."""
    summary, _model = headless.run(scenario_id, params, speed=speed, timeout=60)
    (question,) = questions(scenario_id, summary["params"])
    assert question.kind in KINDS
    return question, summary


def test_every_built_in_scenario_has_a_question_in_both_languages():
    for spec in scenarios.all_scenarios():
        asked = questions(spec.id, spec.defaults())
        assert asked, spec.id
        for question in asked:
            assert question.text.endswith("?") and question.text_zh.endswith("?")
            assert (question.kind == "number") == (not question.choices)
    assert questions("my_program.py", {}) == []


@pytest.mark.timeout(60)
@pytest.mark.parametrize("lock", [True, False])
def test_manager_counter_ends_where_the_run_says(lock, no_leaks):
    question, summary = ask("manager-counter", {"processes": 12, "lock": lock})
    final = summary["result"]["final"]
    assert question.truth(summary) == final
    assert question.is_right(final, summary)
    assert not question.is_right(final - 1, summary)
    if lock:
        assert final == 88


@pytest.mark.timeout(60)
def test_queue_sentinel_names_the_consumer_that_timed_out(no_leaks):
    question, summary = ask("queue-sentinel", {"items": 1})
    assert question.choices == ("Jenny", "Cony", NONE)
    (late,) = [p["name"] for p in summary["processes"] if p["exit_reason"] == "timeout"]
    (early,) = [p["name"] for p in summary["processes"] if p["exit_reason"] == "sentinel"]
    assert question.truth(summary) == (late,)
    assert question.is_right(late, summary)
    assert not question.is_right(early, summary) and not question.is_right(NONE, summary)


@pytest.mark.timeout(60)
def test_queue_sentinel_per_consumer_none_times_out(no_leaks):
    question, summary = ask("queue-sentinel", {"items": 1, "sentinels": "per-consumer"})
    assert question.is_right(NONE, summary) and not question.is_right("Jenny", summary)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("scenario_id,params,finishes", [
    ("pipe-eof", {"messages": 3}, "yes"),
    ("pipe-eof", {"messages": 3, "close_unused_ends": False}, "no"),
    ("join-before-drain", {"drain_first": True}, "yes"),
    ("join-before-drain", {}, "no"),
    ("joinable-queue", {"items": 1}, "yes"),
    ("joinable-queue", {"items": 1, "task_done": False}, "no"),
])
def test_will_the_program_finish(scenario_id, params, finishes, no_leaks):
    question, summary = ask(scenario_id, params)
    assert question.choices == YES_NO
    assert question.truth(summary) == finishes
    assert (summary["status"] == "completed") == (finishes == "yes")
    other = "no" if finishes == "yes" else "yes"
    assert question.is_right(finishes, summary) and not question.is_right(other, summary)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("mode", ["put", "put_nowait"])
def test_bounded_queue_counts_the_items_lost(mode, no_leaks):
    question, summary = ask("bounded-queue", {"items": 8, "mode": mode})
    lost = summary["queues"][0]["full_errors"]
    assert question.truth(summary) == lost
    assert (lost > 0) == (mode == "put_nowait")
    assert question.is_right(lost, summary) and not question.is_right(lost + 1, summary)


@pytest.mark.timeout(60)
def test_pipe_with_a_lock_delivers_every_message(no_leaks):
    question, summary = ask("pipe-producer-consumer", {"messages": 20, "lock": True})
    pipe = summary["pipes"][0]
    assert pipe["received"] == pipe["sent"] == 20
    assert question.truth(summary) == "yes" and not question.is_right("no", summary)


@pytest.mark.timeout(60)
def test_queue_flood_delivers_every_item(no_leaks):
    question, summary = ask("queue-flood", {"items": 500})
    assert summary["result"]["items_got"] == 500
    assert question.truth(summary) == "yes" and question.is_right("yes", summary)


def test_a_run_stopped_by_hand_gives_no_truth():
    (question,) = questions("pipe-eof", {})
    assert question.is_right("no", {"status": "stopped"}) is None
