"""Evaluate the declarative conditions of branching steps against answers (no ``eval``).

It lives with the content because the checks need it too: they follow the branches to
find loops a person could not leave (see :mod:`cfcoach.content.checks`).
"""

from __future__ import annotations

from collections.abc import Mapping

from cfcoach.content.models import Condition

Answer = str | int | list[str]
"""A text answer, a rating, a single choice's value or several choices' values."""


def holds(condition: Condition, answers: Mapping[str, Answer]) -> bool:
    """Whether ``condition`` is true for ``answers``; a missing answer fails every test but ``answered: false``."""
    if condition.all is not None:
        return all(holds(child, answers) for child in condition.all)
    if condition.any is not None:
        return any(holds(child, answers) for child in condition.any)
    if condition.not_ is not None:
        return not holds(condition.not_, answers)
    assert condition.answer is not None  # guaranteed by the model's validator
    value = answers.get(condition.answer)
    if condition.answered is not None:
        return (value is not None) is condition.answered
    if value is None:
        return False
    if condition.at_least is not None:
        return _number(value) is not None and _number(value) >= condition.at_least  # type: ignore[operator]
    if condition.at_most is not None:
        return _number(value) is not None and _number(value) <= condition.at_most  # type: ignore[operator]
    if condition.equals is not None:
        if isinstance(value, list):
            return str(condition.equals) in value
        return str(value) == str(condition.equals)
    if condition.one_of is not None:
        wanted = {str(v) for v in condition.one_of}
        if isinstance(value, list):
            return bool(wanted.intersection(value))
        return str(value) in wanted
    return False


def _number(value: Answer) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return float(value)
    return None
