"""Pool(2).map of N tiny tasks (default 100,000), default chunksize.
Usage: pool_map.py [N] [START_METHOD]"""
import multiprocessing as mp
import sys


def tiny(x):
    return x + 1


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    if len(sys.argv) > 2:
        mp.set_start_method(sys.argv[2])
    with mp.Pool(2) as pool:
        results = pool.map(tiny, range(n))
    assert len(results) == n
