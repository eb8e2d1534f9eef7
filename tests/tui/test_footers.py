"""Each screen's footer names every key it shows, whole, at 80 columns, with F1 on every one
(issue 17: history's footer left out Enter; modal footers leave out the app's F1)."""

from __future__ import annotations

import pytest

from cfcoach.context import AppContext
from cfcoach.tui.app import CoachApp
from cfcoach.tui.widgets.key_bar import shown_keys
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_text
from tests.tui.history_data import END, checkin, save
from tests.tui.test_history import start_drafts

SCREENS = {
    "history": (("h",), "⏎ Open"),
    "an entry": (("h", "enter"), "p Private"),
    "drafts": (("d",), "⏎ Continue"),
    "trash": (("h", "d", "down", "enter", "t"), "r Restore"),
    "export": (("x",), "space Tick"),
    "focus areas": (("f",), "esc Keep as it is"),
    "country": (("w",), "esc Keep as it is"),
}


def bottom_line(app: CoachApp) -> str:
    return screen_text(app).splitlines()[-1]


def footer_keys(app: CoachApp) -> list[str]:
    """ "key description" for each key the screen's footer should show now."""
    keys = shown_keys(app.screen.active_bindings.values(), app.get_key_display)
    return [f"{key.display} {key.description}" for key in keys]


@pytest.mark.parametrize("name", list(SCREENS))
async def test_the_footer_shows_every_key_whole_at_80_columns(
    make_app: MakeApp, context: AppContext, name: str
) -> None:
    with context.open_store() as store:
        for day in range(3):
            save(store, END.replace(day=20 + day), answers=checkin("You're so lazy"))
    start_drafts(context)
    keys, expected = SCREENS[name]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, *keys)
        line = bottom_line(app)
        assert expected in line
        assert "f1 Help now" in line
        for key in footer_keys(app):
            assert key in line, f"{key!r} is not in {name}'s footer: {line!r}"


async def test_the_safety_plan_offer_says_escape_and_f1(make_app: MakeApp) -> None:
    app = make_app(welcome=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter", "enter", "enter")
        line = bottom_line(app)
        assert "esc Maybe later" in line and "f1 Help now" in line
