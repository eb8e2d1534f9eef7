"""A list where several options can be ticked says how (issue 17): space ticks, Enter goes
on. A list of one choice needs no such line (Enter on an option picks it)."""

from __future__ import annotations

from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_words, step_id, type_text

HINT = "Space ticks or unticks an option; Enter goes on."


async def test_the_feelings_list_says_space_ticks_and_enter_goes_on(make_app: MakeApp) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, "words")
        await press(pilot, "ctrl+n", "4", "enter")
        assert step_id(app) == "feeling"
        assert HINT in screen_words(app)  # in view at 80x24, not scrolled away
        await press(pilot, "space", "enter")
        assert step_id(app) == "threat"
        assert HINT not in screen_words(app)


async def test_a_single_choice_has_no_such_line(make_app: MakeApp) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, "words")
        await press(pilot, "ctrl+n", "4", "enter", "space", "enter")
        await type_text(pilot, "a")
        await press(pilot, "ctrl+n")
        await type_text(pilot, "b")
        await press(pilot, "ctrl+n", "ctrl+n", "ctrl+n")
        await type_text(pilot, "c")
        await press(pilot, "ctrl+n")
        assert step_id(app) == "correction_or_attack"
        assert HINT not in screen_words(app)
