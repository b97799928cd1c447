"""What the bundle runs (packaging/ipcscope.spec): freeze_support() first, then the app.

Every child a frozen app starts is this same executable: `--multiprocessing-fork ...`
for a spawned process, `-c 'from multiprocessing.resource_tracker import main...'` for
a resource tracker, `-c 'from multiprocessing.forkserver import main...'` for a fork
server.  freeze_support() (PyInstaller's, installed by its multiprocessing runtime hook)
runs those and exits, so no child gets past this line and none opens a window.

`ipcscope trace` starts a program's main as `--ipcscope-program-main script.py ...`
(core/program.py), and each spawned child of a traced program must install tracing
before freeze_support() unpickles it (core/tracing/child.py does in a child started
from source, through its command line).
"""
import os
import sys

if len(sys.argv) > 1 and sys.argv[1] == "--ipcscope-program-main":
    del sys.argv[1]
    from ipcscope.core.tracing.program_main import main as program_main
    program_main()
elif os.environ.get("IPCSCOPE_TRACE") and "--multiprocessing-fork" in sys.argv:
    import ipcscope.core.tracing.child  # noqa: F401 - installs tracing

import multiprocessing  # noqa: E402

multiprocessing.freeze_support()

from ipcscope.gui.app import main  # noqa: E402

sys.exit(main())
