"""The safety screen and the help-now key: calm, real help, and nothing lost."""

from __future__ import annotations

import pytest

from cfcoach.config import Settings, save_settings
from cfcoach.context import AppContext
from cfcoach.practice import Practice
from cfcoach.safety_plan import SAFETY_PLAN_ID
from cfcoach.tui.screens.grounding import GroundingScreen
from cfcoach.tui.screens.help_now import HelpNowScreen
from cfcoach.tui.screens.home import HomeScreen
from cfcoach.tui.screens.runner import RunnerScreen
from cfcoach.tui.screens.safety import SafetyScreen
from cfcoach.tui.screens.too_much import TooMuchScreen
from cfcoach.tui.widgets.text_answer import AnswerArea
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_words, step_id

WORRYING = "Honestly everyone would be better off without me"


@pytest.fixture(autouse=True)
def in_ireland(context: AppContext) -> None:
    save_settings(context.paths, Settings(country="IE", first_run_done=True))


async def answer_critic(pilot, app, words: str) -> None:  # type: ignore[no-untyped-def]
    await press(pilot, "ctrl+n")  # welcome
    app.screen.query_one(AnswerArea).text = words
    await press(pilot, "ctrl+n")


async def test_a_worrying_answer_is_saved_then_meets_the_safety_screen(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_critic(pilot, app, WORRYING)
        assert isinstance(app.screen, SafetyScreen)
        words = screen_words(app)
        assert "Let's pause for a moment" in words
        assert "sounds really painful" in words
        assert "Samaritans" in " ".join(
            app.screen.query_one("#safety-resources").render().plain.split()
        )  # type: ignore[union-attr]
        with context.open_store() as store:
            draft = store.latest_draft()
            assert draft is not None
            assert draft.answers["critic"] == WORRYING
            assert draft.safety_shown is True
            assert ("safety_screen", "critic") in [
                (e["kind"], e["step"]) for e in draft.state["events"]
            ]

        await press(pilot, "enter")  # "I'm safe — continue" is first
        assert isinstance(app.screen, RunnerScreen)
        assert step_id(app) == "intensity_before"


async def test_pause_here_closes_the_coach_with_the_draft_kept(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_critic(pilot, app, WORRYING)
        await press(pilot, "down", "enter")
    assert app.return_code in (None, 0)
    with context.open_store() as store:
        draft = store.latest_draft()
        assert draft is not None and draft.state["current"] == "intensity_before"


async def test_grounding_from_the_safety_screen_then_on_to_the_next_step(make_app: MakeApp) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_critic(pilot, app, WORRYING)
        await press(pilot, "down", "down", "enter")
        assert isinstance(app.screen, GroundingScreen)
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, RunnerScreen)
        assert step_id(app) == "intensity_before"


async def test_ordinary_self_criticism_goes_straight_on(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_critic(pilot, app, "I'm such a failure and I hate how I look")
        assert isinstance(app.screen, RunnerScreen)
        assert step_id(app) == "intensity_before"
    with context.open_store() as store:
        draft = store.latest_draft()
        assert draft is not None and draft.safety_shown is False


async def test_the_safety_plan_is_shown_with_the_lines(
    make_app: MakeApp, context: AppContext
) -> None:
    with context.open_store() as store:
        plan = context.library.get(SAFETY_PLAN_ID)
        assert plan is not None
        practice = Practice.begin(store, plan, context.clock)
        practice.answer()  # intro
        practice.answer("Not sleeping")  # warning signs
        while not practice.session.finished:
            practice.skip()
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 40)) as pilot:
        await answer_critic(pilot, app, WORRYING)
        assert isinstance(app.screen, SafetyScreen)
        shown = app.screen.query_one("#safety-plan").render().plain  # type: ignore[union-attr]
        assert "Warning signs:" in shown and "Not sleeping" in shown


@pytest.mark.parametrize("where", ["home", "runner", "too much"])
async def test_help_now_opens_from_every_screen_and_goes_back(
    make_app: MakeApp, where: str
) -> None:
    app = make_app(start_exercise=None if where == "home" else "daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if where == "too much":
            await press(pilot, "ctrl+t")
        before = type(app.screen)
        assert (
            before is {"home": HomeScreen, "runner": RunnerScreen, "too much": TooMuchScreen}[where]
        )
        assert "Help now" in screen_words(app) or where == "too much"
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpNowScreen)
        assert "116 123" in app.screen.query_one("#help-now-text").render().plain  # type: ignore[union-attr]
        await press(pilot, "escape")
        assert type(app.screen) is before
