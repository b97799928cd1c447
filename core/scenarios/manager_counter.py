"""manager-counter: 70 processes each do dic['count'] -= 1 on a Manager().dict().

From the article's data-sharing section.  `dic['count'] -= 1` is two round trips to
the manager (read, then write); processes that read the same value write the same
result and updates are lost.  With a Lock it ends at exactly 100 - 70 = 30 (the
article says 50: an arithmetic slip).
"""
from ipcscope.core.probe import Lock, Manager, Process, StartGate, params, print
from ipcscope.core.scenarios.base import Outcome, Param, Scenario, start_method_param
from ipcscope.core.scenarios.results import last_dict_value


def minus(dic, lock):
    if lock is not None:
        lock.acquire()
    dic['count'] -= 1
    if lock is not None:
        lock.release()


def main():
    m = Manager()
    lock = Lock() if params.lock else None
    dic = m.dict({'count': params.start})  # 这个字典会变成可用于数据共享的字典
    # IPC Scope: hold every process at the start until all exist, so they really run
    # at once (spawned processes start one by one; the first would finish alone).
    gate = StartGate() if params.release_together else None
    p_list = []
    for i in range(params.processes):
        p = Process(target=minus, args=(dic, lock), start_gate=gate)
        p_list.append(p)
        p.start()
    if gate is not None:
        gate.open()
    [i.join() for i in p_list]
    print(dic)


def expected(p: dict) -> int:
    return p["start"] - p["processes"]


def predict(p: dict) -> Outcome:
    def check(summary):
        r = summary["result"]
        problems = []
        if r["final"] is None or r["final"] - r["expected"] != r["lost_updates"]:
            problems.append(f"final {r['final']} - expected {r['expected']} != lost "
                            f"{r['lost_updates']}")
        elif r["final"] < r["expected"]:
            problems.append(f"final {r['final']} below expected {r['expected']}")
        if p["lock"] and r["final"] != r["expected"]:
            problems.append(f"locked run ended at {r['final']}, not {r['expected']}")
        if r["decrements"] != p["processes"]:
            problems.append(f"{r['decrements']} decrements of {p['processes']}")
        return problems
    if p["lock"]:
        return Outcome(("completed",), f"completed at exactly {expected(p)}", check)
    racing = p["release_together"] and p["processes"] >= 10
    return Outcome(("completed",), f"completed above {expected(p)}: updates are lost", check,
                   findings=("lost-update",) if racing else (), may_find=("lost-update",))


def result(model, p: dict) -> dict:
    from ipcscope.core.events import Kind
    final = last_dict_value(model, "count", proc=0)
    return {"start": p["start"], "decrements": model.count(Kind.DICT_WRITE),
            "expected": expected(p), "final": final,
            "lost_updates": None if final is None else final - expected(p)}


SPEC = Scenario(
    id="manager-counter",
    title="Manager().dict(): lost updates without a lock",
    title_zh="Manager().dict(): 不加锁会丢失更新",
    section="进程间数据共享 (Manager)",
    explanation=(
        "Seventy processes each subtract one from a shared counter that starts at 100, so "
        "it should end at 30 (the article says 50, a slip). But dic['count'] -= 1 is two "
        "trips to the manager process: read the value, then write value - 1. Two processes "
        "that read the same value both write the same result, and one subtraction is lost. "
        "With a Lock around it, one process at a time reads and writes, and it ends at 30."),
    explanation_zh=(
        "70个进程各把共享计数减一, 初值100, 应该得到30 (文章写的50是算错了)。但 "
        "dic['count'] -= 1 要和 Manager 进程往返两次: 先读, 再写回减一后的值。两个进程读到同一个"
        "值, 就会写回同一个结果, 一次减法就丢了。加锁后一次只有一个进程读写, 结果正好是30。"),
    watch=(
        "Watch the counter against its expected line: without the lock it stops above 30, "
        "and the gap is the number of lost updates. With the lock, lanes take turns "
        "(orange waiting, purple holding) and the counter lands exactly on 30."),
    params=(
        Param("processes", "int", 70, "Processes that each subtract one (the article: 70).",
              1, 200),
        Param("start", "int", 100, "The counter's first value (the article: 100).", 0, 100000),
        Param("lock", "bool", False, "Hold a Lock around dic['count'] -= 1."),
        Param("release_together", "bool", True,
              "Start all processes, then release them at once, so they really race."),
        start_method_param(),
    ),
    predict=predict,
    third_plot="counter",
    result=result,
    self_test_params={"processes": 30},
)
