"""Workers update a Manager's dict until main kills the manager's server mid-run."""
import multiprocessing as mp
import os
import signal
import sys


def worker(d, started):
    started.release()
    while True:
        d["n"] += 1


if __name__ == "__main__":
    mp.set_start_method(sys.argv[1] if len(sys.argv) > 1 else "spawn")
    manager = mp.Manager()
    d = manager.dict(n=0)
    started = mp.Semaphore(0)
    workers = [mp.Process(target=worker, args=(d, started)) for _ in range(3)]
    for p in workers:
        p.start()
    for p in workers:
        started.acquire()
    while d["n"] < 30:
        pass
    os.kill(manager._process.pid, signal.SIGKILL)
    for p in workers:
        p.join()
    print("exit codes", [p.exitcode for p in workers])
