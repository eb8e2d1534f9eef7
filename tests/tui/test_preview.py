"""`cfcoach content preview`: the exercise runs as usual, says nothing is saved, and saves nothing."""

from __future__ import annotations

import signal

import pytest

from cfcoach.config import Settings, save_settings
from cfcoach.content import Exercise, load_exercise_text
from cfcoach.content.starter import starter_text
from cfcoach.context import AppContext
from cfcoach.practice import PreviewPractice
from cfcoach.store import Entry, EntryStore
from cfcoach.store.entries import EntryQuery
from cfcoach.tui.preview import (
    CLOSED_PREVIEW,
    PREVIEW_BANNER,
    PreviewApp,
    PreviewEndScreen,
    create_preview_app,
)
from cfcoach.tui.widgets.text_answer import AnswerArea
from tests.tui.helpers import press, runner, screen_words, step_id

CRITIC = "You never get anything right"
WORRYING = "Honestly everyone would be better off without me"


@pytest.fixture
def starter() -> Exercise:
    return load_exercise_text(starter_text("evening-kindness", "evening-kindness.yaml"), "starter")


@pytest.fixture
def saves(monkeypatch: pytest.MonkeyPatch) -> list[Entry]:
    """Every entry the store is asked to save while the test runs."""
    seen: list[Entry] = []
    real = EntryStore.save

    def counting(store: EntryStore, entry: Entry) -> Entry:
        seen.append(entry)
        return real(store, entry)

    monkeypatch.setattr(EntryStore, "save", counting)
    return seen


def preview_app(context: AppContext, exercise: Exercise) -> PreviewApp:
    app = create_preview_app(context, exercise)
    app.timers_running = False
    return app


def stored_entries(context: AppContext) -> list[Entry]:
    with context.open_store() as store:
        return list(store.select(EntryQuery(include_drafts=True, include_private=True)))


async def write(pilot, app: PreviewApp, words: str) -> None:  # type: ignore[no-untyped-def]
    app.screen.query_one(AnswerArea).text = words
    await press(pilot, "ctrl+n")


async def test_a_preview_walks_the_exercise_and_saves_nothing(
    context: AppContext, starter: Exercise, saves: list[Entry]
) -> None:
    app = preview_app(context, starter)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(runner(app).practice, PreviewPractice)
        assert PREVIEW_BANNER in screen_words(app)
        assert "Close preview" in screen_words(app)  # ctrl+q is not "Save & quit" here
        await press(pilot, "ctrl+n")  # welcome
        await write(pilot, app, CRITIC)
        await press(pilot, "9", "ctrl+n")  # a high rating branches to the settling pause
        assert step_id(app) == "settle"
        assert PREVIEW_BANNER in screen_words(app)
        await press(pilot, "ctrl+n")
        await write(pilot, app, "That was hard, and you did your best.")
        await press(pilot, "ctrl+o")  # skip the choice
        await press(pilot, "3", "ctrl+n")
        await press(pilot, "ctrl+n")  # the bars
        await press(pilot, "ctrl+n")  # the summary
        assert isinstance(app.screen, PreviewEndScreen)
        words = screen_words(app)
        assert "Nothing was saved" in words
        assert "intensity_before → settle → reply" in words
        assert "Skipped: tone" in words
        assert CRITIC in words
    assert saves == []
    assert stored_entries(context) == []


async def test_preview_again_starts_from_the_first_step(
    context: AppContext, starter: Exercise
) -> None:
    app = preview_app(context, starter)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+n")
        await press(pilot, "ctrl+t")  # too much: stop here
        await press(pilot, "down", "down", "enter")
        assert isinstance(app.screen, PreviewEndScreen)
        assert "You stopped the preview" in screen_words(app)
        await press(pilot, "r")
        assert step_id(app) == "welcome"
        await press(pilot, "ctrl+q")
    assert app.return_code == 0
    assert stored_entries(context) == []


async def test_ctrl_q_closes_and_says_nothing_was_saved(
    context: AppContext, starter: Exercise, saves: list[Entry]
) -> None:
    app = preview_app(context, starter)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+n")
        app.screen.query_one(AnswerArea).text = "typed but never sent"
        await press(pilot, "ctrl+q")
        assert [str(message) for message in app._exit_renderables] == [CLOSED_PREVIEW]
    assert app.return_code == 0
    assert saves == []
    assert stored_entries(context) == []


async def test_the_safety_screen_still_comes_and_still_saves_nothing(
    context: AppContext, starter: Exercise, saves: list[Entry]
) -> None:
    save_settings(context.paths, Settings(country="IE", first_run_done=True))
    app = preview_app(context, starter)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "ctrl+n")
        await write(pilot, app, WORRYING)
        assert "116 123" in screen_words(app)  # the crisis lines, as in a real exercise
        await press(pilot, "enter")  # "I'm safe — continue"
        assert step_id(app) == "intensity_before"
    assert saves == []
    assert stored_entries(context) == []


async def test_a_signal_closes_it_with_the_code_a_shell_expects(
    context: AppContext, starter: Exercise
) -> None:
    app = preview_app(context, starter)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.close_for_signal(signal.SIGTERM)
        await pilot.pause()
        assert [str(message) for message in app._exit_renderables] == [CLOSED_PREVIEW]
    assert app.return_code == 143  # 128 + SIGTERM, never 0 ("all went as asked")
