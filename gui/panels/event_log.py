"""EventLog: every event of the run in a virtual table that stays smooth at a million
rows, filterable by process and kind, following the newest unless told not to.

Rows are kept in blocks of 64k (each incoming batch sorted by time), and a filter is a
per-block index array, so the table asks for row r with two binary searches and a new
batch only filters its own rows.  Past RESIDENT_BLOCKS full blocks the oldest go to
disk (core/spill.py) and are read back when scrolled to: a long run's log does not
grow the window's memory.
"""
from __future__ import annotations

import numpy as np
from ipcscope.core import rows as event_rows
from ipcscope.core.events import Kind
from ipcscope.core.spill import SpilledChunks, spill
from ipcscope.gui import colors
from ipcscope.gui.i18n import translate
from ipcscope.gui.panels.event_text import KIND_GROUPS, PROBLEM_KINDS, detail, kind_word
from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QModelIndex, Qt, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

BLOCK_ROWS = 1 << 16
RESIDENT_BLOCKS = 8        # the newest full blocks kept in memory (~20 MB)
COLUMNS = (QT_TRANSLATE_NOOP("EventLog", "time (s)"), QT_TRANSLATE_NOOP("EventLog", "process"),
           QT_TRANSLATE_NOOP("EventLog", "event"), QT_TRANSLATE_NOOP("EventLog", "object"),
           QT_TRANSLATE_NOOP("EventLog", "detail"))
_ANSWERED = frozenset({Qt.DisplayRole, Qt.ForegroundRole, Qt.TextAlignmentRole})
_RIGHT_ALIGNED = int(Qt.AlignRight | Qt.AlignVCenter)


class EventTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.run_model = None
        self._blocks: list[np.ndarray] = []   # the newest blocks; older ones on disk
        self._spilled: SpilledChunks | None = None
        self._n_spilled = 0
        self._read_back: tuple[int, np.ndarray] | None = None   # the last block read back
        self._fill = 0                     # rows used in the last block
        self._selected: list[np.ndarray | None] = []   # per block: indices, None = all
        self._counts = np.zeros(0, np.int64)            # shown rows per block, cumulative
        self._shown = 0                    # rows the view knows about
        self.procs: set[int] | None = None
        self.kinds: np.ndarray | None = None
        self._looked_up: dict[int, np.void] = {}    # row number -> its row, while shown
        self._problem_color = QColor(colors.VERMILLION)

    def set_run(self, run_model) -> None:
        self.beginResetModel()
        self.run_model = run_model
        self._blocks, self._selected, self._fill, self._shown = [], [], 0, 0
        self._spilled, self._n_spilled, self._read_back = None, 0, None
        self._looked_up.clear()
        self._counts = np.zeros(0, np.int64)
        self.endResetModel()

    # --- storing ------------------------------------------------------------------

    def add_rows(self, rows: np.ndarray) -> None:
        rows = event_rows.take(rows, np.argsort(rows["t"], kind="stable"))
        start = 0
        while start < len(rows):
            if not self._blocks or self._fill == BLOCK_ROWS:
                self._spill_oldest()
                self._blocks.append(np.empty(BLOCK_ROWS, rows.dtype))
                self._selected.append(None if self._unfiltered() else np.zeros(0, np.int32))
                self._fill = 0
            take = min(BLOCK_ROWS - self._fill, len(rows) - start)
            block = self._blocks[-1]
            event_rows.write(block, self._fill, rows[start:start + take])
            if not self._unfiltered():
                picked = np.flatnonzero(self._mask(block[self._fill:self._fill + take]))
                self._selected[-1] = np.concatenate(
                    [self._selected[-1], (picked + self._fill).astype(np.int32)])
            self._fill += take
            start += take

    def _spill_oldest(self) -> None:
        if len(self._blocks) < RESIDENT_BLOCKS:
            return
        spilled = spill(self._spilled, self._blocks[0], BLOCK_ROWS)
        if spilled is None:
            return        # a full or read-only disk: the block stays in memory
        self._spilled = spilled
        self._blocks.pop(0)
        self._looked_up.clear()       # its rows are views: they would keep it in memory
        self._n_spilled += 1

    def _n_blocks(self) -> int:
        return self._n_spilled + len(self._blocks)

    def _block(self, i: int) -> np.ndarray:
        """Block i (numbered from the run's first), from memory or read back from disk."""
        if i >= self._n_spilled:
            return self._blocks[i - self._n_spilled]
        if self._read_back is None or self._read_back[0] != i:
            self._read_back = (i, self._spilled.read(i))
        return self._read_back[1]

    def _unfiltered(self) -> bool:
        return self.procs is None and self.kinds is None

    def _mask(self, rows: np.ndarray) -> np.ndarray:
        mask = np.ones(len(rows), bool)
        if self.procs is not None:
            mask &= np.isin(rows["proc"], np.array(sorted(self.procs), dtype=np.int32))
        if self.kinds is not None:
            mask &= np.isin(rows["kind"], self.kinds)
        return mask

    def set_filter(self, procs: set[int] | None, kinds) -> None:
        self.procs = procs
        self.kinds = None if kinds is None else np.array(sorted(kinds), dtype=np.int16)
        self.beginResetModel()
        self._looked_up.clear()
        self._selected = []
        for i in range(self._n_blocks()):
            filled = self._fill if i == self._n_blocks() - 1 else BLOCK_ROWS
            self._selected.append(None if self._unfiltered() else np.flatnonzero(
                self._mask(self._block(i)[:filled])).astype(np.int32))
        self._recount()
        self._shown = self._total()
        self.endResetModel()

    def _recount(self) -> None:
        sizes = [(self._fill if i == self._n_blocks() - 1 else BLOCK_ROWS) if sel is None
                 else len(sel) for i, sel in enumerate(self._selected)]
        self._counts = np.cumsum(sizes, dtype=np.int64)

    def _total(self) -> int:
        return int(self._counts[-1]) if len(self._counts) else 0

    def publish(self) -> int:
        """Tell the view about rows added since the last call; returns how many."""
        self._recount()
        total = self._total()
        added = total - self._shown
        if added > 0:
            self.beginInsertRows(QModelIndex(), self._shown, total - 1)
            self._shown = total
            self.endInsertRows()
        return max(0, added)

    def row(self, r: int):
        found = self._looked_up.get(r)
        if found is None:
            if len(self._looked_up) > 4096:
                self._looked_up.clear()
            block = int(np.searchsorted(self._counts, r, side="right"))
            pos = r - (int(self._counts[block - 1]) if block else 0)
            selected = self._selected[block]
            at = pos if selected is None else int(selected[pos])
            rows = self._block(block)
            # a row of a block read back is copied: a view would keep the whole block
            found = self._looked_up[r] = \
                rows[at] if block >= self._n_spilled else rows[at:at + 1].copy()[0]
        return found

    # --- Qt's side ----------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return translate("EventLog", COLUMNS[section])
        return None

    def data(self, index, role=Qt.DisplayRole):
        # a repaint asks each visible cell for ~10 roles, most of them answered "none"
        if role not in _ANSWERED or not index.isValid() or self.run_model is None:
            return None
        if role == Qt.DisplayRole:
            return self._text(self.row(index.row()), index.column())
        if role == Qt.ForegroundRole:
            if int(self.row(index.row())["kind"]) in PROBLEM_KINDS:
                return self._problem_color
        elif index.column() == 0:           # Qt.TextAlignmentRole
            return _RIGHT_ALIGNED
        return None

    def _text(self, row, column: int) -> str:
        model = self.run_model
        if column == 0:
            return f"{(int(row['t']) - (model.t0 or 0)) / 1e9:.4f}"
        if column == 1:
            return model.process_name(int(row["proc"]))
        if column == 2:
            return kind_word(int(row["kind"]))
        if column == 3:
            obj = int(row["obj"])
            record = model.objects.get(obj) if obj else None
            return record.name if record is not None else ""
        return detail(model, row)


