"""Waits for ever on a queue nobody puts to, in a child and a grandchild; says when it
is ready.  Usage: forever.py [START_METHOD]"""
import multiprocessing as mp
import sys


def wait_for_ever(q, depth):
    if depth:
        child = mp.Process(target=wait_for_ever, args=(q, depth - 1), name=f"level-{depth}")
        child.start()
    q.get()


if __name__ == "__main__":
    mp.set_start_method(sys.argv[1] if len(sys.argv) > 1 else "spawn")
    q = mp.Queue()
    p = mp.Process(target=wait_for_ever, args=(q, 1), name="level-2")
    p.start()
    print("ready", flush=True)
    p.join()
