"""A child creates a SharedMemory block and holds it until it is SIGKILLed."""
import multiprocessing as mp
import os
import signal
import sys
from multiprocessing import shared_memory


def holder(q):
    block = shared_memory.SharedMemory(create=True, size=1 << 20)
    block.buf[:5] = b"hello"
    q.put(block.name)
    q.get()              # hold it until killed


if __name__ == "__main__":
    mp.set_start_method(sys.argv[1])
    q = mp.Queue()
    p = mp.Process(target=holder, args=(q,), name="holder")
    p.start()
    name = q.get()
    print(name, flush=True)
    os.kill(p.pid, signal.SIGKILL)
    p.join()
