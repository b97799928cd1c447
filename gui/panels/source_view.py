"""SourceView: the scenario's own module, with line numbers and Python highlighting, so
a learner can put it beside the article: same names, same shape.  For a program of the
user's own, its script; a selected object's line (the one that made it) or a blocked
process's (the one it waits on) is marked and brought into view.

Its Edit switch makes the code editable, and Run runs what the view shows: edited code
(core/edited_code.py) is checked first — a syntax or import error is one sentence with
its line marked, and nothing starts.  Revert puts the original back (undoably), Save
as… writes the code to a .py that is then listed under Your programs: a program's as
it is, a scenario's as a program of its own (core/edited_code.scenario_program: plain
multiprocessing, its parameters as the form has them, a `__main__` entry).
Edits are kept per scenario and per program while the window is open."""
from __future__ import annotations

import importlib.util
import os

from ipcscope.core import scenarios
from ipcscope.core.edited_code import (
    CodeProblem,
    EditedProgram,
    EditedScenario,
    original_of,
    scenario_program,
    syntax_problem,
)
from ipcscope.core.scenarios.base import ParamError
from ipcscope.gui.i18n import translate
from ipcscope.gui.panels.code_editor import CodeEditor
from ipcscope.gui.panels.python_highlighter import PythonHighlighter
from PySide6.QtCore import QEvent, Signal, Slot
from PySide6.QtGui import QFontDatabase, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

MAX_SOURCE_BYTES = 2 << 20
PROBLEM_COLOUR = "#D55E00"


def scenario_source(scenario_id: str) -> str:
    spec = importlib.util.find_spec(scenarios.module_name(scenario_id))
    if spec is None or not spec.origin:
        return "# " + translate("SourceView", "the source of {id} is not available").format(
            id=scenario_id)
    with open(spec.origin, encoding="utf-8") as f:
        return f.read()


def file_source(path: str) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read(MAX_SOURCE_BYTES)
    except OSError as error:
        return "# " + translate("SourceView", "{path} cannot be read: {why}").format(
            path=path, why=error.strerror or error)


def problem_sentence(problem: CodeProblem) -> str:
    if problem.line:
        return translate("SourceView", "Not started: line {line} cannot run ({error}).").format(
            line=problem.line, error=problem.error)
    return translate("SourceView", "Not started: the code cannot run ({error}).").format(
        error=problem.error)


