"""core/ never imports Qt: checked by importing every module in a clean interpreter."""
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORE = ROOT / "core"
GUI_OR_QT = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "ipcscope.gui")


def _imported_after(code: str) -> list[str]:
    probe = (f"{code}\n"
             "import sys\n"
             f"print(','.join(m for m in sys.modules if m.startswith({GUI_OR_QT!r})))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd="/", timeout=60)
    assert out.returncode == 0, out.stderr
    return [m for m in out.stdout.strip().split(",") if m]


def test_core_imports_no_qt():
    modules = sorted("ipcscope.core." + ".".join(p.relative_to(CORE).with_suffix("").parts)
                     for p in CORE.rglob("*.py") if p.name != "__init__.py")
    assert len(modules) > 10
    bad = _imported_after(f"import importlib\nfor m in {modules!r}: importlib.import_module(m)")
    assert bad == [], f"core pulled in: {bad}"


def test_core_names_no_gui_or_qt_in_any_import():
    """Not even inside a function, where importing the module would not notice."""
    import ast
    found = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.relative_to(ROOT)}:{node.lineno} {name}" for name in names
                      if name.startswith(GUI_OR_QT)]
    assert found == []


def test_the_check_sees_the_gui():
    """The check above would notice: importing a gui module is reported."""
    assert "ipcscope.gui.colors" in _imported_after("import ipcscope.gui.colors")


def test_children_import_no_numpy():
    """What a traced child imports (probe and a scenario) stays light: no numpy, no Qt."""
    code = ("import sys; import ipcscope.core.probe, ipcscope.core.runner, "
            "ipcscope.core.scenarios.manager_counter\n"
            "print(','.join(m for m in sys.modules if m.split('.')[0] in "
            "('numpy', 'PySide6', 'pyqtgraph')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd="/", timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_nothing_imports_the_bare_folder_names():
    """The folders are packages ipcscope.core / ipcscope.gui: an `import core` would load a
    second copy of a module (with its own state) wherever the repo happens to be on sys.path."""
    bad = []
    for path in list(ROOT.glob("core/**/*.py")) + list(ROOT.glob("gui/**/*.py")) + \
            list(ROOT.glob("tests/**/*.py")) + list(ROOT.glob("benchmarks/*.py")) + \
            list(ROOT.glob("packaging/*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if stripped.startswith(("from core", "from gui", "import core", "import gui")):
                bad.append(f"{path.relative_to(ROOT)}:{number}: {stripped}")
    assert bad == []
