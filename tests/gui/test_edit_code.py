"""Change the code and rerun (issue 18): the source view's Edit switch, real runs.  An
edited scenario runs as itself with its parameters and the edited code; Revert brings
the original back; Save as… lists a program that runs; a syntax error is one sentence
with its line marked and nothing started; Stop ends an edited program that hangs."""
import os
import textwrap

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import RUN_TIMEOUT_MS, start

DECREMENT = "    dic['count'] -= 1"
PROGRAM = textwrap.dedent("""\
    import multiprocessing as mp


    def work(q):
        q.put('original')


    if __name__ == '__main__':
        q = mp.Queue()
        p = mp.Process(target=work, args=(q,))
        p.start()
        print(q.get())
        p.join()
    """)


def replace_in_editor(source, old: str, new: str) -> int:
    """As typed: select `old` in the editor and type `new` over it; its line."""
    found = source.document().find(old)
    assert not found.isNull(), old
    found.insertText(new)
    return found.blockNumber() + 1


def line_texts(source) -> list[str]:
    return [sel.cursor.block().text() for sel in source.extraSelections()]


@pytest.mark.timeout(120)
def test_an_edited_scenario_runs_its_edit_and_revert_restores_it(qtbot, window):
    window.scenario_panel.select("manager-counter")
    source = window.source
    original = source.toPlainText()
    source.bar.edit_button.click()
    assert source.editing and not source.isReadOnly()
    replace_in_editor(source, DECREMENT, "    dic['count'] -= 2")
    assert source.bar.revert_button.isVisible() and source.bar.state.text()
    with qtbot.waitSignal(window.run_ended, timeout=RUN_TIMEOUT_MS) as ended:
        start(window, "manager-counter", {"processes": 10, "start": 100, "lock": True})
    summary = ended.args[0]
    assert summary["status"] == "completed", summary["problems"]
    assert summary["scenario"] == "manager-counter"
    assert summary["params"]["processes"] == 10          # its parameters still apply
    assert summary["result"]["final"] == 80              # 10 processes took 2 each
    # Revert: the original text, undoable, and Run runs the scenario's own code again
    source.bar.revert_button.click()
    assert source.toPlainText() == original
    assert source.edited_code("manager-counter") is None
    source.undo()
    assert "dic['count'] -= 2" in source.toPlainText()
    source.revert()
    with qtbot.waitSignal(window.run_ended, timeout=RUN_TIMEOUT_MS) as ended:
        start(window, "manager-counter", {"processes": 10, "start": 100, "lock": True})
    assert ended.args[0]["result"]["final"] == 90


def test_edits_are_kept_when_another_scenario_is_shown(qtbot, window):
    window.scenario_panel.select("manager-counter")
    window.source.set_editing(True)
    replace_in_editor(window.source, DECREMENT, "    dic['count'] -= 3")
    window.scenario_panel.select("queue-sentinel")
    assert "dic['count']" not in window.source.toPlainText()
    window.scenario_panel.select("manager-counter")
    assert "dic['count'] -= 3" in window.source.toPlainText()


def test_a_syntax_error_is_one_sentence_with_its_line_and_nothing_starts(qtbot, window):
    window.scenario_panel.select("manager-counter")
    source = window.source
    source.set_editing(True)
    line = replace_in_editor(source, DECREMENT, "    dic['count'] -=")
    window.scenario_panel.show_params("manager-counter", {"processes": 5})
    assert not window.start_run()
    assert not window.controller.running and window.controller.model is None
    said = window.statusBar().currentMessage()
    assert f"line {line}" in said and said.endswith(".") and "\n" not in said, said
    assert "SyntaxError" in said and "Traceback" not in said
    assert source.bar.state.text() == said
    assert source.problem_line == line
    assert "    dic['count'] -=" in line_texts(source)
    assert source.textCursor().blockNumber() + 1 == line
    # typing again clears it
    source.textCursor().insertText(" ")
    assert source.problem_line == 0 and not source.bar.state.text().startswith("Not")


def test_an_import_error_is_its_line_before_anything_starts(qtbot, window):
    window.scenario_panel.select("manager-counter")
    source = window.source
    source.set_editing(True)
    line = replace_in_editor(source, "import Lock,", "import Lokc,")
    window.scenario_panel.show_params("manager-counter", {"processes": 5})
    assert not window.start_run()
    assert not window.controller.running
    assert source.problem_line == line
    assert "Lokc" in window.statusBar().currentMessage()


@pytest.mark.timeout(120)
def test_save_as_lists_a_program_that_runs(qtbot, window, tmp_path):
    script = tmp_path / "worker.py"
    script.write_text(PROGRAM)
    assert window.files.open_script(str(script))
    source = window.source
    assert source.path == str(script)
    source.set_editing(True)
    replace_in_editor(source, "q.put('original')", "q.put('edited, then saved')")
    saved = str(tmp_path / "worker_edited.py")
    assert source.save_to(saved)
    panel = window.scenario_panel
    assert panel.current_program() == saved
    assert saved in [path for path, _ in panel.programs()]
    assert source.path == saved and not source.edited()
    assert script.read_text() == PROGRAM                  # the original is untouched
    with qtbot.waitSignal(window.run_ended, timeout=RUN_TIMEOUT_MS) as ended:
        assert window.start_run()
    summary = ended.args[0]
    assert summary["status"] == "completed", summary["problems"]
    assert "edited, then saved" in "\n".join(window.controller.model.strings)


