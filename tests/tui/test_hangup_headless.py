"""The timer that ends the process after a closed terminal is never armed without one:
a Pilot test sending SIGHUP must not end the test run (see cfcoach.tui.hangup)."""

from __future__ import annotations

import signal
import threading

from cfcoach.tui.hangup import TIMER_NAME
from tests.tui.conftest import MakeApp


async def test_an_app_without_a_terminal_never_arms_it(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.close_for_signal(signal.SIGHUP)
        await pilot.pause()
    assert app.return_code == 129  # 128 + SIGHUP
    assert TIMER_NAME not in {thread.name for thread in threading.enumerate()}
