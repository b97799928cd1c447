"""Names from the caller's line (source), and from its bytecode where no source is at
hand: the bundle ships multiprocessing without its .py files, and its code objects
carry relative paths, so a Pool's queues are named from `self._inqueue = ...` by the
store that follows the call."""
import sys

from ipcscope.core.tracing import objects, source_names


def made_here():
    """What a patched constructor sees: its caller's frame."""
    caller = sys._getframe(1)
    return source_names.assigned_name(caller), source_names.stored_name(caller)


class Holder:
    def setup(self):
        self._inqueue = made_here()
        results = made_here()
        return results


def test_the_source_and_the_bytecode_name_the_same_assignment():
    holder = Holder()
    results = holder.setup()
    assert holder._inqueue == ("self._inqueue", "_inqueue")
    assert results == ("results", "results")


def test_a_value_passed_on_is_not_named_by_the_bytecode():
    def pass_on():
        return [made_here()]
    assert pass_on() == [(None, None)]


def test_frames_are_told_apart_by_module_not_by_file():
    """A frame of multiprocessing counts as internal whatever its file is called."""
    import multiprocessing.context

    class Frame:
        def __init__(self, module, filename):
            self.f_globals = {"__name__": module}
            self.f_code = type("Code", (), {"co_filename": filename})

    assert objects._internal(Frame("multiprocessing.context", "multiprocessing/context.py"))
    assert objects._internal(Frame("concurrent.futures.process", "x.py"))
    assert objects._internal(Frame("ipcscope.core.tracing.queues", "q.py"))
    assert not objects._internal(Frame("__main__", multiprocessing.context.__file__))
    assert not objects._internal(Frame("multiprocessing_demo", "demo.py"))
