"""Findings: what went wrong in a run, named in plain words (English and Chinese), at
the moment it happened, with the processes and objects involved and the one-line fix.

Detectors read recorded events only (a RunModel), so the same code serves a live run
(call `detect` again as events arrive; `now_ns` is the newest event's time), a
finished run, a loaded trace, and the tests.  Each finding has a `key`: detecting
again returns the same key for the same problem, so a caller can tell new from known.
"""
from __future__ import annotations

from ipcscope.core.findings import managers, pipes, processes, programs, queues, shared
from ipcscope.core.findings.base import Finding, RunView

DETECTORS = (
    queues.sentinel_shortfall,
    queues.consumer_exited_on_timeout,
    queues.missing_task_done,
    queues.item_dropped_on_full,
    queues.join_before_drain,
    pipes.pipe_end_left_open,
    pipes.pipe_shared_without_lock,
    shared.lost_update,
    shared.shared_memory_not_unlinked,
    processes.process_crashed,
    managers.manager_died,
    processes.deadlock,
    programs.pool_task_failed,
    programs.broken_pool,
    programs.process_not_joined,
    programs.queue_item_not_sent,
)
WARNING_KINDS = ("sentinel-shortfall", "consumer-exited-on-timeout", "pipe-end-left-open",
                 "missing-task-done", "lost-update", "item-dropped-on-full",
                 "pipe-shared-without-lock", "join-before-drain", "process-crashed",
                 "deadlock", "pool-task-failed", "broken-pool", "process-not-joined",
                 "shared-memory-not-unlinked",
                 "manager-died", "queue-item-not-sent")


def detect(model, *, now_ns: int | None = None, stall_after_s: float = 3.0) -> list[Finding]:
    """Every finding the events so far support, in the order they happened."""
    view = RunView(model, now_ns=now_ns, stall_after_s=stall_after_s)
    found: list[Finding] = []
    if view.empty:
        return found
    for detector in DETECTORS:
        found.extend(detector(view))
    return sorted(found, key=lambda f: f.t_ns)


def as_dicts(findings: list[Finding], t0: int | None) -> list[dict]:
    return [f.as_dict(t0) for f in findings]


__all__ = ["Finding", "RunView", "detect", "as_dicts", "WARNING_KINDS"]
