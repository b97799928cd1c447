"""A worker calls task_done() once more than it got items."""
import multiprocessing as mp


def worker(q):
    q.get()
    q.task_done()
    q.task_done()       # one too many: ValueError


if __name__ == "__main__":
    mp.set_start_method("spawn")
    q = mp.JoinableQueue()
    q.put(1)
    p = mp.Process(target=worker, args=(q,), name="worker")
    p.start()
    p.join()
    print("worker", p.exitcode)
