"""The event log's virtual table holds a million rows and filters them."""
import numpy as np
from ipcscope.core.events import Kind
from ipcscope.core.model import RunModel
from ipcscope.core.supervisor import EVENT_DTYPE
from ipcscope.gui.panels.event_log import BLOCK_ROWS, RESIDENT_BLOCKS, EventLog

N = 1_000_000


def process_starts(count: int) -> np.ndarray:
    """PROC_START rows naming processes 0..count-1 (their text: strings 0..count-1)."""
    rows = np.zeros(count, EVENT_DTYPE)
    rows["proc"] = rows["item"] = np.arange(count)
    rows["kind"] = Kind.PROC_START
    rows["a"] = 1000 + np.arange(count)
    return rows


def million_rows():
    rows = np.zeros(N, EVENT_DTYPE)
    rows["t"] = np.arange(N) * 1000
    rows["proc"] = np.arange(N) % 4
    rows["kind"] = np.where(np.arange(N) % 2 == 0, Kind.PUT_END, Kind.GET_END)
    rows["obj"] = 1
    return rows


def test_a_million_rows_then_a_filter(qtbot):
    log = EventLog()
    qtbot.addWidget(log)
    model = RunModel(EVENT_DTYPE)
    log.set_run(model)
    rows = million_rows()
    model.append(process_starts(4), [f"p{proc}\x1fworker\x1f0" for proc in range(4)])
    for start in range(0, N, 20_000):           # as the bridge delivers them
        log.add_rows(rows[start:start + 20_000])
    log.refresh()
    table = log.table_model
    assert table.rowCount() == N
    last = table.index(N - 1, 1)
    assert table.data(last) == "p3"
    assert table.data(table.index(0, 1)) == "p0"     # row 0, before any filter
    assert table.data(table.index(BLOCK_ROWS, 0)) == f"{BLOCK_ROWS * 1000 / 1e9:.4f}"
    assert [log.process_filter.itemText(i) for i in range(5)] == \
        ["all processes", "p0", "p1", "p2", "p3"]       # the model's names, in lane order
    log.process_filter.setCurrentIndex(log.process_filter.findData(2))
    assert table.rowCount() == N // 4
    assert {table.data(table.index(i, 1)) for i in (0, N // 8, N // 4 - 1)} == {"p2"}
    log.kind_filter.setCurrentIndex(log.kind_filter.findText("only: get"))
    assert table.rowCount() == 0                 # process 2 only ever puts
    log.process_filter.setCurrentIndex(0)
    assert table.rowCount() == N // 2
    log.add_rows(rows[:10])                      # new rows are filtered as they come
    log.refresh()
    assert table.rowCount() == N // 2 + 5


def test_a_long_logs_older_blocks_go_to_disk_and_read_back_the_same(qtbot):
    log = EventLog()
    qtbot.addWidget(log)
    model = RunModel(EVENT_DTYPE)
    log.set_run(model)
    model.append(process_starts(4), [f"p{proc}\x1fworker\x1f0" for proc in range(4)])
    rows = million_rows()
    for start in range(0, N, 50_000):
        log.add_rows(rows[start:start + 50_000])
    log.refresh()
    table = log.table_model
    assert len(table._blocks) <= RESIDENT_BLOCKS < N // BLOCK_ROWS      # the rest on disk
    for r in (0, 1, BLOCK_ROWS - 1, BLOCK_ROWS, 3 * BLOCK_ROWS + 7, N // 2, N - 1):
        assert table.data(table.index(r, 0)) == f"{r * 1000 / 1e9:.4f}"
        assert table.data(table.index(r, 1)) == f"p{r % 4}"
    log.process_filter.setCurrentIndex(log.process_filter.findData(1))   # reads them all back
    assert table.rowCount() == N // 4
    assert table.data(table.index(5, 0)) == f"{(5 * 4 + 1) * 1000 / 1e9:.4f}"


def test_every_event_word_fits_its_column_in_chinese_too(qtbot, window):
    """The event column is as wide as its longest word in the window's language:
    "Process.join 等待" was cut to "Process.join …" in 中文."""
    from ipcscope.gui.panels.event_text import kind_word
    from PySide6.QtGui import QFontMetrics
    log = window.event_log
    window.set_language("zh")
    try:
        metrics = QFontMetrics(log.table.font())
        room = log.table.columnWidth(2) - 8          # a cell's own margins
        assert kind_word(Kind.PJOIN_BEGIN) == "Process.join 等待"
        assert [kind_word(k) for k in Kind if metrics.horizontalAdvance(kind_word(k)) > room] == []
    finally:
        window.set_language("en")
