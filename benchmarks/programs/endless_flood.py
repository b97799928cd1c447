"""A flood that never ends by itself: one producer puts on a Queue(1000) as fast as it
can, one consumer gets; run it under `ipcscope trace --timeout S` for a run of any
length (the bounded queue keeps the program's own memory flat, so what grows, if
anything, is IPC Scope's).  Usage: endless_flood.py [START_METHOD]"""
import multiprocessing as mp
import sys


def produce(queue):
    i = 0
    while True:
        queue.put(i)
        i += 1


def consume(queue):
    while True:
        queue.get()


if __name__ == "__main__":
    if len(sys.argv) > 1:
        mp.set_start_method(sys.argv[1])
    queue = mp.Queue(1000)
    workers = [mp.Process(target=produce, args=(queue,)), mp.Process(target=consume, args=(queue,))]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
