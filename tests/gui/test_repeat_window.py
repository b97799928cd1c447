"""Run ×N in the window: real runs of the unlocked Manager counter, many at once, their
distribution drawn as it fills, a bar opened as a trace, Stop and close leaving nothing
running, and the window's event loop going on all the while."""
from __future__ import annotations

import os
from collections import Counter

import pytest
from ipcscope.core.trace import load_run
from PySide6.QtCore import Qt, QTimer

RUNS_TIMEOUT_MS = 280_000
# small enough to be quick on a busy machine, big enough to lose updates
SMALL = {"processes": 10, "start": 100}


def start_repeat(window, runs: int):
    window.prepare_run("manager-counter", SMALL)
    assert window.repeat.start(runs)
    return window.repeat.repeat_window


class Ticks:
    """How often the GUI thread's event loop ran a 20 ms timer."""

    def __init__(self):
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        self.count += 1


@pytest.mark.timeout(300)
def test_run_n_fills_a_histogram_of_the_runs_and_a_bar_opens_one(qtbot, window, no_leaks):
    repeat = start_repeat(window, 20)
    assert repeat.isVisible() and repeat.runs.running
    seen = []          # runs done at each live update
    repeat.runs.progressed.connect(lambda: seen.append(repeat.runs.distribution.runs))
    with qtbot.waitSignal(repeat.runs.ended, timeout=RUNS_TIMEOUT_MS) as ended:
        pass
    assert ended.args == [False]
    assert any(n < 20 for n in seen), "the histogram filled as runs ended, not at the end"

    finals = Counter(r["result"]["final"] for r in repeat.runs.results)
    assert len(repeat.runs.results) == 20
    assert repeat.measure_key() == "final"
    bars = repeat.histogram.bars
    assert sum(bar.count for bar in bars) == 20
    for bar in bars:
        assert bar.count == sum(n for value, n in finals.items() if bar.holds(value))
    assert repeat.runs.distribution.statuses == Counter(r["status"] for r in repeat.runs.results)
    assert "20" in repeat.progress_text.text()

    # the recordings are bounded, and each is the run it says it is
    assert 1 <= len(repeat.runs.recorded) <= 20
    for _index, summary, path in repeat.runs.recorded:
        assert load_run(path).end["summary"]["result"]["final"] == summary["result"]["final"]
    kept = {summary["result"]["final"] for _i, summary, _p in repeat.runs.recorded}
    assert kept == set(finals), "every value has a recorded run to open"

    tallest = max(range(len(bars)), key=lambda i: bars[i].count)
    qtbot.mouseClick(repeat.histogram.viewport(), Qt.LeftButton,
                     pos=repeat.histogram.bar_point(tallest))
    _model, summary = window.session.recorded()
    assert window.session.replay.active
    assert bars[tallest].holds(summary["result"]["final"])


@pytest.mark.timeout(200)
def test_stop_cancels_the_rest_and_the_window_stays_responsive(qtbot, window, no_leaks):
    ticks = Ticks()
    repeat = start_repeat(window, 20)
    # the GUI thread's event loop goes on while the runs go
    qtbot.waitUntil(lambda: ticks.count >= 25, timeout=30_000)
    assert repeat.runs.running
    qtbot.waitUntil(lambda: repeat.runs.distribution.runs >= 1, timeout=RUNS_TIMEOUT_MS)
    assert repeat.runs.running
    with qtbot.waitSignal(repeat.runs.ended, timeout=20_000) as ended:
        qtbot.mouseClick(repeat.stop_button, Qt.LeftButton)
    ticks.timer.stop()
    assert ended.args == [True]
    assert repeat.runs.distribution.runs < 20
    assert "stopped" in repeat.progress_text.text()
    assert repeat.again.isEnabled() and not repeat.stop_button.isEnabled()
    folder = repeat.runs.folder
    repeat.close()
    assert not os.path.exists(folder), "the recordings go with the window"


