"""Edited code: a scenario's or a program's source as changed in the window, checked
and written where its run's processes can import it.

A scenario's run starts the module its id names (core/scenarios `module_name`) in a
spawned main, whose own children (any start method) import it again by name.  So the
edited text is written as a uniquely named module into a folder on this process's
`sys.path`, which spawn hands down to every child, and the run's supervisor is given an
alias id for that module: the scenario's spec, parameters, prediction and result stay
the scenario's own.

A program's edited text is written next to the original script (a hidden file), so the
run has the script's semantics: `sys.path[0]` and `__file__`'s folder are the script's
folder, and its sibling modules import as before.

Problems are found before anything starts: a syntax error by compile(); for a scenario,
an error while importing it (in a throwaway interpreter, never in the app); for a
program, a top-level `import` of a module that cannot be found from the script's folder
(the program itself is not run to check it).  Each is a CodeProblem: a line and what
Python said.
"""
from __future__ import annotations

import ast
import atexit
import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

from ipcscope.core import scenarios
from ipcscope.core.program import Program
from ipcscope.core.scenarios.base import ParamError

CHECK_TIMEOUT_S = 10.0
MODULE_PREFIX = "ipcscope_edited_"

# Imports the edited scenario module by name and prints [line, error] or null.
_CHECK_SCENARIO = r"""
import json, sys, traceback
folder, name, path = sys.argv[1:4]
sys.path.append(folder)
try:
    module = __import__(name)
    problem = None if callable(getattr(module, "main", None)) else [0, "no main()"]
except BaseException as error:
    frames = traceback.extract_tb(error.__traceback__)
    line = next((f.lineno for f in reversed(frames) if f.filename == path),
                getattr(error, "lineno", 0) or 0)
    problem = [line, "".join(traceback.format_exception_only(error)).strip()]
print(json.dumps(problem))
"""

# Looks for each top-level imported module from the script's folder: [line, name] or null.
_CHECK_IMPORTS = r"""
import importlib.util, json, sys
sys.path[0] = sys.argv[1]
for line, name in json.loads(sys.argv[2]):
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        print(json.dumps([line, name]))
        break
else:
    print("null")
"""


class CodeProblem(ParamError):
    """Edited code that cannot start: `line` (1-based; 0 if none) and what Python said."""

    def __init__(self, line: int, error: str):
        super().__init__(f"Line {line}: {error}" if line else error)
        self.line, self.error = line, error


