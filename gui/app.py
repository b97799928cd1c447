"""Entry point of `ipcscope`: freeze_support() first, then either the command line
(core/cli.py, no Qt loaded) or the window."""
from __future__ import annotations

import multiprocessing
import sys

CLI_COMMANDS = {"list", "run", "--self-test", "-h", "--help"}


def main(argv: list[str] | None = None) -> int:
    multiprocessing.freeze_support()  # a frozen child must not open another window
    argv = sys.argv[1:] if argv is None else argv
    from core import cli
    if argv and argv[0] in CLI_COMMANDS:
        return cli.main(argv)
    # The window comes with its own issue; until then the app checks itself.
    return cli.main(["--self-test"])


if __name__ == "__main__":
    sys.exit(main())
