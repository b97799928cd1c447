"""Edited code, run for real: a scenario's edited text runs as that scenario (its
parameters and result apply), an edited program runs from its script's folder, and a
syntax or import error is a line and what Python said, before anything starts."""
import importlib.util
import os
import textwrap

import pytest
from ipcscope.core import edited_code, headless, scenarios
from ipcscope.core.edited_code import CodeProblem, EditedProgram, EditedScenario
from ipcscope.core.model import RunModel
from ipcscope.core.summary import summarize
from ipcscope.core.supervisor import EVENT_DTYPE, Supervisor

DECREMENT = "    dic['count'] -= 1"      # the code's line, not the docstring's


def scenario_source(scenario_id: str) -> str:
    with open(importlib.util.find_spec(scenarios.module_name(scenario_id)).origin) as f:
        return f.read()


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def run_edited(code: EditedScenario, params: dict) -> dict:
    code.prepare()
    supervisor = Supervisor(code.scenario_id, params, speed=20, timeout=60)
    spec = supervisor.scenario
    code.run_by(supervisor)
    model = RunModel(EVENT_DTYPE)
    supervisor.start()
    supervisor.run_to_end(lambda batch: model.append(batch.rows, batch.strings))
    return summarize(spec, supervisor.params, model, status=supervisor.status,
                     speed=supervisor.speed, duration_s=supervisor.duration_s,
                     leftover_processes=supervisor.leftover_processes)


@pytest.mark.timeout(90)
@pytest.mark.parametrize("start_method", ["spawn", "forkserver"])
def test_an_edited_scenario_runs_its_edit_with_its_parameters(start_method):
    original = scenario_source("manager-counter")
    text = original.replace(DECREMENT, "    dic['count'] -= 2")
    summary = run_edited(EditedScenario("manager-counter", text),
                         {"processes": 10, "start": 100, "lock": True,
                          "start_method": start_method})
    assert summary["status"] == "completed", summary["problems"]
    assert summary["scenario"] == "manager-counter"
    assert summary["result"]["final"] == 80          # 10 processes took 2 each
    assert summary["leftover_processes"] == 0
    # and the scenario itself is untouched
    assert scenarios.module_name("manager-counter").startswith("ipcscope.core.scenarios")
    plain, _ = headless.run("manager-counter", {"processes": 10, "lock": True}, speed=20)
    assert plain["result"]["final"] == 90


def test_a_syntax_error_is_its_line_and_nothing_is_written():
    original = scenario_source("manager-counter")
    text = original.replace(DECREMENT, "    dic['count'] -= ")
    edited = EditedScenario("manager-counter", text)
    with pytest.raises(CodeProblem) as problem:
        edited.prepare()
    assert problem.value.line == line_of(text, "    dic['count'] -= ")
    assert problem.value.error.startswith("SyntaxError")
    assert not any(name.startswith(edited.module) for folder in edited_code._folder
                   for name in os.listdir(folder))


def test_an_import_error_is_its_line():
    original = scenario_source("manager-counter")
    text = original.replace("from ipcscope.core.probe import Lock,",
                            "from ipcscope.core.probe import Lokc,")
    edited = EditedScenario("manager-counter", text)
    with pytest.raises(CodeProblem) as problem:
        edited.prepare()
    assert problem.value.line == line_of(text, "import Lokc")
    assert "ImportError" in problem.value.error and "Lokc" in problem.value.error
    assert edited.alias not in scenarios._extra_modules      # never handed to a run


@pytest.mark.timeout(60)
def test_an_edited_program_runs_from_its_scripts_folder(tmp_path):
    (tmp_path / "helper.py").write_text("GREETING = 'from the folder'\n")
    script = tmp_path / "greet.py"
    script.write_text("print('original')\n")
    text = textwrap.dedent("""\
        import os, sys
        from helper import GREETING
        print(GREETING, sys.path[0] == os.path.dirname(os.path.abspath(__file__)))
        """)
    program = EditedProgram(str(script), text).prepare()
    assert os.path.dirname(program.path) == str(tmp_path)
    assert edited_code.original_of(program.path) == str(script)
    summary, model = headless.trace(program, timeout=30, echo=False)
    assert summary["status"] == "completed", summary["problems"]
    assert "from the folder True" in "\n".join(model.strings)


def test_an_edited_program_missing_a_module_is_its_line(tmp_path):
    script = tmp_path / "p.py"
    script.write_text("print(1)\n")
    text = "import os\ntry:\n    import not_there_either\nexcept ImportError:\n    pass\n" \
           "import not_a_module_here\n"
    with pytest.raises(CodeProblem) as problem:
        EditedProgram(str(script), text).prepare()
    assert problem.value.line == 6
    assert "not_a_module_here" in problem.value.error
    assert os.listdir(tmp_path) == ["p.py"]          # nothing written, nothing started


@pytest.mark.timeout(90)
@pytest.mark.parametrize("start_method", ["spawn", "fork"])
def test_a_scenario_saved_as_a_program_runs_under_python_with_its_parameters(
        tmp_path, start_method):
    """Save as… of a scenario: plain multiprocessing (core/standalone.py), the values
    given set in every process, and a __main__ entry: `python file.py` runs it."""
    import subprocess
    import sys
    text = scenario_source("manager-counter").replace(DECREMENT, "    dic['count'] -= 2")
    values = scenarios.get("manager-counter").resolve(
        {"processes": 6, "start": 50, "lock": True, "start_method": start_method})
    program = edited_code.scenario_program(text, values)
    assert "ipcscope.core.probe" not in program
    script = tmp_path / "counter.py"
    script.write_text(program, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "{'count': 38}"          # 6 processes took 2 each
    # a pipe's scenario too: every message through, then EOFError
    values = scenarios.get("pipe-eof").resolve({"messages": 3, "start_method": start_method})
    script = tmp_path / "pipe.py"
    script.write_text(edited_code.scenario_program(scenario_source("pipe-eof"), values),
                      encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["hello"] * 3
