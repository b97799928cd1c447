"""A plain multiprocessing flood: one producer puts N items (default 200,000) on one
mp.Queue, one consumer gets them all.  Usage: flood.py [N] [START_METHOD]"""
import multiprocessing as mp
import sys


def produce(queue, n):
    for i in range(n):
        queue.put(i)
    queue.put(None)


def consume(queue, results):
    count = 0
    while queue.get() is not None:
        count += 1
    results.put(count)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    if len(sys.argv) > 2:
        mp.set_start_method(sys.argv[2])
    queue, results = mp.Queue(), mp.Queue()
    producer = mp.Process(target=produce, args=(queue, n))
    consumer = mp.Process(target=consume, args=(queue, results))
    producer.start()
    consumer.start()
    count = results.get()
    producer.join()
    consumer.join()
    assert count == n, (count, n)
