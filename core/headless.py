"""One run from start to summary, without a window: what the command, the self-test,
the tests and the benchmarks share."""
from __future__ import annotations

from ipcscope.core.model import RunModel
from ipcscope.core.program import Program
from ipcscope.core.summary import summarize
from ipcscope.core.supervisor import EVENT_DTYPE, Supervisor
from ipcscope.core.trace import TraceWriter


def run(scenario_id: str, params: dict | None = None, *, speed: float = 1.0,
        timeout: float | None = 120.0, stall_after: float | None = None,
        trace_path: str | None = None, on_start=None, code=None) -> tuple[dict, RunModel]:
    """Run a scenario to its end; return (summary, model).  on_start(supervisor) is
    called once the run's main process exists (tests use it to stop or kill).  `code`:
    the scenario's code as edited (core/edited_code.py EditedScenario, prepared)."""
    supervisor = Supervisor(scenario_id, params, speed=speed, timeout=timeout,
                            stall_after=stall_after)
    if code is not None:
        code.run_by(supervisor)
    meta = {"scenario": scenario_id, "params": supervisor.params, "speed": speed}
    return _to_the_end(supervisor, meta, supervisor.params, trace_path, on_start)


def trace(program: Program, *, timeout: float | None = None,
          stall_after: float | None = None, trace_path: str | None = None,
          echo: bool = True, on_start=None, launch=None) -> tuple[dict, RunModel]:
    """Run a program of the user's own, traced, to its end; return (summary, model).
    With `echo` its output also reaches this process's stdout and stderr.  `launch`:
    the program already started (core/program_launch.py)."""
    supervisor = Supervisor(program=program, timeout=timeout, stall_after=stall_after,
                            echo=echo, launch=launch)
    about = {"program": program.id, "args": list(program.args)}
    meta = {"scenario": program.id, "program": program.id, "args": list(program.args),
            "params": {}, "speed": 1.0}
    return _to_the_end(supervisor, meta, about, trace_path, on_start)


def _to_the_end(supervisor: Supervisor, meta: dict, params: dict, trace_path: str | None,
                on_start) -> tuple[dict, RunModel]:
    model = RunModel(EVENT_DTYPE)
    writer = TraceWriter(trace_path, meta) if trace_path else None

    def on_batch(batch):
        model.append(batch.rows, batch.strings)
        if writer is not None:
            writer.write_batch(batch.rows, batch.strings)

    supervisor.start()
    if on_start is not None:
        on_start(supervisor)

    def summary_now() -> dict:
        return summarize(supervisor.scenario, params, model,
                         status=supervisor.status or "stopped", speed=supervisor.speed,
                         duration_s=supervisor.duration_s,
                         leftover_processes=supervisor.leftover_processes,
                         dropped_events=supervisor.dropped_events,
                         stall_after_s=supervisor.stall_after)

    try:
        supervisor.run_to_end(on_batch)
    finally:
        # Ctrl-C included: the run was stopped, and what it recorded is a whole trace.
        summary = summary_now()
        if writer is not None:
            writer.close({"status": summary["status"], "summary": summary})
    return summary, model
