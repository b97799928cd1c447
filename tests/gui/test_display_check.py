"""The no-display check, without starting anything."""
from ipcscope.gui.window_args import display_problem


def test_offscreen_and_wayland_need_no_x_server():
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux") is None


def test_no_display_variable_is_a_problem_on_linux_only():
    assert "no display" in display_problem({}, "linux").lower()
    assert display_problem({}, "darwin") is None
    assert display_problem({}, "win32") is None


def test_a_local_display_nobody_listens_on_is_a_problem():
    problem = display_problem({"DISPLAY": ":987"}, "linux")
    assert problem is not None and ":987" in problem


def test_a_remote_display_is_left_to_qt():
    assert display_problem({"DISPLAY": "somehost:0"}, "linux") is None
