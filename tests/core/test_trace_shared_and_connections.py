"""`ipcscope trace` on shared memory, Listener/Client and connection.wait(): programs
written for this (tests/programs/), run through the command as a user would, under
spawn and fork; each object is named from the program, its events are in the trace,
the program does what `python` does, and a correct program raises no finding."""
from __future__ import annotations

import collections
import os
import time

import pytest
from ipcscope.core.events import Kind, ObjType
from ipcscope.core.trace import load_run

from tests.core.test_trace_command import PROGRAMS, python, summary_of

METHODS = ["spawn", "fork", "forkserver"]
WORKERS = 3          # tests/programs/shared_memory_list.py's


def traced(tmp_path, *args):
    """(process's result, summary, model of the saved trace)."""
    done, summary = summary_of(tmp_path, "--trace", tmp_path / "run.ipcscope", *args)
    assert done.returncode == 0, done.stderr
    return done, summary, load_run(str(tmp_path / "run.ipcscope")).model


def kinds_on(model, obj: int) -> collections.Counter:
    rows = model.rows()
    return collections.Counter(Kind(int(k)) for k in rows["kind"][rows["obj"] == obj])


def by_name(model) -> dict:
    return {o.name: o for o in model.objects.values()}


def blocks_in_dev_shm() -> set[str]:
    return {name for name in os.listdir("/dev/shm") if name.startswith("psm_")}


def site(program: str, text: str) -> str:
    """"path:LINE" of the program's line that holds `text`."""
    lines = (PROGRAMS / program).read_text().splitlines()
    return f"{PROGRAMS / program}:{next(i for i, line in enumerate(lines, 1) if text in line)}"


def gone_from_dev_shm(names, within_s: float = 10.0) -> bool:
    """Wait (bounded) until none of these blocks is in /dev/shm: the resource tracker
    removes what a stopped program left as soon as the last process using it is gone."""
    deadline = time.monotonic() + within_s
    while any(os.path.exists(f"/dev/shm/{name}") for name in names):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


@pytest.mark.parametrize("method", METHODS)
def test_shared_memory_and_shareable_list(tmp_path, method):
    before = blocks_in_dev_shm()
    done, summary, model = traced(tmp_path, "shared_memory_list.py", method, "lock")
    assert done.stdout == python("shared_memory_list.py", method, "lock").stdout \
        == "010203 [0, 10, 20] 3\n"
    objects = by_name(model)
    block, numbers = objects["block"], objects["numbers"]
    assert (block.type, numbers.type) == (ObjType.SHARED_MEMORY, ObjType.SHAREABLE_LIST)
    assert block.site == site("shared_memory_list.py", "SharedMemory(create=True")
    assert numbers.site == site("shared_memory_list.py", "ShareableList([0]")
    for obj in (block, numbers):
        seen = kinds_on(model, obj.obj)
        # made by main, attached by each worker, closed by all of them, unlinked once
        assert seen[Kind.SHM_CREATE] == 1 and seen[Kind.SHM_ATTACH] == WORKERS
        assert seen[Kind.SHM_CLOSE] == WORKERS + 1 and seen[Kind.SHM_UNLINK] == 1
        creates = model.of_kind(Kind.SHM_CREATE, obj=obj.obj)
        assert model.text(creates[0]).lstrip("/").startswith("psm_")
        assert model.process_name(int(creates[0]["proc"])) == "MainProcess"
    # the list's reads and writes by index, as an Array's: numbers[0] += 1 in each worker
    writes = model.of_kind(Kind.DICT_WRITE, obj=numbers.obj)
    assert sorted(int(w["a"]) for w in writes if model.text(w) == "[0]") == [1, 2, 3]
    assert summary["findings"] == [] and summary["status"] == "completed"
    assert blocks_in_dev_shm() - before == set()


def test_a_shareable_list_updated_without_a_lock_loses_updates(tmp_path):
    done, summary, _ = traced(tmp_path, "shared_memory_list.py", "fork", "nolock")
    final = int(done.stdout.split()[-1])
    lost = [f for f in summary["findings"] if f["kind"] == "lost-update"]
    assert final == 1           # each worker wrote what it read before any wrote
    assert len(lost) == 1 and lost[0]["objects"] == ["numbers"]
    assert lost[0]["details"]["final"] == final and lost[0]["details"]["lost"] == WORKERS - final
    assert "numbers[0]" in lost[0]["message"]


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_a_block_never_unlinked_is_a_finding(tmp_path, method):
    done, summary, _ = traced(tmp_path, "shared_memory_list.py", method, "leak")
    found = [f for f in summary["findings"] if f["kind"] == "shared-memory-not-unlinked"]
    assert len(found) == 1, summary["findings"]
    assert found[0]["objects"] == ["block"] and found[0]["processes"] == ["MainProcess"]
    assert "block.unlink()" in found[0]["fix"]
    # the program's own leak: CPython's resource tracker removes it, with its warning
    assert "leaked shared_memory" in done.stderr


