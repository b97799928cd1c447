"""SharedMemory and ShareableList of a traced program (multiprocessing.shared_memory).

A block is known by its name in the OS, which is all an attaching process has
(`SharedMemory(name=...)`), so its id comes from that name: the same in every process,
nothing has to travel.  The process that creates a block announces it, named from the
program's line; creating, attaching, closing and unlinking are events of the process
that does them.  A ShareableList is its block (`sl.shm.close()`, `sl.shm.unlink()` act
on it), so it shares the block's id; its reads and writes by index are DICT_READ /
DICT_WRITE, as an Array's are, so lost-update sees `sl[0] += 1` without a lock.
"""
from __future__ import annotations

import sys
from multiprocessing import shared_memory

from ipcscope.core import sink
from ipcscope.core.events import Kind, ObjType
from ipcscope.core.tracing import objects
from ipcscope.core.tracing.connections import stable_id
from ipcscope.core.tracing.shared_values import _read, _write

_SharedMemory, _ShareableList = shared_memory.SharedMemory, shared_memory.ShareableList


def block_id(name: str) -> int:
    """The same in every process that knows the block's name."""
    return stable_id(f"shm|{name}")


def _announce(made, obj_type: ObjType, word: str, obj_id: int, created: bool,
              size: int) -> None:
    """After a block or list is made: its OBJ_CREATE if this process created it for the
    program, then the create or attach."""
    if created:
        name = objects.traced_name(made, word, depth=3)
        if name is None:
            return                    # made by multiprocessing for itself
        objects.emit(Kind.OBJ_CREATE, obj_id, b=int(obj_type), text=name)
        objects.emit(Kind.SHM_CREATE, obj_id, a=size, text=_block_of(made)._name)
    else:
        objects.emit(Kind.SHM_ATTACH, obj_id, a=size)
    made._ipcscope_obj = _block_of(made)._ipcscope_obj = obj_id
    sink.flush()         # known to the supervisor before another process attaches


def _block_of(made) -> _SharedMemory:
    return made.shm if isinstance(made, _ShareableList) else made


def _traced_block_init(original):
    def __init__(self, name=None, create=False, size=0, **kwargs):   # 3.13: track=
        original(self, name, create, size, **kwargs)
        # a ShareableList's own block: the list announces it (ShareableList.__init__)
        if not isinstance(sys._getframe(1).f_locals.get("self"), _ShareableList):
            _announce(self, ObjType.SHARED_MEMORY, "shared_memory", block_id(self.name),
                      bool(create), self.size)
    return __init__


def _traced_list_init(original):
    def __init__(self, sequence=None, *, name=None):
        original(self, sequence, name=name)
        created = name is None or sequence is not None
        _announce(self, ObjType.SHAREABLE_LIST, "shareable_list", block_id(self.shm.name),
                  created, self.shm.size)
    return __init__


def _traced_close(original):
    def close(self):
        was_open = self._mmap is not None     # __del__ closes again: no second event
        original(self)
        obj_id = self.__dict__.get("_ipcscope_obj", 0)
        if obj_id and was_open:
            objects.emit(Kind.SHM_CLOSE, obj_id)
    return close


def _traced_unlink(original):
    def unlink(self):
        original(self)
        obj_id = self.__dict__.get("_ipcscope_obj", 0)
        if obj_id:
            objects.emit(Kind.SHM_UNLINK, obj_id)
    return unlink


def _position(items, index) -> int | None:
    if type(index) is not int:
        return None
    return index + len(items) if index < 0 else index


def _traced_items() -> None:
    get_item, set_item = _ShareableList.__getitem__, _ShareableList.__setitem__

    def __getitem__(self, index):
        value = get_item(self, index)
        obj_id = self.__dict__.get("_ipcscope_obj", 0)
        position = _position(self, index) if obj_id else None
        if position is not None:
            _read(obj_id, f"[{position}]", value)
        return value

    def __setitem__(self, index, value):
        set_item(self, index, value)
        obj_id = self.__dict__.get("_ipcscope_obj", 0)
        position = _position(self, index) if obj_id else None
        if position is not None:
            _write(obj_id, f"[{position}]", value)
    _ShareableList.__getitem__, _ShareableList.__setitem__ = __getitem__, __setitem__


def patch() -> None:
    _SharedMemory.__init__ = _traced_block_init(_SharedMemory.__init__)
    _SharedMemory.close = _traced_close(_SharedMemory.close)
    _SharedMemory.unlink = _traced_unlink(_SharedMemory.unlink)
    _ShareableList.__init__ = _traced_list_init(_ShareableList.__init__)
    _traced_items()
