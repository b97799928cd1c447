"""The app's log: a file in the user's data folder (gui/app_files.py), for an app that
was double-clicked and so has no terminal to print on.

    start()            every start, first thing: where stdout / stderr are missing (a
                       windowed build on Windows has none), they write to the log; an
                       uncaught exception goes to the log as well as to stderr.
    window_session()   the window is about to open: the start, Qt's own messages and hard
                       crashes (faulthandler) go to the log too, and an uncaught
                       exception is shown in the window, with where the log is.

No Qt is imported before window_session(), and nothing here raises: a log that cannot
be written is no reason for the app not to start.
"""
from __future__ import annotations

import faulthandler
import os
import platform
import sys
import tempfile
import threading
import time
import traceback

from ipcscope.gui import app_files

LOG_NAME = "ipcscope.log"
MAX_BYTES = 1_000_000        # at start, a longer log is kept as ipcscope.log.1
SUMMARY_CHARS = 300

_lock = threading.Lock()
_file = None                 # the open log, line-buffered; opened on first use
_path: str | None = None
_show_errors = False
_notice = None               # QObject in the GUI thread that shows an error there
_qt_handler = None           # Qt keeps only a pointer to the message handler
_box_open = False


def log_path() -> str | None:
    """The log file once something was written to it, else None."""
    return _path


def write(text: str) -> None:
    """One entry: time, pid, then the text (later lines indented)."""
    f = _open()
    if f is None:
        return
    first, *rest = text.rstrip("\n").split("\n")
    entry = f"{time.strftime('%Y-%m-%d %H:%M:%S')} [{os.getpid()}] {first}\n" + \
        "".join(f"    {line}\n" for line in rest)
    with _lock:
        try:
            f.write(entry)
        except (OSError, ValueError):
            pass


def start() -> None:
    try:
        if sys.stdout is None or sys.stderr is None:
            f = _open()
            if f is not None:
                sys.stdout = f if sys.stdout is None else sys.stdout
                sys.stderr = f if sys.stderr is None else sys.stderr
        sys.excepthook = _excepthook
        threading.excepthook = _thread_excepthook
    except Exception:  # noqa: BLE001 - the log is a help, never a reason to fail
        pass


def window_session(show_errors: bool = True) -> None:
    """show_errors=False for runs nobody watches (--screenshot): log only."""
    global _show_errors
    _show_errors = show_errors
    try:
        from ipcscope.core import __version__
        f = _open()
        write(f"IPC Scope {__version__} opens the window: argv {sys.argv[1:]}, "
              f"Python {platform.python_version()}, {sys.platform}, "
              f"{'bundle ' + sys.executable if app_files.frozen() else 'source'}")
        if f is not None:
            faulthandler.enable(file=f, all_threads=True)   # a crash inside Qt
        _install_qt_hooks()
    except Exception:  # noqa: BLE001
        pass


# --- the file -------------------------------------------------------------------------

def _open():
    global _file, _path
    if _file is not None:
        return _file
    fallback = os.path.join(tempfile.gettempdir(), f"ipcscope-{_user()}")
    for folder in (app_files.data_dir(), fallback):
        path = os.path.join(folder, LOG_NAME)
        try:
            os.makedirs(folder, exist_ok=True)
            if os.path.isfile(path) and os.path.getsize(path) > MAX_BYTES:
                os.replace(path, path + ".1")
            _file = open(path, "a", encoding="utf-8", errors="replace", buffering=1)
        except OSError:
            continue
        _path = path
        return _file
    return None


def _user() -> str:
    try:
        return str(os.getuid())
    except AttributeError:
        return os.environ.get("USERNAME", "user")


# --- uncaught exceptions --------------------------------------------------------------

def _excepthook(kind, value, tb) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    _report(kind, value, tb, "Uncaught exception")


def _thread_excepthook(args) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "a thread"
    _report(args.exc_type, args.exc_value, args.exc_traceback,
            f"Uncaught exception in {name}")


def _report(kind, value, tb, heading: str) -> None:
    try:
        text = "".join(traceback.format_exception(kind, value, tb))
        write(f"{heading}:\n{text}")
        if sys.stderr is not None and sys.stderr is not _file:
            sys.stderr.write(text)
            sys.stderr.flush()
        summary = "".join(traceback.format_exception_only(kind, value)).strip()
        _show(summary[:SUMMARY_CHARS], text)
    except Exception:  # noqa: BLE001
        sys.__excepthook__(kind, value, tb)


# --- Qt: its messages to the log, errors in the window ---------------------------------

_QT_KINDS = {0: "debug", 1: "warning", 2: "critical", 3: "fatal", 4: "info"}


def _install_qt_hooks() -> None:
    global _qt_handler, _notice
    from PySide6.QtCore import QObject, Qt, Signal, Slot, qFormatLogMessage, qInstallMessageHandler

    def handler(kind, context, message):
        text = qFormatLogMessage(kind, context, message)
        write(f"Qt {_QT_KINDS.get(int(getattr(kind, 'value', kind)), 'message')}: {text}")
        if sys.stderr is not None and sys.stderr is not _file:
            try:
                sys.stderr.write(text + "\n")   # what Qt would have printed
            except (OSError, ValueError):
                pass

    class ErrorNotice(QObject):
        """Lives in the GUI thread: an error raised anywhere is shown from there."""
        raised = Signal(str, str)

        def __init__(self):
            super().__init__()
            self.raised.connect(self.show, Qt.QueuedConnection)

        @Slot(str, str)
        def show(self, summary: str, details: str) -> None:
            _show_box(summary, details)

    _qt_handler = handler
    qInstallMessageHandler(handler)
    _notice = ErrorNotice()


def _show(summary: str, details: str) -> None:
    if not _show_errors or _notice is None:
        return
    widgets = sys.modules.get("PySide6.QtWidgets")
    if widgets is None or widgets.QApplication.instance() is None:
        return
    from PySide6.QtCore import QThread
    if threading.current_thread() is threading.main_thread() and \
            QThread.currentThread().loopLevel() == 0:
        _show_box(summary, details)    # the event loop has ended (or not begun): now
    else:
        _notice.raised.emit(summary, details)   # from the event loop, when it is free


def _show_box(summary: str, details: str) -> None:
    global _box_open
    if _box_open:
        return                          # one at a time; the log has every one
    from PySide6.QtWidgets import QApplication, QMessageBox
    _box_open = True
    try:
        box = QMessageBox(QMessageBox.Critical, "IPC Scope",
                          "Something went wrong inside IPC Scope:\n" + summary,
                          QMessageBox.Ok, QApplication.activeWindow())
        if _path:
            box.setInformativeText(f"The details are in the log file:\n{_path}")
        box.setDetailedText(details)
        box.exec()
    finally:
        _box_open = False
