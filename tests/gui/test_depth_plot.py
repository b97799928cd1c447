"""The depth plot after a real run: its marks show exactly what happened (✕ for each
item lost to a full queue, ○ for an Empty), the key counts them, and a mark the run
never made is neither drawn nor named."""
from core.events import Kind
from tests.gui.conftest import run_to_end


def test_put_nowait_marks_every_lost_item_and_the_key_counts_them(qtbot, window, no_leaks):
    run_to_end(qtbot, window, "bounded-queue", {"mode": "put_nowait"})
    depth = window.run_view.depth
    model = window.controller.model
    lost = len(model.of_kind(Kind.PUT_FULL))
    assert lost > 0
    assert depth._full.isVisible() and len(depth._full.data) == lost
    key = depth.header.text()
    assert f"Full: item lost ({lost})" in key
    empties = len(model.of_kind(Kind.GET_EMPTY))
    assert depth._empty.isVisible() == (empties > 0)
    assert ("Empty raised" in key) == (empties > 0)
    # the y range has room for the capacity line
    assert depth.getPlotItem().getViewBox().viewRange()[1][1] > 5


def test_a_plain_put_run_has_no_lost_item_marks(qtbot, window, no_leaks):
    run_to_end(qtbot, window, "bounded-queue", {"mode": "put"})
    depth = window.run_view.depth
    assert len(window.controller.model.of_kind(Kind.PUT_FULL)) == 0
    assert not depth._full.isVisible()
    assert "item lost" not in depth.header.text()
