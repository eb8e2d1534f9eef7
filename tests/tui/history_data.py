"""Fixed entries and exercises for the history, drafts and insights tests.

The three-circles and self-warmth exercises are put into the app's library here (not read
from content/), so the pictures stay the same whatever the shipped exercises become.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from benchmarks.generate_entries import generate

from cfcoach.content import Exercise
from cfcoach.content.library import FoundExercise
from cfcoach.context import AppContext
from cfcoach.store import Entry, EntryStore, new_entry
from tests.conftest import FIXED_NOW

CIRCLES: dict[str, Any] = {
    "id": "three-circles",
    "title": "Three circles",
    "summary": "How big each of the three systems felt this week.",
    "minutes": 5,
    "version": 1,
    "tags": ["three-circles"],
    "steps": [
        {"id": "threat", "kind": "rating", "system": "threat", "title": "Threat this week"},
        {"id": "drive", "kind": "rating", "system": "drive", "title": "Drive this week"},
        {"id": "soothe", "kind": "rating", "system": "soothe", "title": "Soothe this week"},
    ],
}
WARMTH: dict[str, Any] = {
    "id": "self-warmth",
    "title": "Self-warmth practice",
    "summary": "Bring to mind a warm, kind presence.",
    "minutes": 5,
    "version": 1,
    "tags": ["soothe"],
    "steps": [
        {
            "id": "warmth_before",
            "kind": "rating",
            "title": "How warm, before?",
            "label": "Self-warmth (before)",
        },
        {
            "id": "warmth_after",
            "kind": "rating",
            "title": "How warm, now?",
            "label": "Self-warmth (after)",
        },
    ],
}
END = FIXED_NOW - timedelta(hours=1)


def install_exercises(context: AppContext, *definitions: dict[str, Any]) -> None:
    """Put these exercises into the context's library (replacing any with the same id)."""
    library = context.library
    for definition in definitions or (CIRCLES, WARMTH):
        exercise = Exercise.model_validate(definition)
        library.exercises[exercise.id] = FoundExercise(exercise, Path("tests"), "shipped")


def seed_generated(context: AppContext, entries: int = 120, months: int = 4) -> None:
    """Generated check-ins and three-circles entries, plus a few self-warmth ratings."""
    install_exercises(context)
    with context.open_store() as store:
        generate(store, entries, months, now=END)
        for number in range(6):
            start = END - timedelta(days=3 * number + 1, hours=2)
            save(
                store,
                start,
                "self-warmth",
                {"warmth_before": 2 + number % 3, "warmth_after": 5 + number % 4},
            )


def save(
    store: EntryStore,
    start: datetime,
    exercise_id: str = "daily-checkin",
    answers: dict[str, Any] | None = None,
    **fields: Any,
) -> Entry:
    """One entry, saved as it is given (completed unless ``status`` says otherwise)."""
    entry = replace(
        new_entry(exercise_id, 1, start),
        **{
            "started_at": start.astimezone(timezone.utc),
            "updated_at": start.astimezone(timezone.utc),
            "status": "completed",
            "answers": answers or {},
            **fields,
        },
    )
    return store.save(entry)


def checkin(critic: str, before: int = 7, after: int = 4, **more: Any) -> dict[str, Any]:
    return {
        "critic": critic,
        "intensity_before": before,
        "threat": "Being left out",
        "compassionate": "You are doing your best",
        "intensity_after": after,
        **more,
    }
