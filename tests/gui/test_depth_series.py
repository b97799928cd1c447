"""Queue depth off the GUI thread: a big run's recomputes must reach the plot while
events keep coming, and what is drawn must keep every peak of the depth it stands for."""
import numpy as np

from benchmarks.gui_bench import synthetic_rows
from core.supervisor import EVENT_DTYPE
from gui.depth_series import SYNC_LIMIT, DepthComputer, QueueRows, peak_steps


def test_a_finished_recompute_is_taken_even_when_the_next_is_submitted_first():
    """The plot submits whenever new rows are pending; in a flood they always are.  A
    result that finished meanwhile must not be replaced by the next submit unseen (it
    was: a big run's depth line stood still until the events stopped)."""
    rows, strings = synthetic_rows(4 * SYNC_LIMIT, 10**12, 0, True)
    queue_rows = QueueRows(EVENT_DTYPE)
    queue_rows.add(rows)
    computer = DepthComputer()
    try:
        computer.submit(queue_rows.snapshot(), strings)
        computer._future.result(timeout=60)          # finished, not taken yet
        computer.submit(queue_rows.snapshot(), strings)
        first = computer.take()
        assert first is not None and len(first.queues) == 4
        computer._future.result(timeout=60)
        assert computer.take() is not None
    finally:
        computer.shutdown()


def test_peak_steps_keep_small_lines_whole_and_big_ones_within_the_limit():
    t = np.arange(0, 5000, 5, dtype=np.int64)
    level = np.arange(len(t)) % 7
    same_t, same = peak_steps(t, level, limit=2000)
    assert same_t is t and same is level

    rng = np.random.default_rng(5)
    t = np.sort(rng.integers(0, 10**10, 300_000))
    level = np.clip(np.cumsum(rng.choice([-1, 1], len(t))), 0, None)
    level[123_456] = level.max() + 50                 # one spike, one change long
    shown_t, shown = peak_steps(t, level, limit=6000)
    assert len(shown) <= 6000
    assert np.all(np.diff(shown_t) >= 0)
    assert shown.max() == level.max() and shown.min() == level.min()
    assert (shown_t[0], shown_t[-1], shown[-1]) == (t[0], t[-1], level[-1])
    # every bin's highest level is drawn at the bin's first change
    spike_at = np.searchsorted(shown_t, t[123_456], side="right") - 1
    assert shown[max(0, spike_at - 2):spike_at + 1].max() == level.max()
