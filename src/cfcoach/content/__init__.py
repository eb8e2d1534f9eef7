"""Exercise content: YAML files -> validated pydantic models, with FILE:LINE:COL problems.

The names below load on first use (PEP 562), so importing a light part of this package
(:mod:`cfcoach.content.catalog`, which the home screen lists exercises from) does not
build the pydantic models.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cfcoach.content.library import FoundExercise, Library, load_library
    from cfcoach.content.loader import load_exercise_file, load_exercise_text
    from cfcoach.content.models import (
        END,
        Branch,
        ChoiceStep,
        Condition,
        Exercise,
        InfoStep,
        PauseStep,
        RatingStep,
        ReviewStep,
        StepBase,
        TextStep,
    )
    from cfcoach.content.problems import ContentError, Problem

_HOMES = {
    "FoundExercise": "library",
    "Library": "library",
    "load_library": "library",
    "load_exercise_file": "loader",
    "load_exercise_text": "loader",
    "ContentError": "problems",
    "Problem": "problems",
    **dict.fromkeys(
        (
            "END",
            "Branch",
            "ChoiceStep",
            "Condition",
            "Exercise",
            "InfoStep",
            "PauseStep",
            "RatingStep",
            "ReviewStep",
            "StepBase",
            "TextStep",
        ),
        "models",
    ),
}

__all__ = [
    "END",
    "Branch",
    "ChoiceStep",
    "Condition",
    "ContentError",
    "Exercise",
    "FoundExercise",
    "InfoStep",
    "Library",
    "PauseStep",
    "Problem",
    "RatingStep",
    "ReviewStep",
    "StepBase",
    "TextStep",
    "load_exercise_file",
    "load_exercise_text",
    "load_library",
]


def __getattr__(name: str) -> Any:
    module = _HOMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # looked up once
    return value
