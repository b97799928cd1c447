"""中文 everywhere, the Qt way (gui/i18n.py): every word the window shows goes through
Qt's translator, switched live from View ▸ Language.

A window runs a scenario, then switches to 中文 and every text it shows is walked —
widgets, actions, tooltips, menus, plot titles, axis labels and keys, the legend,
lane labels and hover texts, the event log, the summary, the findings, the replay bar,
the export menu (open) — for English words left: only code, identifiers and proper
names (the allow-list below, and the run's own names) may stay.  Back in English, no
Chinese is left outside the bilingual titles, the run's names and the program's output.
The .ts source is checked current against the code (lupdate finds nothing new) and the
.qm against the .ts."""
from __future__ import annotations

import filecmp
import glob
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from ipcscope.core import scenarios
from ipcscope.core.events import Kind
from ipcscope.core.scenarios.queue_sentinel import CONSUMERS, PRODUCERS
from ipcscope.gui import colors, i18n
from ipcscope.gui.core_texts import core_text, has_translation
from ipcscope.gui.plots.plot_base import TimePlot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTabBar,
    QTableView,
    QTextEdit,
    QWidget,
)

from tests.gui.conftest import run_to_end

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TS = os.path.join(ROOT, "resources", "i18n", "ipcscope_zh_CN.ts")
BIN = os.path.dirname(sys.executable)

# Code and identifiers (Python's and multiprocessing's names, units, keys) and proper
# names that stay as they are in 中文.
ALLOWED = {
    "put", "get", "send", "recv", "join", "task_done", "put_nowait", "get_nowait", "None",
    "Queue", "JoinableQueue", "SimpleQueue", "Pipe", "Lock", "RLock", "Manager", "Process",
    "Full", "Empty", "EOF", "EOFError", "queue", "timeout", "print", "dic", "count", "q",
    "main", "spawn", "fork", "forkserver", "pid", "SIGTERM", "SIGKILL", "Worker", "hello",
    "s", "ms", "IPC", "Scope", "Python", "Perfetto", "Chrome", "JSON", "PNG", "SVG", "CSV",
    "Ctrl", "Shift", "Space", "Esc", "Left", "Right", "Up", "Down", "English", "py",
    "GIF", "MP4", "WebM",
    "python", "script", "stderr", "target", "exitcode", "sentinels", "daemon", "maxsize",
}
HAN = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z_][\w.\-]*\w|[A-Za-z]", re.ASCII)
EXCEPTION = re.compile(r"[\w.]*(?:Error|Exception)\b(?::[^。\n]*)?", re.ASCII)
CODE = re.compile(r"\b\w+(?=[\[(])|\[[^\]]*\]", re.ASCII)       # d['count'], get(timeout)


@pytest.fixture
def english_after():
    """The language is the app's: leave it as the other tests expect it."""
    yield
    i18n.set_language("en")


# --- what a window shows -----------------------------------------------------------

def _plain(text: str) -> str:
    for spec in scenarios.all_scenarios():          # the bilingual titles
        text = (text or "").replace(spec.title, " ").replace(spec.title_zh, " ")
    text = re.sub(r"<[^>]+>", " ", text or "")
    text = text.replace("&nbsp;", " ").replace("&amp;", "&")
    text = re.sub(r"`[^`]*`", " ", text)          # code in backticks is code
    text = EXCEPTION.sub(" ", text)                # the program's own exception, said
    return CODE.sub(" ", text)


