"""Colours and second cues for every activity and run status.

Okabe–Ito colours stay apart for the common kinds of colour blindness and on a washed-out
projector; each activity also has a hatch pattern and a word, so nothing is carried by
colour alone.
"""
from __future__ import annotations

from dataclasses import dataclass

from ipcscope.core.spans import Activity
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
IDLE_GREY = "#DADADA"
EXITED_GREY = "#555555"
TEXT = "#111111"
GRID = "#BBBBBB"


@dataclass(frozen=True)
class ActivityStyle:
    label: str          # what hovering says
    legend: str         # the legend's words (short: the legend must fit on a small screen)
    short: str          # written inside a wide enough span
    color: str
    pattern: Qt.BrushStyle  # drawn over the colour, as the second cue
    dark_hatch: bool = True  # hatch in black (else white) for contrast with the colour

    def qcolor(self) -> QColor:
        return QColor(self.color)


ACTIVITY_STYLES: dict[Activity, ActivityStyle] = {
    Activity.WORKING: ActivityStyle("working", "working", "working", BLUISH_GREEN, Qt.NoBrush),
    Activity.PUT_BLOCKED: ActivityStyle("put blocked (queue full)", "put blocked (full)", "put blocked",
                                        VERMILLION, Qt.BDiagPattern),
    Activity.GET_WAITING: ActivityStyle("get waiting (queue empty)", "get waits (empty)", "waiting on get",
                                        SKY_BLUE, Qt.Dense6Pattern),
    Activity.LOCK_WAITING: ActivityStyle("waiting for a lock", "lock wait", "lock wait", ORANGE,
                                         Qt.DiagCrossPattern),
    Activity.LOCK_HOLDING: ActivityStyle("holding a lock", "lock held", "holds lock", REDDISH_PURPLE,
                                         Qt.HorPattern),
    Activity.RECV_BLOCKED: ActivityStyle("blocked in recv()", "recv() blocked", "recv blocked", BLUE,
                                         Qt.VerPattern, dark_hatch=False),
    Activity.JOIN_WAITING: ActivityStyle("waiting in join()", "join() wait", "join wait", YELLOW,
                                         Qt.FDiagPattern),
    Activity.GATE_WAITING: ActivityStyle("held at the start gate", "start gate", "start gate", YELLOW,
                                         Qt.CrossPattern),
    # light: it is usually the short wind-down of a process, and the story only when long
    Activity.FINISHING: ActivityStyle("returned, not gone yet", "not gone yet", "not gone yet", "#C4C4C4",
                                      Qt.Dense4Pattern, dark_hatch=False),
}
IDLE_LABEL = "idle"
EXITED_LABEL = "exit, why"

STATUS_COLORS = {
    "running": BLUISH_GREEN, "completed": BLUISH_GREEN, "stalled": ORANGE,
    "crashed": VERMILLION, "timeout": VERMILLION, "stopped": EXITED_GREY,
}

# The queue-depth plot and the third plot: distinct lines for up to eight series.
SERIES_COLORS = [BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, ORANGE, SKY_BLUE, BLACK,
                 YELLOW]

# What a process's own last word means, in the words a learner would use.
EXIT_WORDS = {
    "sentinel": "got None → left",
    "timeout": "get() timed out → left",
    "eof": "EOFError → left",
    "empty": "queue.Empty → left",
    "returned": "done",
    "terminated": "terminated (SIGTERM)",
    "stopped": "stopped by IPC Scope",
    "vanished": "vanished",
}


def exit_words(reason: str) -> str:
    if reason.startswith("exception"):
        return "crashed: " + reason.partition(":")[2].strip()
    return EXIT_WORDS.get(reason, reason or "exited")
