"""SummaryPanel: how the run is going and how it ended — status, processes and how each
left, queue and pipe counts, the scenario's own result against its prediction, and the
traceback of any process that crashed.  Below it, the findings list (gui/findings_panel.py).
"""
from __future__ import annotations

import html
import os
import shlex

from ipcscope.core.events import Kind
from ipcscope.core.summary import QUEUE_TYPES, queue_call
from ipcscope.gui import colors
from ipcscope.gui.core_texts import core_text
from ipcscope.gui.i18n import translate
from PySide6.QtWidgets import QGroupBox, QLabel, QTextBrowser, QVBoxLayout, QWidget


def _esc(value) -> str:
    return html.escape(str(value))


def _status_line(status: str, note: str = "") -> str:
    color = colors.STATUS_COLORS.get(status, colors.TEXT)
    return (f"<p style='font-size:150%; margin:0'><b style='color:{color}'>"
            f"{_esc(core_text(status))}</b> {_esc(note)}</p>")


def live_html(controller) -> str:
    model = controller.model
    parts = [_status_line("running", f"· {controller.elapsed_s():.1f} s")]
    alive = translate("SummaryPanel", "{alive} processes alive · {events} events").format(
        alive=controller.processes_alive, events=f"{len(model):,}")
    parts.append(f"<p>{_esc(alive)}</p>")
    parts += _object_lines(model)
    return "".join(parts)


def replay_html(replay) -> str:
    model = replay.controller.model
    at = translate("SummaryPanel", "· {at} of {end} s").format(at=f"{replay.position_s:.2f}",
                                                             end=f"{replay.end_s:.2f}")
    parts = [_status_line("replay", at)]
    parts.append("<p>" + translate("SummaryPanel", "{shown} of {total} events so far; the run "
                                   "ended <b>{status}</b>").format(
        shown=f"{len(model):,}", total=f"{replay.count:,}",
        status=_esc(core_text(replay.summary['status']))) + "</p>")
    parts += _object_lines(model)
    return "".join(parts)


def _object_lines(model) -> list[str]:
    lines = []
    for q in model.queues():
        cap = queue_call(QUEUE_TYPES.get(q.type, "Queue"), q.maxsize)
        counts = translate(
            "SummaryPanel", "{put} put, {got} got, Full {full}, Empty {empty}").format(
            put=q.count(Kind.PUT_END), got=q.count(Kind.GET_END), full=q.count(Kind.PUT_FULL),
            empty=q.count(Kind.GET_EMPTY))
        lines.append(f"<p><b>{_esc(q.name)}</b> {cap}: {_esc(counts)}</p>")
    for p in model.pipes():
        counts = translate(
            "SummaryPanel", "{sent} sent, {received} received, {broken} broken").format(
            sent=p.count(Kind.SEND), received=p.count(Kind.RECV_END),
            broken=p.count(Kind.RECV_CORRUPT))
        lines.append(f"<p><b>{_esc(p.name)}</b>: {_esc(counts)}</p>")
    return lines


def _program_lines(summary: dict) -> list[str]:
    """What ran, and how it ended: a program predicts nothing."""
    command = " ".join([os.path.basename(str(summary["program"])),
                        *map(shlex.quote, map(str, summary.get("args") or []))])
    code = summary.get("exit_code")
    code_color = colors.BLUISH_GREEN if code == 0 else colors.VERMILLION
    ended = translate("SummaryPanel", "none (it did not end by itself)") if code is None else code
    program = _esc(translate("SummaryPanel", "Program:"))
    exit_code = _esc(translate("SummaryPanel", "Exit code:"))
    parts = [(f"<p><i>{program}</i> <code>{_esc(command)}</code><br>"
              f"<i>{exit_code}</i> <b style='color:{code_color}'>{_esc(ended)}</b></p>")]
    if summary["problems"]:
        parts.append(f"<p style='color:{colors.VERMILLION}'>"
                     f"{_esc('; '.join(map(core_text, summary['problems'])))}</p>")
    return parts