def shown_texts(window) -> list[tuple[str, str]]:
    """(where, text) for every word the window shows, skipping what is code (the
    source, a finding's fix) or the program's own output (prints, stderr)."""
    # (the status bar's passing messages stay in the language they were said in)
    texts: list[tuple[str, str]] = [("title", window.windowTitle()),
                                    ("status", window.session.status_text())]
    skip = set(window.source.findChildren(QWidget)) | {window.source}
    skip.add(window.findings_panel.fix)
    # the scenario list's titles are bilingual by design (its section rows: below)
    skip |= {window.scenario_panel.list, *window.scenario_panel.list.findChildren(QWidget)}
    for widget in window.findChildren(QWidget):
        if widget in skip:
            continue
        name = type(widget).__name__ + ":" + widget.objectName()
        texts.append((name + " tip", widget.toolTip()))
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append((name, widget.text()))
        if isinstance(widget, QGroupBox):
            texts.append((name, widget.title()))
        if isinstance(widget, QComboBox):
            texts += [(name, widget.itemText(i)) for i in range(widget.count())]
        if isinstance(widget, QTabBar):
            texts += [(name, widget.tabText(i)) for i in range(widget.count())]
        if isinstance(widget, QLineEdit):
            texts.append((name, widget.placeholderText()))
        if isinstance(widget, QTextEdit):         # a crashed process's traceback is its own
            texts.append((name, re.sub(r"(?s)<head>.*?</head>|<pre.*?</pre>", " ",
                                       widget.toHtml())))
        if isinstance(widget, QMenu):
            texts.append((name, widget.title()))
        if isinstance(widget, QListWidget):
            texts += [(name, widget.item(i).text()) for i in range(widget.count())]
            texts += [(name, widget.item(i).toolTip()) for i in range(widget.count())]
        if type(widget).__name__ == "TextStrip" and widget is not window.status_label:
            texts.append((name, widget.text()))
        if isinstance(widget, TimePlot):
            item = widget.getPlotItem()
            texts += [(name + " axis", item.getAxis(side).labelText)
                      for side in ("left", "bottom") if item.getAxis(side).label.isVisible()]
            texts.append((name + " header", widget.header.text()))
    for action in window.findChildren(QAction):
        if type(action.parent()).__module__.startswith("pyqtgraph"):
            continue                 # pyqtgraph's own menus: switched off here
        texts += [("action", action.text()), ("action tip", action.toolTip())]
    texts += _list_rows(window) + _log_texts(window) + _plot_words(window)
    return [(where, text) for where, text in texts if text]


def _list_rows(window) -> list[tuple[str, str]]:
    """The scenario list: its section rows (the titles are bilingual by design)."""
    panel = window.scenario_panel
    return [("list row", panel.programs_header.text()), ("list row", panel.programs_hint.text())]


def _log_texts(window) -> list[tuple[str, str]]:
    table: QTableView = window.event_log.table
    model = table.model()
    texts = [("log header", model.headerData(c, 1)) for c in range(model.columnCount())]
    for r in range(model.rowCount()):
        row = model.row(r)
        if int(row["kind"]) in (Kind.PRINT, Kind.STDERR, Kind.EXCEPTION):
            continue                       # the program's own words
        texts += [("log", model.index(r, c).data()) for c in (2, 4)]
    return texts


def _plot_words(window) -> list[tuple[str, str]]:
    """What is painted, not held by a widget: the legend, the words in the spans, and
    what pointing at each lane says."""
    view = window.run_view
    texts = [("legend", colors.words(source)) for _what, _state, source in view.legend.entries]
    texts += [("span label", text) for text in view.lanes.item._short.values()]
    lanes = view.lanes
    model = lanes.model
    if model is not None and model.t0 is not None and len(model):
        end = int(model.rows()["t"].max())
        for proc in lanes.item.order:
            for share in (0.2, 0.5, 0.8, 1.0):
                t = model.t0 + int((end - model.t0) * share)
                texts.append(("lane hover", lanes.describe(proc, t, 1_000_000)[0]))
    return texts


def run_names(window) -> set[str]:
    """The run's own names: processes, objects, scenarios, findings, parameters."""
    names = set()
    model = window.controller.model
    if model is not None:
        names |= set(model.process_names().values())
        names |= {p.role for p in model.processes.values()}     # its function's name
        names |= {o.name for o in model.objects.values()}
        names |= {model.text(r) for r in model.of_kind(Kind.DICT_READ, Kind.DICT_WRITE)}
    for spec in scenarios.all_scenarios():
        names.add(spec.id)
        for param in spec.params:
            names.add(param.key)
            names |= {str(c) for c in param.choices}
    names |= {f["kind"] for f in window.findings_panel.findings}
    names |= {kind.name.lower() for kind in Kind}          # the event log's kinds
    names |= set(CONSUMERS) | {name for name, _food in PRODUCERS}   # the article's names
    for spec in scenarios.all_scenarios():      # the words core's own Chinese texts keep
        names |= set(WORD.findall(spec.explanation_zh + spec.title_zh))
    return {word for name in names for word in WORD.findall(str(name))} | names


