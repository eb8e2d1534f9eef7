"""The daily check-in driven with the keyboard alone, as a person would, through Pilot."""

from __future__ import annotations

from cfcoach.context import AppContext
from cfcoach.tui.screens.completion import CompletionScreen
from cfcoach.tui.screens.home import HomeScreen
from cfcoach.tui.widgets.answer_list import AnswerList
from cfcoach.tui.widgets.rating_picker import RatingPicker
from cfcoach.tui.widgets.text_answer import AnswerArea
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, runner, screen_words, step_id, type_text

CRITIC = "You always mess things up"
THREAT = "Being left out"
DRIVE = "Being perfect at work"
KIND = "You are tired and doing your best"
ACTION = "Ring my sister"
NOTE = "The critic was loud after work"
# Every step of the check-in but the settling pause, which only a high rating adds.
LIKELY_STEPS = 16


async def test_complete_the_checkin_with_the_keyboard_alone(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "enter")  # "Start today's check-in" is highlighted first
        assert step_id(app) == "welcome"
        await press(pilot, "ctrl+n")
        assert step_id(app) == "critic"
        await type_text(pilot, CRITIC)
        await press(pilot, "ctrl+n")
        assert step_id(app) == "intensity_before"
        assert CRITIC in screen_words(app)  # the critic's words stay in view while rating
        await press(pilot, "5", "enter")
        assert step_id(app) == "feeling"
        await press(pilot, "space", "down", "space", "enter")  # the first two feelings
        assert step_id(app) == "threat"
        await type_text(pilot, THREAT)
        await press(pilot, "ctrl+n")
        assert step_id(app) == "drive"
        await type_text(pilot, DRIVE)
        await press(pilot, "ctrl+n")
        assert step_id(app) == "soothing_rhythm"
        await press(pilot, "ctrl+n")  # end the pause early
        assert step_id(app) == "compassionate_self"
        await press(pilot, "ctrl+n")  # and this one
        assert step_id(app) == "compassionate"
        text = screen_words(app)
        assert "What would your compassionate self say?" in text
        assert CRITIC in text  # the critic's words are pinned above the answer box
        await type_text(pilot, KIND)
        await press(pilot, "ctrl+n")
        assert step_id(app) == "correction_or_attack"
        await press(pilot, "enter")  # the first option: correction
        assert step_id(app) == "intensity_after"
        await press(pilot, "3", "enter")
        assert step_id(app) == "warmth_after"
        await press(pilot, "6", "enter")
        assert step_id(app) == "compassion_felt"
        await press(pilot, "down", "enter")  # "Awkward, but all right"
        assert step_id(app) == "kind_action"
        await type_text(pilot, ACTION)
        await press(pilot, "enter")  # a one-line answer goes on with Enter
        assert step_id(app) == "therapist_note"
        await type_text(pilot, NOTE)
        await press(pilot, "ctrl+n")
        assert step_id(app) == "summary"
        summary = screen_words(app)
        assert CRITIC in summary and KIND in summary and "Ashamed" in summary
        await press(pilot, "end")  # the rest of the review is further down at 80x24
        rest = screen_words(app)
        assert "3 out of 10" in rest and "6 out of 10" in rest and ACTION in rest
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, CompletionScreen)
        assert "Saved on this computer" in screen_words(app)
        await press(pilot, "h")
        assert isinstance(app.screen, HomeScreen)
        assert "completed" in screen_words(app)

    with context.open_store() as store:
        [entry] = store.recent(5)
        assert entry.status == "completed"
        assert entry.finished_at is not None
        assert entry.answers == {
            "critic": CRITIC,
            "intensity_before": 5,
            "feeling": ["ashamed", "anxious"],
            "threat": THREAT,
            "drive": DRIVE,
            "compassionate": KIND,
            "correction_or_attack": "correction",
            "intensity_after": 3,
            "warmth_after": 6,
            "compassion_felt": "awkward",
            "kind_action": ACTION,
        }
        assert entry.therapist_note == NOTE  # the note's one home, not an answer too
        assert store.latest_draft() is None


async def test_a_high_distress_rating_goes_to_the_settling_pause(make_app: MakeApp) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, CRITIC)
        await press(pilot, "ctrl+n")
        await press(pilot, "9", "enter")
        assert step_id(app) == "settle"
        text = screen_words(app)
        assert "Let's slow down first" in text
        assert "seconds left" in text
        await press(pilot, "enter")  # Enter never ends a pause by accident
        assert step_id(app) == "settle"
        await press(pilot, "ctrl+n")
        assert step_id(app) == "feeling"
        assert "What do those words stir up?" in screen_words(app)
        await press(pilot, "enter")  # nothing ticked: the feelings are optional
        assert step_id(app) == "threat"


