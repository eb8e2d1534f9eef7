"""'This is too much right now': every choice leads somewhere kind, and nothing is lost."""

from __future__ import annotations

from cfcoach.context import AppContext
from cfcoach.tui.screens.completion import CompletionScreen
from cfcoach.tui.screens.grounding import GroundingScreen
from cfcoach.tui.screens.runner import RunnerScreen
from cfcoach.tui.screens.too_much import TooMuchScreen
from cfcoach.tui.widgets.text_answer import AnswerArea
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_words, step_id, type_text

WORDS = "Nobody likes me"


async def test_grounding_returns_to_the_step_with_the_words_still_there(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, WORDS)
        await press(pilot, "ctrl+t")
        assert isinstance(app.screen, TooMuchScreen)
        assert "That's OK. What would help right now?" in screen_words(app)
        await press(pilot, "enter")  # "A short grounding pause" is first
        assert isinstance(app.screen, GroundingScreen)
        text = screen_words(app)
        assert "Feel where your body is" in text  # the exercise's own grounding words
        assert "30 seconds left" in text
        await press(pilot, "ctrl+n")  # go back early
        assert isinstance(app.screen, RunnerScreen)
        assert step_id(app) == "critic"
        assert app.screen.query_one(AnswerArea).text == WORDS
        assert app.focused is app.screen.query_one(AnswerArea)
    with context.open_store() as store:
        draft = store.latest_draft()
        assert draft is not None
        kinds = [(event["kind"], event["step"]) for event in draft.state["events"]]
        assert kinds == [("too_much", "critic"), ("grounding", "critic")]


async def test_skip_from_too_much_records_a_skip(make_app: MakeApp, context: AppContext) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n", "ctrl+t", "down", "enter")
        assert isinstance(app.screen, RunnerScreen)
        assert step_id(app) == "intensity_before"
    with context.open_store() as store:
        draft = store.latest_draft()
        assert draft is not None and draft.skipped == ["critic"]


async def test_stop_keeps_what_was_written(make_app: MakeApp, context: AppContext) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, WORDS)
        await press(pilot, "ctrl+n")
        await press(pilot, "ctrl+t", "down", "down", "enter")
        assert isinstance(app.screen, CompletionScreen)
        text = screen_words(app)
        assert "What you wrote is saved on this computer" in text
        assert WORDS in text
        await press(pilot, "q")
    assert app.return_code == 0
    with context.open_store() as store:
        [entry] = store.recent(5)
        assert entry.status == "stopped"
        assert entry.answers == {"critic": WORDS}
        assert store.latest_draft() is None


async def test_escape_or_go_back_returns_to_the_step(make_app: MakeApp) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, WORDS)
        await press(pilot, "ctrl+t", "escape")
        assert isinstance(app.screen, RunnerScreen) and step_id(app) == "critic"
        await press(pilot, "ctrl+t", "up", "enter")  # up wraps round to "Go back to the step"
        assert isinstance(app.screen, RunnerScreen) and step_id(app) == "critic"
        assert app.screen.query_one(AnswerArea).text == WORDS
