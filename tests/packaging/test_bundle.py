"""The frozen app, run as a user would run it: its children are the frozen binary too,
every start method works, a forced stop leaves no process and no semaphore, and the
window opens on a real X server (Xvfb) and draws a run."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import psutil
import pytest
from ipcscope.core import scenarios

from tests.packaging.conftest import (
    BUNDLE_DIR,
    ROOT,
    bundle_processes,
    packaging_module,
    run_bundle,
)

SIZE_LIMIT = 150_000_000          # bytes: the target for dist/ipcscope

pytestmark = pytest.mark.skipif(sys.platform == "win32",
                                reason="these checks read /proc and /dev/shm")


@pytest.fixture
def nothing_left(tmp_path):
    """The bundle leaves no process of its own behind, and no run leaves a semaphore in
    /dev/shm.  Exact: a test passes `--trace trace_file()` to each run, and the
    semaphores each run recorded creating are looked for (other runs on a shared
    machine come and go in /dev/shm too)."""
    traces = []

    def trace_file() -> str:
        traces.append(str(tmp_path / f"run-{len(traces)}.ipcscope"))
        return traces[-1]
    yield trace_file
    deadline = time.monotonic() + 5
    while bundle_processes() and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [(p.pid, " ".join(p.cmdline())[:120]) for p in bundle_processes()]
    assert not left, f"bundle processes left: {left}"
    from ipcscope.core.trace import load_run
    leaked = [name for path in traces for name in load_run(path).model.semaphores
              if os.path.exists("/dev/shm/sem." + name.lstrip("/"))]
    assert not leaked, f"semaphores left in /dev/shm: {leaked}"


def recorded_semaphores(trace: str) -> list[str]:
    from ipcscope.core.trace import load_run
    return load_run(trace).model.semaphores


def summary_of(done: subprocess.CompletedProcess) -> dict:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# --- the command line from the bundle ------------------------------------------------

def test_list_names_every_scenario(bundle, bundle_env):
    done = run_bundle(bundle, "list", env=bundle_env, timeout=60)
    assert done.returncode == 0, done.stderr
    for scenario_id in scenarios.SCENARIO_IDS:
        assert scenario_id in done.stdout


def test_bad_input_is_one_sentence(bundle, bundle_env):
    done = run_bundle(bundle, "run", "no-such-scenario", env=bundle_env, timeout=60)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "no scenario" in lines[0] and "Traceback" not in done.stderr


@pytest.mark.parametrize("method", ["spawn", "fork", "forkserver"])
def test_every_start_method_runs_from_the_bundle(bundle, bundle_env, method, nothing_left):
    trace = nothing_left()
    done = run_bundle(bundle, "run", "queue-sentinel", "--set", "items=2", "--set",
                      f"start_method={method}", "--speed", "10", "--json", "--trace", trace,
                      env=bundle_env)
    summary = summary_of(done)
    assert summary["as_predicted"], summary["problems"]
    assert summary["leftover_processes"] == 0
    assert summary["result"]["items_eaten"] == summary["result"]["items_made"]
    if method != "fork":     # under fork multiprocessing unlinks them at once
        assert recorded_semaphores(trace), "the run recorded no semaphore: nothing checked"


@pytest.mark.parametrize("method", ["spawn", "fork", "forkserver"])
def test_a_program_of_ones_own_is_traced_from_the_bundle(bundle, bundle_env, method, tmp_path):
    """`ipcscope trace` from the bundle: the program's main and its spawned children are
    the frozen binary too, and are traced (a worker, its grandchild, a queue it made)."""
    program = os.path.join(ROOT, "tests", "programs", "subclass_nested.py")
    done = run_bundle(bundle, "trace", "--json", "-", program, method, env=bundle_env)
    assert done.returncode == 0, done.stderr
    output, _, rest = done.stdout.partition("{")
    assert "('worker', 'made here', 'MainProcess')" in output
    summary = json.loads("{" + rest)
    assert {p["name"] for p in summary["processes"]} == {"MainProcess", "worker", "grandchild"}
    assert {q["name"] for q in summary["queues"]} == {"results", "inner"}
    assert summary["leftover_processes"] == 0


def test_a_pools_queues_are_named_from_the_bundle(bundle, bundle_env, tmp_path):
    """The bundle ships multiprocessing without its source: a Pool's and an executor's
    own queues are still traced and named after the pool (the bytecode says which
    attribute each is stored in)."""
    program = os.path.join(ROOT, "tests", "programs", "pool_squares.py")
    out = tmp_path / "summary.json"
    done = run_bundle(bundle, "trace", "--json", str(out), program, env=bundle_env)
    assert done.returncode == 0, done.stderr
    summary = json.loads(out.read_text())
    assert [q["name"] for q in summary["queues"]] == \
        ["pool.tasks", "pool.results", "executor.tasks", "executor.results"]


def test_manager_and_pipes_run_under_forkserver(bundle, bundle_env, nothing_left):
    for scenario_id in ("manager-counter", "pipe-producer-consumer"):
        done = run_bundle(bundle, "run", scenario_id, "--set", "start_method=forkserver",
                          "--speed", "20", "--json", "--trace", nothing_left(),
                          env=bundle_env)
        summary = summary_of(done)
        assert summary["as_predicted"], (scenario_id, summary["problems"])
        assert summary["leftover_processes"] == 0


def test_children_are_the_frozen_binary(bundle, bundle_env, nothing_left):
    """The scenario's main, its children and its resource tracker are all the bundle's
    executable, started by multiprocessing (--multiprocessing-fork, -c ...): none of
    them runs the app's own command line, so none opens a window, and none loads Qt
    (packaging/rthook_children.py)."""
    app = subprocess.Popen([bundle, "run", "bounded-queue", "--speed", "2", "--trace",
                            nothing_left()], env=bundle_env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
    seen: dict[int, list[str]] = {}
    with_qt: list[str] = []
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and app.poll() is None:
            for child in psutil.Process(app.pid).children(recursive=True):
                try:
                    seen[child.pid] = [os.path.realpath(child.exe()), *child.cmdline()[1:]]
                    with open(f"/proc/{child.pid}/maps") as f:
                        if "libQt6Core" in f.read():
                            with_qt.append(" ".join(child.cmdline()[1:])[:80])
                except (psutil.NoSuchProcess, OSError):
                    continue
            if len(seen) >= 5:
                break
            time.sleep(0.05)
        out, err = app.communicate(timeout=60)
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
    assert app.returncode == 0, err
    assert "completed" in out
    real = os.path.realpath(bundle)
    assert len(seen) >= 5, seen
    for exe, *args in seen.values():
        assert exe == real, (exe, args)
        assert args[:1] == ["--multiprocessing-fork"] or "-c" in args, args
    commands = [" ".join(args) for _, *args in seen.values()]
    assert any("resource_tracker import main" in c for c in commands), commands
    assert not with_qt, f"children that loaded Qt: {with_qt}"


# --- stopping: the same promises as the source app, from the bundle --------------------

def start_long_run(bundle, env, trace=None):
    """A run that goes on for a while: 70 processes, each sleeping, at a tenth of speed."""
    return subprocess.Popen([bundle, "run", "manager-counter", "--speed", "0.1",
                             "--timeout", "60", *(["--trace", trace] if trace else [])],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_children(pid: int, count: int, timeout: float = 30) -> list[psutil.Process]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = psutil.Process(pid).children(recursive=True)
        if len(children) >= count:
            return children
        time.sleep(0.05)
    raise AssertionError(f"the run did not start {count} processes in {timeout} s")


def scenario_main(children: list[psutil.Process]) -> psutil.Process:
    return next(c for c in children if "--multiprocessing-fork" in c.cmdline()
                and c.ppid() == children[0].ppid())


def test_interrupt_stops_the_run_and_leaves_nothing(bundle, bundle_env, nothing_left):
    # No trace here: an interrupted `run --trace` writes an end record that load_run
    # does not accept (core/trace.py), so only processes are checked.
    app = start_long_run(bundle, bundle_env)
    wait_for_children(app.pid, 10)
    app.send_signal(signal.SIGINT)
    out, err = app.communicate(timeout=30)
    assert app.returncode == 130, err
    assert "interrupted" in err and "Traceback" not in err


def test_killed_scenario_main_leaves_nothing(bundle, bundle_env, nothing_left):
    """SIGKILL to the run's main (frozen) mid-run: the supervisor sees it, stops the rest
    and the run's own resource tracker unlinks its semaphores."""
    app = start_long_run(bundle, bundle_env, nothing_left())
    children = wait_for_children(app.pid, 10)
    scenario_main(children).kill()
    out, err = app.communicate(timeout=30)
    assert app.returncode == 0, err
    assert "crashed" in out.splitlines()[0]
    assert "leftover processes: 0" in out