@pytest.mark.timeout(200)
def test_closing_the_window_mid_batch_stops_every_run(qtbot, window, no_leaks):
    repeat = start_repeat(window, 20)
    qtbot.waitUntil(lambda: repeat.runs.distribution.runs >= 1, timeout=RUNS_TIMEOUT_MS)
    folder = repeat.runs.folder
    with qtbot.waitSignal(repeat.runs.ended, timeout=20_000):
        repeat.close()
        assert not repeat.isVisible()
    qtbot.waitUntil(lambda: not os.path.exists(folder), timeout=5_000)
    assert repeat.runs.distribution.runs < 20


PROGRAMS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "programs")


@pytest.mark.timeout(200)
def test_run_n_of_a_program_of_ones_own(qtbot, window, no_leaks):
    """Open script…, then Run ×5: the program (its arguments as typed) runs five times,
    traced; the histogram counts how the runs ended, the findings are counted."""
    script = os.path.join(PROGRAMS, "shared_counters.py")
    assert window.files.open_script(script)
    assert window.scenario_panel.current_program() == script
    window.scenario_panel.form.args_edit.setText("nolock 6")
    assert window.repeat.start(5)
    repeat = window.repeat.repeat_window
    with qtbot.waitSignal(repeat.runs.ended, timeout=RUNS_TIMEOUT_MS) as ended:
        pass
    assert ended.args == [False]
    d = repeat.runs.distribution
    assert d.runs == 5 and d.leftover_processes == 0
    assert d.statuses == Counter({"completed": 5}), d.statuses
    assert d.about["program"] == script and d.about["args"] == ["nolock", "6"]
    assert repeat.measure_key() == "status"
    assert [bar.count for bar in repeat.histogram.bars] == [5]
    assert "shared_counters.py" in repeat.heading.text()
    assert "5 runs" in repeat.progress_text.text()
    assert "completed: 5" in repeat.outcomes.text()
    assert d.findings["lost-update"] >= 1          # six racers, no lock
    assert "lost-update" in repeat.outcomes.text()


@pytest.mark.timeout(200)
def test_the_number_of_runs_is_remembered(qtbot, window, settings, no_leaks):
    """N is the last chosen, in the next Run ×N window and the next session."""
    from ipcscope.gui.main_window import MainWindow
    window.prepare_run("manager-counter", {"processes": 2, "start": 10})
    assert window.repeat.start(3)
    repeat = window.repeat.repeat_window
    assert repeat.count.value() == 3
    with qtbot.waitSignal(repeat.runs.ended, timeout=RUNS_TIMEOUT_MS):
        pass
    repeat.count.setValue(7)
    repeat.close()
    settings.sync()
    again = MainWindow(settings=settings)          # the next session, the same settings
    qtbot.addWidget(again)
    again.prepare_run("manager-counter", {"processes": 2, "start": 10})
    assert again.repeat.start()
    other = again.repeat.repeat_window
    assert other is not repeat and other.count.value() == 7
    assert other.runs.runs == 7
    with qtbot.waitSignal(other.runs.ended, timeout=RUNS_TIMEOUT_MS):
        pass
    other.close()
    again.close()


@pytest.mark.timeout(300)
def test_run_n_runs_the_code_as_edited(qtbot, window, no_leaks):
    """Run ×N runs what Run would: the scenario's code as edited in the source view."""
    window.prepare_run("manager-counter", {**SMALL, "lock": True})
    source = window.source
    source.set_editing(True)
    found = source.document().find("    dic['count'] -= 1")
    assert not found.isNull()
    found.insertText("    dic['count'] -= 2")
    assert window.repeat.start(3)
    repeat = window.repeat.repeat_window
    with qtbot.waitSignal(repeat.runs.ended, timeout=RUNS_TIMEOUT_MS):
        pass
    # 10 processes, each taking 2 under the lock: 100 - 20, every time
    assert [r["result"]["final"] for r in repeat.runs.results] == [80, 80, 80]
    assert "edited code" in repeat.heading.text()
