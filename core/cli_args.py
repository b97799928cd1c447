"""What the command line and the window's command line share: bad input is one
sentence (UsageError), never argparse's usage dump and exit, and never a traceback."""
from __future__ import annotations

import argparse
import math


class UsageError(Exception):
    """Bad input; str() is the one sentence the user sees."""


class SentenceParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are a UsageError of one sentence."""

    def error(self, message):
        raise UsageError(message[0].upper() + message[1:].rstrip(".") + ".")


def seconds(option: str, value: float | None, *, at_most: float | None = None) -> float | None:
    """A duration given on the command line: a number of seconds above 0 (nan and
    inf are not), or None if not given."""
    if value is None:
        return None
    if not math.isfinite(value) or value <= 0 or (at_most is not None and value > at_most):
        limit = f" and at most {at_most:g}" if at_most is not None else ""
        raise UsageError(f"{option} must be a number of seconds above 0{limit}, not {value:g}.")
    return value
