"""The built app, dist/ipcscope/ipcscope: tests that run the frozen binary itself.

They run only when the bundle is there and newer than the sources it was built from;
otherwise they are skipped, saying why.  `make bundle-check` sets
IPCSCOPE_REQUIRE_BUNDLE=1, which turns that skip into a failure."""
from __future__ import annotations

import glob
import importlib.util
import os
import subprocess
import sys

import psutil
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUNDLE_DIR = os.path.join(ROOT, "dist", "ipcscope")
BUNDLE = os.path.join(BUNDLE_DIR, "ipcscope.exe" if sys.platform == "win32" else "ipcscope")
SOURCES = ("core/**/*.py", "gui/**/*.py", "packaging/*.py", "packaging/*.spec",
           "resources/icons/*")


def bundle_problem() -> str | None:
    if not os.path.isfile(BUNDLE):
        return "no bundle at dist/ipcscope/ipcscope: `make bundle` builds it"
    built = os.path.getmtime(BUNDLE)
    newer = [path for pattern in SOURCES
             for path in glob.glob(os.path.join(ROOT, pattern), recursive=True)
             if os.path.getmtime(path) > built]
    if newer:
        return (f"dist/ipcscope is older than {os.path.relpath(newer[0], ROOT)} "
                f"(and {len(newer) - 1} more): `make bundle` rebuilds it")
    return None


@pytest.fixture(scope="session")
def bundle() -> str:
    problem = bundle_problem()
    if problem:
        if os.environ.get("IPCSCOPE_REQUIRE_BUNDLE") == "1":
            pytest.fail(problem)
        pytest.skip(problem)
    return BUNDLE


@pytest.fixture
def bundle_env(tmp_path):
    """The environment a double-clicked app gets: no Qt platform forced, its own data
    folder and settings (so a test never writes the user's log or settings)."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "PYTHONPATH", "PYTHONHOME")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "share"),
               IPCSCOPE_DATA_DIR=str(tmp_path / "data"))
    return env


def packaging_module(name: str):
    """A module of packaging/ (a folder of build scripts, not a package: `packaging` is
    pip's)."""
    spec = importlib.util.spec_from_file_location(
        name, os.path.join(ROOT, "packaging", name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bundle_processes() -> list[psutil.Process]:
    """Every live process whose executable is the bundle's (the app and its children)."""
    real = os.path.realpath(BUNDLE)
    found = []
    for proc in psutil.process_iter(["exe", "status"]):
        try:
            if proc.info["exe"] and os.path.realpath(proc.info["exe"]) == real \
                    and proc.info["status"] != psutil.STATUS_ZOMBIE:
                found.append(proc)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def run_bundle(bundle: str, *args: str, env: dict, timeout: float = 120,
               xvfb: bool = False) -> subprocess.CompletedProcess:
    command = [bundle, *args]
    if xvfb:
        command = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", *command]
    return subprocess.run(command, env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=os.path.dirname(bundle))
