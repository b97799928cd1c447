"""SourceLinks: what is selected in a run's views, shown as a line of the source.

A traced program's objects carry the line that made them (`ObjectRecord.site`), and its
waits the line they wait on (`RunModel.wait_site`).  When the user selects a queue, lock
or pipe (a row of the event log, a finding about it) the source view marks the line
that made it; a process (a click on its lane, a finding about it) marks the line it was
waiting on at that moment, if it was waiting.  Scenario runs carry no sites: nothing is
marked, and the source stays as it is.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Slot


class SourceLinks(QObject):
    def __init__(self, session, source, parent=None):
        """session: the RunSession whose views are watched; source: a SourceView."""
        super().__init__(parent)
        self.session, self.source = session, source
        session.run_view.lanes.lane_chosen.connect(self.show_process)
        session.event_log.table.selectionModel().currentRowChanged.connect(self._on_log_row)
        session.findings_presenter.panel.finding_selected.connect(self.show_finding)

    @property
    def model(self):
        return self.session.controller.model

    def object_site(self, obj: int) -> str:
        record = self.model.objects.get(obj) if self.model is not None else None
        return record.site if record is not None else ""

    def process_site(self, proc: int, t_ns: int | None = None) -> str | None:
        """The line proc was waiting on at t_ns (its latest wait if None)."""
        return self.model.wait_site(proc, before_ns=t_ns) if self.model is not None else None

    @Slot(int)
    def show_object(self, obj: int) -> bool:
        return self.source.mark_site(self.object_site(obj))

    @Slot(int, object)
    def show_process(self, proc: int, t_ns=None) -> bool:
        return self.source.mark_site(self.process_site(proc, t_ns))

    @Slot(object)
    def show_finding(self, finding: dict) -> bool:
        """Its first object with a line, else its first process waiting somewhere."""
        for obj in finding.get("object_ids") or []:
            if self.show_object(obj):
                return True
        return any(self.show_process(proc) for proc in finding.get("process_ids") or [])

    @Slot(QModelIndex, QModelIndex)
    def _on_log_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or self.model is None:
            return
        row = self.session.event_log.table_model.row(current.row())
        if row is None:
            return
        obj, proc = int(row["obj"]), int(row["proc"])
        if not (obj and self.show_object(obj)) and proc >= 0:
            self.show_process(proc, int(row["t"]))
