"""Time from launch to the window shown, measured from outside the app.

    xvfb-run -a -s "-screen 0 1280x800x24" python packaging/measure_startup.py \
        [--runs 5] [--timeout 20] [COMMAND...]        (default: dist/ipcscope/ipcscope)

Starts COMMAND, then polls the X server (libX11 through ctypes, every 5 ms) until a
top-level window whose _NET_WM_PID is the started process is mapped and its pixels are
no longer all one colour (Qt has painted it).  Prints each run and the median, closes
the app (SIGTERM) and waits for it.  Needs an X display (Xvfb is enough); the app runs
with an empty data folder and settings of its own (a first start, every time).
"""
from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_COMMAND = [os.path.join(ROOT, "dist", "ipcscope", "ipcscope")]
POLL_S = 0.005

Window = ctypes.c_ulong
Atom = ctypes.c_ulong


class XWindowAttributes(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int),
                ("height", ctypes.c_int), ("border_width", ctypes.c_int),
                ("depth", ctypes.c_int), ("visual", ctypes.c_void_p), ("root", Window),
                ("c_class", ctypes.c_int), ("bit_gravity", ctypes.c_int),
                ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int),
                ("backing_planes", ctypes.c_ulong), ("backing_pixel", ctypes.c_ulong),
                ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
                ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int),
                ("all_event_masks", ctypes.c_long), ("your_event_mask", ctypes.c_long),
                ("do_not_propagate_mask", ctypes.c_long), ("override_redirect", ctypes.c_int),
                ("screen", ctypes.c_void_p)]


class XImage(ctypes.Structure):
    _fields_ = [("width", ctypes.c_int), ("height", ctypes.c_int), ("xoffset", ctypes.c_int),
                ("format", ctypes.c_int), ("data", ctypes.c_void_p),
                ("byte_order", ctypes.c_int), ("bitmap_unit", ctypes.c_int),
                ("bitmap_bit_order", ctypes.c_int), ("bitmap_pad", ctypes.c_int),
                ("depth", ctypes.c_int), ("bytes_per_line", ctypes.c_int),
                ("bits_per_pixel", ctypes.c_int)]


IS_VIEWABLE = 2
Z_PIXMAP = 2
ALL_PLANES = ctypes.c_ulong(-1).value


