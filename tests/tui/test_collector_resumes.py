"""The coach turns the cycle collector back on once its first screen is drawn: `cfcoach`
pauses it only for the opening (issue 8; tests/cli/test_collector_pause.py)."""

from __future__ import annotations

import gc

from cfcoach.tui.screens.home import HomeScreen
from tests.tui.conftest import MakeApp


async def test_the_collector_is_back_on_once_home_is_drawn(make_app: MakeApp) -> None:
    app = make_app()
    gc.disable()  # as `cfcoach` leaves it while the coach opens
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert gc.isenabled()
    finally:
        gc.enable()
