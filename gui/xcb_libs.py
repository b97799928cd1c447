"""Are the libraries Qt's xcb platform plugin loads here?  Asked before Qt starts: when
one is missing, Qt itself aborts ("no Qt platform plugin could be initialized", a core
dump) — a fresh desktop often lacks libxcb-icccm4, libxcb-keysyms1 or libxcb-cursor0.
This names the missing ones in one sentence instead.  No Qt here.

`make setup` installs them on Debian (Makefile XCB_LIBS); this is for where it could not.
"""
from __future__ import annotations

import ctypes
import importlib.util
import os
import sys

# What libqxcb.so and libQt6XcbQpa.so.6 link (`ldd`, PySide6 6.11), by soname, with the
# Debian package that has each.
XCB_SONAMES = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
DISPLAYLESS = {"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb",
               "vkkhrdisplay", "wayland", "wayland-egl"}


def wants_xcb(env=None, platform: str = sys.platform) -> bool:
    """Will Qt pick its xcb plugin: Linux, an X display, and no other platform asked
    for (QT_QPA_PLATFORM unset or xcb; a Wayland session is left to Qt)."""
    env = os.environ if env is None else env
    if not platform.startswith("linux") or not env.get("DISPLAY"):
        return False
    asked = env.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0]
    if asked:
        return asked == "xcb"
    return not env.get("WAYLAND_DISPLAY")


def _bundled_folders() -> list[str]:
    """Where a bundle (PyInstaller) or PySide6's wheel may carry its own copies."""
    folders = []
    if getattr(sys, "frozen", False):
        folders.append(getattr(sys, "_MEIPASS", os.path.dirname(sys.executable)))
    spec = importlib.util.find_spec("PySide6")
    for location in (spec.submodule_search_locations or []) if spec else []:
        folders.append(os.path.join(location, "Qt", "lib"))
    return folders


def _loads(soname: str, folders: list[str]) -> bool:
    for candidate in (soname, *(os.path.join(f, soname) for f in folders)):
        if candidate != soname and not os.path.exists(candidate):
            continue
        try:
            ctypes.CDLL(candidate)
            return True
        except OSError:
            continue
    return False


def missing_libraries(sonames=None) -> list[str]:
    sonames = XCB_SONAMES if sonames is None else sonames
    folders = _bundled_folders()
    return [name for name in sonames if not _loads(name, folders)]


def xcb_problem(env=None, platform: str = sys.platform, sonames=None) -> str | None:
    """One sentence naming the xcb libraries that are missing, or None."""
    if not wants_xcb(env, platform):
        return None
    sonames = XCB_SONAMES if sonames is None else sonames
    missing = missing_libraries(sonames)
    if not missing:
        return None
    packages = " ".join(sonames.get(name) or name for name in missing)
    return (f"The window cannot open on this X display: Qt's xcb platform needs "
            f"{', '.join(missing)}, which cannot be loaded here (on Debian or Ubuntu: "
            f"sudo apt-get install {packages}; or `make setup` as root).")
