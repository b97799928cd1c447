"""The question each built-in scenario's prediction answers, for "Predict, then run".

A learner (or a room, by show of hands) answers before the run; afterwards the answer is
checked against the truth read from the run's own summary (the dict `ipcscope run --json`
prints), never a constant, so a race that ends elsewhere is judged by what happened.
Each question is in English and 中文; its choices are values (names, "yes", "no",
"none") the window words in its language.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ipcscope.core.scenarios.queue_sentinel import CONSUMERS

KINDS = ("number", "choice", "yes-no")
YES_NO = ("yes", "no")
NONE = "none"


@dataclass(frozen=True)
class Question:
    text: str
    text_zh: str
    kind: str                              # one of KINDS
    check: Callable[[dict], object]        # summary -> the truth (None: the run cannot tell)
    choices: tuple = ()                    # a choice's values; yes-no: YES_NO

    def truth(self, summary: dict):
        return self.check(summary)

    def is_right(self, answer, summary: dict) -> bool | None:
        """Whether the answer was right; None when the run gives no truth (it was stopped
        before the answer showed).  A choice's truth may hold several right values."""
        truth = self.truth(summary)
        if truth is None:
            return None
        if isinstance(truth, tuple):
            return answer in truth
        return answer == truth


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _finishes(summary: dict):
    if summary["status"] == "stopped":         # stopped by hand: it never had the chance
        return None
    return _yes_no(summary["status"] == "completed")


def _final_counter(summary: dict):
    return summary["result"].get("final")


def _timed_out_consumers(summary: dict):
    if summary["status"] != "completed":
        return None
    names = tuple(p["name"] for p in summary["processes"]
                  if p["role"] == "consumer" and p["exit_reason"] == "timeout")
    return names or (NONE,)


def _items_lost_to_full(summary: dict):
    return summary["result"].get("items_lost_to_full")


def _every_message_whole(summary: dict):
    result = summary["result"]
    if "lost_or_corrupt" not in result or summary["status"] == "stopped":
        return None
    return _yes_no(result["lost_or_corrupt"] == 0 and result["corrupt"] == 0)


def _every_item_arrives(summary: dict):
    if summary["status"] == "stopped":
        return None
    return _yes_no(summary["result"].get("items_got") == summary["params"]["items"])


FINISH = ("Will the program finish?", "程序会正常结束吗?")


def questions(scenario_id: str, params: dict) -> list[Question]:
    """The questions of a scenario run with these (resolved) parameters; none for a
    scenario that has no question (a user's own program)."""
    if scenario_id == "manager-counter":
        return [Question("Where will the counter end?", "计数最后会停在多少?", "number",
                         _final_counter)]
    if scenario_id == "queue-sentinel":
        return [Question("Which consumer leaves on a timeout?", "哪个消费者是等超时才离开的?",
                         "choice", _timed_out_consumers,
                         tuple(CONSUMERS[:params["consumers"]]) + (NONE,))]
    if scenario_id in ("pipe-eof", "join-before-drain", "joinable-queue"):
        return [Question(*FINISH, "yes-no", _finishes, YES_NO)]
    if scenario_id == "bounded-queue":
        return [Question("How many items will be lost to a full queue?",
                         "会有多少个元素因队列满而丢失?", "number", _items_lost_to_full)]
    if scenario_id == "pipe-producer-consumer":
        return [Question("Will every message arrive whole?", "每条消息都会完整到达吗?",
                         "yes-no", _every_message_whole, YES_NO)]
    if scenario_id == "queue-flood":
        return [Question("Will every item arrive?", "每个元素都会到达吗?", "yes-no",
                         _every_item_arrives, YES_NO)]
    return []
