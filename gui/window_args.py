"""The window's command line — `ipcscope [--lang zh|en] [--presenter] [--theme light|dark]
[TRACE | SCRIPT.py [ARGS...]]`,
`ipcscope --screenshot FILE [--scenario ID] [--set KEY=VALUE]... [--speed F] [--after S]
[SCRIPT.py [ARGS...]]` — and the check that there is a display to open it on.  No Qt here: bad input and a missing display are told in one sentence
before Qt is loaded (Qt's own answer to a missing display is an abort)."""
from __future__ import annotations

import argparse
import os
import re
import socket
import sys
from dataclasses import dataclass, field

from ipcscope.core import scenarios
from ipcscope.core.cli import parse_sets
from ipcscope.core.cli_args import SentenceParser, UsageError

HEADLESS_PLATFORMS = {"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"}
USAGE = ("window options: ipcscope [--lang zh|en] [--presenter] [--theme light|dark] "
         "[TRACE | SCRIPT.py [ARGS...]] | [--screenshot FILE "
         "[--scenario ID] [--set KEY=VALUE]... [--speed F] [--after S] [SCRIPT.py [ARGS...]]]")


@dataclass
class WindowOptions:
    screenshot: str | None = None
    scenario: str | None = None
    params: dict = field(default_factory=dict)
    speed: float | None = None
    after: float | None = None
    trace: str | None = None         # `ipcscope FILE`: a saved run to show
    loaded: object = None            # that file, read (ipcscope.core.trace.LoadedRun)
    program: str | None = None       # `ipcscope script.py ARGS`: a program to list, absolute
    program_args: list = field(default_factory=list)
    language: str | None = None      # `--lang zh|en`; None: remembered, else the system's
    presenter: bool = False          # `--presenter`: start in presenter mode
    theme: str | None = None         # `--theme light|dark`; None: the system's scheme


def _parser() -> argparse.ArgumentParser:
    parser = SentenceParser(prog="ipcscope", add_help=False)
    parser.add_argument("--screenshot", metavar="FILE")
    parser.add_argument("--scenario", metavar="ID")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--speed", type=float)
    parser.add_argument("--after", type=float)
    parser.add_argument("--lang", metavar="zh|en")
    parser.add_argument("--presenter", action="store_true")
    parser.add_argument("--theme", metavar="light|dark")
    parser.add_argument("trace", nargs="?", metavar="TRACE")
    # after a script, everything is the script's (as after `python script.py`)
    parser.add_argument("args", nargs=argparse.REMAINDER)
    return parser


def is_script(path: str) -> bool:
    return path.lower().endswith(".py")


def parse(argv: list[str]) -> WindowOptions:
    """Raises UsageError, ParamError or TraceError (str() is one sentence)."""
    args = _parser().parse_args(argv)
    if args.lang is not None and args.lang not in ("zh", "en"):
        raise UsageError(f"--lang must be zh or en, not {args.lang!r}.")
    if args.theme is not None and args.theme not in ("light", "dark"):
        raise UsageError(f"--theme must be light or dark, not {args.theme!r}.")
    options = _parse(args)
    options.language = args.lang
    options.presenter, options.theme = args.presenter, args.theme
    return options


def _parse(args) -> WindowOptions:
    program = None
    if args.trace is not None and is_script(args.trace):
        program = _check_program(args.trace)
        if args.scenario or args.set or args.speed is not None:
            raise UsageError("--scenario, --set and --speed are a scenario's: a program "
                             "takes its own arguments after its name.")
    elif args.args:
        raise UsageError(f"Unexpected {args.args[0]!r}: only a program (a .py file) takes "
                         f"arguments after it.")
    elif args.trace is not None:
        if args.screenshot is not None:
            raise UsageError("Give either a trace file to open or --screenshot, not both.")
        return WindowOptions(trace=args.trace, loaded=_load(args.trace))
    if args.screenshot is None and (args.after is not None or args.set or args.scenario
                                    or args.speed is not None):
        raise UsageError("--scenario, --set, --speed and --after go with --screenshot FILE.")
    options = WindowOptions(screenshot=args.screenshot, speed=args.speed, after=args.after,
                            program=program, program_args=list(args.args))
    if args.screenshot is None:
        return options
    if program is None:
        spec = scenarios.get(args.scenario) if args.scenario else scenarios.all_scenarios()[0]
        options.scenario = spec.id
        options.params = spec.resolve(parse_sets(spec, args.set))
    if args.speed is not None and not 0.01 <= args.speed <= 1000:
        raise UsageError(f"--speed must be between 0.01 and 1000, not {args.speed:g}.")
    if args.after is not None and not 0 < args.after <= 3600:
        raise UsageError(f"--after must be more than 0 and at most 3600 seconds, "
                         f"not {args.after:g}.")
    if not args.screenshot.lower().endswith(".png"):
        raise UsageError(f"--screenshot writes a PNG: give a file name ending in .png, "
                         f"not {args.screenshot!r}.")
    _check_writable(args.screenshot)
    return options


def _check_program(path: str) -> str:
    """A script to run, checked before any window (one sentence and exit 2 if it cannot
    be run); its absolute path."""
    from ipcscope.core.program import Program
    Program(path=path).check()          # ParamError: the sentence `ipcscope trace` says
    return os.path.abspath(path)


def _load(path: str):
    """Read the trace before any window: a bad file is one sentence and exit 2."""
    from ipcscope.core import scenarios as registry
    from ipcscope.core.trace import TraceError, load_run
    if not os.path.exists(path):
        raise TraceError(f"There is no file {path} to open (`ipcscope -h` lists the "
                         f"commands).")
    loaded = load_run(path)
    if loaded.model.t0 is None:
        raise TraceError(f"{path} holds no events, so there is nothing to show.")
    scenario_id = loaded.meta.get("scenario", "")
    if scenario_id not in registry.SCENARIO_IDS and not loaded.meta.get("program"):
        raise TraceError(f"{path} is a run of a scenario this IPC Scope does not know "
                         f"({scenario_id!r}).")
    return loaded


def _check_writable(path: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"Cannot write the screenshot: the folder {folder} does not exist.")
    if not os.access(folder, os.W_OK) or (os.path.exists(path) and not os.access(path, os.W_OK)):
        raise UsageError(f"Cannot write the screenshot to {path}: permission denied.")


def display_problem(env=None, platform: str = sys.platform) -> str | None:
    """One sentence if a window cannot be opened here, else None."""
    env = os.environ if env is None else env
    if not platform.startswith("linux"):
        return None
    if env.get("QT_QPA_PLATFORM", "").split(":")[0] in HEADLESS_PLATFORMS:
        return None
    if env.get("WAYLAND_DISPLAY"):
        return None
    display = env.get("DISPLAY", "")
    if not display:
        return ("There is no display to open the window on (neither DISPLAY nor "
                "WAYLAND_DISPLAY is set); run ipcscope in a desktop session, or use "
                "`ipcscope run ID` for a run without a window.")
    local = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if local and not _x_server_listens(int(local.group(1))):
        return f"No X server answers on display {display}, so the window cannot open."
    return None


def _x_server_listens(number: int) -> bool:
    path = f"/tmp/.X11-unix/X{number}"
    for address in (path, "\0" + path):       # the file, then Linux's abstract socket
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(1.0)
        try:
            sock.connect(address)
            return True
        except OSError:
            continue
        finally:
            sock.close()
    return False
