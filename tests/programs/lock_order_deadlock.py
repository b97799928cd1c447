"""Two locks taken in opposite order by two processes: each holds one and waits for
the other, for ever.  Usage: lock_order_deadlock.py [START_METHOD]"""
import multiprocessing as mp
import sys


def take(first, second, ready, go):
    with first:
        ready.release()
        go.wait()
        with second:
            print("never here")


if __name__ == "__main__":
    ctx = mp.get_context(sys.argv[1] if len(sys.argv) > 1 else "spawn")
    a, b = ctx.Lock(), ctx.Lock()
    ready, go = ctx.Semaphore(0), ctx.Event()
    one = ctx.Process(target=take, args=(a, b, ready, go), name="one")
    two = ctx.Process(target=take, args=(b, a, ready, go), name="two")
    one.start()
    two.start()
    ready.acquire()
    ready.acquire()
    go.set()
    one.join()
    two.join()
