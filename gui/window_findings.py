"""The window's side of findings: the list, the markers and the badge follow the
tracker; a new finding is announced in the banner; selecting one highlights its
processes' lanes and brings its moment into view.  Also: a trace dropped on the
window opens.  A mixin of MainWindow."""
from __future__ import annotations

from ipcscope.gui.run.findings_tracker import key_of
from PySide6.QtCore import Slot


class FindingsWindowMixin:
    # --- drag and drop a trace ------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and not self.controller.running:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.files.open_path(urls[0].toLocalFile())

    # --- findings -----------------------------------------------------------------

    @Slot()
    def _on_findings_changed(self) -> None:
        found = self.findings.findings
        self.findings_panel.set_findings(found)
        self.run_view.markers.set_findings(found)
        self.badge.set_count(len(found))
        self.summary.findings_box.setTitle(f"Findings ({len(found)})")
        if not found:
            self.run_view.lanes.set_focus(None)
        shown = self.banner.finding
        if self.banner.isVisible() and shown is not None and \
                key_of(shown) not in {key_of(f) for f in found}:
            self.banner.hide()     # the run's final word withdrew what was seen live

    @Slot(object)
    def _on_new_findings(self, new: list) -> None:
        self.banner.announce(new, self.findings_panel.chinese)

    @Slot(object)
    def select_finding(self, finding: dict) -> None:
        keys = [key_of(f) for f in self.findings_panel.findings]
        if key_of(finding) in keys:
            self.findings_panel.select(keys.index(key_of(finding)))

    @Slot()
    def _on_badge(self) -> None:
        self.findings_panel.select(max(0, self.findings_panel.list.currentRow()))

    @Slot(object)
    def show_finding(self, finding: dict) -> None:
        """Highlight the finding's lanes and bring its moment to the middle of the view
        (a live run's view pauses there; Resume follows the run again)."""
        self.run_view.lanes.set_focus(finding.get("process_ids") or [])
        timeline = self.run_view.timeline
        if self.controller.running and not self.paused:
            self.toolbar.pause_action.setChecked(True)
        timeline.following = False
        x0, x1 = timeline.visible()
        half = max(0.5, (x1 - x0) / 2)
        start = max(0.0, finding["t_s"] - half)
        timeline.show_range(start, start + 2 * half)
        self.run_view.refresh()

