"""What a scenario declares about itself: id, titles, explanation, parameters, and the
outcome its parameters predict, and which plot shows its result.  The GUI builds its
form from `Param`; the command line validates `--set KEY=VALUE` with the same specs."""
from __future__ import annotations

import multiprocessing
from dataclasses import dataclass, field
from typing import Any, Callable


class ParamError(ValueError):
    """A parameter value a user typed that cannot be used; str() is one sentence."""


@dataclass(frozen=True)
class Param:
    key: str
    kind: str                 # "int", "float", "bool" or "choice"
    default: Any
    help: str
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple = ()

    def parse(self, text: str) -> Any:
        """A value from the command line (`--set key=text`)."""
        text = text.strip()
        if self.kind == "bool":
            lowered = text.lower()
            if lowered in ("true", "1", "yes", "on"):
                return True
            if lowered in ("false", "0", "no", "off"):
                return False
            raise ParamError(f"{self.key} must be true or false, not {text!r}.")
        if self.kind in ("int", "float"):
            try:
                value = int(text) if self.kind == "int" else float(text)
            except ValueError:
                kind = "a whole number" if self.kind == "int" else "a number"
                raise ParamError(f"{self.key} must be {kind}, not {text!r}.") from None
            return self.check(value)
        return self.check(text)

    def check(self, value: Any) -> Any:
        """The value if it is valid, else ParamError with one sentence."""
        if self.kind == "choice":
            if value not in self.choices:
                raise ParamError(f"{self.key} must be one of {', '.join(map(str, self.choices))}, "
                                 f"not {value!r}.")
            return value
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise ParamError(f"{self.key} must be true or false, not {value!r}.")
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)) or \
                (self.kind == "int" and not isinstance(value, int)):
            raise ParamError(f"{self.key} must be a {'whole number' if self.kind == 'int' else 'number'}, "
                             f"not {value!r}.")
        if value != value or (self.minimum is not None and value < self.minimum) or \
                (self.maximum is not None and value > self.maximum):
            raise ParamError(f"{self.key} must be between {self.minimum:g} and {self.maximum:g}, "
                             f"not {value}.")
        return value


def start_method_param() -> Param:
    methods = tuple(m for m in ("spawn", "fork", "forkserver")
                    if m in multiprocessing.get_all_start_methods())
    return Param("start_method", "choice", "spawn",
                 "How the scenario's main starts its children (spawn works everywhere).",
                 choices=methods)


@dataclass(frozen=True)
class Outcome:
    """What a run with given parameters should end in; `check` returns the broken
    expectations (empty when the run behaved as the article says)."""
    statuses: tuple[str, ...]
    text: str
    check: Callable[[dict], list[str]] = lambda summary: []
    findings: tuple[str, ...] = ()   # finding kinds this run must raise
    may_find: tuple[str, ...] = ()   # kinds it may raise too (races are random); no others


# The window's third plot, under the lanes (a table like Friture's widgets): items/s in
# and out of the queues, the shared counter against its expected value, or a pipe's
# messages sent and received.
THIRD_PLOTS = ("rate", "counter", "pipe")


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    title_zh: str
    section: str              # which part of the article it comes from
    explanation: str
    explanation_zh: str
    watch: str                # "what to watch", shown beside the plots
    params: tuple[Param, ...]
    predict: Callable[[dict], Outcome]
    result: Callable[[Any, dict], dict] = field(default=lambda model, params: {})
    self_test_params: dict = field(default_factory=dict)
    self_test_speed: float = 20.0
    third_plot: str = "rate"          # one of THIRD_PLOTS

    def __post_init__(self) -> None:
        if self.third_plot not in THIRD_PLOTS:
            raise ValueError(f"{self.id}: third_plot must be one of {', '.join(THIRD_PLOTS)}, "
                             f"not {self.third_plot!r}")

    def defaults(self) -> dict:
        return {p.key: p.default for p in self.params}

    def param(self, key: str) -> Param:
        for p in self.params:
            if p.key == key:
                return p
        known = ", ".join(p.key for p in self.params)
        raise ParamError(f"{self.id} has no parameter {key!r}; it has: {known}.")

    def resolve(self, given: dict) -> dict:
        """Defaults overlaid with `given`, every value checked."""
        values = self.defaults()
        for key, value in given.items():
            values[key] = self.param(key).check(value)
        return values
