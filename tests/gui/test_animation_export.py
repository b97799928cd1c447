"""A run as an animation for slides (gui/animation_export.py): `ipcscope export FILE --gif
OUT` with no display at all, and Export ▸ Animation… in the window, on real recorded
runs; the frames follow the replay (the plot grows); bad input is one sentence and exit
2; Ctrl-C leaves no partial file."""
import math
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from ipcscope.core.cli_args import UsageError
from ipcscope.core.trace import load_run
from ipcscope.gui import animation_dialog
from ipcscope.gui.animation_options import END_HOLD_S, AnimationOptions
from PIL import Image, ImageSequence

from tests.fixtures.recorded import recorded
from tests.gui.conftest import run_to_end

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def ipcscope(*args, env_changes=None, timeout=90, **popen):
    env = {k: v for k, v in {**os.environ, **(env_changes or {})}.items() if v is not None}
    command = [sys.executable, "-m", "ipcscope.gui.app", *args]
    if popen:
        return subprocess.Popen(command, cwd=ROOT, env=env, **popen)
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture(scope="module")
def trace(tmp_path_factory):
    """A real run of bounded-queue, written by `ipcscope run --trace`'s writer."""
    return recorded("queue", tmp_path_factory.mktemp("runs")).path


def duration_s(path) -> float:
    model = load_run(path).model
    return (int(model.rows()["t"].astype(np.int64).max()) - model.t0) / 1e9


def frames_of(path):
    with Image.open(path) as gif:
        return gif.size, [(np.asarray(f.convert("RGB")), f.info["duration"])
                          for f in ImageSequence.Iterator(gif)]


def inked(picture) -> int:
    """Pixels that are not the white of an empty plot."""
    return int((picture.min(axis=2) < 200).sum())


