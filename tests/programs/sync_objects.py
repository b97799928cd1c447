"""Condition, Event, Barrier, Semaphore and a Pipe between two processes.
Usage: sync_objects.py [START_METHOD]"""
import multiprocessing as mp
import sys


def waiter(cond, ready, barrier, sem, conn):
    with cond:
        cond.wait_for(lambda: ready.is_set(), timeout=30)
    barrier.wait(timeout=30)
    with sem:
        conn.send("hello")
    conn.close()


if __name__ == "__main__":
    ctx = mp.get_context(sys.argv[1] if len(sys.argv) > 1 else "spawn")
    cond = ctx.Condition()
    ready = ctx.Event()
    barrier = ctx.Barrier(2)
    sem = ctx.Semaphore(1)
    reader, writer = ctx.Pipe(duplex=False)
    p = ctx.Process(target=waiter, args=(cond, ready, barrier, sem, writer))
    p.start()
    writer.close()
    with cond:
        ready.set()
        cond.notify_all()
    barrier.wait(timeout=30)
    print(reader.recv())
    p.join()