@pytest.mark.timeout(120)
def test_an_edited_program_runs_from_its_folder_and_stop_ends_its_hang(qtbot, window,
                                                                       tmp_path):
    script = tmp_path / "worker.py"
    script.write_text(PROGRAM)
    (tmp_path / "slow.py").write_text("import time\n\ndef nap():\n    time.sleep(0.05)\n")
    assert window.files.open_script(str(script))
    source = window.source
    source.set_editing(True)
    replace_in_editor(source, "    q.put('original')",
                      "    from slow import nap\n    print('hanging')\n"
                      "    while True:\n        nap()")
    assert window.start_run()
    qtbot.waitUntil(lambda: "hanging" in "\n".join(window.controller.model.strings),
                    timeout=RUN_TIMEOUT_MS)
    assert window.controller.running
    with qtbot.waitSignal(window.run_ended, timeout=RUN_TIMEOUT_MS) as ended:
        window.stop_run()
    assert ended.args[0]["status"] == "stopped"
    assert ended.args[0]["leftover_processes"] == 0
    assert script.read_text() == PROGRAM
    # the copy that ran lives beside the script (its folder's modules import), hidden
    copies = [name for name in os.listdir(tmp_path) if name.startswith(".worker.edited")]
    assert copies, os.listdir(tmp_path)
    # a site in the copy is that line of the code being edited
    assert source.mark_site(f"{tmp_path / copies[0]}:5")
    assert source.path == str(script) and source.marked_line == 5


def test_typing_in_the_editor_is_typing_not_the_windows_keys(qtbot, window):
    """Space runs or pauses elsewhere in the window; in the editor it is a space.  Tab
    is four spaces, Enter keeps the indent (one more after a colon), Ctrl+Z undoes."""
    window.scenario_panel.select("manager-counter")
    source = window.source
    window.bottom.show_source()
    source.bar.edit_button.click()
    source.setFocus()
    cursor = source.document().find("def minus(dic, lock):")
    source.setTextCursor(cursor)
    qtbot.keyClick(source, Qt.Key_Return)
    qtbot.keyClicks(source, "if True:")
    qtbot.keyClick(source, Qt.Key_Return)
    qtbot.keyClick(source, Qt.Key_Space)
    qtbot.keyClick(source, Qt.Key_Tab)
    assert not window.controller.running
    line = source.textCursor().blockNumber()
    lines = source.toPlainText().splitlines()
    assert lines[line - 1] == "    if True:" and lines[line] == " " * (8 + 1 + 4)
    while source.document().isUndoAvailable():
        source.undo()
    assert not source.edited()


@pytest.mark.timeout(120)
def test_save_as_of_an_edited_scenario_lists_a_program_that_runs_its_edit(qtbot, window,
                                                                         tmp_path):
    """The saved scenario is a program of its own: plain multiprocessing, the form's
    parameters, a __main__ entry; listed under Your programs and run traced."""
    window.prepare_run("manager-counter", {"processes": 10, "start": 100, "lock": True})
    source = window.source
    source.set_editing(True)
    replace_in_editor(source, DECREMENT, "    dic['count'] -= 2")
    saved = str(tmp_path / "manager_counter_edited.py")
    assert source.save_to(saved)
    panel = window.scenario_panel
    assert panel.current_program() == saved
    assert saved in [path for path, _ in panel.programs()]
    assert source.path == saved and not source.edited()
    code = (tmp_path / "manager_counter_edited.py").read_text(encoding="utf-8")
    assert "ipcscope.core.probe" not in code and "if __name__ == '__main__':" in code
    assert "'processes': 10" in code and "'lock': True" in code
    assert "dic['count'] -= 2" in source.edited_code("manager-counter")   # kept
    with qtbot.waitSignal(window.run_ended, timeout=RUN_TIMEOUT_MS) as ended:
        assert window.start_run()
    summary = ended.args[0]
    assert summary["status"] == "completed", summary["problems"]
    assert summary["leftover_processes"] == 0
    assert len(summary["processes"]) >= 11                # main and its 10 racers
    assert "{'count': 80}" in window.controller.model.strings   # 10 processes took 2 each


def test_the_edit_bar_follows_the_language(qtbot, window):
    """Edit, Revert and Save as… in 中文 when the window switches (they stayed English)."""
    from ipcscope.gui import i18n
    window.scenario_panel.select("manager-counter")
    bar = window.source.bar
    window.source.set_editing(True)
    try:
        window.language_menu.actions["zh"].trigger()
        assert (bar.edit_button.text(), bar.revert_button.text()) == ("编辑", "还原")
        assert bar.save_button.text() == "另存为…"
        window.language_menu.actions["en"].trigger()
        assert bar.edit_button.text() == "Edit"
    finally:
        i18n.set_language("en")
