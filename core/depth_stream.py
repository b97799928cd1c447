"""A queue's highest depth from its puts and gets part by part, in bounded memory.

RunModel.max_depth gathers a queue's put and get times (16 bytes each) and sorts them:
fine for millions, not for an hour of flood (hundreds of millions, read back from
disk).  Here the parts are read twice.  The first pass notes the earliest stamp in each
part; then a step stamped before every stamp still to come is final, so the second
pass keeps only the steps not final yet (about one part's worth, as rows arrive nearly
in time order), the puts whose get has not come, and the gets whose put has not come.

The answer is RunModel.max_depth's: a get stamped before its own put counts at its
put's time, a put sorts before a get of the same stamp, and the running sum is clipped
to the capacity.  One difference, where item ids repeat (they do not in a run: an id is
its process's counter): a get pairs with the earliest put of its item not yet got.
"""
from __future__ import annotations

import numpy as np

_NONE = np.empty(0, np.int64)
_BIG = np.iinfo(np.int64).max
HELD_BACK_LIMIT = 1 << 22    # steps waiting to be final; past it the caller sorts them all


class HeldBack(Exception):
    """Too many steps wait to be final: a get whose put never comes (a queue fed by a
    process IPC Scope does not trace), or rows that arrive very late."""


def max_depth(read_parts, capacity: int | None, stats: dict | None = None) -> int | None:
    """read_parts(): an iterable over the parts holding the queue's puts and gets, in
    arrival order, each as (t, is_get, item) arrays; called twice, it must give the
    same parts both times.  None if too many steps were held back (HELD_BACK_LIMIT).
    `stats`, if given, gets "most_held": the most steps held at once."""
    lows, put_ranges = [], []
    for t, is_get, item in read_parts():
        if len(t):
            lows.append(int(t.min()))
            put_items = item[~is_get]
            put_ranges.append((int(put_items.min()), int(put_items.max())) if len(put_items)
                              else (_BIG, -_BIG))
    if not lows:
        return 0
    # the earliest stamp still to come after each part
    later = np.minimum.accumulate(np.array(lows[::-1], np.int64))[::-1]
    bounds = iter(list(later[1:]) + [_BIG])
    puts_to_come = _PutsToCome(put_ranges)
    steps = _Steps()
    try:
        index = -1
        for t, is_get, item in read_parts():
            if not len(t):
                continue
            index += 1
            steps.add(t[~is_get], item[~is_get], t[is_get], item[is_get])
            steps.give_up_waiting(puts_to_come.may_come(steps.waiting_item, index))
            steps.settle(next(bounds))
    except HeldBack:
        return None
    finally:
        if stats is not None:
            stats["most_held"] = steps.most_held
    steps.settle(None)
    return int(np.clip(steps.top, 0, capacity))


EXACT_CHECK = 256        # waiting gets checked part by part against the later puts' items


class _PutsToCome:
    """Can a part after `index` put this item?  From each part's lowest and highest
    put item (a process's ids are its counter: a part's range is narrow): first the
    range of all later parts, then, for a few gets, each part's."""

    def __init__(self, ranges: list[tuple[int, int]]):
        self.lo = np.array([lo for lo, _ in ranges], np.int64)
        self.hi = np.array([hi for _, hi in ranges], np.int64)
        self.later_lo = np.append(np.minimum.accumulate(self.lo[::-1])[::-1][1:], _BIG)
        self.later_hi = np.append(np.maximum.accumulate(self.hi[::-1])[::-1][1:], -_BIG)

    def may_come(self, items: np.ndarray, index: int) -> np.ndarray:
        may = (items >= self.later_lo[index]) & (items <= self.later_hi[index])
        if 0 < np.count_nonzero(may) <= EXACT_CHECK:
            lo, hi = self.lo[index + 1:], self.hi[index + 1:]
            for i in np.flatnonzero(may):
                may[i] = bool(((lo <= items[i]) & (items[i] <= hi)).any())
        return may


