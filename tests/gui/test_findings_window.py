"""Findings in the window: raised live (before the run ends), listed with their words
and fix, marked on the time axis, and selecting one highlights its processes' lanes."""
from ipcscope.core import headless

from tests.gui.conftest import start


def test_sentinel_shortfall_appears_live_and_highlights_its_lane(qtbot, window, no_leaks):
    # speed 5: the left-out consumer's get(timeout=5) lasts 1 s, time enough for a live
    # detection on a busy machine (at 10× it once ended the run first)
    start(window, "queue-sentinel", {"items": 2}, speed=5)
    panel = window.findings_panel
    qtbot.waitUntil(lambda: any(f["kind"] == "sentinel-shortfall" for f in panel.findings),
                    timeout=60_000)
    assert window.controller.streaming, "the finding came while the run was still going"
    assert window.run_view.banner.isVisible() and "sentinel-shortfall" in window.run_view.banner.text()
    assert window.session.findings_presenter.badge.count >= 1

    with qtbot.waitSignal(window.run_ended, timeout=90_000):
        pass
    kinds = [f["kind"] for f in panel.findings]
    assert kinds.count("sentinel-shortfall") == 1, "a known finding is not announced twice"
    index = kinds.index("sentinel-shortfall")
    finding = panel.findings[index]
    panel.select(index)
    lanes = window.run_view.lanes
    named = lanes.focused_lanes()
    assert named and any(n.startswith(("Jenny", "Cony")) for n in named), named
    assert lanes.item.focus == set(finding["process_ids"])
    assert panel.fix.toPlainText() == "Fix: " + finding["fix"]
    x0, x1 = window.run_view.timeline.visible()
    assert x0 <= finding["t_s"] <= x1
    assert finding["t_s"] in window.run_view.markers.positions()

    window.scenario_panel.watch.chinese.setChecked(True)
    assert finding["message_zh"] in panel.text.toPlainText()


def test_a_correct_variant_shows_an_empty_panel(qtbot, window, no_leaks):
    # speed 5, not 10: the consumers' get(timeout=5) becomes 1 s, more than a busy
    # 2-core machine may take to start the producers (at 0.5 s a consumer can give up
    # first, and that finding would be right)
    with qtbot.waitSignal(window.run_ended, timeout=90_000):
        start(window, "queue-sentinel", {"items": 2, "sentinels": "per-consumer"}, speed=5)
    assert window.findings_panel.findings == []
    assert window.findings_panel.empty.isVisible()
    assert window.session.findings_presenter.badge.count == 0
    assert window.run_view.markers.positions() == []


def test_pipe_left_open_shows_pipe_end_left_open_and_deadlock(qtbot, window, no_leaks):
    with qtbot.waitSignal(window.run_ended, timeout=90_000):
        start(window, "pipe-eof", {"close_unused_ends": False})
    kinds = {f["kind"] for f in window.findings_panel.findings}
    assert {"pipe-end-left-open", "deadlock"} <= kinds


def test_the_banner_goes_when_the_run_withdraws_what_was_seen_live(qtbot, window, no_leaks):
    """Live detection reads a run still under way; the summary at its end is the word
    that counts.  A banner for a finding the summary does not keep must not stay up."""
    summary, _ = headless.run("queue-sentinel", {"items": 2}, speed=10, timeout=50)
    seen_live = summary["findings"][0]
    tracker = window.findings
    tracker._merge([seen_live])                     # as a live detection hands it on
    assert window.run_view.banner.isVisible() and seen_live["kind"] in window.run_view.banner.text()
    tracker.finish([seen_live])                     # kept: the banner stays
    assert window.run_view.banner.isVisible()
    tracker.finish([])                              # withdrawn: the banner goes
    assert not window.run_view.banner.isVisible()
    assert window.session.findings_presenter.badge.count == 0
