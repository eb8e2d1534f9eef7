"""Everything the insights screen and ``cfcoach stats`` show, in one call.

The export report's first page uses :func:`cfcoach.insights.summarize`; this adds what
is drawn over time (each measure's daily means, practice days, the systems by month), so
all three show the same figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from cfcoach.content.models import Exercise
from cfcoach.insights.practice_days import day_counts, days_practised
from cfcoach.insights.ratings import DayMeans, Measure, daily_means
from cfcoach.insights.summary import Summary, summarize
from cfcoach.insights.systems import SystemPeriod, is_three_circles, systems_by_month
from cfcoach.store.models import Entry

RECENT_DAYS = 30


@dataclass(frozen=True)
class MeasureOverTime:
    measure: Measure
    days: tuple[DayMeans, ...]


@dataclass(frozen=True)
class Overview:
    """The figures over a person's entries, as of ``today``."""

    today: date
    summary: Summary
    measures: tuple[MeasureOverTime, ...]
    day_counts: dict[date, int]
    practice_days: int
    recent_practice_days: int
    """Days with practice among the last :data:`RECENT_DAYS` days (today included)."""
    systems: tuple[SystemPeriod, ...]
    three_circles_exercise: str | None
    """The title of an exercise that rates the three circles, if there is one."""


def overview(
    entries: Sequence[Entry],
    exercises: Mapping[str, Exercise],
    today: date,
    *,
    include_private_steps: bool = True,
) -> Overview:
    """The figures over ``entries`` (pass finished ones; drafts count as practice too)."""
    summary = summarize(entries, exercises, include_private_steps=include_private_steps)
    counts = day_counts(entries)
    circles = next(
        (exercise.title for exercise in exercises.values() if is_three_circles(exercise)), None
    )
    return Overview(
        today=today,
        summary=summary,
        measures=tuple(MeasureOverTime(m, daily_means(m)) for m in summary.measures),
        day_counts=counts,
        practice_days=len(counts),
        recent_practice_days=days_practised(counts, today - timedelta(days=RECENT_DAYS - 1), today),
        systems=systems_by_month(entries, exercises, include_private_steps=include_private_steps),
        three_circles_exercise=circles,
    )
