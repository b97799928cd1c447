"""Entry point of `ipcscope`: freeze_support() first, then either the command line
(core/cli.py, no Qt loaded) or the window (Qt is imported only once a window is sure).

    ipcscope                         the window
    ipcscope TRACE                   the window, showing a saved run
    ipcscope SCRIPT.py [ARGS...]     the window, with that program listed and chosen
    ipcscope --screenshot FILE ...   the window, run a scenario, save a PNG, exit
    ipcscope list | run | export | --self-test    core/cli.py
"""
from __future__ import annotations

import multiprocessing
import sys

CLI_COMMANDS = {"list", "run", "trace", "export", "--self-test", "-h", "--help"}
EXIT_BAD_INPUT = 2


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # a frozen child must not open another window
    from ipcscope.gui import app_log
    app_log.start()  # a double-clicked app has no terminal: gui/app_log.py
    argv = sys.argv[1:] if argv is None else argv
    from ipcscope.core import cli
    if argv and argv[0] in CLI_COMMANDS:
        code = cli.main(argv, animate=_animate)
        if argv[0] in ("-h", "--help"):
            from ipcscope.gui.window_args import USAGE
            print("\n" + USAGE)
        if argv[0] == "trace":
            _leave_now(code)
        return code
    from ipcscope.core.scenarios.base import ParamError
    from ipcscope.core.trace import TraceError
    from ipcscope.gui import window_args
    try:
        options = window_args.parse(argv)
    except (cli.UsageError, ParamError, TraceError) as error:
        print(f"ipcscope: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    from ipcscope.gui.xcb_libs import xcb_problem
    problem = window_args.display_problem() or xcb_problem()
    if problem:
        print(f"ipcscope: {problem}", file=sys.stderr)
        return EXIT_BAD_INPUT
    app_log.window_session(show_errors=options.screenshot is None)
    from ipcscope.gui.launch import open_window
    return open_window(options)


def _leave_now(code: int) -> None:
    """`ipcscope trace` has said everything and closed what it wrote (the trace, the
    JSON); python's finalization of numpy and the model would only add ~27 ms to every
    traced program's time (docs/performance.md).  Exit handlers still run.  The
    program's own process is not this one: python finalizes it as usual."""
    import atexit
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):   # closed, or a reader gone
            pass
    import os
    os._exit(code)


def _animate(trace_path, outputs, fps, width, speed) -> None:
    """`export --gif/--mp4/--webm`: Qt, loaded only for these (rendered offscreen)."""
    from ipcscope.gui.animation_export import export_from_command_line
    export_from_command_line(trace_path, outputs, fps, width, speed)


if __name__ == "__main__":
    sys.exit(main())
