"""One rule for what a process is called (core/names.py), and the model that keeps it."""
from types import SimpleNamespace

from ipcscope.core.events import Kind
from ipcscope.core.model import RunModel
from ipcscope.core.names import display_names, process_order, role_note, unknown_name
from ipcscope.core.supervisor import EVENT_DTYPE

from tests.fixtures.trace_files import rows_of


def proc(n, name, role, t=0, pid=0):
    return SimpleNamespace(proc=n, name=name, role=role, t_start=t, os_pid=pid or 1000 + n)


def table(*records):
    return {r.proc: r for r in records}


def test_main_first_then_roles_together_in_start_order():
    procs = table(proc(0, "main", "main"), proc(1, "吉祥", "producer", 1),
                  proc(2, "Jenny", "consumer", 2), proc(3, "红宝石", "producer", 3))
    assert process_order(procs) == [0, 1, 3, 2]
    assert list(display_names(procs)) == [0, 1, 3, 2]


def test_the_articles_names_as_they_are():
    procs = table(proc(0, "main", "main"), proc(1, "吉祥", "producer"),
                  proc(2, "Jenny", "consumer"))
    assert display_names(procs) == {0: "main", 1: "吉祥", 2: "Jenny"}


def test_bare_numbers_and_shared_names_get_their_role():
    procs = table(proc(1, "0", "producer"), proc(2, "0", "consumer"),
                  proc(3, "Jenny", "consumer"), proc(4, "Jenny", "producer"))
    assert display_names(procs) == {1: "producer 0", 4: "producer Jenny",
                                    2: "consumer 0", 3: "consumer Jenny"}


def test_unnamed_processes_are_numbered_by_the_run():
    procs = table(proc(0, "main", "main"), proc(5, "", "worker"), proc(6, "", "worker"))
    assert display_names(procs) == {0: "main", 5: "process 5", 6: "process 6"}


def test_roles_that_say_nothing_are_not_put_in_front():
    procs = table(proc(1, "7", "?"), proc(2, "7", ""), proc(3, "w", "w"), proc(4, "w", "x"))
    names = display_names(procs)
    assert names[4] == "x w"
    assert names[1] != names[2] and names[1].startswith("7") and names[2].startswith("7")
    assert names[3] == "w"


def test_names_still_shared_get_the_os_pid_and_no_two_read_the_same():
    procs = table(proc(1, "Jenny", "consumer", pid=41), proc(2, "Jenny", "consumer", pid=42),
                  proc(3, "Cony", "consumer", pid=43))
    assert display_names(procs) == {1: "consumer Jenny (pid 41)",
                                    2: "consumer Jenny (pid 42)", 3: "Cony"}
    # a trace file may even repeat a pid: the run's own number then
    same_pid = table(proc(1, "a", "r", pid=7), proc(2, "a", "r", pid=7))
    assert display_names(same_pid) == {1: "r a (#1)", 2: "r a (#2)"}


def test_the_supervisor_and_processes_without_a_start():
    assert unknown_name(-1) == "IPC Scope"
    assert unknown_name(9) == "process 9"


def test_the_role_is_noted_only_where_the_name_does_not_say_it():
    assert role_note(proc(1, "Jenny", "consumer"), "Jenny") == "consumer"
    assert role_note(proc(1, "Jenny", "consumer"), "consumer Jenny") == ""
    assert role_note(proc(0, "main", "main"), "main") == ""
    assert role_note(proc(1, "x", "?"), "x") == ""


def start_row(t, proc_number, name, role, pid):
    return rows_of((t, Kind.PROC_START, proc_number, 0, 0, pid, 1)), [f"{name}\x1f{role}\x1f0"]


def test_the_model_names_each_process_and_renames_when_a_namesake_starts():
    model = RunModel(EVENT_DTYPE)
    for t, number, name, role in ((1, 0, "main", "main"), (2, 1, "Jenny", "consumer")):
        rows, strings = start_row(t, number, name, role, 100 + number)
        rows["item"] = len(model.strings)
        model.append(rows, strings)
    first = model.process_names()
    assert first == {0: "main", 1: "Jenny"}
    assert model.process_names() is first            # kept until a process starts
    assert model.process_name(-1) == "IPC Scope" and model.process_name(7) == "process 7"
    snapshot = model.snapshot()
    rows, strings = start_row(3, 2, "Jenny", "producer", 102)
    rows["item"] = len(model.strings)
    model.append(rows, strings)
    assert model.process_names() == {0: "main", 2: "producer Jenny", 1: "consumer Jenny"}
    assert snapshot.process_names() == {0: "main", 1: "Jenny"}   # a snapshot keeps its own
