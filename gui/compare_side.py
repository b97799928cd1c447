"""One side of the compare window (gui/compare_window.py): a run's label ("A:
lock=False"), its plots and, on the right, its summary with its findings; and the
saved runs it can show instead of a live one."""
from __future__ import annotations

import os

from ipcscope.core.scenarios.base import ParamError
from ipcscope.core.trace import TraceError, load_run
from ipcscope.gui.compare_choice import shown
from ipcscope.gui.file_actions import run_of
from ipcscope.gui.i18n import translate
from ipcscope.gui.run_session import RunSession
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

SUMMARY_WIDTH = 300
MIN_HEIGHT = 200


class CannotOpen(Exception):
    """A saved run that cannot be shown; str() is one sentence."""


def saved_run(path: str) -> tuple:
    """(loaded, scenario, path) of a saved run, or CannotOpen."""
    try:
        loaded = load_run(path)
        scenario = run_of(loaded)
    except (TraceError, ParamError) as problem:
        raise CannotOpen(str(problem)) from None
    if loaded.model.t0 is None:
        raise CannotOpen(translate("CompareWindow", "{path} holds no events, so there is "
                                   "nothing to show.").format(path=path))
    return loaded, scenario, path


def trace_labels(opened: list) -> tuple[str, str]:
    """Each file's name, its scenario, and the parameters the two runs differ in."""
    params = [dict(loaded.meta.get("params") or {}) for loaded, _s, _p in opened]
    differ = [k for k in params[0] if params[0].get(k) != params[1].get(k)]
    labels = []
    for (_loaded, scenario, path), mine in zip(opened, params):
        said = ", ".join(f"{k}={shown(mine.get(k))}" for k in differ)
        what = scenario.id if not said else f"{scenario.id}, {said}"
        labels.append(f"{os.path.basename(path)} ({what})")
    return tuple(labels)


class CompareSide(QWidget):
    """One run: "A: lock=False" over its plots, its summary and findings on the right."""

    def __init__(self, session: RunSession, parent=None):
        super().__init__(parent)
        self.session = session
        self.label = QLabel()
        self.label.setTextFormat(Qt.PlainText)
        font = self.label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.label.setFont(font)
        self.split = QSplitter(Qt.Horizontal)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(session.run_view)
        self.split.addWidget(session.summary)
        self.split.setStretchFactor(0, 1)
        session.summary.setMinimumWidth(220)
        # two runs share the height: a new finding shows in the findings list and as a
        # marker on its lanes, not in the banner over the plots (which would push A's
        # lanes below B's); no line under the lanes for the words of a lane pointed at
        # (the main window has it)
        view = session.run_view
        session.findings.found.connect(view.banner.hide)
        view.lanes.info.hide()
        # the least height the splitter keeps: a side's plots ask for more than half of
        # an 800-pixel screen, which left no room for the strip's second line
        self.setMinimumHeight(MIN_HEIGHT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.split, 1)

    def lay_out_default(self) -> None:
        width, height = max(self.width(), 800), max(self.height(), 300)
        self.split.setSizes([width - SUMMARY_WIDTH, SUMMARY_WIDTH])
        self.session.run_view.lay_out_default(int(height * 1.5))
