"""First run: what cfcoach is and is not, the country for crisis lines, what you'd like to work
on, a safety plan offer."""

from __future__ import annotations

import pytest

from cfcoach.config import load_settings
from cfcoach.context import AppContext
from cfcoach.tui.screens.focus import FocusScreen
from cfcoach.tui.screens.home import HomeScreen
from cfcoach.tui.screens.runner import RunnerScreen
from cfcoach.tui.screens.welcome import OfferPlanScreen, WelcomeScreen
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_text, screen_words, step_id


@pytest.fixture(autouse=True)
def british_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")


async def test_first_run_says_what_cfcoach_is_not_and_asks_the_country(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(welcome=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        words = " ".join(str(w.render()) for w in app.screen.query("#welcome-body Static"))
        assert "not therapy, a diagnosis, or crisis care" in words
        assert "threatening at first" in words
        assert "alongside a therapist" in words
        await press(pilot, "enter")  # on to the country
        assert app.screen.query_one("#countries").highlighted_option.id == "GB"  # type: ignore[attr-defined, union-attr]
        await press(pilot, "enter")  # the guessed country
        assert isinstance(app.screen, FocusScreen)
        await press(pilot, "enter")  # not sure yet: nothing ticked
        assert isinstance(app.screen, OfferPlanScreen)
        await press(pilot, "enter")  # "Maybe later" is highlighted
        assert isinstance(app.screen, HomeScreen)
    settings = load_settings(context.paths)
    assert settings.country == "GB" and settings.first_run_done is True
    assert settings.focus_areas == []

    again = make_app(welcome=None)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, HomeScreen)


async def test_making_the_safety_plan_from_the_welcome(make_app: MakeApp) -> None:
    app = make_app(welcome=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter", "up", "enter")  # on; the country above the guessed one
        await press(pilot, "escape")  # not now, for what to work on
        await press(pilot, "down", "enter")  # "Make my safety plan now", under "Maybe later"
        assert isinstance(app.screen, RunnerScreen)
        assert step_id(app) == "intro"
        assert "Making a safety plan" in screen_words(app)


async def test_somewhere_else_means_the_international_directory(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(welcome=None, start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter", "end", "enter", "enter", "enter")
        assert isinstance(app.screen, RunnerScreen)  # the exercise asked for opens after
    assert load_settings(context.paths).country is None
    assert load_settings(context.paths).first_run_done is True


async def test_w_on_the_home_screen_changes_the_country(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "w")
        assert isinstance(app.screen, WelcomeScreen)
        await press(pilot, "home", "enter")  # Australia, first by name
        assert isinstance(app.screen, HomeScreen)
    assert load_settings(context.paths).country == "AU"


async def test_first_run_lets_the_person_tick_what_they_want_to_work_on(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(welcome=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "enter", "enter")  # on; the guessed country
        assert isinstance(app.screen, FocusScreen)
        words = screen_words(app)
        assert "What would you like to work on?" in words
        assert "Not sure yet? That's fine: just press Enter." in words
        assert "Not now" in screen_text(app).splitlines()[-1]  # esc, in the footer
        for area in ("Chronic self-criticism", "Relationship difficulties", "Anxiety"):
            assert area in words
        await press(pilot, "down", "space", "down", "down", "down", "space", "enter")
        assert isinstance(app.screen, OfferPlanScreen)
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        words = screen_words(app)
        assert "For perfectionism, you might try:" in words
        assert "For anger, you might try:" in words
    settings = load_settings(context.paths)
    assert settings.focus_areas == ["perfectionism", "anger"]
    assert settings.country == "GB" and settings.first_run_done is True
