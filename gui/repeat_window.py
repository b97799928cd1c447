"""RepeatWindow: Run ×N — one scenario (with the form's parameters) or one program run N
times, as many at once as the machine has cores, and the distribution of its outcome
drawn as it fills.  A race is a distribution, not one outcome: one run of the unlocked
counter proves nothing, a hundred show where it tends to end and how far from 30.

It shows a histogram of the result that matters (core/distribution.py MAIN_RESULTS: the
final counter, the messages lost; any other numeric result, or the status, can be
chosen), how many runs completed, stalled or crashed, and how many raised each finding.
Clicking a bar opens one recorded run of that bar in the main window as a trace.
How many runs (N) is remembered (QSettings, the main window's): the next window, and
the next session, start with the last N chosen.

The runs go on off the GUI thread (gui/run/repeat_runs.py).  Stop, and closing the
window, stop every running run; no process is left behind.
"""
from __future__ import annotations

import html
import os

from ipcscope.core.distribution import Bar, bars, median
from ipcscope.core.repeat import MAX_RUNS
from ipcscope.gui.core_texts import core_text
from ipcscope.gui.i18n import translate
from ipcscope.gui.plots.histogram import ResultHistogram
from ipcscope.gui.repeat_action import bring_forward
from ipcscope.gui.run.repeat_runs import RepeatRuns
from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

STATUS = "status"            # the measure that counts runs by how they ended
INTEGER_BARS = 100           # whole numbers: one bar per value over a range this wide
# a result that has one it is measured against: a dashed line at that value
REFERENCES = {"final": "expected"}
RUNS_KEY = "repeat/runs"     # the N last chosen
DEFAULT_RUNS = 100


