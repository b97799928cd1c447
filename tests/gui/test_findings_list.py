"""The findings list reads whole: in the window at its default size (1280×800), in
normal and in large text, every finding's name and time fit their item — wrapped,
never cut, elided or pushed out of sight sideways."""
from ipcscope.core.findings import WARNING_KINDS
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QStyle

from tests.gui.conftest import start


def unreadable(view) -> list[str]:
    """The items of a list whose text does not fit their rectangle, laid out as the
    style draws it (word wrap, inside the item's text margins)."""
    problems = []
    if view.horizontalScrollBar().maximum() > 0:
        problems.append("the list scrolls sideways")
    viewport = view.viewport().rect()
    margin = view.style().pixelMetric(QStyle.PM_FocusFrameHMargin, None, view) + 1
    option = QTextOption()
    option.setWrapMode(QTextOption.WordWrap)
    for row in range(view.count()):
        item = view.item(row)
        rect = view.visualRect(view.indexFromItem(item))
        width = rect.width() - 2 * margin
        layout = QTextLayout(item.text(), view.font())
        layout.setTextOption(option)
        layout.beginLayout()
        height = widest = 0.0
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            widest = max(widest, line.naturalTextWidth())
            height += line.height()
        layout.endLayout()
        if widest > width + 0.5 or height > rect.height() + 0.5:
            problems.append(f"{item.text()!r} needs {widest:.0f}×{height:.0f}, "
                            f"has {width}×{rect.height()}")
        if rect.left() < viewport.left() or rect.right() > viewport.right():
            problems.append(f"{item.text()!r} is out of the list sideways: {rect} in "
                            f"{viewport}")
        if rect.height() > viewport.height():
            problems.append(f"{item.text()!r} is taller than the list")
    return problems


def reads_whole(panel, all_in_sight: bool = False):
    """For qtbot.waitUntil: the list as it is once laid out (it lays its items out
    again 0.1 s after a resize; doItemsLayout() does it now)."""
    view = panel.list

    def check():
        view.doItemsLayout()
        assert unreadable(view) == []
        # laid out in the panel at its own height: not squeezed, not under the text
        assert view.height() == view.minimumHeight()
        assert view.geometry().bottom() < panel.text.geometry().top()
        if all_in_sight:                # a few findings: all in sight, no scrolling
            last = view.visualRect(view.indexFromItem(view.item(view.count() - 1)))
            assert view.verticalScrollBar().maximum() == 0
            assert last.bottom() <= view.viewport().rect().bottom()
    return check


def test_every_finding_name_reads_whole_in_normal_and_large_text(qtbot, window, tmp_path,
                                                                 no_leaks):
    assert (window.width(), window.height()) == (1280, 800)
    with qtbot.waitSignal(window.run_ended, timeout=90_000):
        start(window, "queue-sentinel", {"items": 2}, speed=10)
    panel, view = window.findings_panel, window.findings_panel.list
    real = panel.findings
    # one None for two consumers: one leaves on a timeout, the longest name there is
    assert "consumer-exited-on-timeout" in {f["kind"] for f in real}
    assert max(WARNING_KINDS, key=len) == "consumer-exited-on-timeout"
    for row, finding in enumerate(real):
        assert finding["kind"] in view.item(row).text()
    qtbot.waitUntil(reads_whole(panel, all_in_sight=True),
                    timeout=5_000)
    # the list is wrapped, not wider: it still fits the side panel
    assert view.width() <= window.summary.width()

    window.toolbar.large_text_action.setChecked(True)       # a projector
    qtbot.waitUntil(lambda: view.font().pointSize() == 14, timeout=5_000)
    qtbot.waitUntil(reads_whole(panel, all_in_sight=True),
                    timeout=5_000)
    assert any(view.visualRect(view.indexFromItem(view.item(r))).height()
               > view.fontMetrics().lineSpacing() * 1.5 for r in range(view.count())), \
        "at 14 pt the longest name wraps"
    # the fix's monospace grows with the rest
    assert panel.fix.font().pointSize() >= 14
    window.grab().save(str(tmp_path / "large.png"))

    # every kind the app can name, with this run's words, at every width the side
    # panel may be given: each reads whole, large or not (a long list scrolls)
    every = [dict(real[0], kind=kind, key=f"{kind}:", t_s=100 + 11.61 * i)
             for i, kind in enumerate(WARNING_KINDS)]
    for large in (True, False):
        window.toolbar.large_text_action.setChecked(large)
        qtbot.waitUntil(lambda: view.font().pointSize() == (14 if large else 10),
                        timeout=5_000)
        for findings in (real, every):
            panel.set_findings(findings)
            assert [view.item(r).text().split()[1] for r in range(view.count())] == \
                [f["kind"] for f in findings]
            widths = set()
            for width in range(window.summary.minimumWidth(), 360, 5):
                left, center, right = window.main_split.sizes()
                window.main_split.setSizes([left, center + right - width, width])
                given = window.main_split.sizes()[2]       # not below its minimum
                qtbot.waitUntil(lambda: window.summary.width() == given, timeout=5_000)
                qtbot.waitUntil(reads_whole(panel, all_in_sight=findings is real),
                                timeout=5_000)
                widths.add(view.width())
            assert len(widths) >= 5
        window.summary.grab().save(str(tmp_path / f"every-kind-{large}.png"))
