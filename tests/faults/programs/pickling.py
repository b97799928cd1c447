"""An item that cannot travel: its pickling or unpickling raises or crashes, on the put
side (the feeder thread of the process that put it) or the get side (the process that
gets it).  Then an ordinary item, to show whether the queue still works."""
import ctypes
import multiprocessing as mp
import sys


def _refuse(message):
    raise RuntimeError(message)


class PickleRaises:
    def __reduce__(self):
        raise RuntimeError("refuses to be pickled")


class PickleCrashes:
    def __reduce__(self):
        ctypes.string_at(0)


class UnpickleRaises:
    def __reduce__(self):
        return _refuse, ("refuses to be unpickled",)


class UnpickleCrashes:
    def __reduce__(self):
        return ctypes.string_at, (0,)


ITEMS = {"put-raises": PickleRaises, "put-crashes": PickleCrashes,
         "get-raises": UnpickleRaises, "get-crashes": UnpickleCrashes,
         "unpicklable": lambda: (lambda: None)}


def producer(q, mode):
    q.put(ITEMS[mode]())
    q.put("after")
    q.close()
    q.join_thread()      # stay until the feeder is done (one exiting drops what is left)


def consumer(q):
    print("got", q.get(timeout=10))


if __name__ == "__main__":
    mode = sys.argv[1]
    mp.set_start_method("spawn")
    q = mp.Queue()
    p = mp.Process(target=producer, args=(q, mode), name="producer")
    c = mp.Process(target=consumer, args=(q,), name="consumer")
    p.start()
    c.start()
    p.join()
    c.join()
    print("producer", p.exitcode, "consumer", c.exitcode)
