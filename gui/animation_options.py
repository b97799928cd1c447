"""What an exported animation is made of: its size, frame rate and replay speed, checked
(one sentence for a bad value), and the moments of the run its frames show.

No Qt here: `ipcscope export` checks its options before Qt is loaded, and the window's
dialog checks the same ranges.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ipcscope.core.cli_args import UsageError

DEFAULT_FPS = 15.0
DEFAULT_WIDTH = 1280
DEFAULT_SPEED = 1.0
FPS_RANGE = (1.0, 60.0)
WIDTH_RANGE = (320, 3840)
SPEED_RANGE = (0.1, 100.0)
MAX_FRAMES = 20_000           # ~22 min at 15 fps: past that the file is no slide
ASPECT = 9 / 16               # a slide's (and a projector's) shape
END_HOLD_S = 2.0              # a looping GIF rests on its last frame before it starts over


@dataclass(frozen=True)
class AnimationOptions:
    fps: float = DEFAULT_FPS
    width: int = DEFAULT_WIDTH
    speed: float = DEFAULT_SPEED   # run seconds per second of animation

    @property
    def height(self) -> int:
        """16:9, even (H.264 and VP9 want even sizes)."""
        return max(2, round(self.width * ASPECT / 2) * 2)

    def check(self) -> AnimationOptions:
        """Itself, or UsageError with one sentence naming the option and its range."""
        _in_range("--fps", self.fps, FPS_RANGE, "frames a second")
        _in_range("--width", self.width, WIDTH_RANGE, "pixels")
        _in_range("--speed", self.speed, SPEED_RANGE, "times the run's own pace")
        if self.width != round(self.width):
            raise UsageError(f"--width must be a whole number of pixels, not {self.width:g}.")
        if self.width % 2:
            raise UsageError(f"--width must be even (video encoders want even sizes), "
                             f"not {self.width:g}.")
        return self

    def frame_count(self, duration_s: float) -> int:
        return math.ceil(max(0.0, duration_s) * self.fps / self.speed - 1e-9) + 1

    def frame_times(self, duration_s: float) -> list[float]:
        """The run moments the frames show: one every speed/fps seconds from the start,
        and the end itself last."""
        step = self.speed / self.fps
        return [min(i * step, duration_s) for i in range(self.frame_count(duration_s))]

    def check_length(self, duration_s: float) -> None:
        """UsageError if a run this long makes too many frames."""
        if self.frame_count(duration_s) > MAX_FRAMES:
            raise UsageError(
                f"That animation would have more than {MAX_FRAMES:,} frames (a "
                f"{duration_s:.0f}-second run at --speed {self.speed:g} and --fps "
                f"{self.fps:g}); raise --speed or lower --fps.")


def _in_range(option: str, value: float, limits: tuple[float, float], unit: str) -> None:
    low, high = limits
    if not (isinstance(value, (int, float)) and math.isfinite(value) and low <= value <= high):
        raise UsageError(f"{option} must be between {low:g} and {high:g} {unit}, "
                         f"not {value:g}.")
