"""Queue depth off the GUI thread: a big run's recomputes must reach the plot while
events keep coming, and what is drawn must keep every peak of the depth it stands for."""
import numpy as np
from ipcscope.core.events import Kind, ObjType
from ipcscope.core.model import RunModel
from ipcscope.core.supervisor import EVENT_DTYPE
from ipcscope.gui.plots.depth_series import SYNC_LIMIT, DepthBuilder, DepthComputer, QueueRows

from benchmarks.gui_bench import synthetic_rows


def test_a_finished_recompute_is_taken_even_when_the_next_is_submitted_first(qtbot):
    """The plot submits whenever new rows are pending; in a flood they always are.  A
    result that finished meanwhile must not be replaced by the next submit unseen (it
    was: a big run's depth line stood still until the events stopped)."""
    rows, strings = synthetic_rows(4 * SYNC_LIMIT, 10**12, 0, True)
    queue_rows = QueueRows(EVENT_DTYPE)
    queue_rows.add(rows[:len(rows) // 2])
    computer = DepthComputer()
    try:
        computer.submit(queue_rows.take()[0], strings, 0)
        qtbot.waitUntil(lambda: not computer.busy, timeout=60_000)  # finished, not taken
        queue_rows.add(rows[len(rows) // 2:])
        computer.submit(queue_rows.take()[0], strings, 0)
        assert computer.busy
        first = computer.take()
        assert first is not None and len(first.queues) == 4
        qtbot.waitUntil(lambda: not computer.busy, timeout=60_000)
        assert computer.take() is not None
    finally:
        computer.shutdown()


def queue_traffic(seed: int, items: int = 3000):
    """Rows of two queues (a Queue(4) and a JoinableQueue()) in the order they would
    reach the window: each a few ms after its stamp, a few of them over a second late.
    Some gets are stamped before their own put, as scheduling makes them."""
    rng = np.random.default_rng(seed)
    rows = []
    for obj, maxsize, joinable in ((1, 4, False), (2, 0, True)):
        rows.append((0, Kind.OBJ_CREATE, obj, 0, obj - 1, maxsize,
                     ObjType.JOINABLE_QUEUE if joinable else ObjType.QUEUE))
        put_t = np.cumsum(rng.integers(50_000, 2_000_000, items))
        get_t = put_t + rng.integers(-200_000, 5_000_000, items)
        for n, (tp, tg) in enumerate(zip(put_t.tolist(), get_t.tolist())):
            item = obj << 32 | n
            rows.append((tp, Kind.PUT_END, obj, 1 + n % 3, item, n % 500 == 499, 0))
            rows.append((tg, Kind.GET_END, obj, 4 + n % 2, item, n % 500 == 499, 0))
            if joinable:
                rows.append((tg + 1000, Kind.TASK_DONE, obj, 4 + n % 2, 0, 0, 0))
            if n % 97 == 0:
                rows.append((tp + 10, Kind.PUT_FULL, obj, 1, item, 0, 0))
    rows = np.array(rows, EVENT_DTYPE)
    delay = rng.integers(0, 20_000_000, len(rows))
    delay[rng.choice(len(rows), 5, replace=False)] = 1_500_000_000
    delay[rows["kind"] == Kind.OBJ_CREATE] = -10**12         # known before anything else
    return rows[np.argsort(rows["t"] + delay, kind="stable")], ["fast", "jobs"]


def test_the_depth_kept_between_updates_is_the_depth_of_every_row_so_far():
    """The builder is handed the rows that came since its last update.  It settles what
    is SETTLE_S older than the newest row and sorts only the rest; a row later than that
    makes it start over from every row (as the plot does: the model's).  After every
    update its lines must be exactly RunModel.depth_series() of all rows so far (the
    summary's), and the JoinableQueue's unfinished line exactly its puts minus
    task_done in time order.  The settled part is paged to disk in small chunks here."""
    arrived, strings = queue_traffic(seed=11)
    builder = DepthBuilder(chunk_rows=256, resident_chunks=2)
    rng = np.random.default_rng(12)
    cut, updates = 0, 0
    while cut < len(arrived):
        new = arrived[cut:cut + int(rng.integers(1, 900))]
        cut += len(new)
        so_far = arrived[:cut]
        settle_before = int(so_far["t"].max()) - 500_000_000     # SETTLE_S, in this time
        queue_rows = QueueRows(EVENT_DTYPE)
        queue_rows.add(new)
        pending, earliest = queue_rows.take()
        if builder.is_late(earliest):
            result = builder.update(so_far, strings, settle_before, restart=True)
        else:
            result = builder.update(pending, strings, settle_before)
        model = RunModel(EVENT_DTYPE)
        model.append(so_far, strings)
        for queue in result.queues:
            t, depth = model.depth_series(queue.obj)
            assert queue.depth.t_ns.tolist() == t.tolist()
            assert queue.depth.level.tolist() == depth.tolist()
            assert queue.depth.peak == max([0] + depth.tolist())
            if queue.type == ObjType.JOINABLE_QUEUE:
                changes = model.of_kind(Kind.PUT_END, Kind.TASK_DONE, obj=queue.obj)
                order = np.argsort(changes["t"], kind="stable")
                steps = np.where(changes["kind"][order] == Kind.PUT_END, 1, -1)
                assert queue.unfinished.t_ns.tolist() == changes["t"][order].tolist()
                assert queue.unfinished.level.tolist() == np.cumsum(steps).tolist()
        assert sorted(result.full_t_ns.tolist()) == \
            sorted(model.of_kind(Kind.PUT_FULL)["t"].tolist())
        gets = model.of_kind(Kind.GET_END)
        assert sorted(result.sentinel_t_ns.tolist()) == sorted(gets["t"][gets["a"] == 1].tolist())
        updates += 1
    assert updates > 20
    assert 1 <= builder.restarts <= 5           # the late rows, and only they
    assert len(builder._depth[1].steps) > 4000  # most of it was settled, not re-sorted
    assert builder._depth[1].steps.on_disk > 10 and builder.late_rows == 0
    assert [q.name for q in result.queues] == ["fast", "jobs"]


def test_a_late_row_of_a_run_too_big_to_start_over_is_put_at_the_boundary():
    """Past RESTART_ROWS queue events the plot does not read the run back to start
    over: a late row counts at the boundary (and is counted), and nothing is lost."""
    arrived, strings = queue_traffic(seed=5, items=400)
    arrived = arrived[np.argsort(arrived["t"], kind="stable")]    # none late but ours
    builder = DepthBuilder()
    half = len(arrived) // 2
    boundary = int(arrived["t"][half])
    builder.update(arrived[:half], strings, boundary)
    late = arrived[half:half + 1].copy()
    late["kind"], late["obj"], late["t"] = Kind.PUT_END, 1, boundary - 10**9
    assert builder.is_late(int(late["t"][0]))
    result = builder.update(np.concatenate([late, arrived[half:]]), strings, boundary + 1)
    assert builder.late_rows == 1 and builder.restarts == 0
    model = RunModel(EVENT_DTYPE)
    model.append(np.concatenate([arrived, late]), strings)
    fast = next(q for q in result.queues if q.obj == 1)
    t, depth = model.depth_series(1)
    assert len(fast.depth) == len(t)              # the late put is in the line, once
    assert fast.depth.level[-1] == depth[-1]      # and the line ends where the model's does


def test_the_plot_starts_over_from_the_model_when_a_row_comes_late(qtbot):
    """The plot keeps no queue rows of its own: a late row makes it read them back from
    the run's model, and the line drawn is the model's depth."""
    from ipcscope.gui.plots.depth_plot import QueueDepthPlot

    arrived, strings = queue_traffic(seed=13, items=1500)
    plot = QueueDepthPlot()
    qtbot.addWidget(plot)
    model = RunModel(EVENT_DTYPE)
    plot.set_run(model)
    for part in np.array_split(arrived, 60):
        model.append(part, strings)
        strings = []
        plot.add_rows(part)
        plot.refresh(0.0, at_once=True)
    model.status = "completed"
    plot.refresh(0.0, at_once=True)
    qtbot.waitUntil(lambda: not plot.busy, timeout=30_000)
    plot.refresh(0.0, at_once=True)
    assert plot.computer.builder.restarts >= 1 and plot.computer.builder.late_rows == 0
    for obj in (1, 2):
        t, depth = model.depth_series(obj)
        drawn = plot._drawn[obj]
        assert drawn.t_ns.tolist() == t.tolist() and drawn.level.tolist() == depth.tolist()


def test_markers_keep_the_newest_and_count_them_all():
    """A consumer polling get_nowait() on an empty queue raises Empty up to a million
    times a second: the plot draws the newest MARKERS_KEPT and counts every one."""
    from ipcscope.gui.plots.depth_series import MARKERS_KEPT

    builder = DepthBuilder()
    create = np.zeros(1, EVENT_DTYPE)
    create["kind"], create["obj"], create["a"], create["b"] = Kind.OBJ_CREATE, 1, 3, ObjType.QUEUE
    total = 0
    for part in range(25):
        empties = np.zeros(1000, EVENT_DTYPE)
        empties["kind"], empties["obj"] = Kind.GET_EMPTY, 1
        empties["t"] = 10**9 + part * 1000 + np.arange(1000)
        full = empties[:10].copy()
        full["kind"] = Kind.PUT_FULL
        rows = np.concatenate([create, empties, full]) if part == 0 else \
            np.concatenate([empties, full])
        result = builder.update(rows, ["q"], 0)
        total += 1000
    assert result.counts == {"full": 250, "empty": total, "none": 0}
    assert len(result.empty_t_ns) == MARKERS_KEPT
    assert result.empty_t_ns[-1] == 10**9 + 24 * 1000 + 999      # the newest
    assert result.full_capacity.tolist() == [3] * 250
    assert len(builder._empty_t._values) <= 2 * MARKERS_KEPT


def feed_plot(qtbot, plot, model, arrived, strings, fail_at: int | None):
    """The rows in 60 batches as a live run brings them; the update that takes batch
    `fail_at` raises (a bug in the builder), once."""
    from ipcscope.gui.plots import depth_series

    real_note = depth_series.DepthBuilder._note
    calls = {"n": 0}

    def failing_note(self, *args):
        calls["n"] += 1
        if calls["n"] == fail_at:
            raise RuntimeError("a builder bug")
        return real_note(self, *args)
    depth_series.DepthBuilder._note = failing_note
    try:
        for part in np.array_split(arrived, 60):
            model.append(part, strings)
            strings = []
            plot.add_rows(part)
            plot.refresh(0.0, at_once=True)
            qtbot.waitUntil(lambda: not plot.computer.busy, timeout=30_000)
        model.status = "completed"
        plot.refresh(0.0, at_once=True)
        qtbot.waitUntil(lambda: not plot.busy, timeout=30_000)
        plot.refresh(0.0, at_once=True)
    finally:
        depth_series.DepthBuilder._note = real_note
    return calls["n"]


def test_after_an_update_fails_the_depth_starts_over_from_the_model(qtbot, monkeypatch):
    """A failed update loses the builder and the rows it was given: the next one reads
    every queue row back from the model (a run too big for that goes on from each
    queue's depth at that moment, as the model's counts give it)."""
    from ipcscope.gui.plots import depth_series
    from ipcscope.gui.plots.depth_plot import QueueDepthPlot

    arrived, strings = queue_traffic(seed=17, items=1500)
    arrived = arrived[np.argsort(arrived["t"], kind="stable")]      # no late rows
    for restart_rows in (depth_series.RESTART_ROWS, 0):
        monkeypatch.setattr(depth_series, "RESTART_ROWS", restart_rows)
        monkeypatch.setattr("ipcscope.gui.plots.depth_plot.RESTART_ROWS", restart_rows)
        plot = QueueDepthPlot()
        qtbot.addWidget(plot)
        model = RunModel(EVENT_DTYPE)
        plot.set_run(model)
        with qtbot.captureExceptions():
            assert feed_plot(qtbot, plot, model, arrived, strings, fail_at=20) > 20
        assert plot.computer.builder.restarts == 1
        for obj in (1, 2):
            t, depth = model.depth_series(obj)
            drawn = plot._drawn[obj]
            if restart_rows:                      # read back: the whole line, exactly
                assert drawn.t_ns.tolist() == t.tolist()
                assert drawn.level.tolist() == depth.tolist()
            else:                                 # on from the depth then: its end right
                assert 0 < len(drawn) < len(t) and drawn.level[-1] == depth[-1]
