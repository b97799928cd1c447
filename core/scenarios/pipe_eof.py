"""pipe-eof: the article's Pipe example: 20 'hello' to a child that stops on EOFError.

EOFError comes only when every copy of the sending end is closed, in every process.
With close_unused_ends=false the child keeps its copy of recvp (and main its sendp),
so recv() never sees EOF and the child waits forever: IPC Scope names the stall and
ends the run.
"""
from ipcscope.core.probe import Pipe, Process, params, print
from ipcscope.core.scenarios.base import Outcome, Param, Scenario, start_method_param


def senp(sendp, recvp):
    if params.close_unused_ends:
        recvp.close()
    while True:
        try:
            msg = sendp.recv()
            print(msg)
        except EOFError:
            sendp.close()
            break


def main():
    sendp, recvp = Pipe()
    Process(target=senp, args=(sendp, recvp,)).start()
    if params.close_unused_ends:
        sendp.close()
    for i in range(params.messages):
        recvp.send('hello')
    recvp.close()


def predict(p: dict) -> Outcome:
    def check(summary):
        pipe = summary["pipes"][0]
        problems = []
        if pipe["received"] != p["messages"]:
            problems.append(f"{pipe['received']} of {p['messages']} received")
        child = [x for x in summary["processes"] if x["role"] == "senp"]
        if p["close_unused_ends"] and (not child or child[0]["exit_reason"] != "eof"):
            problems.append(f"child ended as {child and child[0]['exit_reason']}, expected eof")
        return problems
    if p["close_unused_ends"]:
        return Outcome(("completed",), "completed: the child gets all messages, then EOFError",
                       check)
    return Outcome(("stalled",), "stalled: the child gets all messages, then waits in recv() "
                   "forever, because it still holds the sending end itself", check,
                   findings=("pipe-end-left-open", "deadlock"))


SPEC = Scenario(
    id="pipe-eof",
    title="Pipe: EOFError only when every sending end is closed",
    title_zh="Pipe: 所有发送端都关闭, 才会有 EOFError",
    section="multiprocessing.Pipe 管道",
    explanation=(
        "Main sends twenty 'hello' through a Pipe; the child prints them and stops when "
        "recv() raises EOFError. The operating system counts every copy of a pipe end: the "
        "child got copies of both ends, so it must close the one it does not use (recvp), "
        "and main must close the one it does not use (sendp). Forget that, and the child "
        "waits in recv() forever after the last message."),
    explanation_zh=(
        "主进程通过管道发送20个 'hello', 子进程打印后在 recv() 抛出 EOFError 时结束。管道端点"
        "由操作系统做引用计数: 子进程拿到了两个端点的副本, 必须关闭自己不用的 recvp, 主进程也要"
        "关闭不用的 sendp。忘了关, 最后一条消息之后子进程就会永远卡在 recv() 上。"),
    watch=(
        "Watch the child's lane after the twentieth message: with the ends closed it gets "
        "EOFError and exits; with close_unused_ends off it turns to 'blocked in recv' and "
        "stays there, while main waits to join it."),
    params=(
        Param("messages", "int", 20, "How many 'hello' main sends (the article: 20).", 1, 100000),
        Param("close_unused_ends", "bool", True,
              "Each process closes the pipe end it does not use (the article does)."),
        start_method_param(),
    ),
    predict=predict,
    third_plot="pipe",
    result=lambda model, p: {},
)
