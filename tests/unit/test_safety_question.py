"""The gentle safety question (asked once an entry, after a marked answer) and reading every
free-text field for danger: the engine, Practice, the shared words, the store."""

from __future__ import annotations

import pytest

from cfcoach.content import Exercise
from cfcoach.context import AppContext
from cfcoach.engine import ExerciseSession, SessionState
from cfcoach.practice import Practice, PreviewPractice, flagged
from cfcoach.safety_occasions import ASKED, NOTE, SAFETY_PLAN, occasion_for, screen_text
from cfcoach.safety_plan import SAFETY_PLAN_ID
from cfcoach.safety_question import QUESTION, REPLIES, read_reply

WORRYING = "Honestly everyone would be better off without me"


def to_feeling(session: ExerciseSession) -> None:
    for value in (None, "You always mess up.", 3):
        session.answer(value)
    assert session.state.current == "feeling"


# -- the engine ----------------------------------------------------------------------------


def test_ticking_hopeless_makes_the_question_due(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    to_feeling(session)
    session.answer(["sad", "hopeless"])
    assert session.safety_question_due("feeling")


def test_other_feelings_or_a_skip_ask_nothing(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    to_feeling(session)
    session.answer(["sad", "numb"])
    assert not session.safety_question_due("feeling")
    session.back()
    session.skip()
    assert not session.safety_question_due("feeling")
    assert not session.safety_question_due("critic")  # a text step is read, not marked


def test_the_question_is_asked_once_an_entry_and_its_answer_kept(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    to_feeling(session)
    session.answer(["hopeless"])
    session.safety_question_asked("feeling")
    assert not session.safety_question_due("feeling")  # asked: not again, answered or not
    session.safety_question_answered("no")

    session.back()
    session.answer(["hopeless", "alone"])  # back and on again
    assert not session.safety_question_due("feeling")
    assert session.state.safety_question is not None
    assert session.state.safety_question.model_dump() == {"step": "feeling", "reply": "no"}
    assert [(e.kind, e.step) for e in session.state.events] == [("safety_question", "feeling")]

    saved = session.state.model_dump(mode="json")
    resumed = ExerciseSession.resume(checkin, saved)
    resumed.back()
    resumed.answer(["hopeless"])
    assert not resumed.safety_question_due("feeling")
    assert resumed.state.safety_question == session.state.safety_question


def test_an_older_saved_state_without_the_question_still_resumes(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    to_feeling(session)
    saved = session.state.model_dump(mode="json")
    del saved["safety_question"]
    resumed = ExerciseSession.resume(checkin, saved)
    resumed.answer(["hopeless"])
    assert resumed.safety_question_due("feeling")


def test_answering_a_question_never_asked_is_a_mistake(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    with pytest.raises(RuntimeError):
        session.safety_question_answered("yes")


def test_a_rating_threshold_makes_the_question_due() -> None:
    from cfcoach.content import load_exercise_text

    exercise = load_exercise_text(
        "id: d\ntitle: D\nsummary: S.\nminutes: 1\nversion: 1\nsteps:\n"
        "  - {id: distress, kind: rating, title: Distress, ask_about_safety: {at_least: 9}}\n"
        "  - {id: done, kind: info, title: Done}\n",
        "d.yaml",
    )
    for rating, due in ((8, False), (9, True)):
        session = ExerciseSession.start(exercise)
        session.answer(rating)
        assert session.safety_question_due("distress") is due


# -- Practice -------------------------------------------------------------------------------


@pytest.mark.parametrize(("reply", "screen"), [("yes", True), ("sometimes", True), ("no", False)])
def test_practice_saves_that_it_asked_and_the_answer(
    context: AppContext, checkin: Exercise, reply: str, screen: bool
) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, checkin, context.clock)
        for value in (None, "You always mess up.", 3, ["hopeless"]):
            practice.answer(value)
        assert practice.safety_question_due("feeling")
        practice.ask_about_safety("feeling")
        assert store.latest_draft().state["safety_question"] == {  # type: ignore[union-attr]
            "step": "feeling",
            "reply": None,
        }
        assert practice.safety_question_answered(reply) is screen  # type: ignore[arg-type]
        draft = store.latest_draft()
        assert draft is not None
        assert draft.state["safety_question"] == {"step": "feeling", "reply": reply}
        assert not Practice.resume(store, checkin, draft).safety_question_due("feeling")


def test_words_given_again_unchanged_are_not_read_again(
    context: AppContext, checkin: Exercise
) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, checkin, context.clock)
        practice.answer()
        assert practice.answer(WORRYING) is not None
        practice.back()
        assert practice.answer(WORRYING) is None  # the screen was shown for these words
        practice.back()
        assert practice.answer(WORRYING + " anyway") is not None  # changed: read again


def test_a_safety_plan_part_kept_as_it_was_is_not_read_again(context: AppContext) -> None:
    plan = context.library.get(SAFETY_PLAN_ID)
    assert plan is not None
    signs = "When I start thinking about killing myself"
    with context.open_store() as store:
        practice = Practice.begin(store, plan, context.clock, earlier={"warning_signs": signs})
        practice.answer()  # intro
        assert practice.answer(signs) is None  # kept from the plan before
        practice.back()
        assert practice.skip() is None  # skipping it unchanged neither
        practice.back()
        assert practice.answer(signs + ", and not sleeping") is not None


def test_stopping_reads_the_words_typed_and_keeps_them(
    context: AppContext, checkin: Exercise
) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, checkin, context.clock)
        practice.answer()
        practice.keep_typing(WORRYING)
        assessment = practice.stop()
        assert assessment is not None and assessment.flagged
        [entry] = store.recent(1)
        assert entry.status == "stopped" and entry.state["pending"] == {"critic": WORRYING}


def test_stopping_with_nothing_typed_reads_nothing(context: AppContext, checkin: Exercise) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, checkin, context.clock)
        practice.answer()
        assert practice.stop() is None


def test_skipping_reads_the_words_typed(context: AppContext, checkin: Exercise) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, checkin, context.clock)
        practice.answer()
        assert practice.skip(WORRYING) is not None
        practice.back()
        practice.keep_typing(WORRYING)
        assert practice.skip() is not None  # the words kept unsent in the draft
        practice.back()
        assert practice.skip("I'm such a failure") is None


