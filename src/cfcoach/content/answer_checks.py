"""Whether a saved answer fits the step it answers: a rating on the step's scale, a
choice among its options, words for a text step.

For answers that come from outside the coach (an imported file): the coach's own steps
only ever save answers that fit (see :mod:`cfcoach.engine.session`).
"""

from __future__ import annotations

from typing import TypeGuard

from cfcoach.content.models import ChoiceStep, RatingStep, StepBase, TextStep

RATING_LOW = 0
RATING_HIGH = 10
"""Every rating step's scale, 0 to 10 (the anchors name points on it)."""


def answer_problem(step: StepBase | None, value: object, *, same_version: bool = True) -> str:
    """What is wrong with ``value`` as the saved answer to ``step``, as "must be ...";
    "" when nothing is.

    ``step`` is ``None`` for a step the exercise does not have (or an exercise that is not
    installed): then any answer an entry can hold fits, and a whole number is a rating
    from 0 to 10. ``same_version`` says the answer was written with the exercise's current
    version; only then are choices checked against its options (another version may have
    offered others).
    """
    if isinstance(step, RatingStep):
        return (
            "" if _rating(value) else f"must be a whole number from {RATING_LOW} to {RATING_HIGH}"
        )
    if isinstance(step, ChoiceStep):
        chosen = value if step.multiple else [value]
        if not _texts(chosen):
            return "must be a list of options chosen" if step.multiple else "must be one option"
        allowed = {option.value for option in step.options}
        if same_version and not set(chosen) <= allowed:
            return f"must be among its options ({', '.join(sorted(allowed))})"
        return ""
    if isinstance(step, TextStep):
        return "" if isinstance(value, str) else "must be text"
    if isinstance(value, int) and not isinstance(value, bool):
        return "" if _rating(value) else f"must be a rating from {RATING_LOW} to {RATING_HIGH}"
    if isinstance(value, str) or _texts(value):
        return ""
    return f"must be text, a rating from {RATING_LOW} to {RATING_HIGH}, or the options chosen"


def _rating(value: object) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and RATING_LOW <= value <= RATING_HIGH
    )


def _texts(value: object) -> TypeGuard[list[str]]:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)
