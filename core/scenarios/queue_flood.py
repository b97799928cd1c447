"""queue-flood: one producer, one consumer, N items, no sleeps: a Queue's real speed."""
from ipcscope.core.probe import Process, Queue, params, print
from ipcscope.core.scenarios.base import Outcome, Param, Scenario, start_method_param
from ipcscope.core.scenarios.results import queue_counts


def producer(q):
    for i in range(params.items):
        q.put(i)
    q.put(None)


def consumer(q):
    while True:
        if q.get() is None:
            break


def main():
    q = Queue()
    c = Process(target=consumer, args=(q,), name='consumer')
    p = Process(target=producer, args=(q,), name='producer')
    c.start()
    p.start()
    p.join()
    c.join()
    print('{} items through the queue'.format(params.items))


def predict(p: dict) -> Outcome:
    def check(summary):
        got = summary["result"]["items_got"]
        return [] if got == p["items"] else [f"{got} of {p['items']} items got"]
    return Outcome(("completed",), f"completed: all {p['items']} items arrive", check)


def result(model, p: dict) -> dict:
    import numpy as np
    from ipcscope.core.events import Kind
    counts = queue_counts(model)
    first_last = model.time_span((Kind.GET_END,))
    span = (first_last[1] - first_last[0]) / 1e9 if first_last else 0.0
    got = counts["gets"] - counts["sentinels_got"]
    return {"items_got": got, "seconds": round(span, 4),
            "items_per_s": round(got / span) if span > 0 else None,
            "max_depth": int(max((model.max_depth(q.obj) for q in model.queues()),
                                 default=0)),
            "waits_on_get": int(np.count_nonzero(   # (a get waits seldom in a flood)
                model.columns((Kind.GET_BEGIN,), ("obj",))["obj"] >= 0))}


SPEC = Scenario(
    id="queue-flood",
    title="Queue flood: how fast does a Queue really go?",
    title_zh="队列压测: Queue 到底有多快?",
    section="multiprocessing.Queue 队列",
    explanation=(
        "One producer puts N numbers on a Queue as fast as it can; one consumer gets them "
        "as fast as it can. No sleeps: what you see is the queue's own speed (pickling, a "
        "feeder thread, a pipe, a lock) and how the depth swings when one side is faster."),
    explanation_zh=(
        "一个生产者尽快往队列里放N个数, 一个消费者尽快取。没有 sleep: 看到的就是队列本身的速度"
        "(序列化、后台 feeder 线程、管道和锁), 以及一方更快时队列深度如何变化。"),
    watch="Watch items/s in and out, and how deep the queue gets when the producer runs ahead.",
    params=(
        Param("items", "int", 100000, "How many items go through the queue.", 1, 10000000),
        start_method_param(),
    ),
    predict=predict,
    third_plot="rate",
    result=result,
    self_test_params={"items": 20000},
)