def check_animation(path, trace_path, options: AnimationOptions):
    size, frames = frames_of(path)
    assert size == (options.width, options.height)
    expected = duration_s(trace_path) * options.fps / options.speed
    assert math.ceil(expected) <= len(frames) <= math.ceil(expected) + 1
    total_ms = sum(ms for _, ms in frames)
    assert abs(total_ms / 1000 - (len(frames) / options.fps + END_HOLD_S)) < 0.05
    # the replay goes on from frame to frame: the plots fill up (not strictly from the
    # middle on: a lane that stops being blocked loses its hatching)
    early, middle, last = (frames[i][0] for i in (1, len(frames) // 2, -1))
    assert inked(early) < inked(middle) and inked(early) < inked(last)
    assert not np.array_equal(frames[-2][0], last) or not np.array_equal(early, middle)


def test_the_command_line_makes_a_gif_with_no_display(trace, tmp_path):
    out = tmp_path / "slides" / "run.gif"
    out.parent.mkdir()
    done = ipcscope("export", trace, "--gif", str(out), "--fps", "10", "--width", "480",
                    env_changes={"QT_QPA_PLATFORM": None, "DISPLAY": None,
                                 "WAYLAND_DISPLAY": None})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{out}: ") and "480×270" in done.stdout
    check_animation(out, trace, AnimationOptions(fps=10, width=480))
    assert os.listdir(out.parent) == ["run.gif"]          # no .part left


def test_the_replay_speed_shortens_the_animation(trace, tmp_path):
    out = tmp_path / "fast.gif"
    done = ipcscope("export", trace, "--gif", str(out), "--fps", "5", "--width", "320",
                    "--speed", "4")
    assert done.returncode == 0, done.stderr
    check_animation(out, trace, AnimationOptions(fps=5, width=320, speed=4))


@pytest.mark.parametrize("args,words", [
    (["--fps", "0"], "--fps must be between 1 and 60"),
    (["--fps", "nan"], "--fps must be between"),
    (["--fps", "1000"], "--fps must be between"),
    (["--width", "0"], "--width must be between 320 and 3840"),
    (["--width", "321"], "--width must be even"),
    (["--width", "wide"], "invalid int value"),
    (["--speed", "-1"], "--speed must be between 0.1 and 100"),
    (["--speed", "inf"], "--speed must be between"),
])
def test_bad_options_are_one_sentence(trace, tmp_path, args, words):
    out = tmp_path / "x.gif"
    done = ipcscope("export", trace, "--gif", str(out), *args)
    assert done.returncode == 2, done.stderr
    assert words in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert "Traceback" not in done.stderr and not out.exists()


def test_an_animation_too_long_for_a_slide_is_refused():
    options = AnimationOptions(fps=60, speed=0.1)
    options.check_length(30.0)                              # 18,001 frames
    with pytest.raises(UsageError, match="more than 20,000 frames.*raise --speed"):
        options.check_length(40.0)


def test_bad_files_are_one_sentence(trace, tmp_path):
    cases = [
        (["export", str(tmp_path / "missing.ipcscope"), "--gif", str(tmp_path / "x.gif")],
         "Cannot open"),
        (["export", trace, "--gif", str(tmp_path / "no" / "such" / "x.gif")],
         "does not exist"),
        (["export", trace, "--gif", "/proc/x.gif"], "Cannot write /proc/x.gif"),
        (["export", trace, "--gif", trace], "would overwrite the trace"),
        (["export", trace, "--fps", "10", "--csv", str(tmp_path / "x.csv")],
         "--fps, --width and --speed go with --gif, --mp4 or --webm"),
    ]
    for args, words in cases:
        done = ipcscope(*args)
        assert done.returncode == 2, (args, done.stderr)
        assert words in done.stderr and done.stderr.count("\n") == 1, (args, done.stderr)


def test_without_pyav_video_is_one_sentence(trace, tmp_path):
    """As in the double-click app, which leaves PyAV out."""
    blocker = tmp_path / "no_av" / "av"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('no PyAV here')\n")
    done = ipcscope("export", trace, "--mp4", str(tmp_path / "x.mp4"),
                    env_changes={"PYTHONPATH": str(blocker.parent)})
    assert done.returncode == 2, done.stderr
    assert "pip install 'ipcscope[video]'" in done.stderr
    assert done.stderr.count("\n") == 1 and not (tmp_path / "x.mp4").exists()


def test_mp4_and_webm_where_pyav_is_installed(trace, tmp_path):
    av = pytest.importorskip("av")
    outs = {kind: tmp_path / f"run.{kind}" for kind in ("mp4", "webm")}
    done = ipcscope("export", trace, "--mp4", str(outs["mp4"]), "--webm", str(outs["webm"]),
                    "--fps", "10", "--width", "320")
    assert done.returncode == 0, done.stderr
    expected = math.ceil(duration_s(trace) * 10)
    for path in outs.values():
        with av.open(str(path)) as video:
            pictures = list(video.decode(video=0))
        assert expected <= len(pictures) <= expected + 1
        assert (pictures[0].width, pictures[0].height) == (320, 180)


def test_ctrl_c_removes_the_partial_file(trace, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    command = ipcscope("export", trace, "--gif", str(out / "slow.gif"), "--speed", "0.1",
                       "--fps", "30", stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    try:
        deadline = time.monotonic() + 60
        while not os.listdir(out) and command.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)   # another process's file: nothing to wait on but the folder
        assert os.listdir(out)[0].startswith(".ipcscope-")
        command.send_signal(signal.SIGINT)
        _, err = command.communicate(timeout=60)
    finally:
        command.kill()
    assert command.returncode == 130, err
    assert "export stopped" in err and os.listdir(out) == []


# --- the window ------------------------------------------------------------------------

SMALL = AnimationOptions(fps=10, width=480)


def choose(monkeypatch, path, kind="gif", options=SMALL):
    """What the user picks in the two dialogs."""
    monkeypatch.setattr(animation_dialog.AnimationOptionsDialog, "ask",
                        classmethod(lambda cls, parent, speed: (kind, options)))
    monkeypatch.setattr(animation_dialog.QFileDialog, "getSaveFileName",
                        lambda *args: (str(path), ""))


def test_the_window_exports_the_run_it_has_shown(qtbot, window, tmp_path, monkeypatch,
                                                 no_leaks):
    animation = window.files.animation
    assert not animation.action.isEnabled()              # nothing to animate yet
    run_to_end(qtbot, window, "bounded-queue", {"items": 3}, speed=10)
    assert animation.action.isEnabled()
    saved = str(tmp_path / "live.ipcscope")
    assert window.files.save_to(saved)
    events = len(window.controller.model)
    choose(monkeypatch, tmp_path / "live.gif")
    animation.action.trigger()
    assert animation.last_problem == ""
    check_animation(tmp_path / "live.gif", saved, AnimationOptions(fps=10, width=480))
    assert len(window.controller.model) == events           # the window's view stayed

    # a run opened from a file, wherever its replay is
    with qtbot.waitSignal(window.run_ended, timeout=30_000):
        assert window.files.open_path(saved)
    window.replay.seek(window.replay.end_s / 3)
    choose(monkeypatch, tmp_path / "opened.gif")
    animation.action.trigger()
    check_animation(tmp_path / "opened.gif", saved, AnimationOptions(fps=10, width=480))
    assert abs(window.replay.position_s - window.replay.end_s / 3) < 1e-9


def test_the_window_says_why_it_cannot_write(qtbot, window, tmp_path, monkeypatch):
    run_to_end(qtbot, window, "bounded-queue", {"items": 3}, speed=10)
    choose(monkeypatch, tmp_path / "missing" / "x.gif")
    window.files.animation.action.trigger()
    assert "does not exist" in window.files.animation.last_problem
    assert window.message_bar.isVisible()
