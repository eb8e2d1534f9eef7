"""The shipped exercise library: every file loads, is complete, and every path through it ends.

The walk goes through the engine as a person would: it answers ratings at the values
around each branch's threshold (and 0, 5, 10), picks every choice (every combination for
a multiple choice), writes or leaves every text, skips every step, and at every step it
takes the "too much right now" way out (a grounding pause and back, or stopping). Each
path must finish, and together the paths must visit every step of every exercise.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from cfcoach.content import (
    ChoiceStep,
    Condition,
    Exercise,
    InfoStep,
    PauseStep,
    RatingStep,
    ReviewStep,
    StepBase,
    TextStep,
    load_exercise_file,
)
from cfcoach.content.library import load_library
from cfcoach.engine import ExerciseSession, SessionState
from cfcoach.focus import FOCUS_IDS
from cfcoach.paths import shipped_content_dir

SHIPPED_DIR = shipped_content_dir() / "exercises"
SHIPPED = sorted(SHIPPED_DIR.glob("*.y*ml"))
EXERCISES = {path.stem: load_exercise_file(path) for path in SHIPPED}

# The ones the exercise library promises (issue 3); others (e.g. a safety plan) may be shipped too.
LIBRARY = (
    "daily-checkin",
    "soothing-breathing",
    "safe-place",
    "compassionate-self",
    "compassionate-other",
    "compassionate-letter",
    "critic-analysis",
    "chair-work",
    "three-circles",
    "self-compassion-break",
    "compassion-meditation",
    "compassion-feels-hard",
)
FOCUS_TAGS = set(FOCUS_IDS)  # the list itself is checked in test_focus_areas.py

# What fits an 80x24 terminal with an answer box under it.
MAX_WORDS = {"info": 90, "other": 60}
MAX_CUE_WORDS = 25
MIN_SECONDS_PER_CUE = 8

MAX_PATHS = 200_000


def exercise_ids() -> list[str]:
    return sorted(EXERCISES)


@pytest.fixture(params=exercise_ids())
def exercise(request: pytest.FixtureRequest) -> Exercise:
    return EXERCISES[request.param]


# -- loading and completeness -------------------------------------------------------------


def test_the_whole_library_is_shipped_and_loads_with_no_problems() -> None:
    library = load_library(SHIPPED_DIR, None)
    assert library.problems == []
    assert set(LIBRARY) <= set(library.exercises)
    for path in SHIPPED:
        assert EXERCISES[path.stem].id == path.stem, (
            f"{path.name}: the id should match the file name"
        )


def test_metadata_is_complete(exercise: Exercise) -> None:
    assert exercise.summary.strip()
    assert exercise.sources, f"{exercise.id}: say which published work it follows"
    assert all(source.strip() for source in exercise.sources)
    assert exercise.systems, f"{exercise.id}: name the systems it works with"
    assert exercise.version >= 1
    assert 1 <= exercise.minutes <= 60
    assert exercise.tags
    assert len(set(exercise.tags)) == len(exercise.tags)


def test_library_exercises_carry_a_focus_tag() -> None:
    for exercise_id in LIBRARY:
        tags = set(EXERCISES[exercise_id].tags)
        assert tags & FOCUS_TAGS, f"{exercise_id}: tag the focus areas it fits"


def test_every_answer_step_has_a_label(exercise: Exercise) -> None:
    for step in exercise.steps:
        if step.takes_answer:
            assert step.label and step.label.strip(), (
                f"{exercise.id}: step '{step.id}' needs a short label for reviews and exports"
            )


def test_labels_are_unique_within_an_exercise(exercise: Exercise) -> None:
    labels = [step.answer_label for step in exercise.steps if step.takes_answer]
    doubled = sorted({label for label in labels if labels.count(label) > 1})
    assert not doubled, f"{exercise.id}: two answers share a label: {doubled}"


def test_every_suggestion_names_a_shipped_exercise(exercise: Exercise) -> None:
    for rule in exercise.suggest:
        assert rule.exercise in EXERCISES, (
            f"{exercise.id} suggests '{rule.exercise}', which is not shipped"
        )
        assert rule.exercise != exercise.id
        assert rule.reason.strip()


def test_texts_fit_the_screen(exercise: Exercise) -> None:
    for step in exercise.steps:
        words = len(step.text.split())
        limit = MAX_WORDS["info" if isinstance(step, InfoStep) else "other"]
        assert words <= limit, (
            f"{exercise.id}: step '{step.id}' has {words} words (at most {limit})"
        )
        if isinstance(step, PauseStep):
            for cue in step.cues:
                assert len(cue.split()) <= MAX_CUE_WORDS, (
                    f"{exercise.id}: a cue of '{step.id}' is long"
                )
            if step.cues:
                assert step.seconds / len(step.cues) >= MIN_SECONDS_PER_CUE, (
                    f"{exercise.id}: '{step.id}' changes cues too quickly to read them"
                )
    assert len(exercise.grounding.text.split()) <= MAX_WORDS["other"]


def test_before_and_after_ratings_come_in_pairs_with_matching_labels(exercise: Exercise) -> None:
    """Insights pair ``X_before`` with ``X_after``; their labels should name the same measure."""
    ratings = {step.id: step for step in exercise.steps if isinstance(step, RatingStep)}
    for step_id, step in ratings.items():
        if step_id.endswith("_before"):
            assert step.answer_label.endswith("(before)"), step_id
            partner = ratings.get(step_id.removesuffix("_before") + "_after")
            assert partner is not None, f"{exercise.id}: '{step_id}' has no _after rating"
            assert partner.answer_label.removesuffix("(after)") == step.answer_label.removesuffix(
                "(before)"
            )
        if step_id.endswith("_after"):
            assert step.answer_label.endswith("(after)"), step_id


def test_three_circles_rates_each_system_once() -> None:
    circles = EXERCISES["three-circles"]
    assert "three-circles" in circles.tags  # what insights look for
    rated = [s.system for s in circles.steps if isinstance(s, RatingStep) and s.system]
    assert sorted(rated) == ["drive", "soothe", "threat"]
    assert any(isinstance(s, ReviewStep) and s.display == "bars" for s in circles.steps)


def test_the_letter_checklist_is_a_multiple_choice() -> None:
    letter = EXERCISES["compassionate-letter"]
    checklist = letter.step("checklist")
    assert isinstance(checklist, ChoiceStep) and checklist.multiple


# -- walking every path -----------------------------------------------------------------------


def _leaves(condition: Condition) -> Iterator[Condition]:
    if condition.answer is not None:
        yield condition
    for child in (condition.all or []) + (condition.any or []):
        yield from _leaves(child)
    if condition.not_ is not None:
        yield from _leaves(condition.not_)


def _conditions(exercise: Exercise) -> list[Condition]:
    found = [rule.when for rule in exercise.suggest if rule.when is not None]
    for step in exercise.steps:
        found += [branch.when for branch in exercise.branches(step) if branch.when is not None]
    return [leaf for condition in found for leaf in _leaves(condition)]


def _rating_values(exercise: Exercise, step: RatingStep) -> list[int]:
    values = {0, 5, 7, 8, 10}
    for leaf in _conditions(exercise):
        if leaf.answer != step.id:
            continue
        for bound in (leaf.at_least, leaf.at_most):
            if bound is not None:
                values |= {int(bound) - 1, int(bound), int(bound) + 1}
    return sorted(v for v in values if 0 <= v <= 10)


def _choice_values(step: ChoiceStep) -> list[Any]:
    values = [option.value for option in step.options]
    if not step.multiple:
        return values
    if len(values) <= 8:
        return [list(combo) for n in range(1, len(values) + 1) for combo in combinations(values, n)]
    return [[value] for value in values] + [values]


def _ways_on(exercise: Exercise, step: StepBase) -> list[tuple[str, Any]]:
    """Every action a person can take on ``step`` that moves on: answers and a skip."""
    ways: list[tuple[str, Any]] = [("skip", None)]
    if isinstance(step, TextStep):
        ways.append(("answer", "A few words of my own."))
        if step.optional:
            ways.append(("answer", ""))
    elif isinstance(step, RatingStep):
        ways += [("answer", value) for value in _rating_values(exercise, step)]
    elif isinstance(step, ChoiceStep):
        ways += [("answer", value) for value in _choice_values(step)]
        if step.optional:
            ways.append(("answer", []))
    else:
        ways.append(("answer", None))
    return ways


def _memo_key(exercise: Exercise, state: SessionState, read: set[str]) -> tuple[Any, ...]:
    relevant = tuple((step_id, repr(state.answers.get(step_id))) for step_id in sorted(read))
    return (state.current, relevant)


class Walk:
    """Every path through one exercise, with what was seen along the way."""

    def __init__(self, exercise: Exercise) -> None:
        self.exercise = exercise
        self.read = {leaf.answer for leaf in _conditions(exercise) if leaf.answer}
        self.visited: set[str] = set()
        self.completed = 0
        self.suggested: set[int] = set()
        self.seen: set[tuple[Any, ...]] = set()
        self.too_much_checked: set[str] = set()

    def run(self) -> None:
        self._go(ExerciseSession.start(self.exercise), depth=0)

    def _go(self, session: ExerciseSession, depth: int) -> None:
        exercise = self.exercise
        if session.finished:
            assert session.state.status == "completed"
            assert session.step is None
            self.completed += 1
            assert self.completed <= MAX_PATHS, f"{exercise.id}: too many paths to walk"
            rule = session.suggestion()
            if rule is not None:
                self.suggested.add(exercise.suggest.index(rule))
            return
        assert depth <= 2 * len(exercise.steps), f"{exercise.id}: a path goes round in circles"
        step = session.step
        assert step is not None
        key = _memo_key(exercise, session.state, self.read)
        if key in self.seen:
            return
        self.seen.add(key)
        self.visited.add(step.id)
        number, total = session.progress()
        assert 1 <= number <= total
        if step.id not in self.too_much_checked:
            self.too_much_checked.add(step.id)
            self._too_much(session)
        for action, value in _ways_on(exercise, step):
            branch = ExerciseSession(exercise, session.state.model_copy(deep=True))
            if action == "skip":
                branch.skip()
                assert step.id in branch.state.skipped
            else:
                branch.answer(value)
            self._go(branch, depth + 1)

    def _too_much(self, session: ExerciseSession) -> None:
        """Too much right now: a grounding pause leaves the step as it was; stopping ends it."""
        step_id = session.state.current
        grounded = ExerciseSession(self.exercise, session.state.model_copy(deep=True))
        grounded.too_much()
        grounded.grounded()
        assert grounded.state.current == step_id and not grounded.finished
        assert [e.kind for e in grounded.state.events[-2:]] == ["too_much", "grounding"]
        stopped = ExerciseSession(self.exercise, session.state.model_copy(deep=True))
        stopped.too_much()
        stopped.stop()
        assert stopped.finished and stopped.state.status == "stopped"
        assert stopped.state.answers == session.state.answers
        assert stopped.suggestion() is None


_WALKS: dict[str, Walk] = {}


def walked(exercise: Exercise) -> Walk:
    """The walk of ``exercise``, done once and shared by the tests below."""
    if exercise.id not in _WALKS:
        walk = Walk(exercise)
        walk.run()
        _WALKS[exercise.id] = walk
    return _WALKS[exercise.id]


@pytest.mark.timeout(120)
def test_every_path_of_every_exercise_ends(exercise: Exercise) -> None:
    walk = walked(exercise)
    assert walk.completed > 0
    missed = [step.id for step in exercise.steps if step.id not in walk.visited]
    assert not missed, f"{exercise.id}: no path reaches {missed}"
    assert walk.too_much_checked == walk.visited


@pytest.mark.timeout(120)
def test_every_suggestion_can_be_made(exercise: Exercise) -> None:
    """No rule is shadowed by an earlier one or asks for answers no path gives."""
    walk = walked(exercise)
    never = [
        exercise.suggest[i].exercise
        for i in range(len(exercise.suggest))
        if i not in walk.suggested
    ]
    assert not never, f"{exercise.id}: these suggestions are never made: {never}"


@pytest.mark.parametrize(
    ("exercise_id", "answers", "expected"),
    [
        ("daily-checkin", {"intensity_after": 8}, "soothing-breathing"),
        (
            "daily-checkin",
            {"intensity_after": 3, "correction_or_attack": "attack"},
            "critic-analysis",
        ),
        (
            "daily-checkin",
            {"intensity_after": 3, "compassion_felt": "fake"},
            "compassion-feels-hard",
        ),
        ("three-circles", {"soothe": 2, "threat": 5}, "soothing-breathing"),
        ("compassionate-other", {"receiving": "hard"}, "compassion-feels-hard"),
    ],
)
def test_suggestions_fit_what_came_up(
    exercise_id: str, answers: dict[str, Any], expected: str
) -> None:
    exercise = EXERCISES[exercise_id]
    session = ExerciseSession.start(exercise)
    while not session.finished:
        step = session.step
        assert step is not None
        if step.id in answers:
            session.answer(answers[step.id])
        else:
            session.skip()
    rule = session.suggestion()
    assert rule is not None and rule.exercise == expected


def test_high_distress_at_the_first_rating_settles_before_reflection() -> None:
    """Where a first rating can show distress, a high one leads to a settling step first."""
    cases = {
        "daily-checkin": ("intensity_before", 8, "settle"),
        "critic-analysis": ("sting", 8, "settle"),
        "chair-work": ("distress_before", 8, "settle"),
        "compassionate-letter": ("distress_before", 8, "settle"),
        "self-compassion-break": ("distress_before", 8, "steady_first"),
        "soothing-breathing": ("settled_before", 2, "steady_first"),
        "safe-place": ("settled_before", 2, "steady_first"),
        "compassion-feels-hard": ("unease", 8, "gently"),
        "compassion-meditation": ("warmth_before", 2, "gentle_start"),
    }
    for exercise_id, (rating, value, settle) in cases.items():
        exercise = EXERCISES[exercise_id]
        session = ExerciseSession.start(exercise)
        while session.state.current != rating:
            session.skip()
        session.answer(value)
        assert session.state.current == settle, exercise_id
        assert exercise.step(settle).system == "soothe", exercise_id


def test_paths_are_counted_from_real_files() -> None:
    # Guard against an empty glob making every parametrised test vanish.
    assert len(SHIPPED) >= len(LIBRARY)
    assert all(isinstance(path, Path) and path.suffix in (".yaml", ".yml") for path in SHIPPED)