class RepeatWindow(QWidget):
    def __init__(self, main_window):
        super().__init__(main_window, Qt.Window)
        self.setObjectName("repeat-window")
        self.main = main_window
        self.target = None                 # what runs: set by run()
        self.runs = RepeatRuns(self)
        self.runs.progressed.connect(self._refresh)
        self.runs.ended.connect(self._on_ended)
        self.runs.problem.connect(self._tell)
        self.closing = False
        self._chosen: str | None = None    # the measure the user picked, if any
        self._shown: list = []             # what each bar stands for (Bar or status)
        self._build()
        self.layout().setSizeConstraint(QLayout.SetNoConstraint)
        self.resize(1000, 640)
        QApplication.instance().aboutToQuit.connect(self.runs.shutdown)
        self.retranslate()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("repeat-heading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        row = QHBoxLayout()
        self.count_label = QLabel()
        self.count = QSpinBox()
        self.count.setObjectName("repeat-count")
        self.count.setRange(1, MAX_RUNS)
        self.count.setValue(min(max(1, self.main.settings.value(RUNS_KEY, DEFAULT_RUNS, int)),
                                MAX_RUNS))
        self.count.valueChanged.connect(self._remember_count)
        self.again = QPushButton()
        self.again.setObjectName("repeat-again")
        self.again.clicked.connect(self.run_again)
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("repeat-stop")
        self.stop_button.clicked.connect(self.stop)
        self.progress = QProgressBar()
        self.progress.setObjectName("repeat-progress")
        self.progress_text = QLabel()
        self.progress_text.setObjectName("repeat-progress-text")
        for widget in (self.count_label, self.count, self.again, self.stop_button):
            row.addWidget(widget)
        row.addWidget(self.progress, 1)
        row.addWidget(self.progress_text)
        layout.addLayout(row)
        measure_row = QHBoxLayout()
        self.measure_label = QLabel()
        self.measure = QComboBox()
        self.measure.setObjectName("repeat-measure")
        self.measure.activated.connect(self._on_measure)
        self.hint = QLabel()
        self.hint.setObjectName("repeat-hint")
        measure_row.addWidget(self.measure_label)
        measure_row.addWidget(self.measure)
        measure_row.addWidget(self.hint, 1)
        layout.addLayout(measure_row)
        middle = QHBoxLayout()
        self.histogram = ResultHistogram()
        self.histogram.bar_clicked.connect(self.open_bar)
        middle.addWidget(self.histogram, 1)
        self.outcomes = QLabel()
        self.outcomes.setObjectName("repeat-outcomes")
        self.outcomes.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.outcomes.setTextFormat(Qt.RichText)
        self.outcomes.setWordWrap(True)
        self.outcomes.setMinimumWidth(240)
        middle.addWidget(self.outcomes)
        layout.addLayout(middle, 1)
        self.message = QLabel()
        self.message.setObjectName("repeat-message")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

    # --- running ----------------------------------------------------------------------

    def run(self, target, count: int | None = None) -> None:
        """Run `target` (gui/repeat_action.py RepeatTarget) `count` times (else the
        spin box's) and show it here."""
        if self.runs.running:
            return
        self.target = target
        if count is not None:
            self.count.setValue(count)
        self._chosen = None
        self.message.clear()
        jobs = os.cpu_count() or 1
        self.runs.start(target.start_run, self.count.value(), jobs, target.about)
        self._refresh()
        self.retranslate()

    @Slot(int)
    def _remember_count(self, runs: int) -> None:
        self.main.settings.set_value(RUNS_KEY, runs)

    @Slot()
    def run_again(self) -> None:
        if self.target is not None:
            self.run(self.target)

    @Slot()
    def stop(self) -> None:
        self.runs.stop()
        self._update_buttons()

    @Slot(bool)
    def _on_ended(self, _stopped: bool) -> None:
        self._refresh()
        if self.closing:
            self.close()

    @Slot(str)
    def _tell(self, sentence: str) -> None:
        self.message.setText(sentence)

    # --- the distribution ---------------------------------------------------------------

    def measure_key(self) -> str:
        d = self.runs.distribution
        if self._chosen is not None and (self._chosen == STATUS or self._chosen in d.results):
            return self._chosen
        return d.main_result() or STATUS

    @Slot(int)
    def _on_measure(self, index: int) -> None:
        self._chosen = self.measure.itemData(index)
        self._refresh()

    @Slot()
    def _refresh(self) -> None:
        d, key = self.runs.distribution, self.measure_key()
        keys = list(d.results) + [STATUS]
        if [self.measure.itemData(i) for i in range(self.measure.count())] != keys:
            self.measure.clear()
            for k in keys:
                self.measure.addItem(measure_name(k), k)
        self.measure.setCurrentIndex(max(0, self.measure.findData(key)))
        if key == STATUS:
            statuses = list(d.statuses)
            self._shown = statuses
            self.histogram.set_bars([Bar(i, i, d.statuses[s]) for i, s in enumerate(statuses)],
                                    [core_text(s) for s in statuses])
            self.histogram.set_reference(None)
        else:
            counts = d.results[key]
            whole = all(isinstance(v, int) for v in counts)
            made = bars(counts, INTEGER_BARS if whole and
                        max(counts) - min(counts) < INTEGER_BARS else 20)
            self._shown = made
            self.histogram.set_bars(made)
            reference = d.results.get(REFERENCES.get(key, ""))
            if reference is not None and len(reference) == 1:
                value = next(iter(reference))
                self.histogram.set_reference(value, translate("RepeatWindow", "expected {value}")
                                             .format(value=value))
            else:
                self.histogram.set_reference(None)
        self.histogram.set_axis_labels(measure_name(key), translate("RepeatWindow", "runs"))
        self.outcomes.setText(self._outcomes_html())
        self._update_progress()
        self._update_buttons()

    def _outcomes_html(self) -> str:
        d, key = self.runs.distribution, self.measure_key()
        rows = []
        if key != STATUS:
            counts = d.results[key]
            rows += [f"<b>{html.escape(measure_name(key))}</b>", html.escape(translate(
                "RepeatWindow", "min {low}, median {middle}, max {high}").format(
                low=min(counts), middle=median(counts), high=max(counts))), ""]
        # (translate() outside the f-strings: lupdate does not look inside them, and
        # these two headings stayed English in 中文)
        ended = translate("RepeatWindow", "How the runs ended")
        findings = translate("RepeatWindow", "Findings")
        rows += [f"<b>{html.escape(ended)}</b>"]
        rows += [f"{html.escape(core_text(s))}: {n}" for s, n in d.statuses.most_common()]
        rows.append(f"<br><b>{html.escape(findings)}</b>")
        rows += [html.escape(translate("RepeatWindow", "{kind}: in {runs} runs")
                             .format(kind=core_text(k), runs=n))
                 for k, n in d.findings.most_common()] or \
            [html.escape(translate("RepeatWindow", "none"))]
        if d.leftover_processes:
            rows.append("<br>" + html.escape(translate(
                "RepeatWindow", "processes left behind: {n}").format(n=d.leftover_processes)))
        return "<br>".join(rows)

    def _update_progress(self) -> None:
        done, total = self.runs.distribution.runs, self.runs.runs
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if self.runs.running:
            text = translate("RepeatWindow", "{done} of {total} runs, {jobs} at once, {s:.1f} s")
        elif self.runs.stopped:
            text = translate("RepeatWindow", "stopped: {done} of {total} runs in {s:.1f} s")
        else:
            text = translate("RepeatWindow", "{done} runs in {s:.1f} s")
        self.progress_text.setText(text.format(
            done=done, total=total, s=self.runs.elapsed_s(),
            jobs=self.runs.distribution.about.get("jobs", 1)))

    def _update_buttons(self) -> None:
        running = self.runs.running
        self.again.setEnabled(not running and self.target is not None)
        self.stop_button.setEnabled(running)
        self.count.setEnabled(not running)

    # --- one bar, as a trace in the main window ---------------------------------------

    def runs_of_bar(self, index: int) -> list[tuple[int, dict, str]]:
        """The recorded runs (run index, summary, file) whose outcome is in bar `index`."""
        shown, key = self._shown[index], self.measure_key()
        if key == STATUS:
            return [r for r in self.runs.recorded if r[1].get("status") == shown]
        return [r for r in self.runs.recorded
                if shown.holds((r[1].get("result") or {}).get(key))]

    @Slot(int)
    def open_bar(self, index: int) -> bool:
        found = self.runs_of_bar(index)
        if not found:
            self.message.setText(translate(
                "RepeatWindow", "No run of this bar was recorded: IPC Scope keeps a few runs "
                "of each outcome. Run again to record others."))
            return False
        run_index, _summary, path = found[0]
        if not self.main.files.open_path(path):
            self.message.setText(self.main.files.last_problem)
            return False
        self.message.setText(translate("RepeatWindow", "Run {n} is open in the main window.")
                             .format(n=run_index + 1))
        bring_forward(self.main)
        return True

    # --- language and closing -----------------------------------------------------------

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(translate("RepeatWindow", "Run ×N — IPC Scope"))
        self.heading.setText(self.target.heading() if self.target is not None else "")
        self.count_label.setText(translate("RepeatWindow", "Runs"))
        self.again.setText(translate("RepeatWindow", "Run again"))
        self.stop_button.setText(translate("RepeatWindow", "Stop"))
        self.measure_label.setText(translate("RepeatWindow", "Histogram of"))
        self.hint.setText(translate("RepeatWindow",
                                    "Click a bar to open one of its runs in the main window."))
        self._refresh()

    def closeEvent(self, event) -> None:
        if self.runs.running:
            # every run ends first (≤ 2 s, off the GUI thread), then the window closes
            self.closing = True
            self.hide()
            self.runs.stop()
            event.ignore()
            return
        self.closing = False
        self.runs.shutdown()
        super().closeEvent(event)


def measure_name(key: str) -> str:
    return translate("RepeatWindow", "how the runs ended") if key == STATUS else core_text(key)
