"""The window's side of an opened trace: show it, rebuild the views when its replay
starts over, and the replay's steps and keys (gui/replay_controller.py does the
replaying, gui/replay_bar.py holds its controls).  A mixin of MainWindow."""
from __future__ import annotations

from PySide6.QtCore import Slot

TITLE = "IPC Scope — watch Python processes talk"


class ReplayWindowMixin:
    def present_loaded(self, loaded, scenario, name: str) -> None:
        """An opened trace: shown whole at once, in the same views as a live run, with
        the replay bar to play it again (gui/replay_controller.py)."""
        self.scenario_panel.select(scenario.id)
        self.scenario_panel.show_params(scenario.id, dict(loaded.meta.get("params") or {}))
        self.replay.close()
        self.replay.load(loaded, scenario)
        self.toolbar.set_speed(float(loaded.meta.get("speed") or 1.0))  # Run repeats it
        self.run_meta = dict(loaded.meta)
        self.summary.clear_error()
        self.message_bar.hide()
        self.setWindowTitle(f"{name} — {TITLE}")
        if loaded.notes:
            self.summary.show_note(" ".join(loaded.notes))
        self.replay.seek(self.replay.end_s)
        self.replay_bar.start(self.controller.model.process_names())

    @Slot()
    def _on_replay_restart(self) -> None:
        """The replay starts over (opened, or moved back): the views take its new run."""
        self.findings.start(self.controller.model)
        self.run_view.set_run(self.controller)
        self.run_view.timeline.set_window(self.toolbar.window_value())
        self.event_log.set_run(self.controller.model)
        self.bottom.show_log()
        # the whole run's length on the axis, room on the right for the exits' words:
        # the plots fill up as the replay goes
        timeline = self.run_view.timeline
        timeline.following = False
        timeline.show_range(0.0, max(0.5, self.replay.end_s) / 0.8)
        self.summary.show_replay(self.replay)
        self.paused = False
        self.frames = 0
        self.frame_timer.start()
        self.files.update_enabled()

    @Slot(int)
    def replay_step(self, direction: int) -> None:
        self.replay.step(direction, self.replay_bar.chosen_process())

    @Slot(int)
    def replay_finding(self, direction: int) -> None:
        target = self.replay.jump_to_finding(direction)
        found = [f for f in self.replay.summary.get("findings", []) if f["t_s"] == target]
        if found:
            self.draw_now()
            self.select_finding(found[0])
            self.show_finding(found[0])

    # Replay keys: a presenter's clicker sends Left/Right or Page Up/Down.
    @Slot()
    def _on_key_back(self) -> None:
        if self.replay.active:
            self.replay_step(-1)

    @Slot()
    def _on_key_on(self) -> None:
        if self.replay.active:
            self.replay_step(1)

    @Slot()
    def _on_key_faster(self) -> None:
        self.replay.faster(1)
        self.replay_bar.show_speed()

    @Slot()
    def _on_key_slower(self) -> None:
        self.replay.faster(-1)
        self.replay_bar.show_speed()

    @Slot()
    def _on_key_home(self) -> None:
        self.replay.seek(0.0)

    @Slot()
    def _on_key_end(self) -> None:
        self.replay.seek(self.replay.end_s)

    @Slot()
    def _on_key_prev_finding(self) -> None:
        if self.replay.active:
            self.replay_finding(-1)

    @Slot()
    def _on_key_next_finding(self) -> None:
        if self.replay.active:
            self.replay_finding(1)

