"""`pip install .` adds one package to site-packages, `ipcscope`, with core and gui under
it: no top-level `core` or `gui` to collide with another project's."""
import pathlib
import shutil
import subprocess
import sys
import sysconfig
import venv

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.mark.timeout(300)
def test_install_adds_only_ipcscope(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    purelib = pathlib.Path(subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())
    before = set(p.name for p in purelib.iterdir())
    # A copy of what a source distribution holds: setuptools builds in the source tree.
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    for package in ("core", "gui"):
        shutil.copytree(ROOT / package, source / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    # This test's own pip installs into the fresh venv (pip --python), no dependencies.
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                           "--quiet", "--no-deps", str(source)],
                          capture_output=True, text=True, timeout=280)
    assert done.returncode == 0, done.stderr
    added = set(p.name for p in purelib.iterdir()) - before
    assert {name.split("-")[0] for name in added} == {"ipcscope"}, added
    assert (purelib / "ipcscope" / "core" / "probe.py").is_file()
    assert (purelib / "ipcscope" / "gui" / "plots" / "depth_plot.py").is_file()
    assert (purelib / "ipcscope" / "core" / "scenarios" / "queue_sentinel.py").is_file()
    assert sysconfig.get_paths()["purelib"] != str(purelib)
    # The installed copy imports on its own (events needs nothing outside the stdlib).
    check = subprocess.run([python, "-c", "import ipcscope.core.events as e; print(e.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip().startswith(str(purelib))
