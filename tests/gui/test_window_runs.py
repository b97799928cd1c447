"""Every scenario, run live through the window, ends as predicted, with data in every
plot, one lane per process, and no process left."""
import pytest
from ipcscope.core import scenarios
from ipcscope.core.cli import self_test_variants
from ipcscope.core.events import ObjType

from tests.conftest import alive, run_pids
from tests.gui.conftest import run_to_end

CASES = [(spec.id, variant) for spec in scenarios.all_scenarios()
         for variant in self_test_variants(spec)]


@pytest.mark.parametrize("scenario_id,params", CASES,
                         ids=[f"{i}-{'-'.join(f'{k}={v}' for k, v in p.items())}"
                              for i, p in CASES])
def test_live_run_ends_as_predicted_with_data_in_every_plot(qtbot, window, scenario_id,
                                                            params, no_leaks):
    spec = scenarios.get(scenario_id)
    summary = run_to_end(qtbot, window, scenario_id, params)
    expected = spec.predict(spec.resolve({**spec.self_test_params, **params}))
    assert summary["status"] in expected.statuses, summary["problems"]
    model = window.controller.model
    assert alive(run_pids(model)) == []

    lanes = window.run_view.lanes
    assert sorted(lanes.item.order) == sorted(model.processes), "one lane per process"
    assert len(set(lanes.labels.values())) == len(model.processes), "lane names are distinct"
    assert any(len(lane.spans) for lane in window.controller.spans.lanes.values())

    if model.queues():
        assert window.run_view.depth.depth_changes() > 0
        assert window.run_view.third is window.run_view.third_plots["rate"]
        assert sum(window.run_view.third.totals()) > 0
    if any(o.type == ObjType.PIPE for o in model.objects.values()):
        assert window.run_view.third is window.run_view.third_plots["pipe"]
        assert window.run_view.third._sent.xData is not None
    if scenario_id == "manager-counter":
        counter = window.run_view.third
        assert counter is window.run_view.third_plots["counter"]
        assert len(counter.writes) == summary["result"]["decrements"]

    window.event_log.refresh()
    assert window.event_log.table_model.rowCount() == len(model)
    assert summary["status"] in window.status_label.text()
    assert summary["status"] in window.summary.text.toPlainText()
