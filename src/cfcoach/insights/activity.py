"""How much practice the entries show: entries, practice days, each exercise's count."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from cfcoach.content.models import Exercise
from cfcoach.store.models import Entry


@dataclass(frozen=True)
class ExerciseCount:
    exercise_id: str
    title: str
    count: int


@dataclass(frozen=True)
class Activity:
    """Counts over a set of entries (days are the entries' own calendar days)."""

    entries: int
    completed: int
    stopped: int
    unfinished: int
    practice_days: int
    first_day: date | None
    last_day: date | None
    by_exercise: tuple[ExerciseCount, ...]
    """Most practised first, then by title."""

    @property
    def span_days(self) -> int:
        """Calendar days from the first entry to the last, both included (0 with no entries)."""
        if self.first_day is None or self.last_day is None:
            return 0
        return (self.last_day - self.first_day).days + 1


def activity(entries: Sequence[Entry], exercises: Mapping[str, Exercise]) -> Activity:
    """Count ``entries``: by status, by day and by exercise."""
    days = sorted({entry.started_at.date() for entry in entries})
    statuses = Counter(entry.status for entry in entries)
    per_exercise = Counter(entry.exercise_id for entry in entries)
    counts = [
        ExerciseCount(exercise_id, _title(exercise_id, exercises), count)
        for exercise_id, count in per_exercise.items()
    ]
    counts.sort(key=lambda c: (-c.count, c.title.lower(), c.exercise_id))
    return Activity(
        entries=len(entries),
        completed=statuses["completed"],
        stopped=statuses["stopped"],
        unfinished=statuses["draft"],
        practice_days=len(days),
        first_day=days[0] if days else None,
        last_day=days[-1] if days else None,
        by_exercise=tuple(counts),
    )


def _title(exercise_id: str, exercises: Mapping[str, Exercise]) -> str:
    exercise = exercises.get(exercise_id)
    return exercise.title if exercise is not None else exercise_id
