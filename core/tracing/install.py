"""Install tracing in this process: open its channel, patch multiprocessing's classes,
and see to it that every process the program starts is traced too.

- spawn: the child's command line imports core/tracing/child.py before spawn_main
  unpickles anything (a patched multiprocessing.spawn.get_command_line);
- fork: the child inherits the patches; its _bootstrap opens its own channel;
- forkserver: the server imports child.py as a preloaded module (it opens no channel of
  its own: it is not the program's), its children open theirs in _bootstrap.
A process that os.fork()s or runs a subprocess by itself starts untraced children:
they run as they would, unseen.
"""
from __future__ import annotations

import os
import sys

from ipcscope.core import sink
from ipcscope.core.tracing.config import TraceConfig

CHILD_MODULE = "ipcscope.core.tracing.child"
_config: TraceConfig | None = None


def open_channel(greeted: tuple | None = None) -> None:
    if _config is not None:
        from ipcscope.core.tracing import objects
        channel = sink.open_sink(_config.address, _config.authkey, greeted=greeted)
        channel.site_of_thread = objects.site_of_thread


def install(config: TraceConfig, *, channel: bool = True, greeted: tuple | None = None) -> None:
    """greeted: (connection, number), this process's channel already open."""
    global _config
    if _config is not None:
        return
    _config = config
    if channel:
        open_channel(greeted)
    from ipcscope.core.tracing import (
        connections,
        listeners,
        managers,
        output,
        processes,
        queues,
        shared_memory,
        shared_values,
        sync,
    )
    queues.patch()
    connections.patch()
    listeners.patch()
    sync.patch()
    shared_values.patch()
    shared_memory.patch()
    managers.patch()
    processes.patch(open_channel)
    _children_start_traced()
    output.capture(config.echo)


def _children_start_traced() -> None:
    from multiprocessing import forkserver, spawn
    get_command_line = spawn.get_command_line

    def traced_command_line(**kwds):
        command = get_command_line(**kwds)
        if "-c" in command:
            at = command.index("-c") + 1
            command[at] = f"import {CHILD_MODULE}; {command[at]}"
        return command
    spawn.get_command_line = traced_command_line

    ensure_running = forkserver.ForkServer.ensure_running

    def traced_ensure_running(self):
        if CHILD_MODULE not in self._preload_modules:
            self._preload_modules = [*self._preload_modules, CHILD_MODULE]
        return ensure_running(self)
    forkserver.ForkServer.ensure_running = traced_ensure_running


def install_from_environment() -> bool:
    """In a child: install if the run's environment says so.  A spawned child opens its
    channel now (before unpickling, which may make objects); a fork server does not."""
    config = TraceConfig.from_env()
    if config is None:
        return False
    spawned = "--multiprocessing-fork" in sys.argv
    install(config, channel=spawned)
    return True


def niceness(config: TraceConfig) -> None:
    if config.niceness and hasattr(os, "nice"):
        try:
            os.nice(config.niceness)
        except OSError:
            pass
