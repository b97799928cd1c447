"""pipe-producer-consumer: one producer and three consumers sharing one Pipe end.

From the article's Pipe producer/consumer example.  A pipe end is not process-safe:
three consumers calling recv() on the same end at once can each read part of a
message, so messages are lost or arrive corrupted (recv then raises).  With a Lock
around recv(), as the article recommends, every message arrives whole.
"""
from ipcscope.core.probe import Lock, Pipe, Process, StartGate, params, print
from ipcscope.core.scenarios.base import Outcome, Param, Scenario, start_method_param


def producer(con, pro, name):
    con.close()
    for i in range(params.messages):
        pro.send('{}的{}号产品'.format(name, i))
    pro.close()


def consumer(con, pro, name, lock):
    pro.close()
    while True:
        try:
            if lock is not None:
                with lock:  # 管道不是进程安全的: 加锁, 一次只让一个消费者 recv
                    msg = con.recv()
            else:
                msg = con.recv()
            print('{}消费了{}'.format(name, msg))
        except EOFError:
            con.close()
            break


def main():
    con_p, pro_p = Pipe()
    lock = Lock() if params.lock else None
    # IPC Scope: start everyone, then let them go together, so the consumers are already
    # reading when the messages come (spawned processes start one by one).
    gate = StartGate() if params.release_together else None
    for j in range(1):
        Process(target=producer, args=(con_p, pro_p, '{}'.format(j)), start_gate=gate).start()
    for k in range(params.consumers):
        Process(target=consumer, args=(con_p, pro_p, '{}'.format(k), lock),
                start_gate=gate).start()
    if gate is not None:
        gate.open()
    con_p.close()  # 主进程也要关闭不用的两端
    pro_p.close()


def predict(p: dict) -> Outcome:
    if p["lock"] or p["consumers"] == 1:
        def check(summary):
            pipe = summary["pipes"][0]
            if pipe["received"] != p["messages"] or pipe["corrupt"]:
                return [f"{pipe['received']} of {p['messages']} received whole, "
                        f"{pipe['corrupt']} corrupt"]
            return []
        return Outcome(("completed",), "completed: every message arrives whole", check)

    def check_race(summary):
        pipe = summary["pipes"][0]
        return [] if pipe["received"] <= p["messages"] else \
            [f"{pipe['received']} received of {p['messages']} sent"]
    together = p["release_together"] and p["consumers"] > 1
    return Outcome(("completed", "crashed"),
                   "messages are lost or corrupted when consumers read one end at once; "
                   "a consumer may die on a corrupt one", check_race,
                   findings=("pipe-shared-without-lock",) if together else (),
                   may_find=("pipe-shared-without-lock", "process-crashed"))


def result(model, p: dict) -> dict:
    pipe = model.pipes()[0] if model.pipes() else None
    if pipe is None:
        return {}
    from ipcscope.core.events import Kind
    sent, whole = pipe.count(Kind.SEND), pipe.count(Kind.RECV_END)
    return {"sent": sent, "received_intact": whole, "corrupt": pipe.count(Kind.RECV_CORRUPT),
            "lost_or_corrupt": sent - whole}


SPEC = Scenario(
    id="pipe-producer-consumer",
    title="Pipe shared by three consumers: why it needs a lock",
    title_zh="三个消费者共用一个管道端点: 为什么要加锁",
    section="将管道作用于生产者消费者模型",
    explanation=(
        "One producer sends messages into a Pipe; three consumers read from the same end. "
        "A pipe end is not process-safe: recv() reads a length, then the message, and two "
        "consumers reading at once can each get half of one. Messages are lost or arrive "
        "corrupted. With a Lock around recv(), one consumer reads at a time and every "
        "message arrives whole, as the article says: use a Queue, or lock the pipe."),
    explanation_zh=(
        "一个生产者往管道里发消息, 三个消费者从同一个端点读。管道不是进程安全的: recv() 先读长度"
        "再读内容, 两个消费者同时读, 可能各拿到半条消息, 于是消息丢失或损坏。给 recv() 加锁, "
        "一次只有一个消费者读, 每条消息都完整到达。所以尽量使用 Queue, 或者给管道加锁。"),
    watch=(
        "Compare sent with received intact in the third plot. Without the lock the three "
        "consumers wait in recv() on the same end at once; with the article's 10 messages "
        "they are often lucky, so try 100: messages vanish or arrive broken, and a consumer "
        "may die on one. With lock on, consumers take turns (orange: waiting for the lock) "
        "and none is lost."),
    params=(
        Param("messages", "int", 10, "Messages the producer sends (the article: 10).", 1, 100000),
        Param("consumers", "int", 3, "Consumers reading the same end (the article: 3).", 1, 8),
        Param("lock", "bool", False, "Consumers hold a Lock around recv()."),
        Param("release_together", "bool", True,
              "Start all processes, then release them at once, so consumers read together."),
        start_method_param(),
    ),
    predict=predict,
    third_plot="pipe",
    result=result,
    # enough messages that the consumers are reading at once even when a busy machine
    # runs them one at a time (at 200, one CI run saw the producer finish first)
    self_test_params={"messages": 2000},
)
