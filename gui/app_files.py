"""Where the app's own files are (its icons) and where it keeps the user's (its data
folder, for the log).  No Qt here: the command line uses these paths too.

The data folder is the one Qt's QStandardPaths.AppDataLocation gives for the names in
gui/window_settings.py (organization "ipcscope", application "ipcscope"):
    Linux    $XDG_DATA_HOME/ipcscope/ipcscope   (~/.local/share/ipcscope/ipcscope)
    Windows  %APPDATA%\\ipcscope\\ipcscope
    macOS    ~/Library/Application Support/ipcscope/ipcscope
IPCSCOPE_DATA_DIR, if set, is used instead (tests, a portable install).
"""
from __future__ import annotations

import os
import sys

ORGANIZATION = APPLICATION = "ipcscope"   # the same as gui/window_settings.py
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

# gui/ sits next to resources/ in the source tree, and in the bundle too
# (packaging/ipcscope.spec puts resources/icons beside the collected gui package).
_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def data_dir(env=None, platform: str = sys.platform) -> str:
    env = os.environ if env is None else env
    if env.get("IPCSCOPE_DATA_DIR"):
        return env["IPCSCOPE_DATA_DIR"]
    home = os.path.expanduser("~")
    if platform == "win32":
        base = env.get("APPDATA") or os.path.join(home, "AppData", "Roaming")
    elif platform == "darwin":
        base = os.path.join(home, "Library", "Application Support")
    else:
        base = env.get("XDG_DATA_HOME") or os.path.join(home, ".local", "share")
    return os.path.join(base, ORGANIZATION, APPLICATION)


def icon_dir() -> str | None:
    """resources/icons (ipcscope.svg and ipcscope-<N>.png), or None if not shipped."""
    path = os.path.join(_ROOT, "resources", "icons")
    return path if os.path.isdir(path) else None


def icon_files() -> list[str]:
    """The PNG icons, smallest first: a QIcon built from all of them
    (`for f in icon_files(): icon.addFile(f)`) looks sharp at every size."""
    folder = icon_dir()
    if folder is None:
        return []
    names = (os.path.join(folder, f"ipcscope-{size}.png") for size in ICON_SIZES)
    return [name for name in names if os.path.isfile(name)]


def frozen() -> bool:
    """True in the PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))
