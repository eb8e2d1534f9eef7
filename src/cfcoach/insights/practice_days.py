"""Practice days: which days had practice, counted, and laid out as weeks for a calendar.

Only counts. A day without practice is just a day: there is no streak to break and no
score that fades, because a penalty would feed the very critic the practice works with.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from cfcoach.store.models import Entry


def day_counts(entries: Iterable[Entry]) -> dict[date, int]:
    """How many entries were started on each day (the entry's own calendar day)."""
    return dict(Counter(entry.started_at.date() for entry in entries))


def days_practised(counts: Mapping[date, int], first: date, last: date) -> int:
    """On how many days from ``first`` to ``last`` (both included) there was practice."""
    return sum(1 for day, count in counts.items() if first <= day <= last and count > 0)


@dataclass(frozen=True)
class CalendarWeek:
    """One week of a practice calendar, Monday first."""

    monday: date
    counts: tuple[int | None, ...]
    """Entries on each day, Monday to Sunday; ``None`` outside the calendar's days."""


def calendar_weeks(
    counts: Mapping[date, int], last_day: date, weeks: int, first_day: date | None = None
) -> tuple[CalendarWeek, ...]:
    """The ``weeks`` weeks ending with the one holding ``last_day``, oldest first.

    Days before ``first_day`` (the first practice, say) and after ``last_day`` are
    ``None``: a calendar need not show the time before someone began as empty days.
    """
    if weeks < 1:
        return ()
    last_monday = last_day - timedelta(days=last_day.weekday())
    shown: list[CalendarWeek] = []
    for back in range(weeks - 1, -1, -1):
        monday = last_monday - timedelta(weeks=back)
        days = (monday + timedelta(days=offset) for offset in range(7))
        shown.append(
            CalendarWeek(
                monday,
                tuple(
                    counts.get(day, 0)
                    if day <= last_day and (first_day is None or day >= first_day)
                    else None
                    for day in days
                ),
            )
        )
    return tuple(shown)
