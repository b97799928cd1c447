"""queue-sentinel: producers and consumers on a Queue, ended by a None sentinel.

From the article's multiprocessing.Queue section.  Names, foods and sleeps are the
article's; `params` makes the counts adjustable.  One change: the article joins only
p1 and p2 before putting None, leaving 五芳斋 unwatched; here main joins every producer,
so the None really comes last.
"""
import random

from ipcscope.core.probe import Process, Queue, params, print, time
from ipcscope.core.scenarios.base import Outcome, Param, Scenario, start_method_param
from ipcscope.core.scenarios.results import exit_reasons, queue_counts

PRODUCERS = [("吉祥", "包子"), ("红宝石", "蛋糕"), ("五芳斋", "粽子"),
             ("狗不理", "包子"), ("稻香村", "月饼"), ("冠生园", "汤圆")]
CONSUMERS = ["Jenny", "Cony", "Brown", "Sally", "James", "Moon"]


def producer(name, food, q):
    for i in range(params.items):
        time.sleep(random.randint(1, 2))
        f = '{}生产的{}号{}'.format(name, i, food)
        q.put(f)
        print('{}生产了{}号{}'.format(name, i, food))


def consumer(name, q):
    while True:
        try:
            k = q.get(timeout=5)
            if k is not None:
                print('  {}吃了{}'.format(name, k))
                time.sleep(2)
            else:
                print('{}没东西吃了'.format(name))
                break
        except Exception:
            print('  {}等了这么久也没东西吃,看来是没了'.format(name))
            break


def main():
    queue = Queue()
    p_list = []
    for name, food in PRODUCERS[:params.producers]:
        p = Process(target=producer, args=(name, food, queue,))
        p_list.append(p)
        p.start()
    for name in CONSUMERS[:params.consumers]:
        c = Process(target=consumer, args=(name, queue,))
        c.start()
    for p in p_list:
        p.join()
    sentinels = 1 if params.sentinels == "one" else params.consumers
    for _ in range(sentinels):
        queue.put(None)


def predict(p: dict) -> Outcome:
    on_sentinel = 1 if p["sentinels"] == "one" else p["consumers"]
    on_timeout = p["consumers"] - on_sentinel

    def check(summary):
        problems = []
        reasons = exit_reasons(summary, "consumer")
        if reasons.count("sentinel") != on_sentinel or reasons.count("timeout") != on_timeout:
            problems.append(f"consumers left for {reasons}, expected {on_sentinel} on the "
                            f"sentinel and {on_timeout} on the timeout")
        result = summary["result"]
        if result["items_eaten"] != result["items_made"]:
            problems.append(f"{result['items_eaten']} of {result['items_made']} items eaten")
        return problems

    text = (f"completed: {on_sentinel} consumer(s) leave on None"
            + (f", {on_timeout} only when get(timeout=5) gives up" if on_timeout else ""))
    shortfall = ("sentinel-shortfall", "consumer-exited-on-timeout") if on_timeout else ()
    return Outcome(("completed",), text, check, findings=shortfall)


def result(model, p: dict) -> dict:
    counts = queue_counts(model)
    return {
        "items_made": p["producers"] * p["items"],
        "items_eaten": counts["gets"] - counts["sentinels_got"],
        "sentinels_put": 1 if p["sentinels"] == "one" else p["consumers"],
        "sentinels_got": counts["sentinels_got"],
    }


SPEC = Scenario(
    id="queue-sentinel",
    title="Queue: producers, consumers and a None sentinel",
    title_zh="Queue 生产者消费者: 用 None 通知结束",
    section="multiprocessing.Queue 队列",
    explanation=(
        "Three shops make ten foods each and put them on one Queue; Jenny and Cony eat "
        "them. When every shop is done, main puts a single None on the queue. Whoever "
        "gets it leaves at once. The other consumer never gets a None: she keeps waiting "
        "until her get(timeout=5) gives up, five seconds later."),
    explanation_zh=(
        "三家店各生产10份食物放进同一个队列, Jenny 和 Cony 来吃。生产全部结束后, 主进程只放了"
        "一个 None。拿到 None 的消费者马上退出; 另一个永远等不到 None, 只能等 get(timeout=5) "
        "超时后才离开。"),
    watch=(
        "Watch the queue depth fall to zero after the last food, then the lane of the "
        "consumer who did not get None: she waits (sky blue) a full five seconds before "
        "she leaves on a timeout. Set sentinels to per-consumer and both leave at once."),
    params=(
        Param("producers", "int", 3, "How many shops make food.", 1, 6),
        Param("consumers", "int", 2, "How many people eat.", 1, 6),
        Param("items", "int", 10, "Foods each shop makes (the article: 10).", 1, 1000),
        Param("sentinels", "choice", "one",
              "one: main puts a single None (the article); per-consumer: one None each.",
              choices=("one", "per-consumer")),
        start_method_param(),
    ),
    predict=predict,
    third_plot="rate",
    result=result,
    self_test_params={"items": 4},
    self_test_speed=10.0,
)
