"""Exercise content: YAML files -> validated pydantic models, with FILE:LINE:COL problems."""

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
