"""A child that takes a Lock and waits, or waits in Queue.get(), until it is killed
(by whoever watches the run); then main shows what that left behind."""
import multiprocessing as mp
import queue
import sys


def holds_lock(lock, q):
    with lock:
        q.get()          # wait here, holding the lock, until killed


def in_get(lock, q):
    q.get()


if __name__ == "__main__":
    mode = sys.argv[1]
    mp.set_start_method("spawn")
    lock, q = mp.Lock(), mp.Queue()
    victim = mp.Process(target=holds_lock if mode == "lock" else in_get, args=(lock, q),
                        name="victim")
    victim.start()
    victim.join()
    if mode == "lock":
        print("lock free:", lock.acquire(timeout=0.2))
    else:
        q.put("for nobody")
        try:
            print("queue works:", q.get(timeout=0.5))
        except queue.Empty:
            print("queue works: False")    # the victim took its read lock with it
