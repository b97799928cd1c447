"""SummaryPanel: how the run is going and how it ended — status, processes and how each
left, queue and pipe counts, the scenario's own result against its prediction, and the
traceback of any process that crashed.  Below it, the findings list (gui/findings_panel.py).
"""
from __future__ import annotations

import html
import os
import shlex

from ipcscope.core.events import Kind, ObjType
from ipcscope.gui import colors
from PySide6.QtWidgets import QGroupBox, QLabel, QTextBrowser, QVBoxLayout, QWidget


def _esc(value) -> str:
    return html.escape(str(value))


def _status_line(status: str, note: str = "") -> str:
    color = colors.STATUS_COLORS.get(status, colors.TEXT)
    return (f"<p style='font-size:150%; margin:0'><b style='color:{color}'>"
            f"{_esc(status)}</b> {_esc(note)}</p>")


def live_html(controller) -> str:
    model = controller.model
    parts = [_status_line("running", f"· {controller.elapsed_s():.1f} s")]
    parts.append(f"<p>{controller.processes_alive} processes alive · {len(model):,} events</p>")
    parts += _object_lines(model)
    return "".join(parts)


def replay_html(replay) -> str:
    model = replay.controller.model
    parts = [_status_line("replay", f"· {replay.position_s:.2f} of {replay.end_s:.2f} s")]
    parts.append(f"<p>{len(model):,} of {len(replay.rows):,} events so far; the run ended "
                 f"<b>{_esc(replay.summary['status'])}</b></p>")
    parts += _object_lines(model)
    return "".join(parts)


def _object_lines(model) -> list[str]:
    lines = []
    for q in model.queues():
        kind = "SimpleQueue" if q.type == ObjType.SIMPLE_QUEUE else "Queue"
        cap = f"{kind}({q.maxsize or ''})"
        lines.append(f"<p><b>{_esc(q.name)}</b> {cap}: {q.count(Kind.PUT_END)} put, "
                     f"{q.count(Kind.GET_END)} got, Full {q.count(Kind.PUT_FULL)}, "
                     f"Empty {q.count(Kind.GET_EMPTY)}</p>")
    for p in model.pipes():
        lines.append(f"<p><b>{_esc(p.name)}</b>: {p.count(Kind.SEND)} sent, "
                     f"{p.count(Kind.RECV_END)} received, {p.count(Kind.RECV_CORRUPT)} broken</p>")
    return lines


def _program_lines(summary: dict) -> list[str]:
    """What ran, and how it ended: a program predicts nothing."""
    command = " ".join([os.path.basename(str(summary["program"])),
                        *map(shlex.quote, map(str, summary.get("args") or []))])
    code = summary.get("exit_code")
    code_color = colors.BLUISH_GREEN if code == 0 else colors.VERMILLION
    ended = "none (it did not end by itself)" if code is None else code
    parts = [(f"<p><i>Program:</i> <code>{_esc(command)}</code><br>"
              f"<i>Exit code:</i> <b style='color:{code_color}'>{_esc(ended)}</b></p>")]
    if summary["problems"]:
        parts.append(f"<p style='color:{colors.VERMILLION}'>"
                     f"{_esc('; '.join(summary['problems']))}</p>")
    return parts


def final_html(summary: dict, model) -> str:
    ok = summary["as_predicted"]
    parts = [_status_line(summary["status"], f"in {summary['duration_s']:.1f} s")]
    if summary.get("program"):
        parts += _program_lines(summary)
    else:
        verdict = "as predicted" if ok else "NOT as predicted: " + "; ".join(summary["problems"])
        parts.append(f"<p><i>Predicted:</i> {_esc(summary['predicted'])}<br>"
                     f"<b style='color:{colors.BLUISH_GREEN if ok else colors.VERMILLION}'>"
                     f"{_esc(verdict)}</b></p>")
    if summary["result"]:
        rows = "".join(f"<tr><td>{_esc(k.replace('_', ' '))}</td><td align='right'><b>"
                       f"{_esc(v)}</b></td></tr>" for k, v in summary["result"].items())
        parts.append(f"<p><b>Result</b></p><table cellspacing='4'>{rows}</table>")
    parts += _object_lines(model)
    rows = []
    for proc, name in model.process_names().items():      # in lane order
        p = model.processes[proc]
        code = "?" if p.exitcode is None else p.exitcode
        rows.append(f"<tr><td>{_esc(name)}</td><td>{_esc(colors.exit_words(p.exit_reason))}"
                    f"</td><td align='right'>{code}</td></tr>")
    parts.append("<p><b>Processes</b> (how each left, exit code)</p>"
                 f"<table cellspacing='3'>{''.join(rows)}</table>")
    parts.append(f"<p>{summary['events']:,} events, {summary['dropped_events']} dropped, "
                 f"{summary['leftover_processes']} processes left behind</p>")
    for p in model.processes.values():
        if p.traceback:
            parts.append(f"<p style='color:{colors.VERMILLION}'><b>{_esc(model.process_name(p.proc))} "
                         f"crashed:</b></p><pre>{_esc(p.traceback)}</pre>")
    return "".join(parts)


class SummaryPanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.text = QTextBrowser()
        self.text.setObjectName("run-summary")
        self.text.setOpenLinks(False)
        self.text.setHtml("<p>Press <b>Run</b> (or Space) to start the scenario.</p>")
        box = QGroupBox("Run summary")
        inner = QVBoxLayout(box)
        inner.setContentsMargins(4, 4, 4, 4)
        inner.addWidget(self.text)
        # The findings list (gui/findings_panel.py) goes here: set_findings_panel().
        self.findings_box = QGroupBox("Findings")
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

    def set_findings_panel(self, panel) -> None:
        self.findings_layout.setContentsMargins(4, 4, 4, 4)
        self.findings_layout.addWidget(panel)
        self.findings_box.setTitle("Findings (0)")
        self.findings_box.show()
        layout = self.layout()
        layout.setStretchFactor(self.findings_box, 1)

    def set_findings_count(self, count: int) -> None:
        self.findings_box.setTitle(f"Findings ({count})")

    def show_live(self, controller) -> None:
        self.text.setHtml(live_html(controller))

    def show_replay(self, replay) -> None:
        self.text.setHtml(replay_html(replay))

    def show_final(self, summary: dict, model) -> None:
        self.text.setHtml(final_html(summary, model))

    def show_bridge_error(self, text: str) -> None:
        self.bridge_error.setText("IPC Scope itself hit an error; the run was stopped:\n"
                                  + text.strip().splitlines()[-1])
        self.bridge_error.setToolTip(text)
        self.bridge_error.show()

    def show_note(self, text: str) -> None:
        """About an opened trace: cut short, damaged."""
        self.bridge_error.setText(text)
        self.bridge_error.setToolTip("")
        self.bridge_error.show()

    def clear_error(self) -> None:
        self.bridge_error.hide()
