"""The texts core/ makes that the window shows, for lupdate to read (gui/core_texts.py
looks them up at run time; numbers in a text are {0}, {1}… here).  Kept in step with
core by tests/gui/test_translation.py: a scenario's text missing here fails it."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# how a run is or ended (core/supervisor.py)
STATUSES = (
    QT_TRANSLATE_NOOP("core", "running"),
    QT_TRANSLATE_NOOP("core", "replay"),
    QT_TRANSLATE_NOOP("core", "completed"),
    QT_TRANSLATE_NOOP("core", "stalled"),
    QT_TRANSLATE_NOOP("core", "crashed"),
    QT_TRANSLATE_NOOP("core", "timeout"),
    QT_TRANSLATE_NOOP("core", "stopped"),
)

# each scenario's "what to watch"
WATCH = (
    QT_TRANSLATE_NOOP("core", "Watch the queue depth fall to zero after the last food, then the lane of the consumer who did not get None: she waits (sky blue) a full five seconds before she leaves on a timeout. Set sentinels to per-consumer and both leave at once."),
    QT_TRANSLATE_NOOP("core", "Watch the producers: after their last put they wait in join() (a waiting span) until the consumers have marked every item done. Switch task_done off: every process ends up waiting, nothing moves, and the run is called stalled."),
    QT_TRANSLATE_NOOP("core", "Watch the depth climb to the capacity line and stay there, while the producers' lanes turn to 'blocked on put'. With mode put_nowait, ✕ marks show each item lost to Full; the ○ at the end is get_nowait meeting an empty queue."),
    QT_TRANSLATE_NOOP("core", "Watch the child's lane after the twentieth message: with the ends closed it gets EOFError and exits; with close_unused_ends off it turns to 'blocked in recv' and stays there, while main waits to join it."),
    QT_TRANSLATE_NOOP("core", "Compare sent with received intact in the third plot. Without the lock the three consumers wait in recv() on the same end at once; with the article's 10 messages they are often lucky, so try 100: messages vanish or arrive broken, and a consumer may die on one. With lock on, consumers take turns (orange: waiting for the lock) and none is lost."),
    QT_TRANSLATE_NOOP("core", "Watch the counter against its expected line: without the lock it stops above 30, and the gap is the number of lost updates. With the lock, lanes take turns (orange waiting, purple holding) and the counter lands exactly on 30."),
    QT_TRANSLATE_NOOP("core", "Watch items/s in and out, and how deep the queue gets when the producer runs ahead."),
    QT_TRANSLATE_NOOP("core", "With drain_first off, watch the worker's lane after its last put: finished but not gone, while main waits to join it and the queue depth stays up. Nothing moves; IPC Scope names the deadlock. Turn drain_first on: main reads, then joins at once."),
)

# parameter names, as the form shows them (key with spaces)
PARAM_NAMES = (
    QT_TRANSLATE_NOOP("core", "producers"),
    QT_TRANSLATE_NOOP("core", "consumers"),
    QT_TRANSLATE_NOOP("core", "items"),
    QT_TRANSLATE_NOOP("core", "sentinels"),
    QT_TRANSLATE_NOOP("core", "start method"),
    QT_TRANSLATE_NOOP("core", "task done"),
    QT_TRANSLATE_NOOP("core", "capacity"),
    QT_TRANSLATE_NOOP("core", "mode"),
    QT_TRANSLATE_NOOP("core", "messages"),
    QT_TRANSLATE_NOOP("core", "close unused ends"),
    QT_TRANSLATE_NOOP("core", "lock"),
    QT_TRANSLATE_NOOP("core", "release together"),
    QT_TRANSLATE_NOOP("core", "processes"),
    QT_TRANSLATE_NOOP("core", "start"),
    QT_TRANSLATE_NOOP("core", "item bytes"),
    QT_TRANSLATE_NOOP("core", "drain first"),
)

# parameter help
PARAM_HELP = (
    QT_TRANSLATE_NOOP("core", "How many shops make food."),
    QT_TRANSLATE_NOOP("core", "How many people eat."),
    QT_TRANSLATE_NOOP("core", "Foods each shop makes (the article: 10)."),
    QT_TRANSLATE_NOOP("core", "one: main puts a single None (the article); per-consumer: one None each."),
    QT_TRANSLATE_NOOP("core", "How the scenario's main starts its children (spawn works everywhere)."),
    QT_TRANSLATE_NOOP("core", "How many people eat (daemon processes)."),
    QT_TRANSLATE_NOOP("core", "Consumers call q.task_done() after each food."),
    QT_TRANSLATE_NOOP("core", "How many fast producers."),
    QT_TRANSLATE_NOOP("core", "How many slow consumers."),
    QT_TRANSLATE_NOOP("core", "Items each producer makes."),
    QT_TRANSLATE_NOOP("core", "Queue(capacity): the article's Queue(5)."),
    QT_TRANSLATE_NOOP("core", "put waits when full; put_nowait raises Full."),
    QT_TRANSLATE_NOOP("core", "How many 'hello' main sends (the article: 20)."),
    QT_TRANSLATE_NOOP("core", "Each process closes the pipe end it does not use (the article does)."),
    QT_TRANSLATE_NOOP("core", "Messages the producer sends (the article: 10)."),
    QT_TRANSLATE_NOOP("core", "Consumers reading the same end (the article: 3)."),
    QT_TRANSLATE_NOOP("core", "Consumers hold a Lock around recv()."),
    QT_TRANSLATE_NOOP("core", "Start all processes, then release them at once, so consumers read together."),
    QT_TRANSLATE_NOOP("core", "Processes that each subtract one (the article: 70)."),
    QT_TRANSLATE_NOOP("core", "The counter's first value (the article: 100)."),
    QT_TRANSLATE_NOOP("core", "Hold a Lock around dic['count'] -= 1."),
    QT_TRANSLATE_NOOP("core", "Start all processes, then release them at once, so they really race."),
    QT_TRANSLATE_NOOP("core", "How many items go through the queue."),
    QT_TRANSLATE_NOOP("core", "Items the worker puts."),
    QT_TRANSLATE_NOOP("core", "Size of each item in bytes."),
    QT_TRANSLATE_NOOP("core", "Main gets every item before it joins."),
)

# what a scenario's parameters predict
PREDICTIONS = (
    QT_TRANSLATE_NOOP("core", "completed: {0} consumer(s) leave on None, {1} only when get(timeout={2}) gives up"),
    QT_TRANSLATE_NOOP("core", "completed: {0} consumer(s) leave on None"),
    QT_TRANSLATE_NOOP("core", "completed: every item eaten and marked done, producers' join() returns, main ends and its daemon consumers with it"),
    QT_TRANSLATE_NOOP("core", "stalled: no task_done(), so q.join() never returns; IPC Scope ends the run"),
    QT_TRANSLATE_NOOP("core", "completed: the queue fills to its capacity and producers wait in put"),
    QT_TRANSLATE_NOOP("core", "completed: the queue fills; put_nowait raises Full and those items are lost"),
    QT_TRANSLATE_NOOP("core", "completed: the child gets all messages, then EOFError"),
    QT_TRANSLATE_NOOP("core", "stalled: the child gets all messages, then waits in recv() forever, because it still holds the sending end itself"),
    QT_TRANSLATE_NOOP("core", "messages are lost or corrupted when consumers read one end at once; a consumer may die on a corrupt one"),
    QT_TRANSLATE_NOOP("core", "completed: every message arrives whole"),
    QT_TRANSLATE_NOOP("core", "completed above {0}: updates are lost"),
    QT_TRANSLATE_NOOP("core", "completed at exactly {0}"),
    QT_TRANSLATE_NOOP("core", "completed: all {0} items arrive"),
    QT_TRANSLATE_NOOP("core", "stalled: main waits to join Worker, Worker waits to flush its data into the queue's full pipe"),
    QT_TRANSLATE_NOOP("core", "completed: main reads everything, then joins"),
)

# a scenario's result, by name (key with spaces)
RESULTS = (
    QT_TRANSLATE_NOOP("core", "items made"),
    QT_TRANSLATE_NOOP("core", "items eaten"),
    QT_TRANSLATE_NOOP("core", "sentinels put"),
    QT_TRANSLATE_NOOP("core", "sentinels got"),
    QT_TRANSLATE_NOOP("core", "task done"),
    QT_TRANSLATE_NOOP("core", "unfinished tasks"),
    QT_TRANSLATE_NOOP("core", "sent"),
    QT_TRANSLATE_NOOP("core", "received intact"),
    QT_TRANSLATE_NOOP("core", "corrupt"),
    QT_TRANSLATE_NOOP("core", "lost or corrupt"),
    QT_TRANSLATE_NOOP("core", "start"),
    QT_TRANSLATE_NOOP("core", "decrements"),
    QT_TRANSLATE_NOOP("core", "expected"),
    QT_TRANSLATE_NOOP("core", "final"),
    QT_TRANSLATE_NOOP("core", "lost updates"),
    QT_TRANSLATE_NOOP("core", "items got"),
    QT_TRANSLATE_NOOP("core", "seconds"),
    QT_TRANSLATE_NOOP("core", "items per s"),
    QT_TRANSLATE_NOOP("core", "max depth"),
    QT_TRANSLATE_NOOP("core", "waits on get"),
    QT_TRANSLATE_NOOP("core", "items lost to full"),
    QT_TRANSLATE_NOOP("core", "get nowait empty"),
)

# what a summary says went otherwise than predicted (core/summary.py)
PROBLEMS = (
    QT_TRANSLATE_NOOP("core", "{0} process(es) left behind"),
    QT_TRANSLATE_NOOP("core", "ended {0}, expected {1}"),
    QT_TRANSLATE_NOOP("core", "ended {0}, expected {1} or {2}"),
)
