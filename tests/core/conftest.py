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
    thread = threading.Thread(target=lambda: accepted.setdefault("conn", listener.accept()))
    thread.start()
    sink = EventSink(address, b"key")
    thread.join(10)
    yield sink, accepted["conn"]
    sink.close()
    accepted["conn"].close()
    listener.close()
