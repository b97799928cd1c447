"""Names from the program's source: `task_queue = Queue()` names the queue task_queue.

At creation the caller's frame gives file and line; the line's syntax tree gives the
name it is assigned to (`a, b = Lock(), Lock()` names two locks a and b, `self.q = ...`
is self.q, `with Pool(4) as pool:` is pool).  Python 3.11 says which call on a line is
running (co_positions); before that, the first name on the line is taken.  Files are
parsed once, and each answer is cached per (file, line, column): creation can be hot.
"""
from __future__ import annotations

import ast
import dis
import functools
import linecache
import os
import sys


@functools.lru_cache(maxsize=64)
def _assignments(filename: str) -> dict:
    """(line, column) of each call on the right of an assignment -> the name."""
    source = "".join(linecache.getlines(filename))
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return {}
    found: dict = {}

    def name_calls(target, value):
        if isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List)) \
                and len(target.elts) == len(value.elts):
            for sub_target, sub_value in zip(target.elts, value.elts):
                name_calls(sub_target, sub_value)
            return
        try:
            text = ast.unparse(target)
        except Exception:  # noqa: BLE001 - a name is a nicety
            return
        if isinstance(target, ast.Tuple):
            text = text.strip("()")         # reader, writer = Pipe()
        for node in ast.walk(value):
            if isinstance(node, ast.Call):
                found.setdefault((node.lineno, node.col_offset), text)
                found.setdefault((node.lineno, None), text)

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                name_calls(target, node.value)
        elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
            name_calls(node.target, node.value)
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if item.optional_vars is not None:
                    name_calls(item.optional_vars, item.context_expr)
    return found


def _position(frame) -> tuple[int, int | None]:
    if sys.version_info >= (3, 11):
        positions = list(frame.f_code.co_positions())
        index = frame.f_lasti // 2
        if 0 <= index < len(positions):
            line, _, column, _ = positions[index]
            if line is not None:
                return line, column
    return frame.f_lineno, None


def assigned_name(frame) -> str | None:
    """The name the call running in `frame` is assigned to, or None."""
    line, column = _position(frame)
    names = _assignments(frame.f_code.co_filename)
    return names.get((line, column)) or names.get((line, None))


def site(frame) -> str:
    """Where the running call is: "path/file.py:LINE"."""
    return f"{os.path.abspath(frame.f_code.co_filename)}:{_position(frame)[0]}"


_STORES = ("STORE_ATTR", "STORE_NAME", "STORE_FAST", "STORE_GLOBAL", "STORE_DEREF")


@functools.lru_cache(maxsize=256)
def _store_after(code, offset: int) -> str | None:
    for instruction in dis.get_instructions(code):
        if instruction.offset <= offset:
            continue
        if instruction.opname in _STORES:
            return instruction.argval
        if instruction.opname.startswith(("CALL", "RETURN", "JUMP", "POP_JUMP")):
            return None                 # the call's value goes elsewhere first
    return None


def stored_name(frame) -> str | None:
    """The name (or attribute) the running call's value is stored in, read from the
    bytecode: for code whose source is not at hand (`self._inqueue = SimpleQueue()`)."""
    return _store_after(frame.f_code, frame.f_lasti)
