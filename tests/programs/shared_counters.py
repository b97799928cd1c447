"""The article's Manager example and a Value, with or without a lock: each of N
processes decrements a shared counter once.  Usage: shared_counters.py lock|nolock [N]"""
import multiprocessing as mp
import sys
import time


def decrement(d, v, lock, use_lock, go):
    go.wait()
    if use_lock:
        with lock:
            d["count"] -= 1
        with v.get_lock():
            v.value -= 1
    else:
        d["count"] -= 1
        current = v.value
        time.sleep(0.001)
        v.value = current - 1


if __name__ == "__main__":
    use_lock = sys.argv[1] == "lock"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    with mp.Manager() as manager:
        dic = manager.dict({"count": 100})
        lock = manager.Lock()
        counter = mp.Value("i", 100)
        go = mp.Event()
        workers = [mp.Process(target=decrement, args=(dic, counter, lock, use_lock, go))
                   for _ in range(n)]
        for w in workers:
            w.start()
        time.sleep(0.5)
        go.set()
        for w in workers:
            w.join()
        print(dic["count"], counter.value)
