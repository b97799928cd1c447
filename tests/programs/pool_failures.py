"""A pool task that raises, a child never joined, and (with `kill`) a
ProcessPoolExecutor worker killed mid-task.  Usage: pool_failures.py raise|kill"""
import multiprocessing as mp
import os
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def half(x):
    if x == 3:
        raise ValueError(f"cannot halve {x}")
    return x / 2


def die(x):
    os.kill(os.getpid(), signal.SIGKILL)


def nap():
    time.sleep(0.2)


if __name__ == "__main__":
    if sys.argv[1] == "raise":
        with mp.Pool(2) as pool:
            try:
                pool.map(half, range(6))
            except ValueError as error:
                print("map raised:", error)
        mp.Process(target=nap, name="forgotten").start()      # never joined
    else:
        with ProcessPoolExecutor(2) as executor:
            try:
                executor.submit(die, 1).result()
            except BrokenProcessPool:
                print("broken")
