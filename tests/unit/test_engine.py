"""The exercise state machine: branches, answers, skip / back / stop, progress, resume."""

from __future__ import annotations

import json
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cfcoach.content import (
    ChoiceStep,
    Condition,
    Exercise,
    RatingStep,
    StepBase,
    TextStep,
    load_exercise_file,
    load_exercise_text,
)
from cfcoach.engine import AnswerError, ExerciseSession, ResumeError, holds
from cfcoach.paths import shipped_content_dir

SHIPPED = sorted((shipped_content_dir() / "exercises").glob("*.y*ml"))
CHECKIN_PATH = shipped_content_dir() / "exercises" / "daily-checkin.yaml"

# A small exercise with the step kinds the daily check-in does not use, and a branch on a choice.
KINDS = dedent(
    """\
    id: kinds
    title: Every kind
    summary: Choices, optional answers and a review.
    minutes: 3
    version: 2
    steps:
      - id: mood
        kind: choice
        title: Mood
        options:
          - {value: calm, label: Calm}
          - {value: tense, label: Tense}
          - {value: low, label: Low}
        next:
          - when: {answer: mood, one_of: [tense, low]}
            goto: which
          - goto: note
      - id: which
        kind: choice
        title: Which systems?
        multiple: true
        optional: true
        options:
          - {value: threat, label: Threat}
          - {value: drive, label: Drive}
          - {value: soothe, label: Soothe}
      - id: note
        kind: text
        title: A note
        optional: true
        max_length: 20
      - id: score
        kind: rating
        title: Score
        optional: true
      - id: breathe
        kind: pause
        title: Breathe
        seconds: 5
      - id: summary
        kind: review
        title: Summary
        show: [mood, which, note, score]
    """
)


@pytest.fixture
def kinds() -> Exercise:
    return load_exercise_text(KINDS, "kinds.yaml")


def walk(session: ExerciseSession, *answers: Any) -> None:
    """Answer the current step with each value in turn."""
    for value in answers:
        session.answer(value)


def current(session: ExerciseSession) -> str | None:
    return session.state.current


# -- the daily check-in's branches --------------------------------------------------------


@pytest.mark.parametrize("rating", [0, 3, 7])
def test_a_low_rating_goes_to_threat(checkin: Exercise, rating: int) -> None:
    session = ExerciseSession.start(checkin)
    assert current(session) == "welcome"
    walk(session, None, "You always mess up.", rating)
    # No settling pause: straight on to what the words stir up, then to the threat question.
    assert current(session) == "feeling"
    session.answer(["ashamed"])
    assert current(session) == "threat"
    assert "settle" not in session.state.trail
    assert session.answer_for("intensity_before") == rating


@pytest.mark.parametrize("rating", [8, 10, "9"])
def test_a_high_rating_settles_first_then_goes_on(checkin: Exercise, rating: Any) -> None:
    session = ExerciseSession.start(checkin)
    walk(session, None, "You always mess up.", rating)
    assert current(session) == "settle"
    session.answer()
    assert current(session) == "feeling"
    session.answer(["anxious"])
    assert current(session) == "threat"
    assert session.state.trail == ["welcome", "critic", "intensity_before", "settle", "feeling"]
    assert session.answer_for("intensity_before") == int(rating)


