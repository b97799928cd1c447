"""Fixtures of the core tests."""
import threading
from multiprocessing.connection import Listener

import pytest
from ipcscope.core.sink import EventSink


@pytest.fixture
def channel(tmp_path):
    """An EventSink writing to a channel the test reads: (sink, the reading end)."""
    address = str(tmp_path / "events.sock")
    listener = Listener(address, family="AF_UNIX", authkey=b"key")
    accepted = {}

    def accept():
        conn = accepted["conn"] = listener.accept()
        conn.send_bytes((0).to_bytes(8, "little"))   # the process number, as the supervisor
    thread = threading.Thread(target=accept)
    thread.start()
    sink = EventSink(address, b"key")
    thread.join(10)
    yield sink, accepted["conn"]
    sink.close()
    accepted["conn"].close()
    listener.close()
