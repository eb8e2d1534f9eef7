"""Answers as a person reads them: ratings as "5 out of 10", choices by their labels."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cfcoach.content.models import ChoiceStep, Exercise, RatingStep, StepBase

SKIPPED = "(skipped)"


def describe_answer(exercise: Exercise, step_id: str, answer: Any) -> str:
    """``answer`` to step ``step_id`` in plain words; ``(skipped)`` when there is none."""
    if answer is None or answer == "" or answer == []:
        return SKIPPED
    step = exercise.step(step_id) if exercise.has_step(step_id) else None
    return answer_words(step, answer)


def answer_words(step: StepBase | None, answer: Any) -> str:
    """An answer in plain words: "4 out of 10 (quite a lot)", choices by their labels.

    Several choices are joined with "; " because labels may hold commas themselves.
    """
    if isinstance(step, RatingStep) and isinstance(answer, int) and not isinstance(answer, bool):
        anchor = step.anchors.get(answer)
        return f"{answer} out of 10" + (f" ({anchor})" if anchor else "")
    if isinstance(step, ChoiceStep):
        labels = {option.value: option.label for option in step.options}
        chosen = answer if isinstance(answer, list) else [answer]
        return "; ".join(labels.get(str(value), str(value)) for value in chosen)
    if isinstance(answer, list):
        return "; ".join(str(value) for value in answer)
    return str(answer)


def answer_label(exercise: Exercise, step_id: str) -> str:
    """The short name of a step's answer (its label, else its title, else its id)."""
    if exercise.has_step(step_id):
        return exercise.step(step_id).answer_label
    return step_id


def shorten(text: str, limit: int = 70) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def answered_lines(
    exercise: Exercise, answers: Mapping[str, Any], limit: int = 60
) -> list[tuple[str, str]]:
    """(label, short answer) for each answered step, in the exercise's order."""
    return [
        (step.answer_label, shorten(describe_answer(exercise, step.id, answers[step.id]), limit))
        for step in exercise.steps
        if step.id in answers
    ]
