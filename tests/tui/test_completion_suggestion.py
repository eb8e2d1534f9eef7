"""At the end, the exercise's suggestion is offered once, gently: try it now, or maybe later."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from cfcoach.context import AppContext
from cfcoach.tui.screens.completion import LATER, CompletionScreen
from cfcoach.tui.screens.home import HomeScreen
from tests.tui.conftest import MakeApp
from tests.tui.exercises import install
from tests.tui.helpers import press, runner, screen_words, step_id, type_text

REASON = "A few quiet breaths can help when calm has been scarce."


@pytest.fixture(autouse=True)
def exercises(context: AppContext) -> None:
    install(context, "journal", "rest")


async def finish_journal(pilot: Pilot[None], calm: str) -> CompletionScreen:
    await press(pilot, "ctrl+n")
    await type_text(pilot, "A long week")
    await press(pilot, "ctrl+n", "enter", "8", "enter", "5", "enter", calm, "enter")
    await press(pilot, "enter", "ctrl+n")  # the review, then the pause
    screen = pilot.app.screen
    assert isinstance(screen, CompletionScreen)
    return screen


async def test_the_suggestion_is_offered_when_its_rule_holds(make_app: MakeApp) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await finish_journal(pilot, calm="2")
        words = screen_words(app)
        assert "If you'd like, a next step" in words
        assert "A short rest · about 1 minute" in words
        assert REASON in words  # the reason's folded lines read as one sentence
        assert "Try it now" in words and "Maybe later" in words
        assert screen.suggested is not None and screen.suggested.id == "rest"
        assert app.focused is None or app.focused.id not in ("try-now", "maybe-later")


async def test_try_it_now_starts_the_suggested_exercise(make_app: MakeApp) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_journal(pilot, calm="1")
        await press(pilot, "t")
        assert runner(app).practice.exercise.id == "rest"
        assert step_id(app) == "quiet"
        await press(pilot, "ctrl+n", "ctrl+n", "ctrl+n")  # through the rest, to its end
        assert isinstance(app.screen, CompletionScreen)
        await press(pilot, "h")
        assert isinstance(app.screen, HomeScreen)  # one home screen under it all


async def test_the_buttons_work_with_tab_and_enter(make_app: MakeApp) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_journal(pilot, calm="3")
        await press(pilot, "tab")
        assert app.focused is not None and app.focused.id == "try-now"
        await press(pilot, "enter")
        assert step_id(app) == "quiet"


async def test_maybe_later_puts_the_offer_away_without_fuss(make_app: MakeApp) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await finish_journal(pilot, calm="2")
        await press(pilot, "l")
        words = screen_words(app)
        assert LATER in words
        assert "Try it now" not in words and "A short rest" not in words
        assert screen.suggested is None
        await press(pilot, "t")  # nothing to try now: the key does nothing
        assert app.screen is screen
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)


async def test_enter_still_goes_home_with_an_offer_on_screen(make_app: MakeApp) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_journal(pilot, calm="2")
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)


async def test_a_suggestion_whose_exercise_is_missing_is_left_out_quietly(
    make_app: MakeApp,
) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await finish_journal(pilot, calm="9")  # the rule that holds names no exercise
        assert screen.suggested is None
        words = screen_words(app)
        assert "next step" not in words and "Try it now" not in words
        assert "Thank you for taking this time" in words


async def test_nothing_is_suggested_after_stopping(make_app: MakeApp) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+t")
        await press(pilot, "down", "down", "enter")  # stop here and keep what I wrote
        assert isinstance(app.screen, CompletionScreen)
        assert "next step" not in screen_words(app)