@pytest.mark.parametrize("method, family", [("spawn", "unix"), ("fork", "unix"),
                                            ("fork", "tcp"), ("forkserver", "unix")])
def test_listener_client_and_connection_wait(tmp_path, method, family):
    done, summary, model = traced(tmp_path, "listener_client.py", method, family)
    assert done.stdout == python("listener_client.py", method, family).stdout == \
        "server got ping\nclient got pong\n[0, 1, 4]\n"
    objects = by_name(model)
    listener, conn = objects["listener"], objects["conn"]
    assert listener.type == ObjType.LISTENER
    assert listener.site == site("listener_client.py", "with Listener(")
    # the connection is a pipe named at the client's line: each end held by one process,
    # the ping and the pong each sent once and received once
    assert conn.type == ObjType.PIPE and conn.site == site("listener_client.py", "with Client(")
    pipes = {p["name"]: p for p in summary["pipes"]}
    assert pipes["conn"]["sent"] == pipes["conn"]["received"] == 2
    holds = model.of_kind(Kind.PIPE_HOLD, obj=conn.obj)
    holders = {int(h["a"]): model.process_name(int(h["proc"])) for h in holds}
    assert holders[0] == "MainProcess" and holders[1] != "MainProcess"
    # Client() connecting is a wait on the listener, in the client's lane
    waits = model.of_kind(Kind.SYNC_WAIT, obj=listener.obj)
    assert holders[1] in {model.process_name(int(w["proc"])) for w in waits}
    # connection.wait() on the three read ends: what it waited on, and what was ready
    readers = {o.obj for o in model.objects.values() if o.name == "reader, writer"}
    assert len(readers) == 3
    # (the first wait must wait: all three; a later one says what was ready when it did)
    waited_on = model.of_kind(Kind.WAIT_ON)
    ready = model.of_kind(Kind.WAIT_READY)
    assert set(waited_on["obj"].tolist()) == readers
    assert set(ready["obj"].tolist()) <= readers
    woke = model.of_kind(Kind.SYNC_DONE)
    woke_ready = [w for w in woke if int(w["obj"]) in readers and int(w["a"]) == 1]
    assert len(ready) >= len(woke_ready)
    assert any(int(w["obj"]) in readers and int(w["a"]) == 0 for w in woke)   # the timeout
    assert summary["findings"] == [] and summary["status"] == "completed"


def test_accept_waits_on_the_listener_until_the_client_connects(tmp_path):
    """Under spawn the client takes a while to start: accept() is seen waiting."""
    _, _, model = traced(tmp_path, "listener_client.py", "spawn", "unix")
    listener = by_name(model)["listener"]
    waits = model.of_kind(Kind.SYNC_WAIT, obj=listener.obj)
    assert "MainProcess" in {model.process_name(int(w["proc"])) for w in waits}
    lines = model.of_kind(Kind.WAIT_SITE, obj=listener.obj)
    assert site("listener_client.py", "listener.accept()") in {model.text(w) for w in lines}


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_a_stopped_run_leaves_no_block_in_dev_shm(tmp_path, method):
    """Workers wait for ever on their blocks; --timeout ends the tree: nothing is left."""
    done, summary = summary_of(tmp_path, "--timeout", "2", "--trace", tmp_path / "run.ipcscope",
                               "shared_memory_list.py", method, "hang")
    assert summary["status"] == "timeout" and summary["leftover_processes"] == 0
    assert summary["findings"] == []          # not unlinked: the run never got that far
    model = load_run(str(tmp_path / "run.ipcscope")).model
    made = [model.text(row).lstrip("/") for row in model.of_kind(Kind.SHM_CREATE)]
    assert len(made) == 2 and all(name.startswith("psm_") for name in made)
    assert gone_from_dev_shm(made)


def test_a_managers_own_start_up_pipe_is_not_the_programs(tmp_path):
    """Manager() talks to its server over a Pipe of its own: no pipe of the program's."""
    done, summary = summary_of(tmp_path, "shared_counters.py", "lock", 2)
    assert done.returncode == 0, done.stderr
    assert summary["pipes"] == [] and summary["findings"] == []
