"""A child that crashes and is reaped by active_children() (its poll()), not by join():
the way python's own exit handlers reap it when main is stopped.  IPC Scope's exit
watcher is switched off here, as if it had lost the race to the poll, so only the
reaping itself can report the exit code."""
import ctypes
import multiprocessing as mp
import sys
from multiprocessing.connection import wait

from ipcscope.core.tracing import processes as traced


def segfault():
    ctypes.string_at(0)


if __name__ == "__main__":
    mp.set_start_method(sys.argv[1])
    traced._watch = lambda pid, sentinel: None
    child = mp.Process(target=segfault, name="segfault")
    child.start()
    while mp.active_children():        # poll() until it is reaped
        wait([child.sentinel], 0.05)    # (the sentinel's wait does not reap it)
    print("exit", child.exitcode)