def final_html(summary: dict, model) -> str:
    ok = summary["as_predicted"]
    parts = [_status_line(summary["status"], translate(
        "SummaryPanel", "in {s} s").format(s=f"{summary['duration_s']:.1f}"))]
    if summary.get("program"):
        parts += _program_lines(summary)
    else:
        verdict = translate("SummaryPanel", "as predicted") if ok else \
            translate("SummaryPanel", "NOT as predicted: ") + \
            "; ".join(map(core_text, summary["problems"]))
        predicted = _esc(translate("SummaryPanel", "Predicted:"))
        parts.append(f"<p><i>{predicted}</i> {_esc(core_text(summary['predicted']))}<br>"
                     f"<b style='color:{colors.BLUISH_GREEN if ok else colors.VERMILLION}'>"
                     f"{_esc(verdict)}</b></p>")
    if summary["result"]:
        rows = "".join(f"<tr><td>{_esc(core_text(k.replace('_', ' ')))}</td><td align='right'>"
                       f"<b>{_esc(v)}</b></td></tr>" for k, v in summary["result"].items())
        result = _esc(translate("SummaryPanel", "Result"))
        parts.append(f"<p><b>{result}</b></p><table cellspacing='4'>{rows}</table>")
    parts += _object_lines(model)
    rows = []
    for proc, name in model.process_names().items():      # in lane order
        p = model.processes[proc]
        code = "?" if p.exitcode is None else p.exitcode
        rows.append(f"<tr><td>{_esc(name)}</td><td>{_esc(colors.exit_words(p.exit_reason))}"
                    f"</td><td align='right'>{code}</td></tr>")
    processes = _esc(translate("SummaryPanel", "Processes"))
    how = _esc(translate("SummaryPanel", "(how each left, exit code)"))
    parts.append(f"<p><b>{processes}</b> {how}</p>"
                 f"<table cellspacing='3'>{''.join(rows)}</table>")
    parts.append("<p>" + _esc(translate(
        "SummaryPanel", "{events} events, {dropped} dropped, {left} processes left behind")
                              .format(events=f"{summary['events']:,}",
                                      dropped=summary['dropped_events'],
                                      left=summary['leftover_processes'])) + "</p>")
    for p in model.processes.values():
        if p.traceback:
            crashed = translate(
                "SummaryPanel", "{name} crashed:").format(name=model.process_name(p.proc))
            parts.append(f"<p style='color:{colors.VERMILLION}'><b>{_esc(crashed)}</b></p>"
                         f"<pre>{_esc(p.traceback)}</pre>")
    return "".join(parts)


class SummaryPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = QTextBrowser()
        self.text.setObjectName("run-summary")
        self.text.setOpenLinks(False)
        self._shown = None                 # what is on show: (html maker, its arguments)
        self.box = box = QGroupBox()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(4, 4, 4, 4)
        inner.addWidget(self.text)
        # The findings list (gui/findings_panel.py) goes here: set_findings_panel().
        self.findings_box = QGroupBox()
        self.findings_count = 0
        self.findings_layout = QVBoxLayout(self.findings_box)
        self.findings_box.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box, 1)
        layout.addWidget(self.findings_box)
        self.bridge_error = QLabel()
        self.bridge_error.setWordWrap(True)
        self.bridge_error.setStyleSheet(f"color: {colors.VERMILLION};")
        self.bridge_error.hide()
        layout.addWidget(self.bridge_error)
        self.bridge_error_text = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.box.setTitle(translate("SummaryPanel", "Run summary"))
        self.set_findings_count(self.findings_count)
        self._render()
        if self.bridge_error_text:
            self.show_bridge_error(self.bridge_error_text)

    def take_scheme(self) -> None:
        """The scheme changed (gui/theme.py): "stopped" again in its colour."""
        self._render()

    def _show(self, maker, *args) -> None:
        self._shown = (maker, args)
        self._render()

    def _render(self) -> None:
        if self._shown is None:
            self.text.setHtml("<p>" + translate(
                "SummaryPanel", "Press <b>Run</b> (or Space) to start the scenario.")
                              + "</p>")
        else:
            maker, args = self._shown
            self.text.setHtml(maker(*args))

    def set_findings_panel(self, panel) -> None:
        self.findings_layout.setContentsMargins(4, 4, 4, 4)
        self.findings_layout.addWidget(panel)
        self.set_findings_count(0)
        self.findings_box.show()
        layout = self.layout()
        layout.setStretchFactor(self.findings_box, 1)

    def set_findings_count(self, count: int) -> None:
        self.findings_count = count
        self.findings_box.setTitle(translate("SummaryPanel", "Findings ({n})").format(n=count))

    def show_live(self, controller) -> None:
        self._show(live_html, controller)

    def show_replay(self, replay) -> None:
        self._show(replay_html, replay)

    def show_final(self, summary: dict, model) -> None:
        self._show(final_html, summary, model)

    def show_bridge_error(self, text: str) -> None:
        self.bridge_error_text = text
        self.bridge_error.setText(translate(
            "SummaryPanel", "IPC Scope itself hit an error; the run was stopped:")
                                  + "\n" + text.strip().splitlines()[-1])
        self.bridge_error.setToolTip(text)
        self.bridge_error.show()

    def show_note(self, text: str) -> None:
        """About an opened trace: cut short, damaged."""
        self.bridge_error.setText(text)
        self.bridge_error.setToolTip("")
        self.bridge_error.show()

    def clear_error(self) -> None:
        self.bridge_error_text = ""
        self.bridge_error.hide()
