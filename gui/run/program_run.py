"""ProgramRun: a program of the user's own where the window expects a scenario.

The views ask a run's "scenario" for little: an id (thread names, a summary made in
words), and which third plot to draw.  A program answers the same questions; what it
runs is a `core.program.Program` started in the script's own folder, as `python
script.py` run from there would be.  Its summary is a program's (core/summary.py):
`summarize(None, about(), ...)`.
"""
from __future__ import annotations

import os
import shlex
from dataclasses import dataclass

from ipcscope.core.program import Program
from ipcscope.core.scenarios.base import ParamError

# The window runs a program as `ipcscope trace --stall 3` would: a run whose every process
# waits on something that never comes is ended as stalled, and told.
PROGRAM_STALL_AFTER_S = 3.0


def split_args(text: str) -> list[str]:
    """The arguments field as a shell would split it; ParamError if it cannot be."""
    try:
        return shlex.split(text)
    except ValueError as error:
        raise ParamError(f"The arguments cannot be split as a shell would "
                         f"({str(error).lower()}).") from None


def program_at(path: str, args=()) -> Program:
    """The program at `path`, run from its own folder."""
    path = os.path.abspath(path)
    return Program(path=path, args=tuple(args), cwd=os.path.dirname(path))


@dataclass(frozen=True)
class ProgramRun:
    program: Program
    third_plot: str = "rate"       # items/s: a program's queues are its usual story

    @property
    def id(self) -> str:
        return self.program.id

    @property
    def title(self) -> str:
        return self.program.title

    @property
    def source_path(self) -> str | None:
        return self.program.source_path()

    def about(self) -> dict:
        """What a program's summary says it ran (core/summary.py)."""
        return {"program": self.program.id, "args": list(self.program.args)}

    def meta(self) -> dict:
        """A trace's metadata keys for this program (as core/headless.py writes them)."""
        return {"scenario": self.program.id, "program": self.program.id,
                "args": list(self.program.args), "params": {}, "speed": 1.0}

    @classmethod
    def from_meta(cls, meta: dict, pipes_only: bool = False) -> ProgramRun:
        """The program a trace's metadata names (it may not exist here any more)."""
        program = program_at(str(meta.get("program") or "program.py"),
                             [str(a) for a in meta.get("args") or []])
        return cls(program, "pipe" if pipes_only else "rate")


def summary_target(scenario, params: dict) -> tuple:
    """(scenario, params) as core.summary.summarize wants them: a program is None and
    what it ran."""
    if isinstance(scenario, ProgramRun):
        return None, scenario.about()
    return scenario, params
