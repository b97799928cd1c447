"""`ipcscope --screenshot`: a PNG that is not blank, exit 0; bad input and a missing
display: one sentence, exit 2, never Qt's abort."""
import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def ipcscope(*args, env_changes=None, timeout=90):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env_changes or {})}
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run([sys.executable, "-m", "ipcscope.gui.app", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.mark.timeout(120)
def test_screenshot_writes_a_png_that_is_not_blank(tmp_path, no_leaks):
    path = tmp_path / "window.png"
    done = ipcscope("--screenshot", str(path), "--scenario", "pipe-eof", "--speed", "10")
    assert done.returncode == 0, done.stderr
    image = QImage(str(path))
    assert not image.isNull() and image.width() >= 900 and image.height() >= 600
    small = image.scaled(64, 40)
    colours = {small.pixel(x, y) for x in range(64) for y in range(40)}
    assert len(colours) > 20, "the screenshot looks blank"


@pytest.mark.parametrize("args,words", [
    (["--screenshot", "x.png", "--scenario", "nope"], "no scenario"),
    (["--screenshot", "x.png", "--set", "items=many"], "whole number"),
    (["--screenshot", "x.png", "--set", "producers=99"], "between"),
    (["--screenshot", "x.png", "--after", "-1"], "--after"),
    (["--screenshot", "/no/such/folder/x.png"], "does not exist"),
    (["--screenshot", "x.jpg"], "PNG"),
    (["--after", "3"], "--screenshot"),
    (["--bogus"], "unrecognized"),
])
def test_bad_input_is_one_sentence_and_exit_2(args, words):
    done = ipcscope(*args)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ipcscope: ")
    assert words.lower() in lines[0].lower()
    assert "Traceback" not in done.stderr


def test_no_display_is_one_sentence_and_exit_2():
    done = ipcscope(env_changes={"QT_QPA_PLATFORM": None, "DISPLAY": None,
                                 "WAYLAND_DISPLAY": None})
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0].lower()


def test_cli_commands_still_go_to_the_command_line_without_qt():
    code = ("import sys; from ipcscope.gui.app import main; rc = main(['list']); "
            "print('QT' if 'PySide6' in sys.modules else 'NOQT'); sys.exit(rc)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0
    assert "queue-sentinel" in done.stdout and done.stdout.strip().endswith("NOQT")
