"""A Pool and a ProcessPoolExecutor, as a user writes them: every task goes through
the pool's queues to a worker and back.  Usage: pool_squares.py [START_METHOD] [N]"""
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context


def square(x):
    return x * x


if __name__ == "__main__":
    method = sys.argv[1] if len(sys.argv) > 1 else "spawn"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    ctx = get_context(method)
    with ctx.Pool(2) as pool:
        results = pool.map(square, range(n))
        one = pool.apply_async(square, (7,)).get(timeout=30)
    with ProcessPoolExecutor(2, mp_context=ctx) as executor:
        futures = [executor.submit(square, i) for i in range(n)]
        more = [f.result() for f in futures]
    print(sum(results), one, sum(more))
