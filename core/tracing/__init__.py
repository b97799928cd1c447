"""Tracing a program nobody wrote for us (`ipcscope trace script.py`).

The eight scenarios import traced stand-ins (core/probe.py).  A user's program imports
the real multiprocessing however it likes, so here the real classes are patched, in
every process of the run, before the program's first line:

    install.py         what is patched, and when (main, spawn, fork, forkserver children)
    child.py           imported first by every spawned child and by a fork server
    program_main.py    the program's main process: runs the script as `python` would
    processes.py       Process start / join / _bootstrap: lanes, exits, exceptions
    queues.py          Queue, JoinableQueue, SimpleQueue (and so Pool, ProcessPoolExecutor)
    connections.py     Pipe ends, the SimpleQueue ends Pool reads and writes directly,
                       and connection.wait()
    listeners.py       Listener and Client: their connections traced as pipe ends
    sync.py            Lock, RLock, Semaphore, BoundedSemaphore, Condition, Event, Barrier
    shared_memory.py   SharedMemory and ShareableList (ids from the block's name)
    objects.py         object ids (unique across processes) and names from the source
    output.py          print() and stderr as events of the process that wrote them
"""
