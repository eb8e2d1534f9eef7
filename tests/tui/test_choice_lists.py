"""Every list of answers opens with one highlighted, the calm one, and ↓ always goes to the one
below: never round to the top (issue 17: ↓ Enter on the safety-plan offer opened the plan)."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from cfcoach.context import AppContext
from cfcoach.practice import Practice
from cfcoach.tui.app import CoachApp
from cfcoach.tui.screens.confirm import ConfirmScreen
from cfcoach.tui.screens.focus import FocusScreen
from cfcoach.tui.screens.home import HomeScreen
from cfcoach.tui.screens.offer_draft import OfferDraftScreen
from cfcoach.tui.screens.runner import RunnerScreen
from cfcoach.tui.screens.welcome import OfferPlanScreen, WelcomeScreen
from cfcoach.tui.widgets.choice_answer import MultipleChoice
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, step_id
from tests.tui.history_data import END, checkin, save


@pytest.fixture(autouse=True)
def british_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")


def answers(app: CoachApp) -> OptionList:
    return app.screen.query_one(OptionList)


def highlighted_id(app: CoachApp) -> str | None:
    option = answers(app).highlighted_option
    return option.id if option is not None else None


async def test_the_safety_plan_offer_opens_on_maybe_later_and_down_goes_to_the_plan(
    make_app: MakeApp,
) -> None:
    app = make_app(welcome=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter", "enter", "enter")  # welcome, guessed country, no focus
        assert isinstance(app.screen, OfferPlanScreen)
        assert answers(app).highlighted == 0
        assert highlighted_id(app) == "later"
        await press(pilot, "down")
        assert highlighted_id(app) == "now"
        await press(pilot, "down")  # the last answer: ↓ stays, never back up to the first
        assert highlighted_id(app) == "now"
        await press(pilot, "up", "up")
        assert highlighted_id(app) == "later"
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, RunnerScreen)
        assert step_id(app) == "intro"


async def test_escape_on_the_safety_plan_offer_means_later(make_app: MakeApp) -> None:
    app = make_app(welcome=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter", "enter", "enter")
        assert isinstance(app.screen, OfferPlanScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_country_list_opens_on_the_guess_and_down_goes_to_the_next(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "w")
        assert isinstance(app.screen, WelcomeScreen)
        countries = answers(app)
        start = countries.highlighted
        assert highlighted_id(app) == "GB"
        assert start is not None
        await press(pilot, "down")
        assert countries.highlighted == start + 1
        await press(pilot, "end", "down")  # "Somewhere else", the last: ↓ stays there
        assert countries.highlighted == countries.option_count - 1


async def test_delete_asks_with_keep_it_highlighted_and_down_goes_to_delete(
    make_app: MakeApp, context: AppContext
) -> None:
    with context.open_store() as store:
        save(store, END, answers=checkin("You're so lazy"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "h", "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert highlighted_id(app) == "no"
        await press(pilot, "down", "down")
        assert highlighted_id(app) == "yes"
        await press(pilot, "up", "up")
        assert highlighted_id(app) == "no"


async def test_the_draft_offer_opens_on_continue_and_down_goes_to_start_afresh(
    make_app: MakeApp, context: AppContext
) -> None:
    exercise = context.library.get("daily-checkin")
    assert exercise is not None
    with context.open_store() as store:
        Practice.begin(store, exercise, context.clock).answer(None)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "s")
        assert isinstance(app.screen, OfferDraftScreen)
        assert highlighted_id(app) == "continue"
        await press(pilot, "down", "down")
        assert highlighted_id(app) == "fresh"


async def test_the_focus_areas_open_on_the_first_and_down_goes_to_the_second(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "f")
        assert isinstance(app.screen, FocusScreen)
        areas = app.screen.query_one(MultipleChoice)
        assert areas.highlighted == 0
        await press(pilot, "down")
        assert areas.highlighted == 1


async def test_home_arrows_flow_from_list_to_list_and_stop_at_the_ends(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        actions = app.screen.query_one("#home-actions", OptionList)
        exercises = app.screen.query_one("#home-exercises", OptionList)
        assert [w.id for w in app.screen.focus_chain] == ["home-actions", "home-exercises"]
        assert app.focused is actions and actions.highlighted == 0
        await press(pilot, "up")  # the top: nowhere above
        assert app.focused is actions and actions.highlighted == 0
        await press(pilot, "down")  # only "Start today's check-in": on to the exercises
        assert app.focused is exercises and exercises.highlighted == 0
        await press(pilot, "end", "down")  # the last exercise: ↓ stays, never to the top
        assert app.focused is exercises
        assert exercises.highlighted == exercises.option_count - 1