def english_left(window) -> list[str]:
    allowed = ALLOWED | run_names(window)
    left = []
    for where, text in shown_texts(window):
        for word in WORD.findall(_plain(text)):
            if word in allowed or "_" in word or "." in word.strip(".") or \
                    re.fullmatch(r"[A-Z]|F\d+", word):
                continue                   # a name, code (task_done, queue.Full), a key
            left.append(f"{where}: {word!r} in {text[:90]!r}")
    return left


def chinese_left(window) -> list[str]:
    allowed = {spec.title_zh for spec in scenarios.all_scenarios()} | {"中文", "中文说明"}
    names = run_names(window)
    left = []
    for where, text in shown_texts(window):
        plain = _plain(text)
        for name in sorted(allowed | names, key=len, reverse=True):
            plain = plain.replace(name, " ")
        if HAN.search(plain):
            left.append(f"{where}: {text[:90]!r}")
    return left


# --- the window, in both languages ------------------------------------------------

def _switch(window, language: str) -> None:
    window.language_menu.actions[language].trigger()
    assert i18n.current() == language


def _show_finding_and_replay(qtbot, window, tmp_path) -> None:
    """A finding selected (its banner shown), then the run opened again: the replay bar."""
    if window.findings_panel.findings:
        window.findings_panel.select(0)
        window.run_view.banner.announce(window.findings_panel.findings[:1])
    path = str(tmp_path / "run.ipcscope")
    assert window.files.save_to(path)
    with qtbot.waitSignal(window.run_ended, timeout=30_000):
        assert window.files.open_path(path)
    assert window.replay_bar.isVisible()


# the export menu open: offscreen Qt says it cannot raise it or grab the keyboard
@pytest.mark.qt_log_ignore("This plugin does not support")
@pytest.mark.parametrize("scenario_id", scenarios.SCENARIO_IDS)
def test_every_word_follows_the_language_live(qtbot, window, tmp_path, english_after,
                                             scenario_id):
    run_to_end(qtbot, window, scenario_id)
    _show_finding_and_replay(qtbot, window, tmp_path)
    menu = window.files.export_menu
    menu.popup(window.files.export_button.mapToGlobal(window.files.export_button.rect().center()))
    qtbot.waitUntil(menu.isVisible)

    _switch(window, "zh")
    window.draw_now()
    left = english_left(window)
    assert not left, "\n".join(left)
    assert "运行" in window.toolbar.run_action.text()
    assert "每个进程在做什么" in window.run_view.lanes.plot.header.text()

    _switch(window, "en")
    window.draw_now()
    left = chinese_left(window)
    assert not left, "\n".join(left)
    menu.close()


def test_the_language_is_remembered_and_given_on_the_command_line(qtbot, settings,
                                                                  english_after):
    from ipcscope.gui.main_window import MainWindow
    first = MainWindow(settings=settings)
    qtbot.addWidget(first)
    _switch(first, "zh")
    assert first.windowTitle().startswith("IPC Scope — 看")
    first.close()
    again = MainWindow(settings=settings)          # remembered
    qtbot.addWidget(again)
    assert i18n.current() == "zh" and again.toolbar.stop_action.text() == "停止"
    asked = MainWindow(settings=settings, language="en")     # --lang en wins
    qtbot.addWidget(asked)
    assert i18n.current() == "en" and asked.toolbar.stop_action.text() == "Stop"


