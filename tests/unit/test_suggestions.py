"""Exercises suggest a next exercise by rules written in the content, checked at load time."""

from __future__ import annotations

from textwrap import dedent

import pytest

from cfcoach.content import ContentError, load_exercise_text
from cfcoach.engine import ExerciseSession

EXERCISE = dedent(
    """\
    id: tiny
    title: Tiny
    summary: A tiny exercise.
    minutes: 1
    version: 1
    suggest:
      - when: {{ answer: after, at_least: {threshold} }}
        exercise: soothing-breathing
        reason: Your body might welcome a slower rhythm.
      - exercise: daily-checkin
        reason: Coming back tomorrow can help.
    steps:
      - id: after
        kind: rating
        title: How loud is the critic now?
    """
)


def finish(rating: int, threshold: int = 7) -> ExerciseSession:
    session = ExerciseSession.start(
        load_exercise_text(EXERCISE.format(threshold=threshold), "tiny.yaml")
    )
    session.answer(rating)
    return session


def test_the_first_rule_that_holds_is_suggested() -> None:
    loud = finish(8).suggestion()
    assert loud is not None and loud.exercise == "soothing-breathing"
    quiet = finish(2).suggestion()
    assert quiet is not None and quiet.exercise == "daily-checkin"


def test_nothing_is_suggested_before_the_end_or_after_a_stop() -> None:
    session = ExerciseSession.start(load_exercise_text(EXERCISE.format(threshold=7), "tiny.yaml"))
    assert session.suggestion() is None
    session.stop()
    assert session.suggestion() is None


def test_a_rule_reading_an_unknown_step_is_a_load_error_with_its_line() -> None:
    text = EXERCISE.format(threshold=7).replace("answer: after", "answer: nowhere")
    with pytest.raises(ContentError) as caught:
        load_exercise_text(text, "tiny.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (7, 11)  # the condition's opening brace
    assert "suggestion 1 reads 'nowhere'" in problem.message