def test_killed_main_and_tracker_leave_no_semaphore(bundle, bundle_env, nothing_left):
    app = start_long_run(bundle, bundle_env, nothing_left())
    children = wait_for_children(app.pid, 10)
    main = scenario_main(children)
    trackers = [c for c in main.children()
                if "multiprocessing.resource_tracker" in " ".join(c.cmdline())]
    assert trackers, "the run has no resource tracker of its own"
    for proc in trackers + [main]:
        proc.kill()
    out, err = app.communicate(timeout=30)
    assert app.returncode == 0, err
    assert "leftover processes: 0" in out


def test_timeout_ends_the_run(bundle, bundle_env, nothing_left):
    done = run_bundle(bundle, "run", "manager-counter", "--speed", "0.1", "--timeout", "2",
                      "--json", "--trace", nothing_left(), env=bundle_env)
    summary = summary_of(done)
    assert summary["status"] == "timeout"
    assert summary["leftover_processes"] == 0


# --- the window ------------------------------------------------------------------------

def non_blank_png(path) -> None:
    from PySide6.QtGui import QImage
    image = QImage(str(path))
    assert not image.isNull() and image.width() >= 900 and image.height() >= 600
    small = image.scaled(64, 40)
    colours = {small.pixel(x, y) for x in range(64) for y in range(40)}
    assert len(colours) > 20, "the screenshot looks blank"


