"""The parameter form, the scenario list and what the window remembers."""
from ipcscope.core import scenarios
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox


def field(window, key):
    return window.scenario_panel.form.fields[key][1]


def test_opens_on_the_first_scenario_at_the_articles_values(window):
    first = scenarios.all_scenarios()[0]
    assert window.scenario_panel.current_id() == first.id
    assert window.scenario_panel.form.values() == first.defaults()
    assert window.toolbar.run_action.isEnabled()
    assert not window.toolbar.stop_action.isEnabled()
    assert first.id in window.source.scenario_id
    assert "def main" in window.source.toPlainText()


def test_every_parameter_gets_the_widget_of_its_kind(window):
    expected = {"int": QSpinBox, "bool": QCheckBox, "choice": QComboBox}
    for spec in scenarios.all_scenarios():
        window.scenario_panel.select(spec.id)
        for param in spec.params:
            widget = field(window, param.key)
            assert isinstance(widget, expected[param.kind]), (spec.id, param.key)
            if param.kind == "int":
                assert (widget.minimum(), widget.maximum()) == (param.minimum, param.maximum)


def test_a_value_out_of_range_cannot_be_typed(qtbot, window):
    spin = field(window, "producers")          # queue-sentinel: 1 to 6
    spin.selectAll()
    qtbot.keyClicks(spin, "99")
    spin.interpretText()
    assert 1 <= spin.value() <= 6
    assert window.scenario_panel.form.check()


def test_reset_returns_to_the_articles_values(window):
    field(window, "items").setValue(3)
    field(window, "sentinels").setCurrentIndex(1)
    assert window.scenario_panel.form.values()["items"] == 3
    window.scenario_panel.form.reset_button.click()
    assert window.scenario_panel.form.values() == scenarios.all_scenarios()[0].defaults()


def test_a_refused_value_gets_a_message_beside_its_field(window):
    form = window.scenario_panel.form
    param, widget, error = form.fields["items"]
    widget.setRange(0, 5000)           # as if a spec changed under a saved form
    widget.setValue(0)
    assert not form.check()
    assert not error.isHidden() and "between" in error.text()
    assert not window.start_run()
    widget.setValue(4)
    assert form.check() and error.isHidden()


def test_the_prediction_follows_the_parameters(window):
    window.scenario_panel.select("queue-sentinel")
    field(window, "sentinels").setCurrentIndex(1)          # per-consumer
    assert "only when get(timeout=5)" not in window.scenario_panel.watch.text.toPlainText()
    field(window, "sentinels").setCurrentIndex(0)
    assert "get(timeout=5)" in window.scenario_panel.watch.text.toPlainText()


def test_the_window_remembers_scenario_parameters_and_layout(qtbot, settings):
    from ipcscope.gui.main_window import MainWindow
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    first.scenario_panel.select("bounded-queue")
    field(first, "capacity").setValue(7)
    first.toolbar.set_speed(2.0)
    first.toolbar.set_window(60.0)
    first.close()
    second = MainWindow(settings=settings)
    qtbot.addWidget(second)
    assert second.scenario_panel.current_id() == "bounded-queue"
    assert field(second, "capacity").value() == 7
    assert second.toolbar.speed_value() == 2.0
    assert second.toolbar.window_value() == 60.0
    second.scenario_panel.select("queue-sentinel")
    assert field(second, "items").value() == 10     # other scenarios keep their own


def test_large_text_makes_lanes_taller(qtbot, window):
    small = window.run_view.lanes.lane_px_min
    window.toolbar.large_text_action.trigger()
    assert window.run_view.lanes.lane_px_min > small
    window.toolbar.large_text_action.trigger()
    assert window.run_view.lanes.lane_px_min == small


def test_scenario_list_shows_english_and_chinese_titles(window):
    rows = [window.scenario_panel.list.item(i) for i in range(window.scenario_panel.list.count())]
    count = len(scenarios.all_scenarios())
    items, after = rows[:count], rows[count:]
    assert after[0].text() == "Your programs"      # then the user's own (none yet)
    assert all(not row.flags() & Qt.ItemIsSelectable for row in after)
    for item, spec in zip(items, scenarios.all_scenarios()):
        assert spec.title in item.text() and spec.title_zh in item.text()
        assert item.data(Qt.UserRole) == spec.id
