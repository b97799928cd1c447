"""What the bundle runs (packaging/ipcscope.spec): freeze_support() first, then the app.

Every child a frozen app starts is this same executable: `--multiprocessing-fork ...`
for a spawned process, `-c 'from multiprocessing.resource_tracker import main...'` for
a resource tracker, `-c 'from multiprocessing.forkserver import main...'` for a fork
server.  freeze_support() (PyInstaller's, installed by its multiprocessing runtime hook)
runs those and exits, so no child gets past this line and none opens a window.
"""
import multiprocessing

multiprocessing.freeze_support()

import sys  # noqa: E402

from ipcscope.gui.app import main  # noqa: E402

sys.exit(main())