async def test_back_keeps_the_earlier_answer(make_app: MakeApp) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, CRITIC)
        await press(pilot, "ctrl+n")
        assert step_id(app) == "intensity_before"
        await press(pilot, "7")  # chosen but not yet given
        await press(pilot, "ctrl+b")
        assert step_id(app) == "critic"
        assert app.screen.query_one(AnswerArea).text == CRITIC
        await press(pilot, "ctrl+n")
        assert step_id(app) == "intensity_before"
        assert app.screen.query_one(RatingPicker).value == 7  # what was chosen came back too


async def test_back_on_the_first_step_does_no_harm(make_app: MakeApp) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+b")
        assert step_id(app) == "welcome"
        assert "first step" in screen_words(app)
        await press(pilot, "ctrl+n")
        assert step_id(app) == "critic"


async def test_quit_halfway_then_continue_where_you_left_off(
    make_app: MakeApp, context: AppContext
) -> None:
    first = make_app(start_exercise="daily-checkin")
    async with first.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, CRITIC)
        await press(pilot, "ctrl+n")
        await press(pilot, "4", "enter")
        assert step_id(first) == "feeling"
        await press(pilot, "down", "down", "space", "enter")  # sad
        assert step_id(first) == "threat"
        await press(pilot, "ctrl+q")
    assert first.return_code == 0

    with context.open_store() as store:
        draft = store.latest_draft()
        assert draft is not None
        assert draft.answers == {"critic": CRITIC, "intensity_before": 4, "feeling": ["sad"]}

    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        home = screen_words(second)
        assert "Continue where you left off" in home
        assert "Daily check-in" in home and f"step 5 of {LIKELY_STEPS}" in home
        await press(pilot, "c")
        assert step_id(second) == "threat"
        assert CRITIC in screen_words(second)  # the pinned critic's words are back
        await press(pilot, "ctrl+b")
        assert step_id(second) == "feeling"
        assert second.screen.query_one("#answer").selected == ["sad"]  # type: ignore[attr-defined]
        await press(pilot, "ctrl+b")
        assert step_id(second) == "intensity_before"
        assert second.screen.query_one(RatingPicker).value == 4


async def test_continue_is_reachable_with_arrows_and_enter(make_app: MakeApp) -> None:
    first = make_app(start_exercise="daily-checkin")
    async with first.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await press(pilot, "ctrl+q")

    second = make_app()
    async with second.run_test(size=(80, 24)) as pilot:
        await press(pilot, "down", "enter")
        assert step_id(second) == "critic"


async def test_opening_an_exercise_with_a_draft_offers_to_continue_it(make_app: MakeApp) -> None:
    first = make_app(start_exercise="daily-checkin")
    async with first.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, CRITIC)
        await press(pilot, "ctrl+n")
        await press(pilot, "ctrl+q")

    second = make_app(start_exercise="daily-checkin")
    async with second.run_test(size=(80, 24)) as pilot:
        text = screen_words(second)
        assert "Welcome back" in text and f"step 3 of {LIKELY_STEPS}" in text
        await press(pilot, "enter")  # "Continue where I left off"
        assert step_id(second) == "intensity_before"

    third = make_app(start_exercise="daily-checkin")
    async with third.run_test(size=(80, 24)) as pilot:
        await press(pilot, "down", "enter")  # "Start afresh"
        assert step_id(third) == "welcome"


async def test_an_empty_answer_gets_a_kind_message_and_stays(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await press(pilot, "ctrl+n")  # nothing written yet
        assert step_id(app) == "critic"
        assert "This step asks for a few words" in screen_words(app)
        await type_text(pilot, CRITIC)
        await press(pilot, "ctrl+n")
        await press(pilot, "enter")  # no rating chosen yet
        assert step_id(app) == "intensity_before"
        assert "Choose a number from 0 to 10" in screen_words(app)
    with context.open_store() as store:
        draft = store.latest_draft()
        assert draft is not None and draft.answers == {"critic": CRITIC}


async def test_skip_leaves_a_step_unanswered(make_app: MakeApp, context: AppContext) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n", "ctrl+o")
        assert step_id(app) == "intensity_before"
        assert "(skipped)" in screen_words(app)  # the pinned critic's words were skipped
    with context.open_store() as store:
        draft = store.latest_draft()
        assert draft is not None and draft.skipped == ["critic"]


async def test_the_pinned_answer_box_is_labelled(make_app: MakeApp) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, CRITIC)
        await press(pilot, "ctrl+n")
        pinned = app.screen.query_one(AnswerList)
        assert pinned.border_title == "Your earlier answer"
        assert "The critic's words" in screen_words(app)
        assert runner(app).practice.session.answer_for("critic") == CRITIC


async def test_the_kind_message_clears_once_the_person_writes(make_app: MakeApp) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n", "ctrl+n")
        assert "This step asks for a few words" in screen_words(app)
        await type_text(pilot, "a")
        assert "This step asks for a few words" not in screen_words(app)
