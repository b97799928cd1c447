"""Every scenario, with real processes and queues, ends as the article says."""
import pytest
from ipcscope.core import headless, scenarios
from ipcscope.core.cli import self_test_variants

from tests.conftest import alive, run_pids

CASES = [(spec.id, variant) for spec in scenarios.all_scenarios()
         for variant in self_test_variants(spec)]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("scenario_id,params", CASES,
                         ids=[f"{i}-{'-'.join(f'{k}={v}' for k, v in p.items())}"
                              for i, p in CASES])
def test_scenario_ends_as_predicted(scenario_id, params, no_leaks):
    spec = scenarios.get(scenario_id)
    summary, model = headless.run(scenario_id, params, speed=spec.self_test_speed, timeout=90)
    assert summary["as_predicted"], (summary["status"], summary["problems"])
    assert summary["leftover_processes"] == 0
    assert alive(run_pids(model)) == []
    assert summary["events"] > 0 and summary["dropped_events"] == 0


@pytest.mark.timeout(150)
def test_manager_counter_article_numbers(no_leaks):
    """70 processes from 100: locked ends at exactly 30 (not the article's 50)."""
    locked, _ = headless.run("manager-counter", {"lock": True}, speed=5, timeout=120)
    assert locked["status"] == "completed"
    assert locked["result"] == {"start": 100, "decrements": 70, "expected": 30, "final": 30,
                                "lost_updates": 0}


@pytest.mark.timeout(150)
def test_manager_counter_unlocked_loses_updates_under_spawn(no_leaks):
    summary, _ = headless.run("manager-counter", {"processes": 40}, speed=5, timeout=120)
    r = summary["result"]
    assert summary["status"] == "completed"
    assert r["decrements"] == 40 and r["expected"] == 60
    assert r["final"] - r["expected"] == r["lost_updates"]
    assert r["final"] >= r["expected"]
    # released together, 40 racers on a shared dict lose updates practically every run
    assert r["lost_updates"] > 0


@pytest.mark.timeout(60)
@pytest.mark.parametrize("method", ["fork", "forkserver"])
def test_other_start_methods(method, no_leaks):
    summary, _ = headless.run("queue-sentinel", {"items": 2, "start_method": method},
                              speed=10, timeout=50)
    assert summary["as_predicted"], summary["problems"]


@pytest.mark.timeout(60)
def test_article_consumer_waits_out_its_timeout(no_leaks):
    """sentinels=one: one consumer leaves on None, the other ~5 s (scaled) later."""
    from ipcscope.core.events import Kind
    summary, model = headless.run("queue-sentinel", {"items": 2}, speed=5, timeout=50)
    assert sorted(p["exit_reason"] for p in summary["processes"]
                  if p["role"] == "consumer") == ["sentinel", "timeout"]
    empty = model.of_kind(Kind.GET_EMPTY)
    assert len(empty) == 1 and empty["a"][0] == 1_000_000_000  # timeout=5 at speed 5


@pytest.mark.timeout(60)
def test_bounded_queue_never_shows_more_than_capacity(no_leaks):
    summary, model = headless.run("bounded-queue", {"items": 15, "capacity": 3}, speed=10,
                                  timeout=50)
    queue = model.queues()[0]
    _, depth = model.depth_series(queue.obj)
    assert depth.max() == 3 and depth.min() >= 0
    assert summary["queues"][0]["max_depth"] == 3
