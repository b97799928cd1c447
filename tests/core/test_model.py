"""The model's derived numbers, on hand-made event rows (no processes needed)."""
import numpy as np
from ipcscope.core.events import Kind, ObjType, make_item_id
from ipcscope.core import depth_stream
from ipcscope.core.model import CHUNK_ROWS, RunModel, clamped_cumsum
from ipcscope.core.supervisor import EVENT_DTYPE


def rows(*events):
    out = np.zeros(len(events), EVENT_DTYPE)
    for i, (t, kind, obj, item, a, b) in enumerate(events):
        out[i] = (t, kind, obj, 0, item, a, b)
    return out


def test_clamped_cumsum_keeps_within_bounds_and_totals():
    # put, put (stamped before the get that let it in), get, get
    depth = clamped_cumsum(np.array([1, 1, -1, -1]), upper=1)
    assert depth.tolist() == [1, 1, 1, 0]
    # a get stamped before its put
    assert clamped_cumsum(np.array([-1, 1, 1]), None).tolist() == [0, 0, 1]


def _owing(delta, upper):
    """The rule, step by step: a step past a bound is owed to the next one back."""
    out, level, owed_up, owed_down = [], 0, 0, 0
    for step in delta:
        if step > 0:
            if owed_up:
                owed_up -= 1
            elif upper is not None and level >= upper:
                owed_down += 1
            else:
                level += 1
        elif owed_down:
            owed_down -= 1
        elif level <= 0:
            owed_up += 1
        else:
            level -= 1
        out.append(level)
    return out


def test_clamped_cumsum_is_the_owing_rule_on_random_walks():
    rng = np.random.default_rng(7)
    for trial in range(300):
        delta = rng.choice([-1, 1], size=int(rng.integers(1, 200)),
                           p=[0.3, 0.7] if trial % 3 == 0 else [0.5, 0.5])
        upper = None if trial % 4 == 0 else int(rng.integers(1, 8))
        assert clamped_cumsum(delta, upper).tolist() == _owing(delta.tolist(), upper)


def test_depth_orders_a_get_after_its_own_put():
    model = RunModel(EVENT_DTYPE)
    model.append(rows((0, Kind.OBJ_CREATE, 1, 0, 0, ObjType.QUEUE)), ["q"])
    # the consumer stamped its get (t=10) before the producer stamped the put (t=12)
    model.append(rows((12, Kind.PUT_END, 1, 77, 0, 0), (10, Kind.GET_END, 1, 77, 0, 0),
                      (20, Kind.PUT_END, 1, 78, 0, 0)), [])
    t, depth = model.depth_series(1)
    assert depth.tolist() == [1, 0, 1]
    assert model.max_depth(1) == 1
    assert model.objects[1].count(Kind.PUT_END) == 2


def test_chunks_hold_many_rows_at_38_bytes():
    model = RunModel(EVENT_DTYPE)
    many = np.zeros(200_000, EVENT_DTYPE)
    many["t"] = np.arange(200_000)
    many["kind"] = Kind.WORK_BEGIN
    for part in np.array_split(many, 7):
        model.append(part, [])
    assert len(model) == 200_000
    assert (model.rows()["t"] == many["t"]).all()
    assert EVENT_DTYPE.itemsize == 38
    # no doubling: at most the last chunk is partly empty
    assert model.nbytes() <= 38 * len(model) + 38 * CHUNK_ROWS


def test_a_snapshot_stays_as_it_was_while_the_model_grows():
    model = RunModel(EVENT_DTYPE)
    model.append(rows((0, Kind.OBJ_CREATE, 1, 0, 0, ObjType.QUEUE)), ["q"])
    first = np.zeros(CHUNK_ROWS + 100, EVENT_DTYPE)
    first["t"] = np.arange(1, len(first) + 1)
    first["kind"], first["obj"] = Kind.PUT_END, 1
    model.append(first, [])
    snap = model.snapshot()
    assert snap._chunks[0] is model._chunks[0]      # a full chunk is shared, not copied
    more = first.copy()
    more["t"] += 10**6
    model.append(more, ["later"])
    assert len(snap) == len(first) + 1 and len(model) == 2 * len(first) + 1
    assert snap.rows()["t"][-1] == len(first) and snap.t_last == len(first)
    assert model.t_last == len(first) + 10**6
    assert snap.objects[1].count(Kind.PUT_END) == len(first)
    assert model.objects[1].count(Kind.PUT_END) == 2 * len(first)
    assert snap.strings == ["q"]


