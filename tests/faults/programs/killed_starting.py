"""A child SIGKILLed the moment it was started, before it could run a line."""
import multiprocessing as mp
import os
import signal
import sys


def work():
    print("never printed")


if __name__ == "__main__":
    mp.set_start_method(sys.argv[1])
    p = mp.Process(target=work, name="doomed")
    p.start()
    os.kill(p.pid, signal.SIGKILL)
    p.join()
    print("exit", p.exitcode)
