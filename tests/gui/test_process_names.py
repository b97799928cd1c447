"""A process has one name everywhere: the lanes, the event log, the run summary, the
findings and both exports say the same, for a real recorded run in which two
processes are both called Jenny (a producer and a consumer that crashes)."""
import csv
import json

from ipcscope.core import scenarios

from tests.gui.conftest import run_to_end


def test_every_view_and_export_names_each_process_as_its_lane(qtbot, settings, tmp_path,
                                                              no_leaks):
    from ipcscope.gui.main_window import MainWindow
    spec = scenarios.register("tests.fixtures.shared_names_scenario")
    window = MainWindow(settings=settings, scenarios=[*scenarios.all_scenarios(), spec])
    qtbot.addWidget(window)
    window.show()
    assert run_to_end(qtbot, window, spec.id, speed=10)["status"] == "crashed"
    recorded = str(tmp_path / "run.ipcscope")
    assert window.files.save_to(recorded), window.files.last_problem
    with qtbot.waitSignal(window.run_ended, timeout=30_000):
        assert window.files.open_path(recorded)
    window.draw_now()
    model = window.controller.model

    lanes = dict(window.run_view.lanes.labels)       # what the lanes' axis shows
    assert sorted(lanes.values()) == ["consumer Jenny", "main", "producer Jenny"]
    names = {model.processes[proc].os_pid: name for proc, name in lanes.items()}

    # the event log: its process column and its process filter
    log = window.event_log
    log.refresh()
    table = log.table_model
    shown = {(int(table.row(r)["proc"]), table.data(table.index(r, 1)))
             for r in range(table.rowCount())}
    assert shown == {(proc, name) for proc, name in lanes.items()} | {(-1, "IPC Scope")}
    assert [log.process_filter.itemText(i) for i in range(1, log.process_filter.count())] \
        == list(lanes.values())

    # the run summary and the finding about the crash
    assert all(name in window.summary.text.toPlainText() for name in lanes.values())
    panel = window.findings_panel
    crashed = [f for f in panel.findings if f["kind"] == "process-crashed"]
    assert len(crashed) == 1
    assert crashed[0]["processes"] == ["consumer Jenny"]
    assert crashed[0]["message"].startswith("consumer Jenny died")
    panel.select(panel.findings.index(crashed[0]))
    assert window.run_view.lanes.focused_lanes() == ["consumer Jenny"]

    # the CSV's process column and the Chrome trace's track names
    csv_path, chrome_path = str(tmp_path / "run.csv"), str(tmp_path / "run.json")
    assert window.files.export_run(csv_path, chrome=False)
    assert window.files.export_run(chrome_path, chrome=True)
    with open(csv_path, newline="", encoding="utf-8") as file:
        rows = {(r["pid"], r["process"]) for r in csv.DictReader(file)}
    assert rows == {(str(pid), name) for pid, name in names.items()} | {("", "IPC Scope")}
    with open(chrome_path, encoding="utf-8") as file:
        events = json.load(file)["traceEvents"]
    tracks = {e["pid"]: e["args"]["name"] for e in events
              if e["ph"] == "M" and e["name"] in ("process_name", "thread_name")}
    assert tracks == names
    roles = {e["pid"]: e["args"]["labels"] for e in events
             if e["ph"] == "M" and e["name"] == "process_labels"}
    assert roles == {}      # both roles are in the names already
    window.run_view.depth.computer.shutdown()
