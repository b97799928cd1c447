"""PyInstaller runtime hook (packaging/ipcscope.spec): a multiprocessing child of the
frozen app does not load Qt.

Every process of the bundle runs PyInstaller's runtime hooks before packaging/entry.py,
and so before freeze_support().  PyInstaller's PySide6 hook ends by importing
PySide6.QtCore, to embed a qt.conf that PyPI's PySide6 wheels already embed themselves
-- so every scenario child, resource tracker and fork server would load QtCore, ICU
and shiboken for nothing, and a spawned child would start about twice as slowly as
from source.  Custom runtime hooks run first: in a child (started as
`--multiprocessing-fork ...` or `-c 'from multiprocessing...'`), that step is skipped.
The app's own process is left as PyInstaller made it.
"""


def _skip_qt_in_multiprocessing_children():
    import sys

    argv = sys.argv
    child = len(argv) > 1 and argv[1] == "--multiprocessing-fork"
    if "-c" in argv and argv.index("-c") + 1 < len(argv):
        command = argv[argv.index("-c") + 1]
        child = child or "from multiprocessing." in command
    if not child:
        return
    try:
        from _pyi_rth_utils import qt
    except ImportError:
        return
    qt.create_embedded_qt_conf = lambda *args, **kwargs: None


_skip_qt_in_multiprocessing_children()
del _skip_qt_in_multiprocessing_children