def test_qts_own_dialog_buttons_follow(english_after):
    from PySide6.QtCore import QCoreApplication
    i18n.set_language("zh")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    i18n.set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_the_system_locale_picks_the_language():
    from PySide6.QtCore import QLocale
    assert i18n.system_language(QLocale("zh_CN")) == "zh"
    assert i18n.system_language(QLocale("zh_TW")) == "zh"
    assert i18n.system_language(QLocale("de_DE")) == "en"


def test_every_text_core_makes_for_the_window_has_its_translation(english_after):
    i18n.set_language("zh")
    missing = []
    for spec in scenarios.all_scenarios():
        texts = [spec.watch] + [p.help for p in spec.params]
        texts += [p.key.replace("_", " ") for p in spec.params]
        texts.append(spec.predict(spec.defaults()).text)
        missing += [text for text in texts if not has_translation(text)]
    assert missing == []
    assert core_text("completed at exactly 30") == "已完成，正好是 30"


def test_a_machine_without_a_chinese_font_stays_in_english(qtbot, tmp_path):
    """Fontconfig shown one Latin font only: the window says so once, in English."""
    latin = sorted(glob.glob("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    if not latin or not shutil.which("fc-list"):
        pytest.skip("needs fontconfig and DejaVu Sans")
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(latin[0], fonts)
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"<?xml version='1.0'?><fontconfig><dir>{fonts}</dir>"
                    f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    shot = tmp_path / "shot.png"
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen",
           "IPCSCOPE_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([os.path.join(BIN, "ipcscope"), "--lang", "zh", "--screenshot",
                           str(shot), "--scenario", "queue-flood", "--set", "items=20",
                           "--speed", "10"], env=env, capture_output=True, text=True,
                          timeout=100)
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "data" / "ipcscope.log", encoding="utf-8") as log:
        assert log.read().count(i18n.NO_CJK_FONT) == 1


# --- the translation files are current ----------------------------------------------

def _messages(path: str) -> tuple[set, list]:
    root = ET.parse(path).getroot()
    messages, unfinished = set(), []
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            messages.add((name, source))
            translation = message.find("translation")
            if translation.get("type") in ("unfinished", "vanished", "obsolete") or \
                    not (translation.text or "").strip():
                unfinished.append((name, source))
    return messages, unfinished


def test_the_ts_file_is_current_and_finished(tmp_path):
    """lupdate over gui/ finds no new message and no gone one; each is translated.
    (To update: pyside6-lupdate $(find gui -name '*.py') -ts resources/i18n/
    ipcscope_zh_CN.ts -locations none -no-obsolete, translate, then lrelease.)"""
    fresh = str(tmp_path / "fresh.ts")
    shutil.copy(TS, fresh)
    sources = sorted(glob.glob(os.path.join(ROOT, "gui", "**", "*.py"), recursive=True))
    subprocess.run([os.path.join(BIN, "pyside6-lupdate"), *sources, "-ts", fresh,
                    "-locations", "none", "-no-obsolete"], check=True, capture_output=True)
    committed, unfinished = _messages(TS)
    updated, _ = _messages(fresh)
    assert updated - committed == set(), "new texts: run lupdate and translate them"
    assert committed - updated == set(), "gone texts: run lupdate -no-obsolete"
    assert unfinished == []


def test_the_qm_file_is_the_ts_compiled(tmp_path):
    made = str(tmp_path / "made.qm")
    subprocess.run([os.path.join(BIN, "pyside6-lrelease"), TS, "-qm", made], check=True,
                   capture_output=True)
    assert filecmp.cmp(made, i18n.qm_path(), shallow=False), "run pyside6-lrelease"


def test_lang_on_the_command_line_is_checked_in_one_sentence():
    from ipcscope.core.cli_args import UsageError
    from ipcscope.gui import window_args
    assert window_args.parse(["--lang", "zh", "--screenshot", "/tmp/x.png"]).language == "zh"
    assert window_args.parse([]).language is None
    with pytest.raises(UsageError, match=r"^--lang must be zh or en, not 'fr'\.$"):
        window_args.parse(["--lang", "fr"])
