"""Render resources/icons/ipcscope.svg to the icon files the bundle and the desktop use:

    resources/icons/ipcscope-<N>.png   N = 16 24 32 48 64 128 256 512 (Linux, the window)
    resources/icons/ipcscope.ico       Windows (PNG entries 16-256)
    resources/icons/ipcscope.icns      macOS (PNG entries 16-1024)

The outputs are committed; run this again only after changing the SVG:
    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icons.py
"""
from __future__ import annotations

import os
import struct
import sys

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                     "resources", "icons")
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS entry types that hold a PNG, by pixel size (what Apple's iconutil writes).
ICNS_TYPES = ((16, b"icp4"), (32, b"icp5"), (64, b"icp6"), (128, b"ic07"),
              (256, b"ic08"), (512, b"ic09"), (1024, b"ic10"))


def render(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format_ARGB32_Premultiplied)
    image.fill(Qt.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO whose entries are PNGs (Windows Vista and later read these)."""
    header = struct.pack("<HHH", 0, 1, len(ICO_SIZES))
    offset = len(header) + 16 * len(ICO_SIZES)
    entries, blobs = b"", b""
    for size in ICO_SIZES:
        png = pngs[size]
        side = 0 if size >= 256 else size      # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for size, kind in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    renderer = QSvgRenderer(os.path.join(ICONS, "ipcscope.svg"))
    if not renderer.isValid():
        print("make_icons: resources/icons/ipcscope.svg does not render", file=sys.stderr)
        return 1
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {s for s, _ in ICNS_TYPES})
    pngs = {size: render(renderer, size) for size in sizes}
    for size in PNG_SIZES:
        with open(os.path.join(ICONS, f"ipcscope-{size}.png"), "wb") as f:
            f.write(pngs[size])
    with open(os.path.join(ICONS, "ipcscope.ico"), "wb") as f:
        f.write(ico(pngs))
    with open(os.path.join(ICONS, "ipcscope.icns"), "wb") as f:
        f.write(icns(pngs))
    print(f"make_icons: {len(PNG_SIZES)} PNGs, ipcscope.ico, ipcscope.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
