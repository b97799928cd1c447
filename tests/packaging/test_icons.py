"""The app icon (resources/icons) and the Linux desktop entry (packaging/)."""
from __future__ import annotations

import os
import shutil
import struct
import subprocess

import pytest
from PySide6.QtGui import QImage

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ICONS = os.path.join(ROOT, "resources", "icons")
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_icons_have_their_size_and_a_transparent_corner(size):
    image = QImage(os.path.join(ICONS, f"ipcscope-{size}.png"))
    assert not image.isNull() and image.width() == size and image.height() == size
    assert image.hasAlphaChannel() and image.pixelColor(0, 0).alpha() == 0


def test_svg_is_the_source():
    with open(os.path.join(ICONS, "ipcscope.svg"), encoding="utf-8") as f:
        text = f.read()
    assert "<svg" in text and "#0072B2" in text and "#009E73" in text


def test_ico_holds_png_images_16_to_256():
    with open(os.path.join(ICONS, "ipcscope.ico"), "rb") as f:
        data = f.read()
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1) and count == 7
    sides = []
    for i in range(count):
        width, _, _, _, _, _, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert data[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + size <= len(data)
        sides.append(width or 256)
    assert sides == [16, 24, 32, 48, 64, 128, 256]


def test_icns_holds_png_images_16_to_1024():
    with open(os.path.join(ICONS, "ipcscope.icns"), "rb") as f:
        data = f.read()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    kinds, offset = [], 8
    while offset < len(data):
        kind, length = data[offset:offset + 4], struct.unpack_from(">I", data, offset + 4)[0]
        assert data[offset + 8:offset + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        offset += length
    assert offset == len(data)
    assert kinds == [b"icp4", b"icp5", b"icp6", b"ic07", b"ic08", b"ic09", b"ic10"]


def test_desktop_entry():
    path = os.path.join(ROOT, "packaging", "ipcscope.desktop")
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    assert lines[0] == "[Desktop Entry]"
    keys = dict(line.split("=", 1) for line in lines[1:] if "=" in line)
    assert keys["Type"] == "Application" and keys["Icon"] == "ipcscope"
    assert keys["Exec"] == "ipcscope" and keys["Terminal"] == "false"
    assert keys["StartupWMClass"] == "ipcscope"     # Qt's WM_CLASS for the app
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", path], capture_output=True, text=True)
        assert done.returncode == 0 and not done.stdout.strip(), done.stdout
