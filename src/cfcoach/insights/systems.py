"""The three systems' balance (threat, drive, soothe) from three-circles entries.

An exercise tagged ``three-circles`` asks the person to rate how big each circle is at the
moment: each of its rating steps that names a ``system`` is that circle's size. The
balance is the mean size of each circle over those entries. (No shipped exercise is a
three-circles one yet; this reads any that a person or a later release adds.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean

from cfcoach.content.models import Exercise, RatingStep
from cfcoach.store.models import Entry

THREE_CIRCLES_TAG = "three-circles"
SYSTEMS = ("threat", "drive", "soothe")


@dataclass(frozen=True)
class SystemBalance:
    """Mean circle size (0–10) of each system that was rated, over ``entries`` entries."""

    entries: int
    means: tuple[tuple[str, float], ...]
    """(system, mean) in the order threat, drive, soothe."""


def systems_balance(
    entries: Sequence[Entry], exercises: Mapping[str, Exercise], *, include_private_steps: bool
) -> SystemBalance | None:
    """The balance over the three-circles entries, or ``None`` when there are none."""
    sizes: dict[str, list[int]] = {system: [] for system in SYSTEMS}
    counted = 0
    for entry in entries:
        exercise = exercises.get(entry.exercise_id)
        if exercise is None or THREE_CIRCLES_TAG not in exercise.tags:
            continue
        rated = False
        for step in exercise.steps:
            if not isinstance(step, RatingStep) or step.system is None:
                continue
            if step.private and not include_private_steps:
                continue
            value = entry.answers.get(step.id)
            if isinstance(value, int) and not isinstance(value, bool):
                sizes[step.system].append(value)
                rated = True
        counted += rated
    means = tuple((system, fmean(values)) for system, values in sizes.items() if values)
    return SystemBalance(counted, means) if means else None