def test_a_preview_asks_too_and_saves_nothing(context: AppContext, checkin: Exercise) -> None:
    with context.open_store() as store:
        practice = PreviewPractice.begin(store, checkin, context.clock)
        for value in (None, "You always mess up.", 3, ["hopeless"]):
            practice.answer(value)
        assert practice.safety_question_due("feeling")
        practice.ask_about_safety("feeling")
        assert practice.safety_question_answered("yes")
        assert store.recent(5) == []


def test_flagged_reads_words_and_ignores_blanks() -> None:
    assert flagged(WORRYING) is not None
    assert flagged("I'm such a failure") is None
    assert flagged("  ") is None and flagged(None) is None


# -- the shared words -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "reply"),
    [
        ("1", "yes"),
        (" Yes ", "yes"),
        ("y", "yes"),
        ("2", "sometimes"),
        ("SOMETIMES", "sometimes"),
        ("3", "no"),
        ("no.", "no"),
        ("4", "rather_not_say"),
        ("I'd rather not say", "rather_not_say"),
        ("I’d  rather not say", "rather_not_say"),
        ("rather not say", "rather_not_say"),
    ],
)
def test_a_typed_answer_is_a_number_or_the_words(typed: str, reply: str) -> None:
    assert read_reply(typed) == reply


@pytest.mark.parametrize("typed", ["", "5", "0", "maybe", "Being seen as lazy", "/skip"])
def test_anything_else_is_no_answer(typed: str) -> None:
    assert read_reply(typed) is None


def test_the_question_is_direct_and_offers_four_answers() -> None:
    assert "not wanting to be alive" in QUESTION and QUESTION.endswith("?")
    assert [label for _, label in REPLIES] == ["Yes", "Sometimes", "No", "I'd rather not say"]


def test_the_occasion_of_words() -> None:
    assert occasion_for("daily-checkin", "critic") == "words"
    assert occasion_for("daily-checkin", "therapist_note") == "note"
    assert occasion_for(SAFETY_PLAN_ID, "warning_signs") == "safety_plan"


def test_the_safety_screen_words_fit_the_occasion() -> None:
    words = screen_text("words", "crisis", "GB", None)
    assert "might be in danger" in words.acknowledgement
    assert screen_text("asked", "concern", "GB", None).acknowledgement == ASKED
    assert screen_text("safety_plan", "crisis", "GB", None).acknowledgement == SAFETY_PLAN
    note = screen_text("note", "crisis", "GB", "Warning signs:\n  Not sleeping")
    assert note.acknowledgement.startswith(words.acknowledgement)
    assert note.acknowledgement.endswith(NOTE)
    for occasion in ("words", "asked", "safety_plan", "note"):
        text = screen_text(occasion, "concern", "GB", "plan")  # type: ignore[arg-type]
        assert "116 123" in text.resources and text.plan == "plan"


# -- the store ---------------------------------------------------------------------------------


def test_the_store_notes_a_safety_screen_on_an_entry(
    context: AppContext, checkin: Exercise
) -> None:
    from cfcoach.store import StoreError

    with context.open_store() as store:
        practice = Practice.begin(store, checkin, context.clock)
        entry_id = practice.entry.id
        assert entry_id is not None
        store.mark_safety_shown(entry_id)
        assert store.get(entry_id).safety_shown is True  # type: ignore[union-attr]
        with pytest.raises(StoreError):
            store.mark_safety_shown(entry_id + 100)


def test_a_state_with_the_question_round_trips() -> None:
    state = SessionState.model_validate(
        {
            "exercise_id": "x",
            "exercise_version": 1,
            "current": None,
            "safety_question": {"step": "feeling", "reply": "rather_not_say"},
        }
    )
    assert SessionState.model_validate(state.model_dump(mode="json")) == state
