"""SharedMemory and ShareableList: the parent makes a block and a list, children attach
by name, write, close; the parent reads them, closes and unlinks both.
Usage: shared_memory_list.py [START_METHOD] [lock|nolock|leak|hang]
  lock    each child adds 1 to numbers[0] under a Lock (correct)
  nolock  the same without the lock, each child writing only after all have read (every
          update but one lost, whatever the timing)
  leak    correct, but the parent never unlinks the block (it stays in /dev/shm until
          the resource tracker removes it at exit)
  hang    the workers wait for ever for a go that never comes (a run to be stopped)"""
import multiprocessing as mp
import sys
from multiprocessing import shared_memory
from multiprocessing.shared_memory import ShareableList

WORKERS = 3


def worker(block_name, list_name, index, lock, go, all_read, mode):
    block = shared_memory.SharedMemory(name=block_name)
    block.buf[index] = index + 1
    block.close()
    numbers = ShareableList(name=list_name)
    numbers[index + 1] = index * 10
    go.wait()
    if mode == "nolock":
        current = numbers[0]
        all_read.wait()
        numbers[0] = current + 1
    else:
        with lock:
            numbers[0] += 1
    numbers.shm.close()


if __name__ == "__main__":
    ctx = mp.get_context(sys.argv[1] if len(sys.argv) > 1 else "spawn")
    mode = sys.argv[2] if len(sys.argv) > 2 else "lock"
    block = shared_memory.SharedMemory(create=True, size=16)
    numbers = ShareableList([0] * (WORKERS + 1))
    lock = ctx.Lock()
    go = ctx.Event()
    all_read = ctx.Barrier(WORKERS)
    workers = [ctx.Process(target=worker, args=(block.name, numbers.shm.name, i, lock, go,
                                                all_read, mode))
               for i in range(WORKERS)]
    for w in workers:
        w.start()
    if mode != "hang":
        go.set()
    for w in workers:
        w.join()
    print(bytes(block.buf[:WORKERS]).hex(), [numbers[i + 1] for i in range(WORKERS)],
          numbers[0], flush=True)
    block.close()
    if mode != "leak":
        block.unlink()
    numbers.shm.close()
    numbers.shm.unlink()
