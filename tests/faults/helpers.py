"""How a fault case runs: a program of tests/faults/programs/ through `ipcscope trace
--json` as a user would, or in this process through the core Supervisor when the test
must act on what it sees (kill a process inside a get(), press Stop)."""
from __future__ import annotations

import json
import pathlib
import subprocess
import sys

import psutil
from ipcscope.core.model import RunModel
from ipcscope.core.program import Program
from ipcscope.core.summary import summarize
from ipcscope.core.supervisor import EVENT_DTYPE, Supervisor

PROGRAMS = pathlib.Path(__file__).resolve().parent / "programs"
METHODS = ["spawn", "fork", "forkserver"]


def trace(tmp_path, program: str, *args, options=(), timeout_s: float = 60):
    """(completed process, summary) of `ipcscope trace --json FILE options program args`."""
    out = tmp_path / f"{program}-{'-'.join(map(str, args))}.json"
    done = subprocess.run([sys.executable, "-m", "ipcscope.gui.app", "trace", "--json",
                           str(out), *options, str(PROGRAMS / program), *map(str, args)],
                          cwd=PROGRAMS, capture_output=True, text=True, timeout=timeout_s)
    assert out.exists(), done.stderr
    return done, json.loads(out.read_text())


def drive(supervisor: Supervisor, act=None) -> tuple[dict, RunModel]:
    """Run to the end, calling act(model, supervisor) after every batch; the summary and
    the model."""
    model = RunModel(EVENT_DTYPE)
    supervisor.start()
    try:
        while not supervisor.finished:
            batch = supervisor.poll()
            if batch is not None:
                model.append(batch.rows, batch.strings)
                if act is not None:
                    act(model, supervisor)
    finally:
        supervisor.request_stop()
        supervisor.run_to_end(lambda batch: model.append(batch.rows, batch.strings))
    summary = summarize(supervisor.scenario, supervisor.params if supervisor.program is None
                        else {"program": supervisor.program.id}, model,
                        status=supervisor.status, speed=supervisor.speed,
                        duration_s=supervisor.duration_s,
                        leftover_processes=supervisor.leftover_processes,
                        stall_after_s=supervisor.stall_after)
    return summary, model


def program(name: str, *args) -> Program:
    return Program(path=str(PROGRAMS / name), args=tuple(map(str, args)), cwd=str(PROGRAMS))


def by_name(summary) -> dict:
    return {p["name"]: p for p in summary["processes"]}


def findings(summary, kind: str) -> list[dict]:
    return [f for f in summary["findings"] if f["kind"] == kind]


def gone(pid: int) -> bool:
    """No such process, or only a zombie nobody has reaped yet."""
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True
