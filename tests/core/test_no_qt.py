"""core/ never imports Qt: checked by importing every module in a clean interpreter."""
import pathlib
import subprocess
import sys

CORE = pathlib.Path(__file__).resolve().parents[2] / "core"


def test_core_imports_no_qt():
    modules = sorted("core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
                     for p in CORE.rglob("*.py") if p.name != "__init__.py")
    code = ("import sys, importlib\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'shiboken6', 'pyqtgraph', 'gui', 'PyQt5', 'PyQt6')]\n"
            "print(','.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=CORE.parent, timeout=60)
    assert out.returncode == 0, out.stderr
    assert len(modules) > 10
    assert out.stdout.strip() == "", f"core pulled in: {out.stdout}"


def test_children_import_no_numpy():
    """What a traced child imports (probe and a scenario) stays light: no numpy, no Qt."""
    code = ("import sys; import core.probe, core.runner, core.scenarios.manager_counter\n"
            "print(','.join(m for m in sys.modules if m.split('.')[0] in "
            "('numpy', 'PySide6', 'pyqtgraph')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=CORE.parent, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
