"""An animation of a run, for slides: `ipcscope export FILE --gif OUT.gif [--mp4 OUT.mp4]
[--webm OUT.webm] [--fps F] [--width W] [--speed S]`, and Export ▸ Animation… in the
window (gui/animation_dialog.py).

The frames are the replay's (gui/animation_frames.py): rendered, never grabbed from a
screen, so it works with no display at all (the command line makes its QApplication on
Qt's offscreen platform).  Every file is written beside its name as a .part and renamed
once whole: an export that fails, is cancelled or is stopped with Ctrl-C leaves nothing.
"""
from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from dataclasses import dataclass

from ipcscope.core.cli_args import UsageError
from ipcscope.core.export import ExportError
from ipcscope.core.scenarios.base import ParamError
from ipcscope.core.trace import TraceError, load_run
from ipcscope.gui.animation_frames import AnimationFrames
from ipcscope.gui.animation_options import AnimationOptions
from ipcscope.gui.animation_writers import (
    GifWriter,
    VideoUnavailable,
    VideoWriter,
    video_codec,
)

KINDS = ("gif", "mp4", "webm")
PROGRESS_EVERY_S = 5.0        # the command line's progress lines, for a long export


@dataclass
class Made:
    """What an export wrote (the command reports it, tests check it)."""
    path: str
    frames: int
    bytes: int


def export_animation(loaded, scenario, outputs: dict[str, str], options: AnimationOptions,
                     progress=None) -> list[Made]:
    """Write the run as each of `outputs` (kind -> path).  progress(done, total), if
    given, is called after each frame; it returns False to cancel (nothing is left).
    Raises UsageError for an animation too long, VideoUnavailable without PyAV, and
    ExportError (one sentence) for a file that cannot be written."""
    options.check()
    for kind in outputs:
        if kind != "gif":
            video_codec(kind)                  # before any work: is there an encoder?
    frames = AnimationFrames(loaded, scenario, options.width, options.height)
    parts: dict[str, str] = {}
    try:
        options.check_length(frames.end_s)
        times = options.frame_times(frames.end_s)
        for kind, path in outputs.items():      # one by one: a failed second one
            parts[kind] = _part_beside(path)   # still leaves the first to remove
        writers = []
        try:
            for kind in outputs:
                writers.append(_writer(kind, parts[kind], frames, options))
            for done, t_s in enumerate(times, 1):
                picture = frames.frame_at(t_s)
                for writer in writers:
                    writer.add(picture)
                if progress is not None and progress(done, len(times)) is False:
                    return []
            for writer in writers:
                writer.finish()
        finally:
            for writer in writers:
                writer.close()
        made = []
        for kind, path in outputs.items():
            os.replace(parts.pop(kind), path)
            made.append(Made(path, len(times), os.path.getsize(path)))
        return made
    except OSError as error:
        raise ExportError(f"Cannot write the animation: {error.strerror or error}.") from None
    finally:
        for part in parts.values():            # not finished: nothing is left
            _remove_quietly(part)
        frames.close()


class _Gif:
    def __init__(self, path: str, frames: AnimationFrames, options: AnimationOptions):
        # the palette: from the run's end (the replay is there now) and its middle
        samples = [frames.frame_at(frames.end_s), frames.frame_at(frames.end_s / 2)]
        self.file = open(path, "wb")     # noqa: SIM115 - closed by close()
        self.gif = GifWriter(self.file, options.width, options.height, options.fps, samples)

    def add(self, picture) -> None:
        self.gif.add(picture)

    def finish(self) -> None:
        self.gif.finish()

    def close(self) -> None:
        self.file.close()


class _Video:
    def __init__(self, kind: str, path: str, options: AnimationOptions):
        self.video = VideoWriter(path, kind, options.width, options.height, options.fps)
        self.finished = False

    def add(self, picture) -> None:
        self.video.add(picture)

    def finish(self) -> None:
        self.video.finish()
        self.finished = True

    def close(self) -> None:
        if not self.finished:
            self.video.abandon()


def _writer(kind: str, part: str, frames: AnimationFrames, options: AnimationOptions):
    return _Gif(part, frames, options) if kind == "gif" else _Video(kind, part, options)


def _part_beside(path: str) -> str:
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise ExportError(f"Cannot write {path}: the folder {folder} does not exist.")
    try:
        handle, part = tempfile.mkstemp(prefix=".ipcscope-", suffix=".part", dir=folder)
    except OSError as error:
        raise ExportError(f"Cannot write {path}: {error.strerror or error}.") from None
    os.close(handle)
    return part


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


# --- the command line ----------------------------------------------------------------

def export_from_command_line(trace_path: str, outputs: dict[str, str], fps, width,
                             speed) -> None:
    """`ipcscope export FILE --gif OUT ...` (core/cli.py calls it, only for these
    options).  Raises UsageError (one sentence) for anything the user can fix."""
    defaults = AnimationOptions()
    options = AnimationOptions(fps=defaults.fps if fps is None else fps,
                               width=defaults.width if width is None else width,
                               speed=defaults.speed if speed is None else speed).check()
    for path in outputs.values():
        if os.path.abspath(path) == os.path.abspath(trace_path):
            raise UsageError(f"Writing {path} would overwrite the trace it comes from.")
    # an export never shows a window: no display needed (one given is not used)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ipcscope.gui.file_actions import run_of
    from ipcscope.gui.launch import make_app
    make_app()
    try:
        loaded = load_run(trace_path)
        if loaded.model.t0 is None:
            raise UsageError(f"{trace_path} holds no events, so there is nothing to animate.")
        scenario = run_of(loaded)
        progress = _Progress()
        made = export_animation(loaded, scenario, outputs, options, progress)
    except ParamError:
        raise UsageError(f"{trace_path} is a run of a scenario this IPC Scope does not know "
                         f"({loaded.meta.get('scenario')!r}).") from None
    except (TraceError, ExportError, VideoUnavailable) as error:
        raise UsageError(str(error)) from None
    if progress.stopped_by:
        print("ipcscope: export stopped; the files it had not finished are removed.",
              file=sys.stderr)
        raise SystemExit(128 + progress.stopped_by)
    for one in made:
        print(f"{one.path}: {one.frames:,} frames, {options.width}×{options.height}, "
              f"{options.fps:g} fps, replay at {options.speed:g}×, "
              f"{one.bytes / 1e6:.1f} MB")


class _Progress:
    """A line on stderr every few seconds of a long export; Ctrl-C or SIGTERM end it
    between two frames (raised in the middle of one, inside a slot Qt called, it would
    not unwind cleanly), its files removed."""

    def __init__(self):
        self.started = self.last = time.monotonic()
        self.stopped_by = 0
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, self._stop)

    def _stop(self, number, _frame) -> None:
        self.stopped_by = number

    def __call__(self, done: int, total: int) -> bool:
        if self.stopped_by:
            return False
        now = time.monotonic()
        if now - self.last >= PROGRESS_EVERY_S and done < total:
            self.last = now
            left = (now - self.started) / done * (total - done)
            print(f"ipcscope: animation: {done:,} of {total:,} frames "
                  f"({100 * done // total}%, about {left:.0f} s left)", file=sys.stderr,
                  flush=True)
        return True
