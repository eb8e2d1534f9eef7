"""The three systems' balance (threat, drive, soothe) from three-circles entries.

An exercise tagged ``three-circles`` asks the person to rate how big each circle is at the
moment: each of its rating steps that names a ``system`` is that circle's size. The
balance is the mean size of each circle over those entries; :func:`systems_by_month`
gives it month by month. An exercise whose id is ``three-circles`` counts too, tagged or
not. With no such entries (or no such exercise), the answers are ``None`` and ``()``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
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
        found = circle_sizes(entry, exercises, include_private_steps=include_private_steps)
        for system, value in found.items():
            sizes[system].append(value)
        counted += bool(found)
    means = tuple((system, fmean(values)) for system, values in sizes.items() if values)
    return SystemBalance(counted, means) if means else None


def is_three_circles(exercise: Exercise) -> bool:
    """Whether ``exercise`` rates the size of the three circles."""
    return THREE_CIRCLES_TAG in exercise.tags or exercise.id == THREE_CIRCLES_TAG


def circle_sizes(
    entry: Entry, exercises: Mapping[str, Exercise], *, include_private_steps: bool
) -> dict[str, int]:
    """The circle sizes ``entry`` rated, by system (empty unless it is a three-circles one)."""
    exercise = exercises.get(entry.exercise_id)
    if exercise is None or not is_three_circles(exercise):
        return {}
    found: dict[str, int] = {}
    for step in exercise.steps:
        if not isinstance(step, RatingStep) or step.system is None:
            continue
        if step.private and not include_private_steps:
            continue
        value = entry.answers.get(step.id)
        if isinstance(value, int) and not isinstance(value, bool):
            found[step.system] = value
    return found


@dataclass(frozen=True)
class SystemPeriod:
    """The balance over one calendar month's three-circles entries."""

    first: date
    """The month's first day."""
    balance: SystemBalance


def systems_by_month(
    entries: Sequence[Entry], exercises: Mapping[str, Exercise], *, include_private_steps: bool
) -> tuple[SystemPeriod, ...]:
    """The balance in each month that has three-circles entries, oldest first."""
    months: dict[date, list[Entry]] = defaultdict(list)
    for entry in entries:
        if circle_sizes(entry, exercises, include_private_steps=include_private_steps):
            day = entry.started_at.date()
            months[day.replace(day=1)].append(entry)
    periods = []
    for first, month_entries in sorted(months.items()):
        balance = systems_balance(
            month_entries, exercises, include_private_steps=include_private_steps
        )
        if balance is not None:
            periods.append(SystemPeriod(first, balance))
    return tuple(periods)
