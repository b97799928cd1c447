"""A traced program's start, before the supervisor is ready for it.

`ipcscope trace` needs numpy and the run model (~0.1 s of imports) before it can take
events; the program need not wait for them.  `Launch` opens the run's socket and starts
the program's main at once (for the command, as a fork of it: core/program.py), and a
greeter thread lets each process that comes in open its channel (the handshake, and its
number in the run), so the program starts, and an empty one even ends, while the
command is still importing.  The Supervisor then takes the socket, the main and the
channels greeted so far (core/supervisor.py), and reads what they sent meanwhile:
nothing is lost, it waited in the channels.

This module imports nothing heavy: that is its point.
"""
from __future__ import annotations

import os
import select
import socket
import sys
import tempfile
import threading
import time
from multiprocessing.connection import Connection, answer_challenge, deliver_challenge

from ipcscope.core import processes
from ipcscope.core.program import ForkedProgramMain, Program, ProgramMain
from ipcscope.core.tracing.config import TraceConfig

GREETING_SWITCH_INTERVAL_S = 0.0005


def greet(listen: socket.socket, authkey: bytes, proc: int):
    """Accept one channel on `listen` (non-blocking), check it knows the run's key, and
    tell it its number in the run: the Connection, None if nobody was there, False for
    a stranger (refused)."""
    try:
        sock, _ = listen.accept()
    except (BlockingIOError, InterruptedError):
        return None
    sock.setblocking(True)
    conn = Connection(sock.detach())
    try:
        deliver_challenge(conn, authkey)
        answer_challenge(conn, authkey)
        conn.send_bytes(proc.to_bytes(8, "little"))
    except Exception:  # noqa: BLE001 - not one of ours, or gone: refuse it quietly
        conn.close()
        return False
    return conn


class Launch:
    """The run's socket and temporary folder, and the program's main, started now.
    With `greeter`, channels are accepted in a thread until take_channels()."""

    def __init__(self, program: Program, *, echo: bool, greeter: bool = True,
                 fork_signals: dict | None = None):
        processes.become_subreaper()
        self.dir = tempfile.mkdtemp(prefix="ipcscope-")
        self.address = os.path.join(self.dir, "events.sock")
        self.authkey = os.urandom(32)
        self.listen = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listen.bind(self.address)
        self.listen.listen(512)
        self.listen.setblocking(False)
        self.stdio_path = os.path.join(self.dir, "stdio.log")
        self.stop_requested = False
        config = TraceConfig(self.address, self.authkey.hex(), echo=echo)
        self.started_at = time.monotonic()
        self._greeted: list[Connection] = []
        if fork_signals is not None and echo and ForkedProgramMain.possible():
            # `ipcscope trace`: main is a fork of the command, which is one thread now
            ours, its = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            ours, its = Connection(ours.detach()), Connection(its.detach())
            self.main = ForkedProgramMain(program, config, signals=fork_signals,
                                          channel=(ours, its, 0), in_child=self.listen.close)
            self._greeted.append(ours)
        else:
            self.main = ProgramMain(program, config, None if echo else self.stdio_path)
        self._thread = None
        self._switch_interval = sys.getswitchinterval()
        if greeter:
            # The greeter waits for the GIL after each step of a handshake while this
            # thread imports: at the default 5 ms a step, the program would wait ~20 ms.
            sys.setswitchinterval(GREETING_SWITCH_INTERVAL_S)
            self._wake_r, self._wake_w = os.pipe()
            self._thread = threading.Thread(target=self._greet, name="ipcscope-greeter",
                                            daemon=True)
            self._thread.start()

    def _greet(self) -> None:
        poller = select.poll()
        poller.register(self.listen, select.POLLIN)
        poller.register(self._wake_r, select.POLLIN)
        while True:
            ready = {fd for fd, _ in poller.poll()}
            if self._wake_r in ready:
                return
            conn = greet(self.listen, self.authkey, len(self._greeted))
            if conn:
                self._greeted.append(conn)

    def take_channels(self) -> list[Connection]:
        """Stop greeting; the channels greeted so far, in the order of their numbers."""
        if self._thread is not None:
            os.write(self._wake_w, b"x")
            self._thread.join()
            os.close(self._wake_r)
            os.close(self._wake_w)
            self._thread = None
            sys.setswitchinterval(self._switch_interval)
        return self._greeted

    # Until the supervisor exists, the signals the command passes on come here.
    def forward_signal(self, signum: int) -> None:
        processes.signal_group(self.main.pid, signum)

    def request_stop(self) -> None:
        self.stop_requested = True
