"""In the coach: ticking "Hopeless" brings one gentle question; every free-text field a
person saves (a note, their safety plan, words typed then stopped or skipped) is read."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, TextArea

from cfcoach.config import Settings, save_settings
from cfcoach.context import AppContext
from cfcoach.practice import Practice
from cfcoach.safety_occasions import ASKED, NOTE, SAFETY_PLAN
from cfcoach.safety_plan import SAFETY_PLAN_ID
from cfcoach.safety_question import QUESTION, TITLE
from cfcoach.store import Entry
from cfcoach.tui.screens.completion import CompletionScreen
from cfcoach.tui.screens.entry_view import EntryScreen
from cfcoach.tui.screens.grounding import GroundingScreen
from cfcoach.tui.screens.note import NoteScreen
from cfcoach.tui.screens.runner import RunnerScreen
from cfcoach.tui.screens.safety import SafetyScreen
from cfcoach.tui.screens.safety_question import SafetyQuestionScreen
from cfcoach.tui.screens.too_much import TooMuchScreen
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_words, step_id, type_text
from tests.tui.history_data import END, checkin, save

CRITIC = "You always mess things up"
WORRYING = "Honestly everyone would be better off without me"
HOPELESS_DOWN = ("down",) * 4  # Ashamed, Anxious, Sad, Angry, then Hopeless


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(autouse=True)
def in_ireland(context: AppContext) -> None:
    save_settings(context.paths, Settings(country="IE", first_run_done=True))


async def to_feelings(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await press(pilot, "ctrl+n")  # welcome
    await type_text(pilot, CRITIC)
    await press(pilot, "ctrl+n")
    await press(pilot, "4", "enter")
    assert step_id(app) == "feeling"


async def tick_hopeless(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await press(pilot, *HOPELESS_DOWN, "space", "ctrl+n")


def draft(context: AppContext) -> Entry:
    with context.open_store() as store:
        found = store.latest_draft()
    assert found is not None
    return found


def events(entry: Entry) -> list[tuple[str, str]]:
    return [(e["kind"], e["step"]) for e in entry.state["events"]]


# -- the gentle question -----------------------------------------------------------------


async def test_ticking_hopeless_asks_and_yes_brings_the_safety_screen(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_feelings(pilot, app)
        await tick_hopeless(pilot, app)
        assert isinstance(app.screen, SafetyQuestionScreen)
        shown = screen_words(app)
        assert TITLE in shown and words(QUESTION) in shown
        for label in ("Yes", "Sometimes", "No", "I'd rather not say"):
            assert label in shown
        choices = app.screen.query_one(OptionList)
        assert choices.has_focus and choices.highlighted == 0  # keyboard ready at once
        assert draft(context).state["safety_question"] == {"step": "feeling", "reply": None}

        await press(pilot, "enter")  # "Yes"
        assert isinstance(app.screen, SafetyScreen)
        assert words(ASKED) in screen_words(app)
        entry = draft(context)
        assert entry.answers["feeling"] == ["hopeless"]
        assert entry.safety_shown is True
        assert entry.state["safety_question"] == {"step": "feeling", "reply": "yes"}
        assert events(entry) == [("safety_question", "feeling"), ("safety_screen", "feeling")]

        await press(pilot, "enter")  # "I'm safe — continue"
        assert isinstance(app.screen, RunnerScreen)
        assert step_id(app) == "threat"


async def test_sometimes_brings_the_safety_screen_too(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_feelings(pilot, app)
        await tick_hopeless(pilot, app)
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, SafetyScreen)
        await press(pilot, "down", "down", "enter")  # a grounding exercise
        assert isinstance(app.screen, GroundingScreen)
        await press(pilot, "ctrl+n")
        assert step_id(app) == "threat"
    assert draft(context).state["safety_question"]["reply"] == "sometimes"


@pytest.mark.parametrize(
    ("keys", "reply"), [(("down", "down", "enter"), "no"), (("escape",), "rather_not_say")]
)
async def test_no_or_escape_goes_on_calmly(
    make_app: MakeApp, context: AppContext, keys: tuple[str, ...], reply: str
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_feelings(pilot, app)
        await tick_hopeless(pilot, app)
        await press(pilot, *keys)
        assert isinstance(app.screen, RunnerScreen)
        assert step_id(app) == "threat"
    entry = draft(context)
    assert entry.safety_shown is False
    assert entry.state["safety_question"] == {"step": "feeling", "reply": reply}


async def test_other_feelings_ask_nothing(make_app: MakeApp, context: AppContext) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_feelings(pilot, app)
        await press(pilot, "space", "down", "down", "space", "ctrl+n")  # ashamed, sad
        assert isinstance(app.screen, RunnerScreen)
        assert step_id(app) == "threat"
    assert draft(context).state.get("safety_question") is None


async def test_back_and_forward_or_a_resume_never_ask_again(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_feelings(pilot, app)
        await tick_hopeless(pilot, app)
        await press(pilot, "down", "down", "enter")  # no
        assert step_id(app) == "threat"
        await press(pilot, "ctrl+b")
        assert step_id(app) == "feeling"
        await press(pilot, "ctrl+n")  # Hopeless still ticked
        assert isinstance(app.screen, RunnerScreen) and step_id(app) == "threat"
        await press(pilot, "ctrl+b", "ctrl+q")

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await press(pilot, "c")  # continue where you left off: the feelings step
        assert step_id(again) == "feeling"
        await press(pilot, "ctrl+n")
        assert isinstance(again.screen, RunnerScreen) and step_id(again) == "threat"
    assert events(draft(context)).count(("safety_question", "feeling")) == 1


async def test_help_now_works_over_the_question(make_app: MakeApp) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_feelings(pilot, app)
        await tick_hopeless(pilot, app)
        await press(pilot, "f1")
        assert "116 123" in screen_words(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, SafetyQuestionScreen)


# -- every free-text field is read ----------------------------------------------------------


async def test_a_worrying_note_edited_in_history_is_saved_then_meets_the_safety_screen(
    make_app: MakeApp, context: AppContext
) -> None:
    with context.open_store() as store:
        entry_id = save(store, END, answers=checkin("You're so lazy")).id
    assert entry_id is not None
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "h")
        await press(pilot, "n")
        assert isinstance(app.screen, NoteScreen)
        await type_text(pilot, WORRYING)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SafetyScreen)
        assert words(NOTE) in screen_words(app)
        with context.open_store() as store:
            saved = store.get(entry_id)
        assert saved is not None
        assert saved.therapist_note == WORRYING and saved.safety_shown is True
        await press(pilot, "enter")  # I'm safe — continue
        assert "history" in type(app.screen).__name__.lower()

        await press(pilot, "n", "ctrl+s")  # the same note saved again: not read again
        assert not isinstance(app.screen, SafetyScreen)


async def test_a_worrying_note_from_the_entry_view_too(
    make_app: MakeApp, context: AppContext
) -> None:
    with context.open_store() as store:
        save(store, END, answers=checkin("You're so lazy"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "h", "enter")
        assert isinstance(app.screen, EntryScreen)
        await press(pilot, "n")
        await type_text(pilot, WORRYING)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SafetyScreen)
        await press(pilot, "down", "down", "enter")  # a grounding exercise
        assert isinstance(app.screen, GroundingScreen)
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, EntryScreen)
        assert WORRYING in screen_words(app)


async def test_an_ordinary_note_goes_straight_on(make_app: MakeApp, context: AppContext) -> None:
    with context.open_store() as store:
        entry_id = save(store, END, answers=checkin("You're so lazy")).id
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "h", "n")
        await type_text(pilot, "Can we talk about the meeting?")
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, SafetyScreen)
    with context.open_store() as store:
        assert store.get(entry_id).safety_shown is False  # type: ignore[union-attr]


async def test_the_safety_plan_gets_words_that_fit(make_app: MakeApp, context: AppContext) -> None:
    app = make_app(start_exercise=SAFETY_PLAN_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")  # intro
        assert step_id(app) == "warning_signs"
        app.screen.query_one(TextArea).text = "When I start thinking about killing myself"
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, SafetyScreen)
        assert words(SAFETY_PLAN) in screen_words(app)
        await press(pilot, "enter")
        assert step_id(app) == "on_my_own"


async def test_a_plan_kept_as_it_was_is_not_read_again(
    make_app: MakeApp, context: AppContext
) -> None:
    plan = context.library.get(SAFETY_PLAN_ID)
    assert plan is not None
    with context.open_store() as store:
        practice = Practice.begin(store, plan, context.clock)
        practice.answer()
        practice.answer("When I start thinking about killing myself")
        while not practice.session.finished:
            practice.skip()
    app = make_app(start_exercise=SAFETY_PLAN_ID)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n", "ctrl+n")  # the intro, then the warning signs kept
        assert isinstance(app.screen, RunnerScreen) and step_id(app) == "on_my_own"


async def test_stopping_with_worrying_words_typed_keeps_them_and_shows_the_lines(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, WORRYING)
        await press(pilot, "ctrl+t")
        assert isinstance(app.screen, TooMuchScreen)
        await press(pilot, "down", "down", "enter")  # stop here and keep what I wrote
        assert isinstance(app.screen, SafetyScreen)
        with context.open_store() as store:
            [entry] = store.recent(5)
        assert entry.status == "stopped" and entry.safety_shown is True
        assert entry.state["pending"] == {"critic": WORRYING}
        await press(pilot, "enter")
        assert isinstance(app.screen, CompletionScreen)


async def test_skipping_with_worrying_words_typed_shows_the_lines(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        app.screen.query_one(TextArea).text = WORRYING
        await press(pilot, "ctrl+o")
        assert isinstance(app.screen, SafetyScreen)
        assert events(draft(context))[-1] == ("safety_screen", "critic")
        await press(pilot, "enter")
        assert step_id(app) == "intensity_before"


async def test_a_worrying_note_step_says_the_note_waits_for_an_export(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        practice = runner.practice
        for value in (None, CRITIC, 4, ["sad"], "Being left out", "Perfect work", None, None):
            practice.answer(value)
        for value in ("You're tired", "correction", 3, 6, "awkward", "Tea"):
            practice.answer(value)
        await runner.show_step()
        await pilot.pause()
        assert step_id(app) == "therapist_note"
        app.screen.query_one(TextArea).text = WORRYING
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, SafetyScreen)
        assert words(NOTE) in screen_words(app)
