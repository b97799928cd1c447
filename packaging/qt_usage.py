"""Which PySide6 modules the window's code imports (gui/*.py), so that the spec keeps
exactly those and a new `from PySide6.QtSvg import ...` in gui/ is never dropped from
the bundle by surprise.  Used by packaging/ipcscope.spec and tests/packaging."""
from __future__ import annotations

import os
import re

# pyqtgraph imports these two itself, with importlib (PlotCurveItem, Qt/OpenGLHelpers):
# no import statement names them.  The app never draws through OpenGL.
PYQTGRAPH_NEEDS = {"QtOpenGL", "QtOpenGLWidgets"}
_DOTTED = re.compile(r"^\s*(?:from|import)\s+PySide6\.(Qt\w+)", re.M)
_FROM = re.compile(r"^\s*from\s+PySide6\s+import\s+\(?([\w\s,]+)\)?", re.M)


def imported_by(folder: str) -> set[str]:
    found = set()
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".py"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        found |= set(_DOTTED.findall(text))
        for names in _FROM.findall(text):
            found |= set(re.findall(r"\bQt\w+", names))
    return found


def qt_modules_used(root: str) -> set[str]:
    return {"QtCore", "QtGui", "QtWidgets"} | PYQTGRAPH_NEEDS | \
        imported_by(os.path.join(root, "gui"))


if __name__ == "__main__":
    print(" ".join(sorted(qt_modules_used(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))))))
