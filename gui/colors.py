"""Colours and second cues for every activity and run status.

Okabe–Ito colours stay apart for the common kinds of colour blindness and on a washed-out
projector; each activity also has a hatch pattern and a word, so nothing is carried by
colour alone.
"""
from __future__ import annotations

from dataclasses import dataclass

from ipcscope.core.spans import Activity
from ipcscope.gui.i18n import translate
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
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
PLOT_BACKGROUND = "#FFFFFF"
LABEL_BACK = "#E6FFFFFF"             # behind words written over a lane (#AARRGGBB)
LIGHT = {"TEXT": "#111111", "GRID": "#BBBBBB", "PLOT_BACKGROUND": "#FFFFFF",
         "LABEL_BACK": "#E6FFFFFF", "IDLE_GREY": "#DADADA", "EXITED_GREY": "#555555"}
# Dark: light text on black.  The Okabe–Ito state colours stay as they are: they keep
# apart for colour-blind viewers on black as on white, and each has its hatching too.
DARK = {"TEXT": "#F2F2F2", "GRID": "#5A5A5A", "PLOT_BACKGROUND": "#000000",
        "LABEL_BACK": "#E6000000", "IDLE_GREY": "#4A4A4A", "EXITED_GREY": "#B0B0B0"}
dark = False


def set_dark(on: bool) -> None:
    """The text, grid and plot colours of the light or dark scheme (gui/theme.py), read
    by whatever paints next."""
    global dark
    dark = on
    globals().update(DARK if on else LIGHT)
    STATUS_COLORS["stopped"] = EXITED_GREY      # the one status in a scheme's colour


def words(text: str) -> str:
    """One of the words below (a state, an exit), in the window's language."""
    return translate("colors", text)


@dataclass(frozen=True)
class ActivityStyle:
    # English sources: shown through words(), in the window's language
    label: str          # what hovering says
    legend: str         # the legend's words (short: the legend must fit on a small screen)
    short: str          # written inside a wide enough span
    color: str
    pattern: Qt.BrushStyle  # drawn over the colour, as the second cue
    dark_hatch: bool = True  # hatch in black (else white) for contrast with the colour

    def qcolor(self) -> QColor:
        return QColor(self.color)


ACTIVITY_STYLES: dict[Activity, ActivityStyle] = {
    Activity.WORKING: ActivityStyle(
        QT_TRANSLATE_NOOP("colors", "working"), QT_TRANSLATE_NOOP("colors", "working"),
        QT_TRANSLATE_NOOP("colors", "working"),
        BLUISH_GREEN, Qt.NoBrush),
    Activity.PUT_BLOCKED: ActivityStyle(
        QT_TRANSLATE_NOOP("colors", "put blocked (queue full)"),
        QT_TRANSLATE_NOOP("colors", "put blocked (full)"),
        QT_TRANSLATE_NOOP("colors", "put blocked"), VERMILLION, Qt.BDiagPattern),
    Activity.GET_WAITING: ActivityStyle(
        QT_TRANSLATE_NOOP("colors", "get waiting (queue empty)"),
        QT_TRANSLATE_NOOP("colors", "get waits (empty)"),
        QT_TRANSLATE_NOOP("colors", "waiting on get"), SKY_BLUE, Qt.Dense6Pattern),
    Activity.LOCK_WAITING: ActivityStyle(
        QT_TRANSLATE_NOOP("colors", "waiting for a lock"),
        QT_TRANSLATE_NOOP("colors", "lock wait"), QT_TRANSLATE_NOOP("colors", "lock wait"),
        ORANGE, Qt.DiagCrossPattern),
    Activity.LOCK_HOLDING: ActivityStyle(
        QT_TRANSLATE_NOOP("colors", "holding a lock"), QT_TRANSLATE_NOOP("colors", "lock held"),
        QT_TRANSLATE_NOOP("colors", "holds lock"),
        REDDISH_PURPLE, Qt.HorPattern),
    Activity.RECV_BLOCKED: ActivityStyle(
        QT_TRANSLATE_NOOP("colors", "blocked in recv()"),
        QT_TRANSLATE_NOOP("colors", "recv() blocked"),
        QT_TRANSLATE_NOOP("colors", "recv blocked"), BLUE, Qt.VerPattern, dark_hatch=False),
    Activity.JOIN_WAITING: ActivityStyle(
        QT_TRANSLATE_NOOP("colors", "waiting in join()"),
        QT_TRANSLATE_NOOP("colors", "join() wait"), QT_TRANSLATE_NOOP("colors", "join wait"),
        YELLOW, Qt.FDiagPattern),
    Activity.GATE_WAITING: ActivityStyle(
        QT_TRANSLATE_NOOP("colors", "held at the start gate"),
        QT_TRANSLATE_NOOP("colors", "start gate"),
        QT_TRANSLATE_NOOP("colors", "start gate"), YELLOW, Qt.CrossPattern),
    # light: it is usually the short wind-down of a process, and the story only when long
    Activity.FINISHING: ActivityStyle(
        QT_TRANSLATE_NOOP("colors", "returned, not gone yet"),
        QT_TRANSLATE_NOOP("colors", "not gone yet"),
        QT_TRANSLATE_NOOP("colors", "not gone yet"), "#C4C4C4", Qt.Dense4Pattern, dark_hatch=False),
}
IDLE_LABEL = QT_TRANSLATE_NOOP("colors", "idle")
EXITED_LABEL = QT_TRANSLATE_NOOP("colors", "exit, why")

STATUS_COLORS = {
    "running": BLUISH_GREEN, "completed": BLUISH_GREEN, "stalled": ORANGE,
    "crashed": VERMILLION, "timeout": VERMILLION, "stopped": EXITED_GREY,
}

# The queue-depth plot and the third plot: distinct lines for up to eight series.
SERIES_COLORS = [BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, ORANGE, SKY_BLUE, BLACK,
                 YELLOW]

# What a process's own last word means, in the words a learner would use.
EXIT_WORDS = {
    "sentinel": QT_TRANSLATE_NOOP("colors", "got None → left"),
    "timeout": QT_TRANSLATE_NOOP("colors", "get() timed out → left"),
    "eof": QT_TRANSLATE_NOOP("colors", "EOFError → left"),
    "empty": QT_TRANSLATE_NOOP("colors", "queue.Empty → left"),
    "returned": QT_TRANSLATE_NOOP("colors", "done"),
    "terminated": QT_TRANSLATE_NOOP("colors", "terminated (SIGTERM)"),
    "stopped": QT_TRANSLATE_NOOP("colors", "stopped by IPC Scope"),
    "vanished": QT_TRANSLATE_NOOP("colors", "vanished"),
}


def exit_words(reason: str) -> str:
    if reason.startswith("exception"):
        return translate("colors", "crashed: ") + reason.partition(":")[2].strip()
    if reason in EXIT_WORDS:
        return words(EXIT_WORDS[reason])
    return reason or translate("colors", "exited")
