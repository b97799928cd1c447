"""A child SIGKILLed the moment it was started, before it could run a line."""
import multiprocessing as mp
import os
import signal
import sys
import threading


def work():
    # Never ends of itself: a forked child can be up before the kill comes, and must
    # not finish first (under spawn it never gets this far).
    threading.Event().wait()


if __name__ == "__main__":
    mp.set_start_method(sys.argv[1])
    p = mp.Process(target=work, name="doomed")
    p.start()
    os.kill(p.pid, signal.SIGKILL)
    p.join()
    print("exit", p.exitcode)