class _Steps:
    def __init__(self):
        self.unmatched_t, self.unmatched_item = _NONE, _NONE   # puts whose get has not come
        self.waiting_t, self.waiting_item = _NONE, _NONE       # gets whose put has not come
        self.put_t = _NONE            # puts not final yet
        self.get_t = _NONE            # gets (at their cause's time) not final yet
        self.level = 0                # the running sum of the final steps
        self.top = 0
        self.most_held = 0

    def add(self, put_t, put_item, get_t, get_item) -> None:
        self.put_t = np.concatenate([self.put_t, put_t])
        self.unmatched_t = np.concatenate([self.unmatched_t, put_t])
        self.unmatched_item = np.concatenate([self.unmatched_item, put_item])
        get_t = np.concatenate([self.waiting_t, get_t])
        get_item = np.concatenate([self.waiting_item, get_item])
        found, put_at = self._find_puts(get_item)
        # each found put is used once: by the first get (in arrival order) that found it
        first = np.zeros(len(found), bool)
        where = np.flatnonzero(found)
        _, first_of_each = np.unique(put_at[where], return_index=True)
        first[where[first_of_each]] = True
        caused = np.maximum(get_t[first], self.unmatched_t[put_at[first]])
        used = np.zeros(len(self.unmatched_t), bool)
        used[put_at[first]] = True
        self.unmatched_t, self.unmatched_item = self.unmatched_t[~used], self.unmatched_item[~used]
        self.get_t = np.concatenate([self.get_t, caused])
        self.waiting_t, self.waiting_item = get_t[~first], get_item[~first]

    def give_up_waiting(self, may_come: np.ndarray) -> None:
        """A get whose item no later part can put counts at its own stamp (its put is
        not traced, or was got already): it no longer holds the others back."""
        if not len(self.waiting_item):
            return
        self.get_t = np.concatenate([self.get_t, self.waiting_t[~may_come]])
        self.waiting_t, self.waiting_item = self.waiting_t[may_come], self.waiting_item[may_come]

    def _find_puts(self, get_item):
        """(found, index): for each get, the earliest unmatched put of its item."""
        if not len(self.unmatched_item) or not len(get_item):
            return np.zeros(len(get_item), bool), np.zeros(len(get_item), np.int64)
        order = np.argsort(self.unmatched_item, kind="stable")
        items = self.unmatched_item[order]
        at = np.minimum(np.searchsorted(items, get_item), len(items) - 1)
        return items[at] == get_item, order[at]

    def settle(self, bound: int | None) -> None:
        """Apply the steps stamped before `bound` (None: all; a get still waiting for
        its put holds back everything from its own stamp on, as it counts from there
        or later)."""
        if bound is None:
            self.get_t = np.concatenate([self.get_t, self.waiting_t])   # no put will come
            self.waiting_t, self.waiting_item = _NONE, _NONE
            bound = _BIG
        elif len(self.waiting_t):
            bound = min(bound, int(self.waiting_t.min()))
        final_puts, final_gets = self.put_t < bound, self.get_t < bound
        if bound == _BIG:
            final_puts[:], final_gets[:] = True, True
        puts = np.sort(self.put_t[final_puts])
        gets = np.sort(self.get_t[final_gets])
        self.put_t, self.get_t = self.put_t[~final_puts], self.get_t[~final_gets]
        held = len(self.put_t) + len(self.get_t) + len(self.waiting_t) + len(self.unmatched_t)
        self.most_held = max(self.most_held, held)
        if held > HELD_BACK_LIMIT:
            raise HeldBack()
        if len(puts):
            # after the k-th of these puts: level + k + 1 less the gets stamped before it
            held = self.level + np.arange(1, len(puts) + 1) - np.searchsorted(gets, puts)
            self.top = max(self.top, int(held.max()))
        self.level += len(puts) - len(gets)
