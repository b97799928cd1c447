"""What the compare window (gui/compare_window.py) runs as A and B, and what its labels
say they are: a scenario with one parameter changed, or its code as edited in the
source view (A) against the original (B); or a program's edited code against its
file's.  Edited code is what runs, as Run runs it: when a parameter is B's change, A
and B both run the edit.

`edited` is a callable from the main window's source view that gives the edited code,
checked and prepared (a scenario's EditedScenario or None; a program's Program of its
copy, or the program itself if unedited), or raises ParamError with the line marked."""
from __future__ import annotations

from ipcscope.core.repeat import stall_after_at_once
from ipcscope.core.scenarios.base import ParamError
from ipcscope.gui.compare_choice import shown
from ipcscope.gui.i18n import translate


def side_texts(choice, values_a: dict, edited) -> tuple[str, str]:
    """What A and B are, for the labels above them ("lock=False", "the edited code")."""
    if choice.comparing_code():
        return (translate("CompareWindow", "the edited code"),
                translate("CompareWindow", "the original code"))
    key = choice.param().key
    texts = (f"{key}={shown(values_a[key])}", f"{key}={shown(choice.value_b())}")
    if edited is not None:
        texts = tuple(translate("CompareWindow", "{what}, edited code").format(what=text)
                      for text in texts)
    return texts


def not_edited() -> ParamError:
    return ParamError(translate("CompareWindow", "The code is no longer edited, so A and B "
                                                 "would run the same code: edit it in the "
                                                 "source view."))


def start_scenarios(sessions, spec, values_a: dict, speed: float, choice, edited) -> None:
    """A and B of a scenario, at once.  ParamError (one sentence) if they cannot go;
    OSError if a run cannot start."""
    values_b = choice.values_b()
    key = None if choice.comparing_code() else choice.param().key
    if key is not None and values_b[key] == values_a[key]:
        raise ParamError(translate("CompareWindow", "B runs with the same {key} as A: "
                                   "pick another value for B.").format(key=key))
    spec.resolve(values_b)
    code = edited() if edited is not None else None
    if key is None and code is None:
        raise not_edited()
    # two runs share the CPU: a stall is called only after a longer silence, as for
    # `ipcscope run --compare` (core/repeat.py says why)
    stall_after = stall_after_at_once(speed)
    codes = (code, None) if key is None else (code, code)
    for session, values, code_of in zip(sessions, (values_a, values_b), codes):
        session.start(spec.id, values, speed, code_of, stall_after=stall_after)


def start_programs(sessions, program, edited) -> None:
    """A program's edited code (A) and its file's (B), at once."""
    copy = edited()
    if copy is program:
        raise not_edited()
    for session, which in zip(sessions, (copy, program)):
        session.start_program(which)
