"""The summary of a finished run: the JSON the command prints, and the checks of its
scenario's prediction."""
from __future__ import annotations

from ipcscope.core import findings as findings_module
from ipcscope.core.events import Kind, ObjType
from ipcscope.core.model import RunModel

# What a queue row's "type" says: the class the program made.
QUEUE_TYPES = {ObjType.QUEUE: "Queue", ObjType.JOINABLE_QUEUE: "JoinableQueue",
               ObjType.SIMPLE_QUEUE: "SimpleQueue"}


def queue_call(queue_type: str, maxsize: int) -> str:
    """The queue as the program made it: Queue(5), JoinableQueue(), SimpleQueue()."""
    return f"{queue_type}({maxsize or ''})"


def process_rows(model: RunModel) -> list[dict]:
    return [{
        "name": p.name or model.process_name(p.proc), "role": p.role, "pid": p.os_pid, "daemon": p.daemon,
        "exitcode": p.exitcode, "exit_reason": p.exit_reason,
    } for p in sorted(model.processes.values(), key=lambda p: p.proc)]


def queue_rows(model: RunModel) -> list[dict]:
    return [{
        "name": q.name, "type": QUEUE_TYPES.get(q.type, "Queue"), "maxsize": q.maxsize,
        "puts": q.count(Kind.PUT_END), "gets": q.count(Kind.GET_END),
        "max_depth": model.max_depth(q.obj),
        "full_errors": q.count(Kind.PUT_FULL), "empty_errors": q.count(Kind.GET_EMPTY),
        "task_done": q.count(Kind.TASK_DONE),
    } for q in model.queues()]


def pipe_rows(model: RunModel) -> list[dict]:
    return [{
        "name": p.name, "sent": p.count(Kind.SEND), "received": p.count(Kind.RECV_END),
        "corrupt": p.count(Kind.RECV_CORRUPT), "eof": p.count(Kind.RECV_EOF),
    } for p in model.pipes()]


def _what_happened(model: RunModel, found: list, status: str, duration_s: float,
                   leftover_processes: int, dropped_events: int) -> dict:
    """The fields every summary has, a scenario's or a program's."""
    return {
        "status": status,
        "duration_s": round(duration_s, 3),
        "events": len(model),
        "dropped_events": dropped_events,
        "processes": process_rows(model),
        "queues": queue_rows(model),
        "pipes": pipe_rows(model),
        "findings": findings_module.as_dicts(found, model.t0),
        "leftover_processes": leftover_processes,
    }


def summarize(scenario, params: dict, model: RunModel, *, status: str, speed: float,
              duration_s: float, leftover_processes: int, dropped_events: int = 0,
              stall_after_s: float = 3.0) -> dict:
    found = findings_module.detect(model, stall_after_s=stall_after_s)
    if scenario is None:
        return _program_summary(params, model, found, status=status, duration_s=duration_s,
                                leftover_processes=leftover_processes,
                                dropped_events=dropped_events)
    summary = {
        "scenario": scenario.id, "params": params, "speed": speed,
        **_what_happened(model, found, status, duration_s, leftover_processes, dropped_events),
    }
    summary["result"] = scenario.result(model, params)
    outcome = scenario.predict(params)
    problems = [] if status in outcome.statuses else \
        [f"ended {status}, expected {' or '.join(outcome.statuses)}"]
    if status in outcome.statuses:
        problems += outcome.check(summary)
        kinds = {f["kind"] for f in summary["findings"]}
        if not set(outcome.findings) <= kinds <= set(outcome.findings) | set(outcome.may_find):
            problems.append(f"findings {sorted(kinds)}, expected {sorted(outcome.findings)}"
                            + (f" (and maybe {sorted(outcome.may_find)})" if outcome.may_find
                               else ""))
    if leftover_processes:
        problems.append(f"{leftover_processes} process(es) left behind")
    summary["predicted"] = outcome.text
    summary["as_predicted"] = not problems
    summary["problems"] = problems
    return summary


def _program_summary(program: dict, model: RunModel, found: list, *, status: str,
                     duration_s: float, leftover_processes: int, dropped_events: int) -> dict:
    """A program's run: the fields of a scenario's summary that apply (no parameters,
    no prediction), what ran and its exit code."""
    problems = [f"{leftover_processes} process(es) left behind"] if leftover_processes else []
    main = model.processes.get(0)
    return {
        "scenario": program.get("program"),   # the fields of `run --json`, then a program's
        "params": {},
        "speed": 1.0,
        "program": program.get("program"),
        "args": program.get("args", []),
        "exit_code": main.exitcode if main is not None else None,
        **_what_happened(model, found, status, duration_s, leftover_processes, dropped_events),
        "result": {},
        "predicted": "",                      # a program predicts nothing: as_predicted
        "as_predicted": not problems,         # only says that nothing was left behind
        "problems": problems,
    }
