"""Escape leaves an exercise (issue 17): back home, the draft kept with every word typed, and
one calm line there saying so and how to go on."""

from __future__ import annotations

import pytest

from cfcoach.context import AppContext
from cfcoach.store import DatabaseUnavailable, Entry, EntryStore
from cfcoach.tui.screens.home import HomeScreen, left_note
from cfcoach.tui.screens.runner import RunnerScreen
from cfcoach.tui.widgets.text_answer import AnswerArea
from tests.tui.conftest import MakeApp
from tests.tui.exercises import install
from tests.tui.helpers import burst, press, screen_text, screen_words, step_id, type_text

WORDS = "You should have known better"
KEPT = "Your check-in is saved; c continues it."


async def test_escape_goes_home_with_the_words_kept_and_says_so(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter")  # start today's check-in
        await press(pilot, "ctrl+n")
        await type_text(pilot, WORDS)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        home = screen_words(app)
        assert home.count(KEPT) == 1
        assert "Continue where you left off" in home
        with context.open_store() as store:
            draft = store.latest_draft()
            assert draft is not None and draft.state["pending"] == {"critic": WORDS}
        await press(pilot, "c")
        assert step_id(app) == "critic"
        assert app.screen.query_one(AnswerArea).text == WORDS


async def test_the_line_is_said_once(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "escape")
        assert KEPT in screen_words(app)
        await press(pilot, "h", "escape")  # history, and back
        assert isinstance(app.screen, HomeScreen)
        assert KEPT not in screen_words(app)


async def test_the_layout_under_the_line_does_not_move(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        actions = app.screen.query_one("#home-actions")
        before = actions.region.y
        await press(pilot, "enter", "escape")
        assert KEPT in screen_words(app)
        assert app.screen.query_one("#home-actions").region.y == before


async def test_words_typed_just_before_escape_are_kept(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        burst(app, WORDS, "escape")
        for _ in range(50):
            await pilot.pause()
            if isinstance(app.screen, HomeScreen):
                break
        assert isinstance(app.screen, HomeScreen)
    with context.open_store() as store:
        draft = store.latest_draft()
        assert draft is not None and draft.state["pending"] == {"critic": WORDS}


async def test_another_exercise_is_named_and_c_continues_it(
    make_app: MakeApp, context: AppContext
) -> None:
    install(context, "journal")
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n", "escape")
        assert "A small journal is saved as you left it; c continues it." in screen_words(app)


async def test_when_a_newer_draft_is_what_c_continues_the_line_names_d(
    make_app: MakeApp, context: AppContext
) -> None:
    install(context, "journal")
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "escape")
        await press(pilot, "enter")  # today's check-in, saved at once: the newest draft
        await press(pilot, "escape")
        await press(pilot, "c")
        assert step_id(app) == "welcome"
        await press(pilot, "ctrl+q")
    second = make_app(start_exercise="journal", draft_choice="resume")
    async with second.run_test(size=(80, 24)) as pilot:
        # Resuming saves nothing: the check-in is still the newest draft.
        await press(pilot, "escape")
        assert "d lists your unfinished exercises" in screen_words(second)


async def test_escape_stays_when_the_words_cannot_be_saved(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        runner.save_delay = runner.save_every = 1000.0  # held: only Escape saves
        await type_text(pilot, WORDS)

        def refuse(store: EntryStore, entry: Entry) -> Entry:
            raise DatabaseUnavailable("The disk is full.")

        monkeypatch.setattr(EntryStore, "save", refuse)
        await press(pilot, "escape")
        assert app.screen is runner
        assert "stays open until what you typed is saved" in screen_words(app)
        assert runner.query_one(AnswerArea).text == WORDS


def test_the_line_names_the_way_back() -> None:
    assert left_note("Daily check-in", checkin=True, continues=True) == KEPT
    assert left_note("A safe place", checkin=False, continues=False) == (
        "A safe place is saved as you left it; d lists your unfinished exercises."
    )
    assert left_note("A safe place", checkin=False) == "A safe place is saved as you left it."


async def test_escape_leaves_an_adjustable_pause_too_though_its_footer_has_no_room_for_it(
    make_app: MakeApp, context: AppContext
) -> None:
    install(context, "rest")
    app = make_app(start_exercise="rest")
    async with app.run_test(size=(80, 24)) as pilot:
        assert step_id(app) == "quiet"  # an adjustable pause: its keys fill the footer
        footer = screen_text(app).splitlines()[-1]
        assert "Help now" in footer and "Home" not in footer
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert "A short rest is saved as you left it; c continues it." in screen_words(app)
