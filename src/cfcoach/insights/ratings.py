"""Ratings over time: each measure's before and after, means and a point per day.

A measure comes from rating steps by their ids: ``X_before`` and ``X_after`` make one
before/after measure ``X`` (the daily check-in's ``intensity_before`` and
``intensity_after`` are "Critic intensity"); a rating step without such a partner is a
measure asked once, kept as its *after* value (where the person ended up).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from statistics import fmean

from cfcoach.content.models import Exercise, RatingStep
from cfcoach.insights.systems import is_three_circles
from cfcoach.store.models import Entry

# Measures a clinician knows by name; others are named from their step's label.
KNOWN_MEASURES: dict[str, str] = {
    "intensity": "Critic intensity",
    "critic": "Critic intensity",
    "critic_intensity": "Critic intensity",
    "warmth": "Self-warmth",
    "self_warmth": "Self-warmth",
    "self-warmth": "Self-warmth",
    "selfwarmth": "Self-warmth",
}
_ORDER = ("Critic intensity", "Self-warmth")
_PAIRED = re.compile(r"^(?P<key>.+?)[_-](?P<when>before|after)$")


@dataclass(slots=True)
class RatingPoint:
    """One entry's ratings on a measure (either may be missing: skipped or not asked).

    Not frozen: one is made per rated entry, and a frozen dataclass is about four times
    slower to make. Nothing changes one.
    """

    entry_id: int | None
    at: datetime
    before: int | None
    after: int | None


@dataclass(frozen=True)
class DayMeans:
    """A measure's mean ratings on one day."""

    day: date
    before: float | None
    after: float | None


@dataclass(frozen=True)
class Measure:
    """A rating measure across entries, oldest first."""

    key: str
    name: str
    paired: bool
    """True when it is rated before and after (else it is rated once, kept as ``after``)."""
    points: tuple[RatingPoint, ...]

    @property
    def mean_before(self) -> float | None:
        return _mean([p.before for p in self.points])

    @property
    def mean_after(self) -> float | None:
        return _mean([p.after for p in self.points])

    @property
    def pairs(self) -> int:
        """How many entries have both a before and an after rating."""
        return sum(1 for p in self.points if p.before is not None and p.after is not None)

    @property
    def mean_change(self) -> float | None:
        """The mean of (after - before) over entries rated both times."""
        return _mean(
            [
                p.after - p.before
                for p in self.points
                if p.before is not None and p.after is not None
            ]
        )

    @property
    def rated(self) -> int:
        """How many entries rated this measure at all."""
        return sum(1 for p in self.points if p.before is not None or p.after is not None)


def measures(
    entries: Sequence[Entry], exercises: Mapping[str, Exercise], *, include_private_steps: bool
) -> tuple[Measure, ...]:
    """Every measure rated in ``entries``, critic intensity and self-warmth first."""
    names: dict[str, str] = {}
    paired: dict[str, bool] = {}
    points: dict[str, list[RatingPoint]] = defaultdict(list)
    # Each exercise's rating steps as (step id, measure key, before/after), worked out the
    # first time one of its entries comes (names go to the measure's first exercise).
    plans: dict[str, tuple[tuple[str, str, str], ...]] = {}
    for entry in sorted(entries, key=lambda e: (e.started_at, e.id or 0)):
        plan = plans.get(entry.exercise_id)
        if plan is None:
            exercise = exercises.get(entry.exercise_id)
            plan = plans[entry.exercise_id] = _rating_plan(
                exercise, include_private_steps, names, paired
            )
        if not plan:
            continue
        answers = entry.answers
        found: dict[str, dict[str, int]] = {}
        for step_id, key, when in plan:
            value = answers.get(step_id)
            if isinstance(value, int) and not isinstance(value, bool):
                found.setdefault(key, {})[when] = value
        for key, values in found.items():
            points[key].append(
                RatingPoint(entry.id, entry.started_at, values.get("before"), values.get("after"))
            )
    result = [
        Measure(key, names[key], paired[key], tuple(series)) for key, series in points.items()
    ]
    result.sort(key=lambda m: (_rank(m.name), m.name.lower()))
    return tuple(result)


def _rating_plan(
    exercise: Exercise | None,
    include_private_steps: bool,
    names: dict[str, str],
    paired: dict[str, bool],
) -> tuple[tuple[str, str, str], ...]:
    """The exercise's rating steps as (step id, key, when), naming their measures."""
    if exercise is None or is_three_circles(exercise):
        return ()
    plan = []
    for step in exercise.steps:
        if not isinstance(step, RatingStep) or (step.private and not include_private_steps):
            continue
        key, when, label = _measure_of(step)
        names.setdefault(key, KNOWN_MEASURES.get(key.lower(), label))
        paired[key] = paired.get(key, False) or when == "before"
        plan.append((step.id, key, when))
    return tuple(plan)


def daily_means(measure: Measure) -> tuple[DayMeans, ...]:
    """The measure's mean before and after on each day it was rated, oldest first."""
    days: dict[date, tuple[list[int], list[int]]] = {}
    for point in measure.points:
        before, after = days.setdefault(point.at.date(), ([], []))
        if point.before is not None:
            before.append(point.before)
        if point.after is not None:
            after.append(point.after)
    return tuple(
        DayMeans(day, _mean(list(before)), _mean(list(after)))
        for day, (before, after) in sorted(days.items())
    )


def _measure_of(step: RatingStep) -> tuple[str, str, str]:
    """(measure key, "before" or "after", a name from the step's label)."""
    match = _PAIRED.match(step.id)
    if match is None:
        return step.id, "after", step.answer_label
    when = match["when"]
    label = re.sub(rf"\s*\(?\b{when}\b\)?\s*$", "", step.answer_label, flags=re.IGNORECASE)
    return match["key"], when, label or match["key"]


def _rank(name: str) -> int:
    return _ORDER.index(name) if name in _ORDER else len(_ORDER)


def _mean(values: Sequence[float | int | None]) -> float | None:
    present = [v for v in values if v is not None]
    return fmean(present) if present else None
