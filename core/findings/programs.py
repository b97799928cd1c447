"""Pitfalls of programs of the user's own (`ipcscope trace`): a pool task that raised,
a pool whose worker was killed, children never joined, and an item a queue's feeder
thread could not send."""
from __future__ import annotations

import signal

from ipcscope.core.events import Kind

POOL_WORKER_ROLES = {"worker": "Pool", "_process_worker": "ProcessPoolExecutor"}


def pool_task_failed(view):
    for row in view.of(Kind.TASK_FAILED):
        proc, obj = int(row["proc"]), int(row["obj"])
        text = view.model.text(row)
        last = (text.strip().splitlines() or ["an exception"])[-1]
        pool = view.obj_name(obj).rpartition(".")[0] or "the pool"
        owner = _owner(view, obj)
        yield view.finding(
            "pool-task-failed", int(row["t"]),
            f"A task of {pool} raised {last} in {view.name(proc)}; the pool sends the "
            f"exception back, and {owner} gets it raised where it asks for the result "
            "(map(), get(), result()).",
            f"{pool} 的一个任务在 {view.name(proc)} 中抛出了 {last}; 进程池把异常送回, "
            f"{owner} 在取结果时 (map()、get()、result()) 会再次抛出它。",
            "try: results = pool.map(f, items)\nexcept Exception as error: ...  "
            "# or handle it inside the task",
            procs=[proc], objs=[obj], subject=f"{obj}-{int(row['a'])}-{int(row['t'])}",
            traceback=text)


def _owner(view, obj: int) -> str:
    """The process that reads the pool's results: the one that made the pool."""
    got_by = view.columns(Kind.GET_END, names=("proc",), obj=obj)["proc"]
    return view.name(int(got_by[0])) if len(got_by) else "the caller"


def broken_pool(view):
    # A pool shutting down (terminate(), or leaving `with Pool()`) ends its own workers,
    # and a broken ProcessPoolExecutor terminate()s even the worker already killed: the
    # pool's signal explains an exit only if it is that signal, or if the exit went
    # unseen and the worker was still there when the pool sent it.
    ended_by_pool = {int(r["a"]): (int(r["b"]), int(r["t"])) for r in view.of(Kind.TERMINATE)}
    for proc, record in view.model.processes.items():
        kind = POOL_WORKER_ROLES.get(record.role)
        code = record.exitcode
        vanished = code is None and not record.alive and not record.reported_reason
        if kind is None or not (vanished or (code is not None and code < 0)) \
                or view.ended_by_app(proc) or _ended_by_pool(record, ended_by_pool):
            continue
        if code == -signal.SIGTERM:
            continue        # terminate(): a pool shutting down, or giving up: as meant
        name = view.name(proc)
        what = view_signal(code) if code is not None else "a signal"
        if kind == "ProcessPoolExecutor":
            text = (f"{name}, a worker of a ProcessPoolExecutor, was killed by {what}: the "
                    "executor is broken, and every future not yet done raises "
                    "BrokenProcessPool.")
            text_zh = (f"ProcessPoolExecutor 的工作进程 {name} 被 {what} 杀死: 执行器已损坏, "
                       "每个未完成的 future 都会抛出 BrokenProcessPool。")
        else:
            text = (f"{name}, a worker of a Pool, was killed by {what}: the Pool starts "
                    "another, but the task it was running is lost, and a map() or get() "
                    "waiting for it waits for ever.")
            text_zh = (f"Pool 的工作进程 {name} 被 {what} 杀死: Pool 会另起一个, 但它正在执行"
                       "的任务丢了, 等待它的 map() 或 get() 会永远等下去。")
        yield view.finding("broken-pool", record.t_end or view.now_ns, text, text_zh,
                           "result = async_result.get(timeout=60)  # never wait without a "
                           "way out", procs=[proc], subject=str(proc), exitcode=code)


def _ended_by_pool(record, ended_by_pool: dict) -> bool:
    if record.os_pid not in ended_by_pool:
        return False
    signum, t_sent = ended_by_pool[record.os_pid]
    if record.exitcode is not None:
        return record.exitcode == -signum
    return not record.t_end or t_sent <= record.t_end


def view_signal(code: int) -> str:
    try:
        return signal.Signals(-code).name
    except ValueError:
        return f"signal {-code}"


def process_not_joined(view):
    """A child its parent never join()ed before its own code ended (Python joins it at
    exit, silently; until then it is a zombie, and an error in it goes unnoticed)."""
    # a parent whose code raised did not forget to join: it never got that far
    ends = {int(r["proc"]): int(r["t"]) for r in view.of(Kind.TARGET_END) if not int(r["a"])}
    joins = view.of(Kind.PJOIN_BEGIN, Kind.PJOIN_END)
    joined_before: dict[int, set[int]] = {}
    for row in joins:
        proc = int(row["proc"])
        if proc in ends and int(row["t"]) <= ends[proc]:
            joined_before.setdefault(proc, set()).add(int(row["a"]))
    pid_to_proc = {r.os_pid: p for p, r in view.model.processes.items()}
    for child, record in view.model.processes.items():
        parent = pid_to_proc.get(record.parent_os_pid)
        if parent is None or record.daemon or record.role in POOL_WORKER_ROLES \
                or record.role == "manager" or parent not in ends:
            continue
        if record.os_pid in joined_before.get(parent, set()):
            continue
        yield view.finding(
            "process-not-joined", ends[parent],
            f"{view.name(parent)} never joined {view.name(child)}: its code ended without "
            "p.join(), and Python joins it silently at exit.",
            f"{view.name(parent)} 从未 join {view.name(child)}: 它的代码结束时没有调用 "
            "p.join(), Python 在退出时悄悄地替它 join。",
            "p.join()  # and check p.exitcode", procs=[parent, child], subject=str(child))


def queue_item_not_sent(view):
    """put() returns before the item is pickled: a queue's feeder thread pickles it later,
    and one it cannot pickle is dropped there (its traceback on stderr), unknown to the
    code that put it.  The queue goes on with the next items."""
    for row in view.of(Kind.EXCEPTION):
        if not int(row["a"]):
            continue
        proc, obj = int(row["proc"]), int(row["obj"])
        text = view.model.text(row)
        last = (text.strip().splitlines() or ["an error"])[-1]
        queue, name = view.obj_name(obj), view.name(proc)
        yield view.finding(
            "queue-item-not-sent", int(row["t"]),
            f"An item {name} put on {queue} never reached it: pickling it failed in the "
            f"queue's feeder thread ({last}). put() had already returned, so {name} was not "
            "told; the item is lost, and the queue goes on with the next ones.",
            f"{name} 放入 {queue} 的一个数据项没有送达: 队列的 feeder 线程序列化它时出错 "
            f"({last})。put() 早已返回, {name} 并不知道; 这个数据项丢了, 队列继续传送后面的数据。",
            "pickle.dumps(item)  # check it pickles before q.put(item): put() returns first",
            procs=[proc], objs=[obj], subject=f"{obj}-{int(row['b'])}", traceback=text)