def syntax_problem(text: str, filename: str) -> CodeProblem | None:
    try:
        compile(text, filename, "exec", dont_inherit=True)
    except SyntaxError as error:
        return CodeProblem(error.lineno or 0, f"SyntaxError: {error.msg}")
    except ValueError as error:           # a NUL byte in the text
        return CodeProblem(0, f"ValueError: {error}")
    return None


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _run_check(code: str, args: list[str], cwd: str | None = None) -> object:
    """The check's JSON answer; None if it could not say (frozen app, a hang, a crash):
    the run then shows what happens, and Stop ends it."""
    if getattr(sys, "frozen", False):
        return None
    try:
        done = subprocess.run([sys.executable, "-c", code, *args], cwd=cwd,
                              capture_output=True, text=True, timeout=CHECK_TIMEOUT_S,
                              stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = done.stdout.strip().splitlines()
    try:
        return json.loads(lines[-1]) if lines else None
    except ValueError:
        return None


# --- where edited code is written -----------------------------------------------------

_folder: list[str] = []          # this process's folder of edited scenario modules
_program_copies: dict[str, str] = {}   # written copy -> the original script


def _modules_folder() -> str:
    if not _folder:
        folder = tempfile.mkdtemp(prefix="ipcscope-edited-")
        sys.path.append(folder)          # spawn hands sys.path to every child
        atexit.register(shutil.rmtree, folder, True)
        _folder.append(folder)
    return _folder[0]


def _write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def _forget_copies() -> None:
    for path in list(_program_copies):
        try:
            os.unlink(path)
        except OSError:
            pass
    _program_copies.clear()


atexit.register(_forget_copies)


def original_of(path: str) -> str | None:
    """The script an edited program's copy was written for (its sites point at the copy)."""
    return _program_copies.get(os.path.abspath(path))


# --- a scenario -------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class EditedScenario:
    scenario_id: str
    text: str

    @property
    def module(self) -> str:
        stem = self.scenario_id.replace("-", "_")
        return f"{MODULE_PREFIX}{stem}_{_digest(self.text)}"

    @property
    def alias(self) -> str:
        return f"{self.scenario_id}~edited-{_digest(self.text)}"

    def prepare(self) -> str:
        """Check the text, then write it as its module; CodeProblem if it cannot run.
        Returns the module's path."""
        path = os.path.join(_modules_folder(), self.module + ".py")
        problem = syntax_problem(self.text, path)
        if problem is not None:
            raise problem
        _write(path, self.text)
        found = _run_check(_CHECK_SCENARIO, [os.path.dirname(path), self.module, path])
        if isinstance(found, list) and len(found) == 2:
            raise CodeProblem(int(found[0] or 0), str(found[1]))
        scenarios.register_alias(self.alias, self.module)
        return path

    def run_by(self, supervisor) -> None:
        """Make a scenario's Supervisor (not yet started) start this code: its spec under
        the alias id, which names the edited module.  Call prepare() first."""
        supervisor.scenario = dataclasses.replace(supervisor.scenario, id=self.alias)


# --- a program --------------------------------------------------------------------------

def _top_level_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, module) of each plain import at the top level: a guarded one (in try:, or
    under if) may be meant to fail."""
    found = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    return found


@dataclasses.dataclass(frozen=True)
class EditedProgram:
    path: str              # the original script
    text: str

    def prepare(self, args=()) -> Program:
        """Check the text and write it beside the script; the Program that runs it (in
        the script's folder).  CodeProblem if it cannot start, ParamError if the folder
        cannot be written."""
        path = os.path.abspath(self.path)
        folder = os.path.dirname(path)
        stem = os.path.splitext(os.path.basename(path))[0]
        copy = os.path.join(folder, f".{stem}.edited-{_digest(self.text)}.py")
        problem = syntax_problem(self.text, copy)
        if problem is not None:
            raise problem
        imports = _top_level_imports(ast.parse(self.text))
        if imports:
            found = _run_check(_CHECK_IMPORTS, [folder, json.dumps(imports)], cwd=folder)
            if isinstance(found, list) and len(found) == 2:
                raise CodeProblem(int(found[0]), f"ModuleNotFoundError: No module named "
                                                 f"{found[1]!r}")
        try:
            _write(copy, self.text)
        except OSError as error:
            raise ParamError(f"The edited program runs from its own folder, and "
                             f"{folder} cannot be written ({error.strerror or error}).") \
                from None
        _program_copies[copy] = path
        return Program(path=copy, args=tuple(args), cwd=folder)


# --- a scenario saved as a program ------------------------------------------------------

PROBE_MODULE = "ipcscope.core.probe"
STANDALONE_MODULE = "ipcscope.core.standalone"


def scenario_program(text: str, values: dict) -> str:
    """A scenario's code as a program of its own: its probe imports become
    core/standalone.py's (plain multiprocessing, traced as any program's), its parameter
    values are set at the top level (a spawned child imports the file again), and
    `main()` runs under `if __name__ == '__main__':`.  The text must compile."""
    tree = ast.parse(text)
    lines = text.splitlines(keepends=True)
    for node in ast.walk(tree):
        probe_import = isinstance(node, ast.Import) and any(
            alias.name == PROBE_MODULE and alias.asname for alias in node.names)
        if probe_import or isinstance(node, ast.ImportFrom) and \
                node.module == PROBE_MODULE and node.level == 0:
            row = lines[node.lineno - 1]
            lines[node.lineno - 1] = row.replace(PROBE_MODULE, STANDALONE_MODULE, 1)
    guarded = any(isinstance(node, ast.If) and "__main__" in ast.unparse(node.test)
                  for node in tree.body)
    shown = ", ".join(f"{key!r}: {value!r}" for key, value in values.items())
    tail = ["\n\n# IPC Scope: the scenario's parameters when this was saved (change them "
            "here),\n# set in every process: a spawned child imports this file again.\n",
            f"from {STANDALONE_MODULE} import use_params  # noqa: E402\n",
            f"use_params({{{shown}}})\n"]
    if not guarded:
        tail.append("\n\nif __name__ == '__main__':\n    main()\n")
    body = "".join(lines)
    if body and not body.endswith("\n"):
        body += "\n"
    return body.rstrip("\n") + "\n" + "".join(tail)
