"""join-before-drain: joining a process before reading what it put on a Queue.

Not an article example but the deadlock the Python docs warn about ("Joining processes
that use queues"): a process that put data on a queue does not exit until a feeder
thread has written it all into the queue's pipe; the pipe holds only so much, so if the
parent joins before it reads, each waits for the other, forever.
"""
from ipcscope.core.probe import Process, Queue, params, print
from ipcscope.core.scenarios.base import Outcome, Param, Scenario, start_method_param


def worker(name, q):
    for i in range(params.items):
        q.put('{}的第{}份数据 '.format(name, i) + 'x' * params.item_bytes)
    print('{}放完了{}份数据'.format(name, params.items))


def main():
    q = Queue()
    p = Process(target=worker, args=('Worker', q,))
    p.start()
    if params.drain_first:
        results = [q.get() for _ in range(params.items)]  # 先把数据取完
        p.join()                                          # 再 join
    else:
        p.join()  # 先 join: worker 的数据还没送进管道, 它退不出来; 主进程也取不到数据
        results = [q.get() for _ in range(params.items)]
    print('主进程拿到了{}份数据'.format(len(results)))


def predict(p: dict) -> Outcome:
    fits_in_pipe = p["items"] * (p["item_bytes"] + 64) < 32 * 1024
    if p["drain_first"] or fits_in_pipe:
        def check(summary):
            q = summary["queues"][0]
            return [] if q["gets"] == p["items"] else [f"{q['gets']} of {p['items']} got"]
        return Outcome(("completed",), "completed: main reads everything, then joins", check)
    return Outcome(("stalled",), "stalled: main waits to join Worker, Worker waits to flush "
                   "its data into the queue's full pipe", lambda summary: [],
                   findings=("join-before-drain", "deadlock"))


SPEC = Scenario(
    id="join-before-drain",
    title="Joining before draining a Queue: a deadlock",
    title_zh="先 join 再取队列数据: 死锁",
    section="multiprocessing docs: Joining processes that use queues",
    explanation=(
        "A worker puts many large items on a Queue and returns. But it cannot exit yet: a "
        "process does not end until everything it put has been written into the queue's "
        "pipe, and the pipe holds only about 64 KB. Main calls join() before reading, so "
        "main waits for the worker and the worker waits for a reader: forever. Read first, "
        "then join."),
    explanation_zh=(
        "worker 往队列里放了很多大数据然后返回, 但它还不能退出: 进程要等放进队列的数据全部写进"
        "管道才结束, 而管道只能装大约 64 KB。主进程在取数据之前就 join, 于是主进程等 worker, "
        "worker 等人来读: 永远等下去。应该先取数据, 再 join。"),
    watch=(
        "With drain_first off, watch the worker's lane after its last put: finished but not "
        "gone, while main waits to join it and the queue depth stays up. Nothing moves; "
        "IPC Scope names the deadlock. Turn drain_first on: main reads, then joins at once."),
    params=(
        Param("items", "int", 20, "Items the worker puts.", 1, 10000),
        Param("item_bytes", "int", 10000, "Size of each item in bytes.", 1, 1000000),
        Param("drain_first", "bool", False, "Main gets every item before it joins."),
        start_method_param(),
    ),
    predict=predict,
    third_plot="rate",
)
