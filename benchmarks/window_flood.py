"""The window (offscreen) running benchmarks/programs/endless_flood.py for a while, as a
user would: Open script…, Run, Stop after --seconds.  memory_bench.py --window samples
this process's RSS from outside; this one prints how responsive the window stayed.

    python benchmarks/window_flood.py --seconds S [--json PATH]

Responsiveness: a 50 ms timer in the GUI thread notes how late each tick fires; a
late tick is a frame the user waited for.  Printed (and written to --json): the
largest delay and the 99th percentile during the run, the seconds from Stop to the
summary shown, and the events the run had.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ipcscope.gui.main_window import MainWindow  # noqa: E402
from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

FLOOD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "programs", "endless_flood.py")
TICK_S = 0.05


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--json", help="write the figures here")
    args = parser.parse_args()
    app = QApplication([])
    settings = QSettings(tempfile.mktemp(suffix=".ini"), QSettings.IniFormat)
    window = MainWindow(settings)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    if not window.files.open_script(FLOOD):
        print(window.files.last_problem, file=sys.stderr)
        return 2
    late: list[float] = []
    figures: dict = {}
    last_tick = [time.monotonic()]
    started = time.monotonic()

    def tick() -> None:
        now = time.monotonic()
        late.append(max(0.0, now - last_tick[0] - TICK_S))
        last_tick[0] = now
        if now - started >= args.seconds and "stop_at" not in figures:
            figures["stop_at"] = now
            window.toolbar.stop_action.trigger()

    def ended(summary: dict) -> None:
        figures["after_stop_s"] = round(time.monotonic() - figures.get("stop_at", started), 1)
        figures["events"] = summary.get("events")
        QTimer.singleShot(0, app.quit)

    window.run_ended.connect(ended)
    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(int(TICK_S * 1000))
    if not window.start_run():
        print("the run did not start", file=sys.stderr)
        return 2
    app.exec()
    during = sorted(late)
    figures.update(max_stall_s=round(during[-1], 2) if during else 0.0,
                   p99_stall_s=round(during[int(0.99 * (len(during) - 1))], 3) if during else 0.0)
    figures.pop("stop_at", None)
    print(json.dumps(figures))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(figures, f)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
