"""Value and Array of a traced program (multiprocessing.sharedctypes): every read and
write through `.value` or an index is an event, so `v.value += 1` without its lock (a
read, then a write: others can write between) is seen as the lost update it is.

A Value's lock (`v.get_lock()`) is traced as `<name>.get_lock()`.  The wrapper keeps
its id when pickled to another process.
"""
from __future__ import annotations

from multiprocessing import sharedctypes

from ipcscope.core.events import Kind, ObjType
from ipcscope.core.tracing import objects, sync

_INT = (int,)


def _number(value) -> tuple[int, int]:
    if type(value) in _INT and -2**63 <= value < 2**63:
        return value, 1
    if type(value) is bool:
        return int(value), 1
    return 0, 0


def _read(obj_id: int, key: str, value) -> None:
    number, known = _number(value)
    objects.emit(Kind.DICT_READ, obj_id, a=number, b=known, text=key)


def _write(obj_id: int, key: str, value) -> None:
    number, known = _number(value)
    objects.emit(Kind.DICT_WRITE, obj_id, a=number, b=known, text=key)


def _traced_value_property(prop: property) -> property:
    def get(self):
        value = prop.fget(self)
        obj_id = self.__dict__.get("_ipcscope_obj", 0)
        if obj_id:
            _read(obj_id, "value", value)
        return value

    def set(self, value):
        prop.fset(self, value)
        obj_id = self.__dict__.get("_ipcscope_obj", 0)
        if obj_id:
            _write(obj_id, "value", value)
    return property(get, set)


def _traced_items(cls) -> None:
    get_item, set_item = cls.__getitem__, cls.__setitem__

    def __getitem__(self, index):
        value = get_item(self, index)
        obj_id = self.__dict__.get("_ipcscope_obj", 0)
        if obj_id and type(index) is int:
            _read(obj_id, f"[{index}]", value)
        return value

    def __setitem__(self, index, value):
        set_item(self, index, value)
        obj_id = self.__dict__.get("_ipcscope_obj", 0)
        if obj_id and type(index) is int:
            _write(obj_id, f"[{index}]", value)
    cls.__getitem__, cls.__setitem__ = __getitem__, __setitem__


def _made_by_program(original, obj_type: ObjType, word: str):
    def make(*args, **kwargs):
        made = original(*args, **kwargs)
        if isinstance(made, sharedctypes.SynchronizedBase):
            name = objects.traced_name(made, word)
            if name:
                made._ipcscope_obj = objects.register(made, obj_type, word, name=name)
                name, _, site = name.partition("\x1f")
                sync.trace_lock(made.get_lock(), name=f"{name}.get_lock()\x1f{site}")
        return made
    return make


def _reduce_keeping_id(original):
    def __reduce__(self):
        rebuild, args = original(self)
        return _rebuild, (rebuild, args, self.__dict__.get("_ipcscope_obj", 0))
    return __reduce__


def _rebuild(rebuild, args, obj_id):
    made = rebuild(*args)
    if obj_id:
        made._ipcscope_obj = obj_id
    return made


def patch() -> None:
    sharedctypes.Value = _made_by_program(sharedctypes.Value, ObjType.VALUE, "value")
    sharedctypes.Array = _made_by_program(sharedctypes.Array, ObjType.LIST, "array")
    sharedctypes.Synchronized.value = _traced_value_property(sharedctypes.Synchronized.value)
    _traced_items(sharedctypes.SynchronizedArray)
    base = sharedctypes.SynchronizedBase
    base.__reduce__ = _reduce_keeping_id(base.__reduce__)
