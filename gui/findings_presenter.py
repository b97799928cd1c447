"""FindingsPresenter: a run's findings on screen.  The tracker (gui/run/findings_tracker.py)
finds them; this keeps the list, the markers on the time axis and the badge in step with
it, announces a new one in the banner over the plots, and on a selection (in the list, a
marker, the banner or the badge) highlights the finding's processes' lanes and brings its
moment into view.  One per run view: two run views side by side have their own."""
from __future__ import annotations

from ipcscope.gui.panels.finding_banner import FindingBadge
from ipcscope.gui.panels.findings_panel import FindingsPanel
from ipcscope.gui.run.findings_tracker import key_of
from PySide6.QtCore import QObject, Signal, Slot


class FindingsPresenter(QObject):
    showing = Signal(object)       # a finding is brought into view (a live view pauses)

    def __init__(self, tracker, view, summary, parent=None):
        """tracker: the run's FindingsTracker; view: its RunView (lanes, markers,
        banner); summary: its SummaryPanel, which holds the list."""
        super().__init__(parent)
        self.tracker, self.view, self.summary = tracker, view, summary
        self.panel = FindingsPanel()
        self.badge = FindingBadge()           # for a toolbar: the count, a click shows one
        summary.set_findings_panel(self.panel)
        tracker.changed.connect(self._on_changed)
        tracker.found.connect(self._on_found)
        self.panel.finding_selected.connect(self.show)
        view.markers.clicked.connect(self.select)
        view.banner.clicked.connect(self.select)
        self.badge.clicked.connect(self._on_badge)

    @Slot(bool)
    def set_chinese(self, chinese: bool) -> None:
        self.panel.set_chinese(chinese)

    def retranslate(self) -> None:
        self.panel.retranslate()
        self.badge.set_count(self.badge.count)
        self.summary.set_findings_count(len(self.panel.findings))
    @Slot()
    def _on_changed(self) -> None:
        found = self.tracker.findings
        self.panel.set_findings(found)
        self.view.markers.set_findings(found)
        self.badge.set_count(len(found))
        self.summary.set_findings_count(len(found))
        if not found:
            self.view.lanes.set_focus(None)
        self.view.banner.follow(found)   # its current words, or gone if withdrawn

    @Slot(object)
    def _on_found(self, new: list) -> None:
        self.view.banner.announce(new, self.panel.in_chinese())

    @Slot(object)
    def select(self, finding: dict) -> None:
        """Select it in the list, which shows it."""
        keys = [key_of(f) for f in self.panel.findings]
        if key_of(finding) in keys:
            self.panel.select(keys.index(key_of(finding)))

    @Slot()
    def _on_badge(self) -> None:
        self.panel.select(max(0, self.panel.list.currentRow()))

    @Slot(object)
    def show(self, finding: dict) -> None:
        """Highlight the finding's lanes and bring its moment to the middle of the view
        (a live run's view pauses there: `showing`; Resume follows the run again)."""
        self.view.lanes.set_focus(finding.get("process_ids") or [])
        self.showing.emit(finding)
        self.view.show_moment(finding["t_s"])

    def go_to(self, finding: dict) -> None:
        """Select and show it (a replay reached it)."""
        self.select(finding)
        self.show(finding)
