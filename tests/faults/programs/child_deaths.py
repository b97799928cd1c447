"""Four children, four ways to die: a segfault, os._exit(3), sys.exit(2), an exception."""
import ctypes
import multiprocessing as mp
import os
import sys


def segfault():
    ctypes.string_at(0)


def hard_exit():
    os._exit(3)


def soft_exit():
    sys.exit(2)


def raises():
    raise ValueError("bad input")


if __name__ == "__main__":
    mp.set_start_method(sys.argv[1])
    children = [mp.Process(target=f, name=f.__name__)
                for f in (segfault, hard_exit, soft_exit, raises)]
    for p in children:
        p.start()
    for p in children:
        p.join()
    print(" ".join(f"{p.name}={p.exitcode}" for p in children))
