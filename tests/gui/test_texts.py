"""The words the window uses for lanes, items and events (no Qt needed)."""
from types import SimpleNamespace

from ipcscope.core.events import ObjType, make_item_id
from ipcscope.core.spans import Activity, ItemWay
from ipcscope.gui.colors import ACTIVITY_STYLES, exit_words
from ipcscope.gui.plots.lane_text import describe_span, describe_way


def fake_model(objects):
    return SimpleNamespace(t0=0, objects=objects)


def test_an_items_way_reads_producer_queue_consumer():
    queue = SimpleNamespace(name="queue1", type=ObjType.QUEUE, maxsize=5)
    model = fake_model({1: queue})
    names = {1: "吉祥", 2: "Cony"}.get
    way = ItemWay(make_item_id(10, 1), 1, 1, 1_000_000_000, 2, 3_500_000_000)
    text = describe_way(way, model, names)
    assert text.startswith("吉祥 → queue1 (Queue(5)) → Cony")
    assert "put at 1.00 s" in text and "got at 3.50 s" in text and "2.50 s in the queue" in text
    lost = ItemWay(7, 1, 1, 2_000_000_000, None, None, lost=True)
    assert "queue.Full" in describe_way(lost, model, names)


def test_a_span_says_what_and_how_long():
    text = describe_span("Cony", Activity.GET_WAITING, 10_000_000_000, 15_000_000_000, 0,
                         fake_model({}))
    assert text == "Cony: get waiting (queue empty) for 5.00 s, 10.0 s → 15.0 s"


def test_every_activity_has_its_own_look_and_a_second_cue():
    assert set(ACTIVITY_STYLES) == set(Activity) - {Activity.IDLE}
    patterns = [style.pattern for style in ACTIVITY_STYLES.values()]
    assert len(set(patterns)) == len(patterns), "each hatch tells one activity"
    colours = {style.color for style in ACTIVITY_STYLES.values()}
    assert len(colours) >= len(ACTIVITY_STYLES) - 1   # the two kinds of waiting for others


def test_exit_reasons_in_plain_words():
    assert exit_words("sentinel") == "got None → left"
    assert exit_words("timeout").startswith("get() timed out")
    assert exit_words("exception: ValueError") == "crashed: ValueError"