def test_a_whole_check_in(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    walk(session, None, "You're useless.", 4, ["sad", "ashamed"], "Being left out.")
    walk(session, "Perfect work.", None, None, "You're tired and you care.", "both", 2, 6)
    walk(session, "awkward", "A short walk.", "The critic was loud today.")
    assert current(session) == "summary"
    assert not session.finished
    session.answer()
    assert session.finished
    assert session.step is None
    assert session.state.status == "completed"
    assert session.state.trail == [
        "welcome",
        "critic",
        "intensity_before",
        "feeling",
        "threat",
        "drive",
        "soothing_rhythm",
        "compassionate_self",
        "compassionate",
        "correction_or_attack",
        "intensity_after",
        "warmth_after",
        "compassion_felt",
        "kind_action",
        "therapist_note",
        "summary",
    ]
    assert session.state.answers == {
        "critic": "You're useless.",
        "intensity_before": 4,
        "feeling": ["ashamed", "sad"],  # in the options' order
        "threat": "Being left out.",
        "drive": "Perfect work.",
        "compassionate": "You're tired and you care.",
        "correction_or_attack": "both",
        "intensity_after": 2,
        "warmth_after": 6,
        "compassion_felt": "awkward",
        "kind_action": "A short walk.",
        "therapist_note": "The critic was loud today.",
    }
    assert session.state.skipped == []
    with pytest.raises(RuntimeError):
        session.answer("more")


def test_a_step_that_asks_nothing_ignores_a_value(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    session.answer("ignored")
    assert current(session) == "critic"
    assert session.state.answers == {}


# -- answers are checked -------------------------------------------------------------------


@pytest.mark.parametrize("empty", [None, "", "   ", "\n\n"])
def test_required_text_cannot_be_empty(checkin: Exercise, empty: Any) -> None:
    session = ExerciseSession.start(checkin)
    session.answer()
    before = session.state.model_copy(deep=True)
    with pytest.raises(AnswerError, match="skip"):
        session.answer(empty)
    assert session.state == before  # nothing changed


def test_text_keeps_inner_lines_and_drops_outer_blank_lines(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    walk(session, None, "\nfirst line\n  second line  \n\n")
    assert session.answer_for("critic") == "first line\n  second line  "


def test_optional_text_may_be_left_empty(kinds: Exercise) -> None:
    session = ExerciseSession.start(kinds)
    walk(session, "calm")
    assert current(session) == "note"
    session.answer("  ")
    assert current(session) == "score"
    assert session.answer_for("note") is None
    assert "note" in session.state.skipped


def test_clearing_an_optional_answer_removes_it(kinds: Exercise) -> None:
    session = ExerciseSession.start(kinds)
    walk(session, "calm", "a first thought")
    assert session.back()
    assert session.answer_for("note") == "a first thought"
    session.answer("")
    assert session.answer_for("note") is None
    assert "note" in session.state.skipped


def test_text_longer_than_allowed(kinds: Exercise) -> None:
    session = ExerciseSession.start(kinds)
    walk(session, "calm")
    with pytest.raises(AnswerError, match="20 characters"):
        session.answer("x" * 21)
    session.answer("x" * 20)
    assert session.answer_for("note") == "x" * 20


@pytest.mark.parametrize("good", [0, 10, "0", " 10 ", 5])
def test_rating_boundaries_and_numbers_as_text(checkin: Exercise, good: Any) -> None:
    session = ExerciseSession.start(checkin)
    walk(session, None, "words", good)
    assert session.answer_for("intensity_before") == int(str(good).strip())


@pytest.mark.parametrize(
    "bad", [-1, 11, 100, "eleven", "5.5", 5.5, 7.0, True, "", None, [5], "1e1"]
)
def test_rating_out_of_range_or_not_a_whole_number(checkin: Exercise, bad: Any) -> None:
    session = ExerciseSession.start(checkin)
    walk(session, None, "words")
    before = session.state.model_copy(deep=True)
    with pytest.raises(AnswerError, match="0 to 10"):
        session.answer(bad)
    assert session.state == before


def test_an_optional_rating_may_be_left_out(kinds: Exercise) -> None:
    session = ExerciseSession.start(kinds)
    walk(session, "calm", "note")
    assert current(session) == "score"
    session.answer(None)
    assert current(session) == "breathe"
    assert "score" in session.state.skipped


def test_single_choice(kinds: Exercise) -> None:
    session = ExerciseSession.start(kinds)
    session.answer("tense")
    assert session.answer_for("mood") == "tense"
    assert current(session) == "which"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("angry", "options shown"),
        (["calm", "tense"], "just one"),
        (None, "Choose one"),
        ([], "Choose one"),
        (3, "options shown"),
        (["calm", "angry"], "options shown"),
    ],
)
def test_single_choice_rejects(kinds: Exercise, bad: Any, message: str) -> None:
    session = ExerciseSession.start(kinds)
    with pytest.raises(AnswerError, match=message):
        session.answer(bad)
    assert current(session) == "mood"
    assert session.state.answers == {}


def test_multiple_choice_keeps_the_options_order(kinds: Exercise) -> None:
    session = ExerciseSession.start(kinds)
    walk(session, "low", ["soothe", "threat", "soothe"])
    assert session.answer_for("which") == ["threat", "soothe"]


def test_multiple_choice_rejects_an_unknown_value(kinds: Exercise) -> None:
    session = ExerciseSession.start(kinds)
    session.answer("low")
    with pytest.raises(AnswerError, match="options shown"):
        session.answer(["threat", "anger"])
    assert session.answer_for("which") is None


def test_an_optional_multiple_choice_may_be_empty(kinds: Exercise) -> None:
    session = ExerciseSession.start(kinds)
    walk(session, "low", [])
    assert current(session) == "note"
    assert "which" in session.state.skipped
    assert session.answer_for("which") is None


# -- skip, back, stop, too much ---------------------------------------------------------------


def test_skip_records_the_step_and_clears_its_answer(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    walk(session, None, "harsh words")
    session.back()
    assert session.answer_for("critic") == "harsh words"
    session.skip()
    assert current(session) == "intensity_before"
    assert session.answer_for("critic") is None
    assert session.state.skipped == ["critic"]
    assert [(e.kind, e.step) for e in session.state.events] == [("skipped", "critic")]


def test_answering_a_skipped_step_unskips_it(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    session.answer()
    session.skip()
    session.back()
    session.answer("now I can")
    assert session.state.skipped == []
    assert session.answer_for("critic") == "now I can"


def test_skipping_a_rating_takes_the_fallback_branch(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    walk(session, None, "words")
    session.skip()
    assert current(session) == "feeling"  # not the settling pause
    assert "settle" not in session.state.trail


def test_back_keeps_answers_and_going_on_again_rebranches(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    walk(session, None, "words", 9)
    assert current(session) == "settle"
    assert session.back()
    assert current(session) == "intensity_before"
    assert session.answer_for("intensity_before") == 9
    assert session.answer_for("critic") == "words"
    session.answer(3)
    assert current(session) == "feeling"
    assert session.state.trail == ["welcome", "critic", "intensity_before"]
    session.back()
    session.answer(8)
    assert current(session) == "settle"


def test_back_at_the_first_step_does_nothing(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    assert not session.can_go_back
    assert session.back() is False
    assert current(session) == "welcome"


def test_back_after_finishing_does_nothing(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    session.stop()
    assert session.back() is False


def test_stop_keeps_answers(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    walk(session, None, "words", 5)
    session.stop()
    assert session.finished
    assert session.state.status == "stopped"
    assert session.state.answers == {"critic": "words", "intensity_before": 5}
    assert session.state.events[-1].kind == "stopped"
    assert session.state.events[-1].step == "feeling"
    with pytest.raises(RuntimeError):
        session.skip()
    session.stop()  # a second stop changes nothing
    assert [e.kind for e in session.state.events].count("stopped") == 1


def test_too_much_and_grounding_are_recorded_without_moving(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    session.answer()
    session.too_much()
    session.grounded()
    assert current(session) == "critic"
    assert [(e.kind, e.step) for e in session.state.events] == [
        ("too_much", "critic"),
        ("grounding", "critic"),
    ]


# -- progress ---------------------------------------------------------------------------------


def test_progress_counts_the_likely_path(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    # Every step but the settling pause, which only a high rating adds: sixteen.
    likely = len([step for step in checkin.steps if step.id != "settle"])
    assert likely == 16
    assert session.progress() == (1, likely)
    walk(session, None, "words")
    assert session.progress() == (3, likely)
    session.answer(9)
    assert session.progress() == (4, likely + 1)
    session.back()
    assert session.progress() == (3, likely + 1)  # the rating 9 is still given
    session.answer(1)
    assert session.progress() == (4, likely)


def test_progress_along_a_whole_run_is_sane(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    values = {"critic": "w", "intensity_before": 10, "threat": "t", "drive": "d"}
    values |= {"compassionate": "c", "correction_or_attack": "unsure", "intensity_after": 0}
    values |= {"warmth_after": 3}
    numbers = []
    while not session.finished:
        number, total = session.progress()
        assert 1 <= number <= total <= len(checkin.steps)
        numbers.append(number)
        assert session.step is not None
        session.answer(values.get(session.step.id))
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) == len(checkin.steps)  # the high rating took in the settling pause
    assert session.progress() == (len(numbers), len(numbers))


# -- conditions -------------------------------------------------------------------------------


def cond(**fields: Any) -> Condition:
    return Condition.model_validate(fields)


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        (cond(answer="r", at_least=8), {"r": 8}, True),
        (cond(answer="r", at_least=8), {"r": 7}, False),
        (cond(answer="r", at_most=3), {"r": 3}, True),
        (cond(answer="r", at_most=3), {"r": 4}, False),
        (cond(answer="r", at_least=0), {}, False),
        (cond(answer="r", at_least=0), {"r": "9"}, False),  # text is not a number
        (cond(answer="r", answered=True), {"r": 0}, True),
        (cond(answer="r", answered=True), {}, False),
        (cond(answer="r", answered=False), {}, True),
        (cond(answer="r", answered=False), {"r": "x"}, False),
        (cond(answer="c", equals="calm"), {"c": "calm"}, True),
        (cond(answer="c", equals="calm"), {"c": "tense"}, False),
        (cond(answer="c", equals="calm"), {}, False),
        (cond(answer="r", equals=5), {"r": 5}, True),
        (cond(answer="m", equals="a"), {"m": ["b", "a"]}, True),
        (cond(answer="m", equals="a"), {"m": ["b"]}, False),
        (cond(answer="c", one_of=["a", "b"]), {"c": "b"}, True),
        (cond(answer="c", one_of=["a", "b"]), {"c": "z"}, False),
        (cond(answer="m", one_of=["a", "b"]), {"m": ["z", "b"]}, True),
        (cond(answer="m", one_of=["a", "b"]), {"m": ["z"]}, False),
        (cond(answer="m", one_of=["a"]), {"m": []}, False),
        (cond(answer="r", one_of=[1, 2]), {"r": 2}, True),
    ],
)
def test_simple_conditions(condition: Condition, answers: dict[str, Any], expected: bool) -> None:
    assert holds(condition, answers) is expected


@pytest.mark.parametrize(
    ("answers", "all_", "any_", "not_"),
    [
        ({"r": 9, "c": "calm"}, True, True, False),
        ({"r": 9, "c": "tense"}, False, True, True),
        ({"r": 1, "c": "calm"}, False, True, False),
        ({"r": 1, "c": "tense"}, False, False, True),
        ({}, False, False, True),
    ],
)
def test_combined_conditions(answers: dict[str, Any], all_: bool, any_: bool, not_: bool) -> None:
    high = {"answer": "r", "at_least": 8}
    calm = {"answer": "c", "equals": "calm"}
    assert holds(cond(all=[high, calm]), answers) is all_
    assert holds(cond(any=[high, calm]), answers) is any_
    assert holds(Condition.model_validate({"not": calm}), answers) is not_
    assert holds(cond(all=[]), answers) is True
    assert holds(cond(any=[]), answers) is False


def test_nested_conditions() -> None:
    condition = Condition.model_validate(
        {
            "any": [
                {
                    "all": [
                        {"answer": "a", "answered": True},
                        {"not": {"answer": "b", "equals": "x"}},
                    ]
                }
            ]
        }
    )
    assert holds(condition, {"a": "1"})
    assert holds(condition, {"a": "1", "b": "y"})
    assert not holds(condition, {"a": "1", "b": "x"})
    assert not holds(condition, {"b": "y"})
    assert condition.referenced_steps() == {"a", "b"}


@pytest.mark.parametrize(
    "fields",
    [
        {"answer": "a"},
        {"at_least": 3},
        {"answer": "a", "at_least": 3, "equals": "x"},
        {"all": [], "any": []},
        {"answer": "a", "all": []},
    ],
)
def test_a_malformed_condition_is_refused(fields: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Condition.model_validate(fields)


def test_a_branch_on_a_choice(kinds: Exercise) -> None:
    calm = ExerciseSession.start(kinds)
    calm.answer("calm")
    assert current(calm) == "note"
    low = ExerciseSession.start(kinds)
    low.answer("low")
    assert current(low) == "which"


# -- saving and resuming ------------------------------------------------------------------


def test_state_round_trips_through_json(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    walk(session, None, "line one\nline two", 9)
    session.too_much()
    session.skip()
    session.back()
    text = session.state.model_dump_json()
    saved = json.loads(text)
    resumed = ExerciseSession.resume(checkin, saved)
    assert resumed.state == session.state
    assert current(resumed) == "settle"
    assert resumed.answer_for("intensity_before") == 9
    assert isinstance(resumed.answer_for("intensity_before"), int)
    assert resumed.progress() == session.progress()
    # Going on from the resumed copy leaves the original alone.
    resumed.answer()
    assert current(session) == "settle"
    assert current(resumed) == "feeling"


def test_a_text_answer_that_looks_like_a_number_stays_text(kinds: Exercise) -> None:
    session = ExerciseSession.start(kinds)
    walk(session, "calm", "7")
    resumed = ExerciseSession.resume(kinds, json.loads(session.state.model_dump_json()))
    assert resumed.answer_for("note") == "7"
    assert resumed.answer_for("mood") == "calm"


def test_resume_from_a_state_object(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    session.answer()
    resumed = ExerciseSession.resume(checkin, session.state)
    assert resumed.state == session.state
    assert resumed.state is not session.state


def test_resume_a_finished_state(checkin: Exercise) -> None:
    session = ExerciseSession.start(checkin)
    session.stop()
    resumed = ExerciseSession.resume(checkin, session.state.model_dump(mode="json"))
    assert resumed.finished
    assert resumed.state.status == "stopped"


def test_resume_another_exercise_fails(checkin: Exercise, kinds: Exercise) -> None:
    saved = ExerciseSession.start(kinds).state.model_dump(mode="json")
    with pytest.raises(ResumeError, match="'kinds'"):
        ExerciseSession.resume(checkin, saved)


def test_resume_at_a_step_that_no_longer_exists(checkin: Exercise, tmp_path: Path) -> None:
    session = ExerciseSession.start(checkin)
    walk(session, None, "words", 2, [])
    assert current(session) == "threat"
    changed = tmp_path / "daily-checkin.yaml"
    text = CHECKIN_PATH.read_text(encoding="utf-8")
    assert text.count("id: threat\n") == 1
    changed.write_text(text.replace("id: threat\n", "id: fear\n"), encoding="utf-8")
    newer = load_exercise_file(changed)
    assert newer.has_step("fear")
    assert not newer.has_step("threat")
    with pytest.raises(ResumeError, match="changed"):
        ExerciseSession.resume(newer, session.state.model_dump(mode="json"))


def test_resume_with_a_trail_through_a_removed_step(checkin: Exercise) -> None:
    saved = ExerciseSession.start(checkin).state.model_dump(mode="json")
    saved["trail"] = ["gone"]
    with pytest.raises(ResumeError, match="changed"):
        ExerciseSession.resume(checkin, saved)


@pytest.mark.parametrize(
    "saved",
    [
        {},
        {"exercise_id": "daily-checkin"},
        {"exercise_id": "daily-checkin", "exercise_version": 1, "current": 3},
        {"exercise_id": "daily-checkin", "exercise_version": 1, "current": "welcome", "x": 1},
        {"exercise_id": "daily-checkin", "exercise_version": 1, "current": None},
        {
            "exercise_id": "daily-checkin",
            "exercise_version": 1,
            "current": "welcome",
            "status": "paused",
        },
    ],
)
def test_resume_unreadable_progress(checkin: Exercise, saved: dict[str, Any]) -> None:
    with pytest.raises(ResumeError):
        ExerciseSession.resume(checkin, saved)


# -- random walks -----------------------------------------------------------------------------


def _exercises() -> list[Exercise]:
    return [load_exercise_file(path) for path in SHIPPED] + [load_exercise_text(KINDS, "k.yaml")]


EXERCISES = _exercises()

ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.lists(st.one_of(st.text(max_size=8), st.integers(), st.none()), max_size=4),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.binary(max_size=8),
)


def valid_answer(step: StepBase) -> st.SearchStrategy[Any]:
    if isinstance(step, TextStep):
        longest = min(40, step.max_length)
        return st.text(min_size=1, max_size=longest).filter(lambda s: bool(s.strip()))
    if isinstance(step, RatingStep):
        return st.one_of(st.integers(0, 10), st.integers(0, 10).map(str))
    if isinstance(step, ChoiceStep):
        values = [option.value for option in step.options]
        if step.multiple:
            return st.lists(st.sampled_from(values), min_size=1, unique=True)
        return st.sampled_from(values)
    return st.none()


def check_state(exercise: Exercise, session: ExerciseSession) -> None:
    state = session.state
    if state.status == "in_progress":
        assert state.current is not None and exercise.has_step(state.current)
    assert all(exercise.has_step(step_id) for step_id in state.trail)
    assert not set(state.answers) & set(state.skipped)
    for step_id, value in state.answers.items():
        step = exercise.step(step_id)
        assert step.takes_answer
        if isinstance(step, RatingStep):
            assert isinstance(value, int) and 0 <= value <= 10
        elif isinstance(step, TextStep):
            assert isinstance(value, str) and value.strip()
        elif isinstance(step, ChoiceStep):
            chosen = value if isinstance(value, list) else [value]
            assert set(chosen) <= {option.value for option in step.options}
    number, total = session.progress()
    assert 0 <= number <= total
    resumed = ExerciseSession.resume(exercise, json.loads(state.model_dump_json()))
    assert resumed.state == state


ACTIONS = ["valid", "valid", "valid", "odd", "skip", "back", "too_much", "grounded", "resume"]


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    exercise=st.sampled_from(EXERCISES),
    actions=st.lists(st.sampled_from(ACTIONS), max_size=40),
    data=st.data(),
)
def test_random_walks_stay_sound(
    exercise: Exercise, actions: list[str], data: st.DataObject
) -> None:
    session = ExerciseSession.start(exercise)
    for action in actions:
        if session.finished:
            break
        step = session.step
        assert step is not None
        before = session.state.model_copy(deep=True)
        if action == "valid":
            session.answer(data.draw(valid_answer(step), label=f"answer {step.id}"))
        elif action == "odd":
            try:
                session.answer(data.draw(ODD_VALUES, label=f"odd answer {step.id}"))
            except AnswerError:
                assert session.state == before
        elif action == "skip":
            session.skip()
            assert step.id in session.state.skipped
        elif action == "back":
            session.back()
        elif action == "too_much":
            session.too_much()
        elif action == "grounded":
            session.grounded()
        else:
            session = ExerciseSession.resume(exercise, json.loads(session.state.model_dump_json()))
            assert session.state == before
        check_state(exercise, session)

    # Whatever happened, answering step after step finishes the exercise.
    for _ in range(4 * len(exercise.steps)):
        if session.finished:
            break
        step = session.step
        assert step is not None
        session.answer(data.draw(valid_answer(step), label=f"finish {step.id}"))
        check_state(exercise, session)
    assert session.state.status == "completed"
    assert session.step is None
