"""The findings banner: a row of its own above the plots (it never covers a lane or a
plot), saying what its finding says now (a live finding's numbers grow as the run goes
on; the banner once kept "64 of 69 updates were lost" while the panel said 62 of 70)."""
from __future__ import annotations

import pytest
from ipcscope.core import headless

from tests.gui.conftest import start


def _unlocked_counter_finding() -> dict:
    summary, _ = headless.run("manager-counter", {"lock": False, "processes": 20}, speed=10, timeout=90)
    lost = [f for f in summary["findings"] if f["kind"] == "lost-update"]
    assert lost, summary["findings"]
    return lost[0]


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 800)])
def test_the_banner_never_covers_a_plot(qtbot, window, no_leaks, size):
    """At 1280×800 it is compact, so the lanes keep the room they need."""
    window.resize(*size)
    with qtbot.waitSignal(window.run_ended, timeout=90_000):
        start(window, "pipe-eof", {"close_unused_ends": False}, speed=5)
    view = window.run_view
    qtbot.waitUntil(lambda: view.banner.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: view.banner.geometry().bottom() < view.splitter.geometry().top(),
                    timeout=5_000)          # the layout has made room
    banner = view.banner.geometry()
    for covered in (view.splitter, view.legend, view.message_bar):
        if covered.isVisible():
            assert not banner.intersects(covered.geometry()), covered.objectName()
    lanes = view.lanes.mapTo(view, view.lanes.rect().topLeft())
    assert lanes.y() > banner.bottom(), "the top lane starts below the banner"
    assert view.banner.height() >= view.banner.heightForWidth(view.banner.width()) - 1, \
        "its text is cut"
    assert view.lanes.height() >= view.lanes.minimumSizeHint().height()
    assert view.banner.height() < view.height() // (6 if size == (1280, 800) else 4)


def test_the_banner_says_the_findings_current_words(qtbot, window, no_leaks):
    found = _unlocked_counter_finding()
    first = dict(found, message="64 of 69 updates were lost (live, early)")
    later = dict(found, message="62 of 70 updates were lost (live, later)")
    final = dict(found, message="62 of 70 updates were lost (the run's end)")
    tracker, banner = window.findings, window.run_view.banner
    tracker._merge([first])                    # as a live detection hands it on
    assert banner.isVisible() and "64 of 69" in banner.text()
    tracker._merge([later])                    # detected again, same key, new numbers
    assert "62 of 70 updates were lost (live, later)" in banner.text()
    assert window.findings_panel.findings[0]["message"] == later["message"]
    tracker.finish([final])                    # the run's summary has the last word
    assert banner.isVisible() and "(the run's end)" in banner.text()
    assert "64 of 69" not in banner.text()


def test_the_banner_says_what_went_wrong_in_a_sentence_and_keeps_the_why(qtbot, window,
                                                                       no_leaks):
    """A lost update's message runs to four lines at 1280×800 and squeezed the counter
    plot under it to ~40 px: the banner says its first sentence, the rest is its
    tooltip and the findings panel's."""
    window.resize(1280, 800)
    found = _unlocked_counter_finding()
    first, why = found["message"].split(". ", 1)
    assert why, found["message"]
    window.findings._merge([found])
    banner = window.run_view.banner
    assert banner.isVisible()
    assert banner.text().endswith(first + ".") and why not in banner.text()
    assert banner.toolTip() == found["message"]
    qtbot.waitUntil(lambda: banner.height() < 2.6 * banner.fontMetrics().lineSpacing() + 12,
                    timeout=5_000)                       # two lines, not four