def test_put_get_pairs_match_items_across_processes():
    model = RunModel(EVENT_DTYPE)
    model.append(rows((0, Kind.OBJ_CREATE, 1, 0, 0, ObjType.QUEUE)), ["q"])
    put = rows((10, Kind.PUT_END, 1, 5, 0, 0), (11, Kind.PUT_END, 1, 6, 0, 0))
    put["proc"] = 1
    got = rows((9, Kind.GET_END, 1, 6, 0, 0), (30, Kind.GET_END, 1, 5, 0, 0))
    got["proc"] = 2
    model.append(put, [])
    model.append(got, [])
    pairs = model.put_get_pairs(1)
    assert pairs["item"].tolist() == [5, 6]
    assert pairs["producer"].tolist() == [1, 1] and pairs["consumer"].tolist() == [2, 2]
    assert pairs["get_t"].tolist() == [30, 11]  # never before its own put


def test_per_object_counts_whatever_the_ids():
    """Counted by bincount for a run's small ids; ids only a trace file could hold
    (negative, or past the bincount's range) still count right."""
    rng = np.random.default_rng(3)
    kinds = [Kind.PUT_END, Kind.GET_END, Kind.GET_EMPTY, Kind.WORK_END, Kind.SEND]
    for ids in ([1, 2, 3], [1, 900], [-5, 4], [32767, 2]):
        model = RunModel(EVENT_DTYPE)
        model.strings = [f"q{i}" for i in ids]
        model.append(rows(*[(0, Kind.OBJ_CREATE, obj, i, 0, ObjType.QUEUE)
                            for i, obj in enumerate(ids)]), [])
        batch = rows(*[(1, int(rng.choice(kinds)), int(rng.choice(ids)), 0, 0, 0)
                       for _ in range(500)])
        for part in np.array_split(batch, 3):
            model.append(part, [])
        for obj in ids:
            for kind in (Kind.PUT_END, Kind.GET_END, Kind.GET_EMPTY, Kind.SEND):
                expected = int(np.count_nonzero((batch["obj"] == obj) & (batch["kind"] == kind)))
                assert model.objects[obj].count(kind) == expected, (ids, obj, kind)
            assert model.objects[obj].count(Kind.WORK_END) == 0   # not an object's event


