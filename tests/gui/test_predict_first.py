"""Predict, then run, in the window: with "Predict first" on, Run asks the scenario's
question, the answer starts the run, and the verdict shown at its end is the one the
run's own summary gives (core/scenarios/questions.py)."""
from __future__ import annotations

from ipcscope.core import scenarios
from ipcscope.core.scenarios.questions import questions
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from tests.gui.conftest import RUN_TIMEOUT_MS


def press_run(qtbot, window, scenario_id: str, params: dict, speed: float):
    """Choose the scenario and press Run: the question shows, nothing runs yet."""
    window.scenario_panel.select(scenario_id)
    window.scenario_panel.show_params(scenario_id, params)
    window.toolbar.set_speed(speed)
    window.toolbar.run_action.trigger()
    qtbot.waitUntil(lambda: window.predict.dialog is not None and window.predict.dialog.isVisible())
    assert not window.controller.running
    return window.predict.dialog


def test_the_answer_is_marked_by_the_runs_own_summary(qtbot, window, settings):
    window.predict.action.setChecked(True)
    dialog = press_run(qtbot, window, "queue-sentinel", {"items": 1}, 20.0)
    names = [b.objectName() for b in dialog.findChildren(QPushButton)]
    assert names == ["predict-choice-Jenny", "predict-choice-Cony", "predict-choice-none",
                     "predict-skip"]
    assert "timeout" in dialog.findChild(QLabel, "predict-question").text()
    with qtbot.waitSignal(window.predict.verdict_told, timeout=RUN_TIMEOUT_MS) as told, \
            qtbot.waitSignal(window.run_ended, timeout=RUN_TIMEOUT_MS) as ended:
        qtbot.mouseClick(dialog.buttons["Jenny"], Qt.LeftButton)
    summary = ended.args[0]
    (question,) = questions("queue-sentinel", summary["params"])
    right = question.is_right("Jenny", summary)
    assert right is not None and told.args[0] is right
    sentence = window.message_bar.label.text()
    assert window.message_bar.isVisible() and sentence.startswith("Right!" if right else "Wrong.")
    late = question.truth(summary)        # one consumer, or both on a starved machine
    assert f"The run says: {', '.join(late)}." in sentence
    window.save_settings()
    assert settings.value("run/predict_first") in (True, "true")


def test_a_number_answer_and_skip(qtbot, window):
    window.predict.action.setChecked(True)
    dialog = press_run(qtbot, window, "manager-counter", {"processes": 10, "lock": True}, 20.0)
    dialog.number.setValue(90)
    with qtbot.waitSignal(window.predict.verdict_told, timeout=RUN_TIMEOUT_MS) as told:
        qtbot.mouseClick(dialog.buttons[None], Qt.LeftButton)
    assert told.args[0] is True and window.message_bar.label.text().startswith("Right!")
    qtbot.waitUntil(lambda: not window.controller.running)
    dialog = press_run(qtbot, window, "manager-counter", {"processes": 10, "lock": True}, 20.0)
    with qtbot.waitSignal(window.predict.verdict_told, timeout=RUN_TIMEOUT_MS) as told:
        qtbot.mouseClick(dialog.findChild(QPushButton, "predict-skip"), Qt.LeftButton)
    assert told.args[0] is None
    assert window.message_bar.label.text().endswith("The run says: 90.")


def test_off_runs_at_once(qtbot, window):
    spec = scenarios.get("pipe-eof")
    with qtbot.waitSignal(window.run_ended, timeout=RUN_TIMEOUT_MS):
        window.prepare_run("pipe-eof", {**spec.self_test_params, "messages": 3}, 20.0)
        assert window.start_run() and window.controller.running
    assert window.predict.dialog is None and not window.message_bar.isVisible()


def test_asked_and_marked_in_chinese(qtbot, window):
    window.predict.action.setChecked(True)
    window.set_language("zh")
    try:
        assert window.predict.action.text() == "先预测"
        dialog = press_run(qtbot, window, "pipe-eof", {"messages": 3}, 20.0)
        assert dialog.findChild(QLabel, "predict-question").text() == "程序会正常结束吗?"
        assert [dialog.buttons[v].text() for v in ("yes", "no")] == ["会", "不会"]
        with qtbot.waitSignal(window.predict.verdict_told, timeout=RUN_TIMEOUT_MS) as told:
            qtbot.mouseClick(dialog.buttons["no"], Qt.LeftButton)
        assert told.args[0] is False
        assert window.message_bar.label.text() == "答错了。你的回答: 不会。运行结果: 会。"
    finally:
        window.set_language("en")