@pytest.mark.timeout(180)
def test_window_under_xvfb_draws_a_run(bundle, bundle_env, tmp_path, nothing_left):
    """A real xcb window (not offscreen) from the bundle: the run's screenshot is a PNG
    that is not blank, and the start is in the log file in the user's data folder."""
    if shutil.which("xvfb-run") is None:
        if os.environ.get("IPCSCOPE_REQUIRE_BUNDLE") == "1":
            pytest.fail("xvfb-run is missing: `make bundle-deps` installs it")
        pytest.skip("xvfb-run is not installed")
    shot = tmp_path / "window.png"
    done = run_bundle(bundle, "--screenshot", str(shot), "--scenario", "bounded-queue",
                      "--speed", "10", env=bundle_env, xvfb=True, timeout=150)
    assert done.returncode == 0, done.stderr
    non_blank_png(shot)
    log = (tmp_path / "data" / "ipcscope.log").read_text(encoding="utf-8")
    assert "opens the window" in log and "bundle" in log
    assert "Traceback" not in log


def test_window_opens_with_the_bundles_own_xcb_libraries(bundle, bundle_env, nothing_left):
    """Double-click: no arguments, a real X server.  The window's process loads Qt's xcb
    plugin and the xcb libraries Qt 6.5+ needs (often missing from a desktop) from the
    bundle, not from the system."""
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run is not installed")
    xvfb = subprocess.Popen(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24", bundle],
                            env=bundle_env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        maps = ""
        wanted = ("libqxcb", "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxkbcommon-x11.so.0")
        deadline = time.monotonic() + 30
        # dlopen maps the plugin, then its libraries: wait until each is mapped (from
        # wherever), then check where each came from
        while not all(name in maps for name in wanted) and time.monotonic() < deadline:
            assert xvfb.poll() is None, "the window's process ended"
            apps = [p for p in psutil.Process(xvfb.pid).children(recursive=True)
                    if p.pid in {q.pid for q in bundle_processes()}]
            for app in apps:
                try:
                    with open(f"/proc/{app.pid}/maps") as f:
                        maps = f.read()
                except OSError:
                    pass
            time.sleep(0.1)  # another process's memory map: nothing to wait on but time
        assert "libqxcb" in maps, "the window never loaded the xcb platform plugin"
        internal = os.path.join(BUNDLE_DIR, "_internal")
        for lib in ("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxkbcommon-x11.so.0"):
            assert os.path.join(internal, lib) in maps, f"{lib} did not come from the bundle"
    finally:
        for proc in bundle_processes():
            proc.terminate()
        try:
            xvfb.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(xvfb.pid, signal.SIGKILL)
            xvfb.wait()


def test_window_offscreen_draws_a_run(bundle, bundle_env, tmp_path, nothing_left):
    shot = tmp_path / "window.png"
    done = run_bundle(bundle, "--screenshot", str(shot), "--scenario", "pipe-eof",
                      "--speed", "10", env={**bundle_env, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    non_blank_png(shot)


def test_export_makes_a_gif_headless_and_says_video_needs_pyav(bundle, bundle_env, tmp_path):
    """Pillow as the bundle trims it (core and GIF plugin, linked libraries) writes the
    animation with no display; MP4 is the optional extra, said in one sentence."""
    trace = tmp_path / "run.ipcscope"
    done = run_bundle(bundle, "run", "bounded-queue", "--set", "items=3", "--speed", "10",
                      "--trace", str(trace), env=bundle_env)
    assert done.returncode == 0, done.stderr
    headless = {k: v for k, v in bundle_env.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    gif = tmp_path / "run.gif"
    done = run_bundle(bundle, "export", str(trace), "--gif", str(gif), "--width", "640",
                      env=headless)
    assert done.returncode == 0, done.stderr
    from PIL import Image
    with Image.open(gif) as image:
        assert image.size == (640, 360) and image.n_frames > 10
    done = run_bundle(bundle, "export", str(trace), "--mp4", str(tmp_path / "run.mp4"),
                      env=headless)
    assert done.returncode == 2 and "ipcscope[video]" in done.stderr, done.stderr
    assert done.stderr.count("\n") == 1 and not (tmp_path / "run.mp4").exists()


# --- what the bundle holds -----------------------------------------------------------

def bundle_size() -> int:
    total = 0
    for folder, _, files in os.walk(BUNDLE_DIR):
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                total += os.path.getsize(path)
    return total


def test_bundle_is_at_most_150_mb(bundle):
    size = bundle_size()
    assert size <= SIZE_LIMIT, f"dist/ipcscope is {size:,} bytes, over {SIZE_LIMIT:,}"


def test_bundle_leaves_out_unused_qt(bundle):
    internal = os.path.join(BUNDLE_DIR, "_internal")
    pyside = os.path.join(internal, "PySide6")
    modules = {name.split(".")[0] for name in os.listdir(pyside) if name.startswith("Qt")
               and name.endswith((".so", ".pyd"))}
    assert modules == packaging_module("qt_usage").qt_modules_used(ROOT)
    libs = os.listdir(os.path.join(pyside, "Qt", "lib"))
    for unused in ("Qt6Quick", "Qt6Qml", "Qt6Network", "Qt6Pdf", "Qt6WebEngine"):
        assert not any(unused in name for name in libs), unused
    assert not os.path.exists(os.path.join(pyside, "Qt", "translations"))
    assert not any(name.startswith(("libstdc++", "libgtk", "libssl")) for name in os.listdir(internal))


def test_bundle_carries_scenario_sources_icons_and_desktop_entry(bundle):
    """The window's source view opens each scenario's .py; the desktop entry and its
    installer sit beside the executable."""
    internal = os.path.join(BUNDLE_DIR, "_internal")
    for scenario_id in scenarios.SCENARIO_IDS:
        module = scenarios.module_name(scenario_id).replace(".", os.sep) + ".py"
        assert os.path.isfile(os.path.join(internal, module)), module
    assert os.path.isfile(os.path.join(internal, "ipcscope", "resources", "icons", "ipcscope-256.png"))
    assert os.path.isfile(os.path.join(BUNDLE_DIR, "ipcscope.desktop"))
    assert os.access(os.path.join(BUNDLE_DIR, "install-desktop-entry.sh"), os.X_OK)


def test_desktop_entry_installs_for_the_user(bundle, tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "share")}
    done = subprocess.run([os.path.join(BUNDLE_DIR, "install-desktop-entry.sh")], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    entry = (tmp_path / "share" / "applications" / "ipcscope.desktop").read_text()
    assert f'Exec="{os.path.realpath(bundle)}"' in entry
    assert (tmp_path / "share" / "icons" / "hicolor" / "256x256" / "apps" / "ipcscope.png").is_file()
