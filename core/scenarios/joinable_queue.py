"""joinable-queue: JoinableQueue with task_done() and join(), daemon consumers.

From the article's JoinableQueue section: producers wait on q.join() until every item
they put has been marked done; consumers are daemons that main's exit ends.  One
change, as in queue-sentinel: main joins every producer, not only p1 and p2.
"""
import random

from ipcscope.core.probe import JoinableQueue, Process, params, print, time
from ipcscope.core.scenarios.base import Outcome, Param, Scenario, start_method_param
from ipcscope.core.scenarios.queue_sentinel import CONSUMERS, PRODUCERS
from ipcscope.core.scenarios.results import exit_reasons, queue_counts


def producer(name, food, q):
    for i in range(params.items):
        time.sleep(random.randint(1, 2))
        f = '{}生产的{}号{}'.format(name, i, food)
        q.put(f)
        print('{}生产了{}号{}'.format(name, i, food))
    q.join()  # 阻塞,直到一个队列中的所有数据全部处理完毕


def consumer(name, q):
    while True:
        food = q.get()
        if food is None:
            print('%s获取到了一个空' % name)
            break
        print('\033[31m%s消费了%s\033[0m' % (name, food))
        time.sleep(random.randint(1, 3))
        if params.task_done:
            q.task_done()  # 减少一个计数; 没有它, q.join() 永远等下去


def main():
    queue = JoinableQueue()
    p_list = []
    for name, food in PRODUCERS[:params.producers]:
        p = Process(target=producer, args=(name, food, queue,))
        p_list.append(p)
        p.start()
    for name in CONSUMERS[:params.consumers]:
        c = Process(target=consumer, args=(name, queue,))
        c.daemon = True  # 设置为守护进程,主进程代码执行完毕就结束
        c.start()
    for p in p_list:
        p.join()


def predict(p: dict) -> Outcome:
    total = p["producers"] * p["items"]
    if not p["task_done"]:
        def check_stall(summary):
            done = summary["result"]["task_done"]
            return [] if done == 0 else [f"{done} task_done() calls, expected none"]
        return Outcome(("stalled",), "stalled: no task_done(), so q.join() never returns; "
                       "IPC Scope ends the run", check_stall,
                       findings=("missing-task-done", "deadlock"))

    def check(summary):
        problems = []
        result = summary["result"]
        if result["items_eaten"] != total or result["task_done"] != total:
            problems.append(f"{result['items_eaten']} eaten and {result['task_done']} "
                            f"task_done of {total}")
        reasons = exit_reasons(summary, "consumer")
        if any(r != "terminated" for r in reasons):
            problems.append(f"daemon consumers ended as {reasons}, expected terminated")
        return problems
    return Outcome(("completed",), "completed: every item eaten and marked done, producers' "
                   "join() returns, main ends and its daemon consumers with it", check)


def result(model, p: dict) -> dict:
    counts = queue_counts(model)
    return {"items_made": p["producers"] * p["items"], "items_eaten": counts["gets"],
            "task_done": counts["task_done"],
            "unfinished_tasks": counts["puts"] - counts["task_done"]}


SPEC = Scenario(
    id="joinable-queue",
    title="JoinableQueue: task_done() and join()",
    title_zh="JoinableQueue: task_done() 与 join()",
    section="JoinableQueue",
    explanation=(
        "Every put adds one to the queue's count of unfinished tasks; every task_done() "
        "takes one away. Producers call q.join() and wait there until the count is zero, "
        "so they end exactly when the last food has been eaten. Consumers are daemons: "
        "when main ends (after its producers), they end too. Without task_done() the count "
        "never reaches zero and join() waits forever."),
    explanation_zh=(
        "每次 put 让队列的未完成计数加一, 每次 task_done() 减一。生产者调用 q.join(), 一直等到"
        "计数为零, 所以最后一份食物被吃完时生产者才结束。消费者是守护进程, 主进程结束时随之结束。"
        "不调用 task_done(), 计数永远不为零, join() 永远等下去。"),
    watch=(
        "Watch the producers: after their last put they wait in join() (a waiting span) "
        "until the consumers have marked every item done. Switch task_done off: every "
        "process ends up waiting, nothing moves, and the run is called stalled."),
    params=(
        Param("producers", "int", 3, "How many shops make food.", 1, 6),
        Param("consumers", "int", 2, "How many people eat (daemon processes).", 1, 6),
        Param("items", "int", 10, "Foods each shop makes (the article: 10).", 1, 1000),
        Param("task_done", "bool", True, "Consumers call q.task_done() after each food."),
        start_method_param(),
    ),
    predict=predict,
    third_plot="rate",
    result=result,
    self_test_params={"items": 3},
    self_test_speed=10.0,
)
