"""A Process subclass that overrides run() and starts a grandchild; queues made in a
worker; current_process / parent_process.  Usage: subclass_nested.py [START_METHOD]"""
import multiprocessing as mp
import sys


def grandchild(results):
    results.put(("grandchild", mp.current_process().name, mp.parent_process().name))


class Worker(mp.Process):
    def __init__(self, results):
        super().__init__(name="worker")
        self.results = results

    def run(self):
        inner = mp.Queue()          # a queue made in a worker
        inner.put("made here")
        self.results.put(("worker", inner.get(), mp.parent_process().name))
        child = mp.Process(target=grandchild, args=(self.results,), name="grandchild")
        child.start()
        child.join()


if __name__ == "__main__":
    mp.set_start_method(sys.argv[1] if len(sys.argv) > 1 else "spawn")
    results = mp.Queue()
    w = Worker(results)
    w.start()
    got = sorted([results.get(timeout=30), results.get(timeout=30)])
    w.join()
    print(got)
