"""A first start on a desktop, as a new user makes it: a fresh clone's `make run` opens a
real xcb window on an X server (Xvfb), and where a library Qt's xcb plugin needs cannot
be loaded, the app says which in one sentence instead of Qt's abort and core dump.

Why the clone reuses this checkout's .venv instead of a full `make setup`: the setup
would download and unpack PySide6 (~100 MB) for every run of the suite.  The clone gets a
small venv of its own whose `ipcscope` package is the clone's own core/ and gui/ (the
third-party packages come from .venv's site-packages); its setup stamp is set, so
`make run` runs the clone's Makefile and code.  `make system-deps`, the part of the
setup this is about (the xcb libraries), runs for real."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig

import pytest
from PySide6.QtGui import QImage

from tests.packaging.conftest import ROOT

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 and Debian only"),
    pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed"),
]
XVFB = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"]


def desktop_env(tmp_path) -> dict:
    """A desktop session's environment: no Qt platform forced, its own settings and data."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "PYTHONPATH", "PYTHONHOME",
                        "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env.update(HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "share"), IPCSCOPE_DATA_DIR=str(tmp_path / "data"))
    return env


def fresh_clone(tmp_path) -> str:
    clone = str(tmp_path / "clone")
    subprocess.run(["git", "clone", "--quiet", ROOT, clone], check=True, timeout=60)
    venv = os.path.join(clone, ".venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True,
                   timeout=60)
    python = os.path.join(venv, "bin", "python")
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # the third-party packages: .venv's site-packages as a plain path (its .pth files,
    # which point `ipcscope` at this checkout, are not run)
    with open(os.path.join(site, "reuse-ipcscope-venv.pth"), "w") as pth:
        pth.write(sysconfig.get_path("purelib") + "\n")
    package = os.path.join(site, "ipcscope")        # the clone's own code
    os.makedirs(package)
    for folder in ("core", "gui"):
        os.symlink(os.path.join(clone, folder), os.path.join(package, folder))
    script = os.path.join(venv, "bin", "ipcscope")
    with open(script, "w") as entry:
        entry.write(f"#!{python}\nimport sys\nfrom ipcscope.gui.app import main\n"
                    f"sys.exit(main())\n")
    os.chmod(script, 0o755)
    open(os.path.join(venv, ".installed"), "w").close()   # newer than Makefile, pyproject
    imported = subprocess.run([python, "-c", "import ipcscope.gui.app as a; print(a.__file__)"],
                              check=True, capture_output=True, text=True).stdout
    assert os.path.realpath(imported.strip()).startswith(os.path.realpath(clone))
    return clone


def non_blank_png(path, size: tuple[int, int]) -> None:
    image = QImage(str(path))
    assert not image.isNull(), f"{path} is not a PNG"
    assert (image.width(), image.height()) == size
    small = image.scaled(64, 40)
    colours = {small.pixel(x, y) for x in range(64) for y in range(40)}
    assert len(colours) > 20, "the screenshot looks blank"


@pytest.mark.timeout(240)
def test_a_fresh_clones_make_run_opens_a_real_window(tmp_path):
    clone = fresh_clone(tmp_path)
    env = desktop_env(tmp_path)
    deps = subprocess.run(["make", "--no-print-directory", "-C", clone, "system-deps"],
                          env=env, capture_output=True, text=True, timeout=600)
    assert deps.returncode == 0, deps.stdout + deps.stderr
    shot = tmp_path / "window.png"
    done = subprocess.run(
        [*XVFB, "make", "--no-print-directory", "-C", clone, "run",
         f"ARGS=--screenshot {shot} --scenario bounded-queue --speed 10"],
        env=env, capture_output=True, text=True, timeout=200)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(".venv/bin/ipcscope --screenshot")    # the clone's
    non_blank_png(shot, (1280, 800))


def test_a_library_the_xcb_plugin_needs_is_named_in_one_sentence(tmp_path):
    """libxcb-icccm.so.4, unloadable: a file of that name that is no library, found
    first.  Qt itself would abort here (SIGABRT, "no Qt platform plugin could be
    initialized"); the app names the library and exits 2 before Qt starts."""
    broken = tmp_path / "lib"
    broken.mkdir()
    (broken / "libxcb-icccm.so.4").write_bytes(b"")
    env = desktop_env(tmp_path)
    env["LD_LIBRARY_PATH"] = str(broken)
    done = subprocess.run([*XVFB, os.path.join(ROOT, ".venv", "bin", "ipcscope")],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    sentence = lines[0]
    assert sentence.startswith("ipcscope: ") and sentence.endswith(".")
    assert "libxcb-icccm.so.4" in sentence and "libxcb-icccm4" in sentence
    assert "libxcb-cursor.so.0" not in sentence          # only what is missing
    assert "Aborted" not in done.stderr and "core dumped" not in done.stderr
