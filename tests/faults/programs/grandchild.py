"""A child that starts a grandchild; both wait for ever: only a stop ends the tree."""
import multiprocessing as mp
import sys


def grandchild(event):
    event.wait()


def child(event):
    mp.Process(target=grandchild, args=(event,), name="grandchild").start()
    event.wait()


if __name__ == "__main__":
    mp.set_start_method(sys.argv[1])
    never = mp.Event()
    p = mp.Process(target=child, args=(never,), name="child")
    p.start()
    p.join()