class X:
    def __init__(self):
        path = ctypes.util.find_library("X11") or "libX11.so.6"
        x = self.lib = ctypes.CDLL(path)
        x.XOpenDisplay.restype = ctypes.c_void_p
        x.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x.XDefaultRootWindow.restype = Window
        x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        x.XInternAtom.restype = Atom
        x.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
        x.XQueryTree.argtypes = [ctypes.c_void_p, Window, ctypes.POINTER(Window),
                                 ctypes.POINTER(Window), ctypes.POINTER(ctypes.POINTER(Window)),
                                 ctypes.POINTER(ctypes.c_uint)]
        x.XGetWindowAttributes.argtypes = [ctypes.c_void_p, Window,
                                           ctypes.POINTER(XWindowAttributes)]
        x.XGetWindowProperty.argtypes = [
            ctypes.c_void_p, Window, Atom, ctypes.c_long, ctypes.c_long, ctypes.c_int, Atom,
            ctypes.POINTER(Atom), ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_ulong),
            ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.c_void_p)]
        x.XGetImage.restype = ctypes.POINTER(XImage)
        x.XGetImage.argtypes = [ctypes.c_void_p, Window, ctypes.c_int, ctypes.c_int,
                                ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
        x.XFree.argtypes = [ctypes.c_void_p]
        x.XSetErrorHandler.argtypes = [ctypes.c_void_p]
        self._ignore = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p)(
            lambda display, event: 0)   # a window that vanished mid-query is no error
        x.XSetErrorHandler(ctypes.cast(self._ignore, ctypes.c_void_p))
        self.display = x.XOpenDisplay(None)
        if not self.display:
            raise SystemExit("measure_startup: no X display (run it under xvfb-run)")
        self.root = x.XDefaultRootWindow(self.display)
        self.pid_atom = x.XInternAtom(self.display, b"_NET_WM_PID", 0)
        self.cardinal = x.XInternAtom(self.display, b"CARDINAL", 0)

    def windows(self, parent=None):
        parent = self.root if parent is None else parent
        root, par = Window(), Window()
        children = ctypes.POINTER(Window)()
        count = ctypes.c_uint()
        if not self.lib.XQueryTree(self.display, parent, ctypes.byref(root), ctypes.byref(par),
                                   ctypes.byref(children), ctypes.byref(count)):
            return []
        found = [children[i] for i in range(count.value)]
        if children:
            self.lib.XFree(children)
        return found

    def pid_of(self, window) -> int | None:
        kind, fmt, n, after = Atom(), ctypes.c_int(), ctypes.c_ulong(), ctypes.c_ulong()
        data = ctypes.c_void_p()
        ok = self.lib.XGetWindowProperty(self.display, window, self.pid_atom, 0, 1, 0,
                                         self.cardinal, ctypes.byref(kind), ctypes.byref(fmt),
                                         ctypes.byref(n), ctypes.byref(after), ctypes.byref(data))
        if ok != 0 or not data.value:
            return None
        pid = ctypes.cast(data, ctypes.POINTER(ctypes.c_ulong))[0] if n.value else None
        self.lib.XFree(data)
        return pid

    def shown(self, window) -> bool:
        """Mapped, and painted: not every pixel of it the same colour."""
        attrs = XWindowAttributes()
        if not self.lib.XGetWindowAttributes(self.display, window, ctypes.byref(attrs)):
            return False
        if attrs.map_state != IS_VIEWABLE or attrs.width < 200 or attrs.height < 200:
            return False
        image = self.lib.XGetImage(self.display, window, 0, 0, attrs.width, attrs.height,
                                   ALL_PLANES, Z_PIXMAP)
        if not image:
            return False
        try:
            im = image.contents
            data = ctypes.string_at(im.data, im.bytes_per_line * im.height)
        finally:
            self.lib.XFree(image.contents.data)
            self.lib.XFree(image)
        step = max(1, im.bits_per_pixel // 8)
        first = data[:step]
        return data.count(first) * step < len(data) * 0.98

    def app_window_shown(self, pid: int) -> bool:
        return any(self.pid_of(w) == pid and self.shown(w) for w in self.windows())

    def sync(self):
        self.lib.XSync(self.display, 0)


def measure_once(x: X, command: list[str], timeout: float) -> float:
    with tempfile.TemporaryDirectory(prefix="ipcscope-startup-") as home:
        env = {**os.environ, "HOME": home, "XDG_CONFIG_HOME": os.path.join(home, ".config"),
               "XDG_DATA_HOME": os.path.join(home, ".local", "share"),
               "IPCSCOPE_DATA_DIR": os.path.join(home, "data")}
        env.pop("QT_QPA_PLATFORM", None)
        started = time.monotonic()
        proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        try:
            while time.monotonic() - started < timeout:
                if proc.poll() is not None:
                    raise SystemExit("measure_startup: the app ended before its window "
                                     f"showed:\n{proc.stderr.read().decode(errors='replace')}")
                if x.app_window_shown(proc.pid):
                    return time.monotonic() - started
                time.sleep(POLL_S)
            raise SystemExit(f"measure_startup: no window within {timeout:g} s")
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("command", nargs="*")
    args = parser.parse_args()
    command = args.command or DEFAULT_COMMAND
    x = X()
    times = []
    for i in range(args.runs):
        seconds = measure_once(x, command, args.timeout)
        times.append(seconds)
        print(f"launch {i + 1}: window shown after {seconds:.3f} s", flush=True)
        time.sleep(0.3)
    print(f"launch to window shown: median {statistics.median(times):.3f} s of {len(times)} "
          f"(min {min(times):.3f}, max {max(times):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