def _random_run(n_rows: int, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    run = np.zeros(n_rows, EVENT_DTYPE)
    run["t"] = np.sort(rng.integers(0, 10**9, n_rows))
    run["kind"] = rng.choice([Kind.PUT_END, Kind.GET_END, Kind.WORK_BEGIN, Kind.LOCK_ACQUIRED],
                             n_rows, p=[0.4, 0.4, 0.19, 0.01])
    run["obj"] = rng.integers(1, 3, n_rows)
    run["proc"] = rng.integers(0, 4, n_rows)
    run["item"] = np.arange(n_rows) // 2
    return run


def test_a_long_run_keeps_its_older_chunks_on_disk_and_answers_the_same():
    created = rows((0, Kind.OBJ_CREATE, 1, 0, 4, ObjType.QUEUE),
                   (0, Kind.OBJ_CREATE, 2, 0, 0, ObjType.QUEUE))
    run = _random_run(7 * CHUNK_ROWS + 123)
    in_memory, spilling = RunModel(EVENT_DTYPE), RunModel(EVENT_DTYPE, resident_chunks=2)
    for model in (in_memory, spilling):
        model.append(created, ["q1", "q2"])
        for part in np.array_split(run, 13):
            model.append(part, [])
    assert spilling._n_spilled == 5 and len(spilling._chunks) == 3
    assert spilling.nbytes() == 3 * CHUNK_ROWS * 38 < in_memory.nbytes() / 2
    snap = spilling.snapshot()   # taken before the rows() below joins and caches them
    for model in (spilling, snap):
        assert len(model) == len(in_memory)
        for kinds, obj in (((Kind.LOCK_ACQUIRED,), None), ((Kind.PUT_END, Kind.GET_END), 2)):
            assert model.select(kinds, obj=obj).tobytes() == in_memory.select(kinds, obj=obj).tobytes()
        assert model.select((Kind.WORK_BEGIN,), proc=3, before_t=5 * 10**8).tobytes() == \
            in_memory.select((Kind.WORK_BEGIN,), proc=3, before_t=5 * 10**8).tobytes()
        for obj in (1, 2):
            assert [a.tolist() for a in model.depth_series(obj)] == \
                [a.tolist() for a in in_memory.depth_series(obj)]
            assert model.max_depth(obj) == in_memory.max_depth(obj)
            assert model.max_depth(obj) == int(in_memory.depth_series(obj)[1].max())
        assert model.put_get_pairs().tobytes() == in_memory.put_get_pairs().tobytes()
        assert model.last_state_row(2, {Kind.LOCK_ACQUIRED}).tobytes() == \
            in_memory.last_state_row(2, {Kind.LOCK_ACQUIRED}).tobytes()
        assert model.t_max() == in_memory.t_max()
        assert model.rows().tobytes() == in_memory.rows().tobytes()


def test_a_snapshot_reads_only_the_spilled_chunks_it_had():
    model = RunModel(EVENT_DTYPE, resident_chunks=1)
    run = _random_run(4 * CHUNK_ROWS)
    model.append(run[:2 * CHUNK_ROWS + 5], [])
    snap = model.snapshot()
    model.append(run[2 * CHUNK_ROWS + 5:], [])      # spills more to the file snap shares
    assert model._n_spilled == 2 and snap._n_spilled == 1
    assert snap.rows().tobytes() == run[:2 * CHUNK_ROWS + 5].tobytes()
    assert model.rows().tobytes() == run.tobytes()


def test_max_depth_is_the_top_of_the_depth_series_on_random_queues():
    rng = np.random.default_rng(11)
    for trial in range(200):
        n = int(rng.integers(1, 300))
        events = [(int(t), int(rng.choice([Kind.PUT_END, Kind.GET_END])), 1, int(item), 0, 0)
                  for t, item in zip(rng.integers(0, 50, n), rng.integers(0, n // 2 + 1, n))]
        model = RunModel(EVENT_DTYPE)
        capacity = 0 if trial % 2 else int(rng.integers(1, 6))
        model.append(rows((0, Kind.OBJ_CREATE, 1, 0, capacity, ObjType.QUEUE)), ["q"])
        model.append(rows(*events), [])
        t, depth = model.depth_series(1)
        assert model.max_depth(1) == (int(depth.max()) if model.count(Kind.PUT_END) else 0)


def test_distinct_values_and_time_spans_are_found_chunk_by_chunk():
    run = _random_run(3 * CHUNK_ROWS + 11)
    model = RunModel(EVENT_DTYPE, resident_chunks=1)
    model.append(run, [])
    gets = run[run["kind"] == Kind.GET_END]
    assert model.distinct((Kind.GET_END,), "proc").tolist() == sorted(set(gets["proc"].tolist()))
    assert model.distinct((Kind.GET_END,), "proc", obj=2).tolist() == \
        sorted(set(gets[gets["obj"] == 2]["proc"].tolist()))
    assert model.time_span((Kind.GET_END,)) == (int(gets["t"].min()), int(gets["t"].max()))
    assert model.time_span((Kind.SEND,)) is None


def test_a_disk_that_refuses_keeps_every_row_in_memory(monkeypatch, tmp_path):
    """No room in the cache directory: the run goes on with its rows in memory."""
    read_only = tmp_path / "cache"
    read_only.mkdir()
    monkeypatch.setattr("ipcscope.core.spill.spill_dir", lambda: str(read_only / "missing"))
    model = RunModel(EVENT_DTYPE, resident_chunks=1)
    run = _random_run(3 * CHUNK_ROWS)
    model.append(run, [])
    assert model.spill_failed and model._n_spilled == 0
    assert model.rows().tobytes() == run.tobytes()


def _queue_traffic(n_items: int, seed: int, producers: int = 3, consumers: int = 2,
                   batch: int = 500, strays_among_items: bool = False) -> np.ndarray:
    """A queue's puts and gets as a run delivers them: each process's rows in its own
    time order, processes interleaved batch by batch; some gets stamped before their own
    put (clocks a scheduling slice apart), some items never got, a few gets of items
    whose put is not traced (ids of another process, or among the traced ones)."""
    rng = np.random.default_rng(seed)
    put_t = np.sort(rng.integers(0, 10**9, n_items))
    get_t = put_t + rng.integers(-2_000, 50_000_000, n_items)       # some before the put
    got = rng.random(n_items) < 0.9
    # ids as the tracing makes them: the putting process's pid, then its counter
    items = np.array([make_item_id(1000 + i % producers, i // producers + 1)
                      for i in range(n_items)], np.int64)
    per_process = []
    for p in range(producers):
        mine = np.arange(n_items) % producers == p
        per_process.append((put_t[mine], Kind.PUT_END, items[mine]))
    for c in range(consumers):
        mine = got & (np.arange(n_items) % consumers == c)
        order = np.argsort(get_t[mine], kind="stable")
        per_process.append((get_t[mine][order], Kind.GET_END, items[mine][order]))
    strays = np.sort(rng.integers(0, 10**9, 20))        # no put: an untraced producer's
    stray_items = (rng.integers(1, n_items // producers, 20) * 2**32 + 1001 * 2**32 + 7
                   if strays_among_items else
                   np.array([make_item_id(9999, seq) for seq in range(1, 21)], np.int64))
    per_process.append((strays, Kind.GET_END, stray_items))
    batches = []
    for proc, (t, kind, item) in enumerate(per_process):
        for start in range(0, len(t), batch):
            part = np.zeros(len(t[start:start + batch]), EVENT_DTYPE)
            part["t"], part["kind"], part["obj"] = t[start:start + batch], kind, 1
            part["item"], part["proc"] = item[start:start + batch], proc
            batches.append((int(part["t"][0]) + int(rng.integers(0, 3_000_000)), part))
    batches.sort(key=lambda b: b[0])          # delivered about when they were made
    return np.concatenate([part for _, part in batches])


def test_a_spilled_queues_max_depth_is_found_part_by_part_and_is_the_same(monkeypatch):
    monkeypatch.setattr("ipcscope.core.model.GATHER_STEPS", 0)   # part by part at any size
    for seed in range(6):
        traffic = _queue_traffic(40_000 + 5_000 * seed, seed)
        capacity = 0 if seed % 2 else 400
        made = rows((0, Kind.OBJ_CREATE, 1, 0, capacity, ObjType.QUEUE))
        in_memory, spilling = RunModel(EVENT_DTYPE), RunModel(EVENT_DTYPE, resident_chunks=1)
        for model in (in_memory, spilling):
            model.append(made, ["q"])
            model.append(traffic, [])
        assert spilling._n_spilled >= 3
        expected = int(in_memory.depth_series(1)[1].max())
        assert in_memory.max_depth(1) == expected
        assert spilling.max_depth(1) == expected, seed
        stats = {}
        streamed = depth_stream.max_depth(lambda: spilling._depth_steps(1),
                                          capacity or None, stats)
        assert streamed == expected
        # held at once: about a part's worth and the items in the queue, not the run
        assert stats["most_held"] < len(traffic) / 8, stats


def test_gets_among_the_traced_items_without_a_put_still_give_the_same_depth():
    """A get whose item lies among the traced ones but was never put holds the others
    back until no later part can put it: more held, the same answer."""
    for seed in range(3):
        traffic = _queue_traffic(30_000, seed, strays_among_items=True)
        in_memory, spilling = RunModel(EVENT_DTYPE), RunModel(EVENT_DTYPE, resident_chunks=1)
        for model in (in_memory, spilling):
            model.append(rows((0, Kind.OBJ_CREATE, 1, 0, 0, ObjType.QUEUE)), ["q"])
            model.append(traffic, [])
        assert spilling.max_depth(1) == in_memory.max_depth(1) == \
            int(in_memory.depth_series(1)[1].max())
