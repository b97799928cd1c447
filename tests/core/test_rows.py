"""ipcscope.core.rows moves event rows as bytes: the results must equal numpy's own
field-by-field operations, on random rows, whatever the selection."""
import numpy as np
from ipcscope.core import rows as event_rows
from ipcscope.core.supervisor import EVENT_DTYPE


def random_rows(rng, n):
    rows = np.zeros(n, EVENT_DTYPE)
    for name in EVENT_DTYPE.names:
        info = np.iinfo(EVENT_DTYPE[name])
        rows[name] = rng.integers(info.min, info.max, n, dtype=EVENT_DTYPE[name], endpoint=True)
    return rows


def test_take_join_copy_write_equal_numpys_own():
    rng = np.random.default_rng(7)
    for n in (0, 1, 2, 37, 1000):
        rows = random_rows(rng, n)
        mask = rng.random(n) < 0.4
        order = rng.permutation(n)
        assert np.array_equal(event_rows.take(rows, mask), rows[mask])
        assert np.array_equal(event_rows.take(rows, order), rows[order])
        assert np.array_equal(event_rows.take(rows, slice(1, None, 3)), rows[1::3])
        parts = [random_rows(rng, k) for k in rng.integers(0, 50, 4)]
        assert np.array_equal(event_rows.join(parts, EVENT_DTYPE), np.concatenate(parts))
        copied = event_rows.copy(rows)
        assert np.array_equal(copied, rows) and not np.shares_memory(copied, rows)
        into = random_rows(rng, n + 10)
        expected = into.copy()
        expected[5:5 + n] = rows
        event_rows.write(into, 5, rows)
        assert np.array_equal(into, expected)


def test_rows_of_another_layout_are_mapped_field_by_field():
    other = np.dtype([("t", "<i8"), ("kind", "<i4"), ("obj", "<i4"), ("proc", "<i2"),
                      ("item", "<i8"), ("a", "<i4"), ("b", "<i8")])   # also 38 bytes
    assert other.itemsize == EVENT_DTYPE.itemsize
    foreign = np.zeros(3, other)
    foreign["t"], foreign["kind"], foreign["b"] = [1, 2, 3], [10, 11, 12], [7, 8, 9]
    into = np.zeros(5, EVENT_DTYPE)
    event_rows.write(into, 1, foreign)
    assert into["t"].tolist() == [0, 1, 2, 3, 0] and into["b"].tolist() == [0, 7, 8, 9, 0]
    joined = event_rows.join([foreign, np.zeros(2, EVENT_DTYPE)], EVENT_DTYPE)
    assert joined.dtype == EVENT_DTYPE and joined["kind"].tolist() == [10, 11, 12, 0, 0]


def test_rows_from_bytes_are_writable_and_their_own():
    rows = random_rows(np.random.default_rng(1), 10)
    data = rows.tobytes()
    got = event_rows.from_bytes(memoryview(data)[38:], EVENT_DTYPE)
    got["proc"] = 5                     # the supervisor fills this in place
    assert np.array_equal(got[["t", "item"]], rows[1:][["t", "item"]])
    assert np.frombuffer(data, EVENT_DTYPE)["proc"].tolist() == rows["proc"].tolist()
