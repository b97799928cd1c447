"""bounded-queue: Queue(5) with fast producers and a slow consumer.

From the article's first Queue example (q = Queue(5), put / get / full / empty, and
put_nowait / get_nowait): a full queue makes put wait, put_nowait raises queue.Full
and loses its item, get_nowait on an empty queue raises queue.Empty.
"""
import queue as queue_module
import random

from ipcscope.core.probe import Process, Queue, params, print, time
from ipcscope.core.scenarios.base import Outcome, Param, Scenario, start_method_param
from ipcscope.core.scenarios.queue_sentinel import CONSUMERS, PRODUCERS
from ipcscope.core.scenarios.results import queue_counts


def producer(name, food, q):
    for i in range(params.items):
        time.sleep(random.choice([0.1, 0.2]))  # 生产比消费快得多
        f = '{}生产的{}号{}'.format(name, i, food)
        if params.mode == "put":
            q.put(f)  # 队列满了就阻塞, 等消费者拿走一个
            print('{}生产了{}号{}'.format(name, i, food))
        else:
            try:
                q.put_nowait(f)  # 队列满了不等: 抛出 queue.Full, 这份食物丢了
                print('{}生产了{}号{}'.format(name, i, food))
            except queue_module.Full:
                print('队列满了, {}丢掉了{}号{}'.format(name, i, food))


def consumer(name, q):
    while True:
        k = q.get()
        if k is None:
            print('{}没东西吃了'.format(name))
            break
        print('  {}吃了{}'.format(name, k))
        time.sleep(1)  # 消费慢


def main():
    q = Queue(params.capacity)  # 队列最多容纳 capacity 个元素
    p_list = []
    for name, food in PRODUCERS[:params.producers]:
        p = Process(target=producer, args=(name, food, q,))
        p_list.append(p)
        p.start()
    c_list = []
    for name in CONSUMERS[:params.consumers]:
        c = Process(target=consumer, args=(name, q,))
        c_list.append(c)
        c.start()
    for p in p_list:
        p.join()
    for _ in c_list:
        q.put(None)
    for c in c_list:
        c.join()
    try:
        q.get_nowait()  # 队列已经空了: get_nowait 不等待, 直接抛出 queue.Empty
    except queue_module.Empty:
        print('队列空了, get_nowait 抛出了 queue.Empty')


def predict(p: dict) -> Outcome:
    total = p["producers"] * p["items"]
    # Producers make ~7 items/s each, a consumer eats 1/s: the queue fills in about a second.
    fills = total > p["capacity"] + p["consumers"] * 2

    def check(summary):
        queue = summary["queues"][0]
        problems = []
        if queue["max_depth"] > p["capacity"]:
            problems.append(f"depth {queue['max_depth']} above capacity {p['capacity']}")
        if fills and queue["max_depth"] != p["capacity"]:
            problems.append(f"max depth {queue['max_depth']}, expected the queue to fill")
        if queue["empty_errors"] < 1:
            problems.append("get_nowait on the empty queue did not raise Empty")
        lost = queue["full_errors"]
        if p["mode"] == "put" and lost:
            problems.append(f"{lost} Full errors with blocking put")
        if p["mode"] == "put_nowait" and fills and not lost:
            problems.append("no item lost to Full with put_nowait")
        eaten = summary["result"]["items_eaten"]
        if eaten + lost != total:
            problems.append(f"{eaten} eaten + {lost} lost != {total} made")
        return problems
    text = ("completed: the queue fills to its capacity and producers wait in put"
            if p["mode"] == "put" else
            "completed: the queue fills; put_nowait raises Full and those items are lost")
    dropped = ("item-dropped-on-full",) if p["mode"] == "put_nowait" and fills else ()
    return Outcome(("completed",), text, check, findings=dropped,
                   may_find=("item-dropped-on-full",) if p["mode"] == "put_nowait" else ())


def result(model, p: dict) -> dict:
    counts = queue_counts(model)
    return {"items_made": p["producers"] * p["items"],
            "items_eaten": counts["gets"] - counts["sentinels_got"],
            "items_lost_to_full": counts["full_errors"],
            "get_nowait_empty": counts["empty_errors"]}


SPEC = Scenario(
    id="bounded-queue",
    title="Queue(5): a full queue makes producers wait",
    title_zh="Queue(5): 队列满了, 生产者只能等",
    section="multiprocessing.Queue 队列 (put_nowait / get_nowait)",
    explanation=(
        "The queue holds at most five items. Producers make food faster than the consumer "
        "eats, so the queue fills up; then each put waits until the consumer takes one out. "
        "With put_nowait a producer does not wait: it gets queue.Full and that food is lost. "
        "At the end main calls get_nowait on the empty queue and gets queue.Empty."),
    explanation_zh=(
        "队列最多放5个元素。生产比消费快, 队列很快就满了; 之后每次 put 都要等消费者拿走一个。"
        "用 put_nowait 生产者不等待: 抛出 queue.Full, 这份食物就丢了。最后主进程对空队列调用 "
        "get_nowait, 得到 queue.Empty。"),
    watch=(
        "Watch the depth climb to the capacity line and stay there, while the producers' "
        "lanes turn to 'blocked on put'. With mode put_nowait, ✕ marks show each item "
        "lost to Full; the ○ at the end is get_nowait meeting an empty queue."),
    params=(
        Param("producers", "int", 2, "How many fast producers.", 1, 6),
        Param("consumers", "int", 1, "How many slow consumers.", 1, 6),
        Param("items", "int", 10, "Items each producer makes.", 1, 1000),
        Param("capacity", "int", 5, "Queue(capacity): the article's Queue(5).", 1, 100),
        Param("mode", "choice", "put", "put waits when full; put_nowait raises Full.",
              choices=("put", "put_nowait")),
        start_method_param(),
    ),
    predict=predict,
    third_plot="rate",
    result=result,
    self_test_params={"items": 10},
    self_test_speed=10.0,
)
