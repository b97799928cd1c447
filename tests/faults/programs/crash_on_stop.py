"""A child that crashes when it is asked to stop (SIGTERM), and one that ignores it."""
import ctypes
import multiprocessing as mp
import signal
import sys


def crashes_on_term(event):
    signal.signal(signal.SIGTERM, lambda *_: ctypes.string_at(0))
    event.wait()


def ignores_term(event):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    event.wait()


if __name__ == "__main__":
    mp.set_start_method(sys.argv[1])
    never = mp.Event()
    children = [mp.Process(target=f, args=(never,), name=f.__name__)
                for f in (crashes_on_term, ignores_term)]
    for p in children:
        p.start()
    for p in children:
        p.join()
