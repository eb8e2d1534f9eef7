"""Which exercises the home screen suggests for the person's focus areas (pure, no I/O).

Gentle by design: at most two suggestions, for two different focus areas; the choice
turns over once a day (the same all day, not a new one at every look); exercises done
in the last week give way to ones not done lately. Nothing here knows about missed
days, counts or streaks, and nothing is suggested when no focus area is named.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from cfcoach.focus.areas import FocusArea, focus_area

RECENT_DAYS = 7
"""An exercise done this many days ago or less counts as done recently."""
MOST_SUGGESTIONS = 2


class Suggestible(Protocol):
    """What suggesting needs to know of an exercise (an ``Exercise`` fits)."""

    @property
    def id(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def tags(self) -> Sequence[str]: ...


@dataclass(frozen=True)
class FocusSuggestion:
    """One exercise suggested for one focus area."""

    area: FocusArea
    """The focus area it is suggested for."""
    exercise_id: str
    """The exercise's id."""
    exercise_title: str
    """The exercise's title."""

    @property
    def sentence(self) -> str:
        """``For perfectionism, you might try: Getting to know your critic``."""
        return f"For {self.area.label}, you might try: {self.exercise_title}"


def last_done_days(done: Iterable[tuple[str, date]]) -> dict[str, date]:
    """The latest day each exercise was done, from (exercise id, day) pairs."""
    latest: dict[str, date] = {}
    for exercise_id, day in done:
        if exercise_id not in latest or day > latest[exercise_id]:
            latest[exercise_id] = day
    return latest


def _pick(
    candidates: list[Suggestible], last_done: Mapping[str, date], today: date, turn: int
) -> Suggestible:
    """A candidate not done recently, turning with the day; else the one done longest ago."""

    def recent(exercise: Suggestible) -> bool:
        day = last_done.get(exercise.id)
        return day is not None and (today - day).days <= RECENT_DAYS

    fresh = [exercise for exercise in candidates if not recent(exercise)]
    if fresh:
        return fresh[turn % len(fresh)]
    return min(candidates, key=lambda exercise: (last_done[exercise.id], exercise.id))


def suggest_for_focus(
    focus_ids: Sequence[str],
    exercises: Iterable[Suggestible],
    *,
    today: date,
    last_done: Mapping[str, date] | None = None,
    exclude: Iterable[str] = (),
    limit: int = MOST_SUGGESTIONS,
) -> list[FocusSuggestion]:
    """Up to ``limit`` suggestions for ``focus_ids``, each for a different focus area.

    ``today`` decides which focus areas and exercises come up (the same all day);
    ``last_done`` maps exercise ids to the last day they were done; ``exclude`` names
    exercises never to suggest (the home screen offers the check-in already). Unknown
    focus ids, and focus areas no exercise is tagged with, are passed over.
    """
    left_out = set(exclude)
    done = dict(last_done or {})
    library = sorted(
        (exercise for exercise in exercises if exercise.id not in left_out),
        key=lambda exercise: exercise.id,
    )
    pools: list[tuple[FocusArea, list[Suggestible]]] = []
    for focus_id in dict.fromkeys(focus_ids):
        area = focus_area(focus_id)
        pool = [exercise for exercise in library if focus_id in exercise.tags]
        if area is not None and pool:
            pools.append((area, pool))
    if not pools or limit < 1:
        return []
    day = today.toordinal()
    start = day % len(pools)
    turned = pools[start:] + pools[:start]
    suggestions: list[FocusSuggestion] = []
    for area, pool in turned:
        taken = {suggestion.exercise_id for suggestion in suggestions}
        candidates = [exercise for exercise in pool if exercise.id not in taken]
        if not candidates:
            continue
        exercise = _pick(candidates, done, today, day)
        suggestions.append(FocusSuggestion(area, exercise.id, exercise.title))
        if len(suggestions) >= limit:
            break
    return suggestions
