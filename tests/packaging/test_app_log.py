"""gui/app_log.py: a double-clicked app has no terminal, so it writes a log file in the
user's data folder, and an error that escapes shows in the window.  (No bundle needed.)"""
from __future__ import annotations

import os
import subprocess
import sys

from ipcscope.gui import app_files

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def python(code: str, tmp_path, **env_changes) -> subprocess.CompletedProcess:
    env = {**os.environ, "IPCSCOPE_DATA_DIR": str(tmp_path / "data"),
           "QT_QPA_PLATFORM": "offscreen", **env_changes}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=90)


def log_text(tmp_path) -> str:
    return (tmp_path / "data" / "ipcscope.log").read_text(encoding="utf-8")


def test_data_folder_is_qts_app_data_location():
    home = os.path.expanduser("~")
    assert app_files.data_dir({}, "linux") == \
        os.path.join(home, ".local", "share", "ipcscope", "ipcscope")
    assert app_files.data_dir({"XDG_DATA_HOME": "/x"}, "linux") == "/x/ipcscope/ipcscope"
    assert app_files.data_dir({"APPDATA": "C:/Users/a/AppData/Roaming"}, "win32") == \
        os.path.join("C:/Users/a/AppData/Roaming", "ipcscope", "ipcscope")
    assert app_files.data_dir({}, "darwin") == \
        os.path.join(home, "Library", "Application Support", "ipcscope", "ipcscope")
    assert app_files.data_dir({"IPCSCOPE_DATA_DIR": "/d"}, "linux") == "/d"


def test_data_folder_matches_qt(tmp_path):
    code = ("from PySide6.QtCore import QCoreApplication, QStandardPaths\n"
            "from ipcscope.gui.window_settings import ORGANIZATION, APPLICATION\n"
            "app = QCoreApplication([]); app.setOrganizationName(ORGANIZATION)\n"
            "app.setApplicationName(APPLICATION)\n"
            "print(QStandardPaths.writableLocation(QStandardPaths.AppDataLocation))\n")
    env = {k: v for k, v in os.environ.items() if k != "IPCSCOPE_DATA_DIR"}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "share"),
               QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == app_files.data_dir(env)


def test_icons_are_found_from_gui():
    files = app_files.icon_files()
    assert [os.path.basename(f) for f in files] == \
        [f"ipcscope-{s}.png" for s in app_files.ICON_SIZES]


def test_without_stdout_the_command_line_writes_to_the_log(tmp_path):
    """A windowed build on Windows starts with sys.stdout and sys.stderr None."""
    code = ("import sys; sys.stdout = None; sys.stderr = None\n"
            "from ipcscope.gui.app import main; sys.exit(main(['list']))")
    done = python(code, tmp_path)
    assert done.returncode == 0
    assert done.stdout == "" and done.stderr == ""
    assert "queue-sentinel" in log_text(tmp_path)


def test_command_line_with_a_terminal_writes_no_log(tmp_path):
    done = python("import sys; from ipcscope.gui.app import main; sys.exit(main(['list']))", tmp_path)
    assert done.returncode == 0 and "queue-sentinel" in done.stdout
    assert not (tmp_path / "data").exists()


def test_window_session_logs_its_start_qt_messages_and_crashes(tmp_path):
    code = ("from gui import app_log\n"
            "app_log.start(); app_log.window_session(show_errors=False)\n"
            "from PySide6.QtCore import qWarning\n"
            "qWarning('a warning from Qt')\n"
            "raise RuntimeError('boom at start')\n")
    done = python(code, tmp_path)
    assert done.returncode == 1
    assert "RuntimeError: boom at start" in done.stderr      # a terminal still sees it
    assert "a warning from Qt" in done.stderr
    log = log_text(tmp_path)
    assert "opens the window" in log
    assert "Qt warning: a warning from Qt" in log
    assert "Uncaught exception" in log and "RuntimeError: boom at start" in log


def test_an_error_in_the_event_loop_is_shown_in_the_window(tmp_path):
    code = ("from gui import app_log\n"
            "app_log.start(); app_log.window_session(show_errors=True)\n"
            "from PySide6.QtCore import QTimer\n"
            "from PySide6.QtWidgets import QApplication, QMessageBox\n"
            "app = QApplication([])\n"
            "def boom(): raise ValueError('broken slot')\n"
            "def look():\n"
            "    for w in QApplication.topLevelWidgets():\n"
            "        if isinstance(w, QMessageBox) and w.isVisible():\n"
            "            print('BOX', w.text().replace(chr(10), ' '), '|', w.informativeText())\n"
            "            w.done(0)\n"
            "    QTimer.singleShot(0, app.quit)\n"
            "QTimer.singleShot(0, boom)\n"
            "QTimer.singleShot(1000, look)\n"
            "app.exec()\n")
    done = python(code, tmp_path)
    assert done.returncode == 0, done.stderr
    assert "BOX Something went wrong inside IPC Scope: ValueError: broken slot" in done.stdout
    assert str(tmp_path / "data" / "ipcscope.log") in done.stdout
    assert "ValueError: broken slot" in log_text(tmp_path)


def test_an_unwritable_data_folder_does_not_stop_the_app(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    code = ("import sys; sys.stdout = None\n"
            "from gui import app_log; app_log.start()\n"
            "print('to the log')\n"
            "sys.stderr.write(str(app_log.log_path()))\n")
    done = python(code, tmp_path, IPCSCOPE_DATA_DIR=str(blocker / "data"))
    assert done.returncode == 0, done.stderr
    assert done.stderr.endswith("ipcscope.log") and "ipcscope-" in done.stderr   # temp dir