class EventLog(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.table_model = EventTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.table_model)
        self.table.setObjectName("event-log")
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectRows)
        header = self.table.verticalHeader()
        header.setSectionResizeMode(QHeaderView.Fixed)   # no per-row measuring: 1M rows stay cheap
        header.hide()
        top = self.table.horizontalHeader()
        top.setStretchLastSection(True)
        self.fit_columns()
        self.process_filter = QComboBox()
        self.process_filter.setObjectName("log-process-filter")
        self.kind_filter = QComboBox()
        self.kind_filter.setObjectName("log-kind-filter")
        self.kind_filter.addItem("", None)
        for _name, kinds in KIND_GROUPS.items():
            self.kind_filter.addItem("", kinds)
        for kind in Kind:
            self.kind_filter.addItem("", (kind,))
        self.follow = QCheckBox()
        self.follow.setChecked(True)
        self.count = QLabel("")
        # a fixed size: a label whose size may change re-lays out (and repaints) the window
        self.count.setFixedSize(self.fontMetrics().horizontalAdvance("00,000,000 rows") + 8,
                                self.fontMetrics().height() + 4)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        bar.addWidget(self.title)
        bar.addWidget(self.process_filter, 1)
        bar.addWidget(self.kind_filter, 1)
        bar.addWidget(self.follow)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.process_filter.currentIndexChanged.connect(self._on_filter)
        self.kind_filter.currentIndexChanged.connect(self._on_filter)
        self.run_model = None
        self.labels: dict[int, str] = {}
        self._reset_process_filter()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(translate("EventLog", "Event log"))
        self.follow.setText(translate("EventLog", "follow newest"))
        names = [translate("EventLog", "all events")]
        names += [translate("EventText", name) for name in KIND_GROUPS]
        names += [translate("EventLog", "only: {kind}").format(kind=kind_word(kind))
                  for kind in Kind]
        for index, name in enumerate(names):
            self.kind_filter.setItemText(index, name)
        self.process_filter.setItemText(0, translate("EventLog", "all processes"))
        self.table_model.headerDataChanged.emit(Qt.Horizontal, 0, len(COLUMNS) - 1)
        self.table_model.layoutChanged.emit()        # the words of every row shown
        self.fit_columns()
        self._show_count()

    def _show_count(self) -> None:
        self.count.setText(translate("EventLog", "{n} rows").format(
            n=f"{self.table_model.rowCount():,}"))

    def fit_columns(self) -> None:
        """Column widths for the current font (the large-text mode changes it) and
        language: the event column takes its longest word in it ("Process.join 等待"
        was cut to "Process.join …" in 中文)."""
        metrics = self.table.fontMetrics()
        event = max(metrics.horizontalAdvance(kind_word(kind)) for kind in Kind)
        for column, sample in enumerate(("0000.0000", "consumer 00", None, "queue00")):
            width = event if sample is None else metrics.horizontalAdvance(sample)
            self.table.setColumnWidth(column, width + 16)
        self.table.verticalHeader().setDefaultSectionSize(metrics.height() + 4)

    def set_run(self, run_model) -> None:
        self.run_model = run_model
        self.labels = {}
        self.table_model.set_run(run_model)
        self._reset_process_filter()

    def _reset_process_filter(self) -> None:
        self.process_filter.blockSignals(True)
        self.process_filter.clear()
        self.process_filter.addItem(translate("EventLog", "all processes"), None)
        self.process_filter.blockSignals(False)

    def add_rows(self, rows: np.ndarray) -> None:
        self.table_model.add_rows(rows)

    def _update_process_filter(self) -> None:
        """An entry for each process, named and ordered as the lanes (the model's names)."""
        labels = self.run_model.process_names() if self.run_model is not None else None
        if labels is None or labels is self.labels:
            return
        self.labels = labels
        current = self.process_filter.currentData()
        self.process_filter.blockSignals(True)
        self.process_filter.clear()
        self.process_filter.addItem(translate("EventLog", "all processes"), None)
        for proc, label in labels.items():
            self.process_filter.addItem(label, proc)
        self.process_filter.setCurrentIndex(max(0, self.process_filter.findData(current)))
        self.process_filter.blockSignals(False)

    def refresh(self) -> None:
        self._update_process_filter()
        if self.table_model.publish() and self.follow.isChecked():
            self.table.scrollToBottom()
        self._show_count()

    @Slot(int)
    def _on_filter(self, _index: int) -> None:
        proc = self.process_filter.currentData()
        kinds = self.kind_filter.currentData()
        self.table_model.set_filter(None if proc is None else {proc}, kinds)
        self._show_count()