class EditBar(QWidget):
    """Edit (a switch), Revert, Save as…, and what the code's state is."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.edit_button = QToolButton()
        self.edit_button.setCheckable(True)
        self.edit_button.setObjectName("edit-code")
        self.revert_button = QToolButton()
        self.save_button = QToolButton()
        self.state = QLabel()
        self.state.setObjectName("edit-state")
        self.state.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        for widget in (self.edit_button, self.revert_button, self.save_button):
            layout.addWidget(widget)
        layout.addWidget(self.state, 1)

    def retranslate(self) -> None:
        self.edit_button.setText(translate("SourceView", "Edit"))
        self.edit_button.setToolTip(translate(
            "SourceView", "Change the code, then Run runs what is shown here"))
        self.revert_button.setText(translate("SourceView", "Revert"))
        self.revert_button.setToolTip(translate("SourceView", "Back to the original code"))
        self.save_button.setText(translate("SourceView", "Save as…"))
        self.save_button.setToolTip(translate(
            "SourceView", "Write this code to a .py file, listed under Your programs "
                          "(a scenario's with its parameters, as a program of its own)"))


class SourceView(CodeEditor):
    program_saved = Signal(str)        # code written to a new .py, to run as a program

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.highlighter = PythonHighlighter(self.document())
        self.scenario_id = None
        self.path: str | None = None          # a program's file shown
        self.original = ""                    # the shown code as its file has it
        self.problem = ""                     # why the code did not start, in words
        self._edits: dict[str, str] = {}      # scenario id or path -> edited code
        # a scenario's parameter values (the window's form), for Save as…
        self.scenario_values = lambda scenario_id: {}
        self.bar = EditBar()
        self.bar.setFont(QApplication.font())      # the window's words, not the code's
        self.set_header(self.bar)
        self.bar.edit_button.toggled.connect(self.set_editing)
        self.bar.revert_button.clicked.connect(self.revert)
        self.bar.save_button.clicked.connect(self.ask_save)
        self.textChanged.connect(self._on_text_changed)
        self.retranslate()

    @property
    def key(self) -> str | None:
        return self.scenario_id or self.path

    @property
    def editing(self) -> bool:
        return self.bar.edit_button.isChecked()

    def edited(self) -> bool:
        return self.key is not None and self.toPlainText() != self.original

    def retranslate(self) -> None:
        self.bar.retranslate()
        self._show_state()

    def changeEvent(self, event) -> None:
        """The window's language changed (Edit, Revert, Save as… stayed English)."""
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- what is shown --------------------------------------------------------------

    def show_scenario(self, scenario_id: str) -> None:
        if scenario_id == self.scenario_id:
            return
        self._keep_edits()
        self.scenario_id, self.path = scenario_id, None
        self._load(scenario_source(scenario_id))
        self._scroll_to_main_code()

    def show_file(self, path: str) -> None:
        """A program's script (or a file it imports), from its top."""
        path = os.path.abspath(path)
        if path == self.path:
            return
        self._keep_edits()
        self.scenario_id, self.path = None, path
        self._load(file_source(path))

    def _keep_edits(self) -> None:
        if self.key is not None:
            if self.edited():
                self._edits[self.key] = self.toPlainText()
            else:
                self._edits.pop(self.key, None)

    def _load(self, original: str) -> None:
        self.original = original
        self.problem = ""
        self.setPlainText(self._edits.get(self.key, original))
        self.unmark()
        self._show_state()

    def mark_site(self, site: str | None) -> bool:
        """Mark the line of a site ("/path/file.py:LINE"), showing its file if another
        is shown; False if there is no such line to show.  A site in an edited
        program's copy is that line of the code edited here."""
        path, _, line = (site or "").rpartition(":")
        if not path or not line.isdigit():
            return False
        path = original_of(path) or path
        if not os.path.isfile(path):
            return False
        self.show_file(path)
        return self.mark_line(int(line))

    def _scroll_to_main_code(self) -> None:
        """Open at the article's code, past the module's docstring and imports."""
        block = self.document().firstBlock()
        while block.isValid() and not block.text().startswith(("def ", "class ")):
            block = block.next()
        if block.isValid():
            cursor = self.textCursor()
            cursor.setPosition(block.position())
            self.setTextCursor(cursor)
            self.verticalScrollBar().setValue(max(0, block.firstLineNumber() - 1))

    def set_point_size(self, size: int) -> None:
        font = self.font()
        font.setPointSize(size)
        self.setFont(font)
        words = QApplication.font()
        words.setPointSize(size)
        self.bar.setFont(words)
        self._update_margins()

    # --- editing --------------------------------------------------------------------

    @Slot(bool)
    def set_editing(self, on: bool) -> None:
        self.bar.edit_button.setChecked(on)
        self.setReadOnly(not on)
        self._show_state()
        if on:
            self.setFocus()

    @Slot()
    def revert(self) -> None:
        """The original code again; Ctrl+Z brings the edit back."""
        cursor = self.textCursor()
        cursor.select(QTextCursor.Document)
        cursor.insertText(self.original)
        self._edits.pop(self.key, None)
        self.unmark()

    @Slot()
    def _on_text_changed(self) -> None:
        if self.problem or self.problem_line:
            self.problem = ""
            self.show_problem(0)
        self._show_state()

    def _show_state(self) -> None:
        edited = self.edited()
        for button in (self.bar.revert_button, self.bar.save_button):
            button.setVisible(self.editing or edited)
        self.bar.revert_button.setEnabled(edited)
        if self.problem:
            text, colour = self.problem, PROBLEM_COLOUR
        elif edited:
            text, colour = translate("SourceView", "Edited: Run runs this code"), ""
        else:
            text, colour = "", ""
        self.bar.state.setText(text)
        self.bar.state.setToolTip(text)
        self.bar.state.setStyleSheet(f"color: {colour};" if colour else "")

    # --- what Run runs --------------------------------------------------------------

    def edited_code(self, key: str) -> str | None:
        """The edited code of a scenario (by id) or program (by path); None if unedited."""
        if key == self.key:
            return self.toPlainText() if self.edited() else None
        return self._edits.get(key)

    def edited_scenario(self, scenario_id: str) -> EditedScenario | None:
        """The scenario's edited code, checked and written for its run; None if it is not
        edited.  ParamError (one sentence, the line marked here) if it cannot run."""
        text = self.edited_code(scenario_id)
        if text is None:
            return None
        code = EditedScenario(scenario_id, text)
        try:
            code.prepare()
        except CodeProblem as problem:
            self.show_scenario(scenario_id)
            raise self._told(problem) from None
        return code

    def edited_program(self, program):
        """The Program that runs the program's edited code (itself if unedited).
        ParamError (one sentence, the line marked here) if it cannot run."""
        path = program.source_path()
        text = self.edited_code(os.path.abspath(path)) if path else None
        if text is None:
            return program
        try:
            return EditedProgram(path, text).prepare(program.args)
        except CodeProblem as problem:
            self.show_file(path)
            raise self._told(problem) from None

    def _told(self, problem: CodeProblem) -> ParamError:
        self.problem = problem_sentence(problem)
        self.show_problem(problem.line)
        self._show_state()
        return ParamError(self.problem)

    # --- Save as… -------------------------------------------------------------------

    @Slot()
    def ask_save(self) -> None:
        stem = os.path.splitext(os.path.basename(self.key or "code"))[0]
        name = stem.replace("-", "_") + "_edited.py"      # manager_counter_edited.py
        folder = os.path.dirname(self.path) if self.path else os.path.expanduser("~")
        path, _ = QFileDialog.getSaveFileName(
            self, translate("SourceView", "Save the code as"), os.path.join(folder, name),
            translate("SourceView", "Python programs (*.py)"))
        if path:
            self.save_to(path if path.endswith(".py") else path + ".py")

    def save_to(self, path: str) -> bool:
        """Write the shown code to `path` and list it (program_saved).  A program keeps
        its own code; a scenario's is written as a program of its own with its current
        parameters, and the scenario keeps the edit.  False, with the reason shown, if
        it fails."""
        text = self.toPlainText()
        if self.scenario_id is not None:
            problem = syntax_problem(text, path)
            if problem is not None:
                self._told(problem)
                return False
            text = scenario_program(text, self.scenario_values(self.scenario_id))
        try:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as error:
            self.problem = translate("SourceView", "{path} cannot be written: {why}").format(
                path=path, why=error.strerror or error)
            self._show_state()
            return False
        if self.path is not None:
            self.original = self.toPlainText()      # the program keeps its file's code
            self._edits.pop(self.path, None)
        self.program_saved.emit(os.path.abspath(path))
        self.show_file(path)
        return True
