"""The files an animation is written to: a GIF (Pillow, always there) and MP4 / WebM
(PyAV, the optional extra `ipcscope[video]`: its FFmpeg libraries are ~100 MB, more
than the double-click app can carry within its 150 MB).

The GIF is written a frame at a time (Pillow's save_all holds every frame in memory:
~0.9 GB for a minute at 1280×720), small because the plots are flat colours on white:
- one palette for the whole file (255 colours, adaptive: from sample frames of the run),
  no dithering, so an unchanged pixel keeps its index from frame to frame;
- each frame after the first is only the rectangle that changed, and inside it the
  pixels that did not change are transparent (index 255), which LZW packs to little;
- delays in hundredths of a second, spread so that the total keeps the frame rate.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
from ipcscope.gui.animation_options import END_HOLD_S
from PIL import GifImagePlugin, Image

TRANSPARENT = 255
NETSCAPE_LOOP = b"!\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"   # loop for ever
VIDEO_CODECS = {"mp4": ("libx264", "h264", "mpeg4"), "webm": ("libvpx-vp9", "libvpx")}
VIDEO_OPTIONS = {
    "libx264": {"crf": "23", "preset": "veryfast"},
    # the realtime deadline: VP9's default "good" takes several times as long
    "libvpx-vp9": {"crf": "32", "b": "0", "deadline": "realtime", "cpu-used": "8",
                   "row-mt": "1"},
    "libvpx": {"crf": "10", "b": "2M", "deadline": "realtime", "cpu-used": "8"},
}
NEEDS_VIDEO = ("MP4 and WebM need PyAV, which the double-click app leaves out: install "
               "it with `pip install 'ipcscope[video]'`, or export a GIF.")


class VideoUnavailable(Exception):
    """No PyAV here, or no encoder for the format; str() is one sentence."""


class GifWriter:
    def __init__(self, file, width: int, height: int, fps: float, samples: list[np.ndarray]):
        """file: open for writing in binary; samples: frames whose colours make the
        palette (the run's end shows nearly every colour a frame will)."""
        self.file, self.fps = file, fps
        self.palette = _palette_image(samples)
        self.previous: np.ndarray | None = None
        self.pending: tuple[Image.Image, tuple[int, int], bool] | None = None
        self.frames = 0
        colours = bytes(self.palette.getpalette()[:768]).ljust(768, b"\0")
        file.write(b"GIF89a" + _u16(width) + _u16(height)
                   + bytes([0xF7, 0, 0])     # a global table of 256 colours
                   + colours + NETSCAPE_LOOP)

    def add(self, rgb: np.ndarray) -> None:
        index = np.asarray(Image.fromarray(rgb).quantize(palette=self.palette,
                                                         dither=Image.Dither.NONE))
        index = np.where(index == TRANSPARENT, 0, index).astype(np.uint8)
        previous, self.previous = self.previous, index
        if previous is None:
            self._write_pending(Image.fromarray(index), (0, 0), transparent=False)
            return
        changed = index != previous
        rows, columns = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
        if not len(rows):                           # the same picture: one clear pixel
            self._write_pending(Image.new("L", (1, 1), TRANSPARENT), (0, 0), True)
            return
        y0, y1, x0, x1 = rows[0], rows[-1] + 1, columns[0], columns[-1] + 1
        part = np.where(changed[y0:y1, x0:x1], index[y0:y1, x0:x1], TRANSPARENT)
        self._write_pending(Image.fromarray(part.astype(np.uint8)), (int(x0), int(y0)), True)

    def _write_pending(self, image: Image.Image, offset, transparent: bool) -> None:
        """A frame is written once the next one is known (the last one rests longer)."""
        if self.pending is not None:
            self._write(*self.pending, hold_s=0.0)
        self.pending = (image, offset, transparent)

    def _write(self, image, offset, transparent: bool, hold_s: float) -> None:
        # hundredths of a second: frame i ends at round((i + 1) * 100 / fps)
        start = round(self.frames * 100 / self.fps)
        delay = round((self.frames + 1) * 100 / self.fps) - start + round(hold_s * 100)
        params = {"duration": max(1, delay) * 10, "disposal": 1}
        if transparent:
            params["transparency"] = TRANSPARENT
        for chunk in GifImagePlugin.getdata(image, offset, **params):
            self.file.write(chunk)
        self.frames += 1

    def finish(self) -> None:
        if self.pending is not None:
            self._write(*self.pending, hold_s=END_HOLD_S)
            self.pending = None
        self.file.write(b";")


def _palette_image(samples: list[np.ndarray]) -> Image.Image:
    """255 colours for every frame; the 256th is the transparent one."""
    image = Image.fromarray(np.concatenate(samples, axis=0))
    quantized = image.quantize(colors=TRANSPARENT, method=Image.Quantize.MEDIANCUT,
                               dither=Image.Dither.NONE)
    palette = Image.new("P", (1, 1))
    palette.putpalette(quantized.getpalette()[:3 * TRANSPARENT])
    return palette


def _u16(value: int) -> bytes:
    return int(value).to_bytes(2, "little")


class VideoWriter:
    """MP4 (H.264) or WebM (VP9), through PyAV, to a path."""

    def __init__(self, path: str, kind: str, width: int, height: int, fps: float):
        av = video_library()
        codec = video_codec(kind)
        self.container = av.open(path, mode="w", format=kind)
        try:
            self.stream = self.container.add_stream(
                codec, rate=Fraction(fps).limit_denominator(1001),
                options=VIDEO_OPTIONS.get(codec, {}))
            self.stream.width, self.stream.height = width, height
            self.stream.pix_fmt = "yuv420p"
        except BaseException:
            self.container.close()
            raise
        self.av = av
        self.frames = 0

    def add(self, rgb: np.ndarray) -> None:
        frame = self.av.VideoFrame.from_ndarray(rgb, format="rgb24")
        self.frames += 1
        for packet in self.stream.encode(frame):
            self.container.mux(packet)

    def finish(self) -> None:
        for packet in self.stream.encode(None):
            self.container.mux(packet)
        self.container.close()

    def abandon(self) -> None:
        self.container.close()


def video_library():
    """PyAV, or VideoUnavailable saying how to get it."""
    try:
        import av
    except ImportError:
        raise VideoUnavailable(NEEDS_VIDEO) from None
    return av


def video_codec(kind: str) -> str:
    """The first encoder for `kind` ("mp4" or "webm") this PyAV has."""
    av = video_library()
    for name in VIDEO_CODECS[kind]:
        try:
            av.Codec(name, "w")
            return name
        except Exception:  # noqa: BLE001, S112 - PyAV's "no such encoder" differs by version
            continue
    raise VideoUnavailable(f"This PyAV has no encoder for {kind.upper()} "
                           f"({', '.join(VIDEO_CODECS[kind])}); export a GIF instead.")
