"""The fixed entries and exercises the export golden files are made from.

Three exercises: the daily check-in (version 1, as it shipped), a self-warmth practice with a choice, a
before/after warmth rating and a step marked private, and a three-circles exercise (with an
id of its own, so it never clashes with the shipped one).
The answers carry what an export must handle: accents, Greek and Cyrillic, line breaks,
HTML, Markdown, a terminal escape sequence and a spreadsheet formula.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from cfcoach.content import Exercise, load_exercise_file
from cfcoach.export.registry import ExportBundle
from cfcoach.store.models import Entry

GENERATED_AT = datetime(2026, 11, 26, 9, 30, tzinfo=timezone.utc)
UTC = timezone.utc
CET = timezone(timedelta(hours=1))

PRIVATE_STEP_ANSWER = "PRIVATE-STEP-ANSWER the part only I should read"
PRIVATE_ENTRY_ANSWER = "PRIVATE-ENTRY-ANSWER you are a burden"
ESCAPE = "\x1b[2J\x1b]0;owned\x07"

WARMTH: dict[str, Any] = {
    "id": "self-warmth",
    "title": "Self-warmth practice",
    "summary": "Bring to mind a warm, kind presence and notice how it feels.",
    "minutes": 5,
    "version": 2,
    "tags": ["soothe"],
    "steps": [
        {
            "id": "warmth_before",
            "kind": "rating",
            "system": "soothe",
            "title": "How warm do you feel towards yourself?",
            "label": "Self-warmth (before)",
            "anchors": {0: "not at all", 10: "very warm"},
        },
        {
            "id": "presence",
            "kind": "choice",
            "title": "Who came to mind?",
            "label": "The kind presence",
            "options": [
                {"value": "friend", "label": "A friend"},
                {"value": "animal", "label": "An animal"},
                {"value": "place", "label": "A place"},
            ],
            "multiple": True,
        },
        {
            "id": "secret",
            "kind": "text",
            "private": True,
            "title": "Anything you want to keep to yourself?",
            "label": "Just for me",
        },
        {
            "id": "warmth_after",
            "kind": "rating",
            "system": "soothe",
            "title": "How warm do you feel now?",
            "label": "Self-warmth (after)",
            "anchors": {0: "not at all", 10: "very warm"},
        },
    ],
}

CIRCLES: dict[str, Any] = {
    "id": "sample-circles",
    "title": "Three circles",
    "summary": "Draw how big each of the three systems feels this week.",
    "minutes": 5,
    "version": 1,
    "tags": ["three-circles"],
    "steps": [
        {"id": "threat_size", "kind": "rating", "system": "threat", "title": "Threat circle"},
        {"id": "drive_size", "kind": "rating", "system": "drive", "title": "Drive circle"},
        {"id": "soothe_size", "kind": "rating", "system": "soothe", "title": "Soothe circle"},
    ],
}


def exercises() -> dict[str, Exercise]:
    """The exercises the samples answered; the daily check-in is version 1, frozen here
    (``daily-checkin-v1.yaml``) so that editing the shipped one never moves the golden files."""
    checkin = load_exercise_file(Path(__file__).with_name("daily-checkin-v1.yaml"))
    return {
        checkin.id: checkin,
        WARMTH["id"]: Exercise.model_validate(WARMTH),
        CIRCLES["id"]: Exercise.model_validate(CIRCLES),
    }


def _entry(number: int, exercise_id: str, start: datetime, **fields: Any) -> Entry:
    version = {"self-warmth": 2}.get(exercise_id, 1)
    finished = start + timedelta(minutes=9)
    values: dict[str, Any] = {
        "id": number,
        "uuid": f"00000000-0000-4000-8000-{number:012d}",
        "exercise_id": exercise_id,
        "exercise_version": version,
        "status": "completed",
        "started_at": start,
        "updated_at": finished,
        "finished_at": finished,
    }
    values.update(fields)
    if values["status"] == "draft":
        values["finished_at"] = None
    return Entry(**values)


def entries() -> list[Entry]:
    """Every sample entry, private and unfinished ones included, oldest first."""
    return [
        _entry(
            1,
            "daily-checkin",
            datetime(2026, 11, 2, 21, 14, tzinfo=CET),
            answers={
                "critic": "You never finish anything. You're lazy.",
                "intensity_before": 7,
                "threat": "That people will see I'm not good enough\nand leave.",
                "drive": "Doing everything perfectly, *all* the time.",
                "compassionate": "You were exhausted. Resting isn't failing.",
                "intensity_after": 4,
            },
            therapist_note="This one was hard to write — can we talk about it?",
        ),
        _entry(
            2,
            "self-warmth",
            datetime(2026, 11, 3, 7, 45, tzinfo=CET),
            answers={
                "warmth_before": 2,
                "presence": ["friend", "animal"],
                "secret": PRIVATE_STEP_ANSWER,
                "warmth_after": 5,
            },
        ),
        _entry(
            3,
            "daily-checkin",
            datetime(2026, 11, 5, 22, 3, tzinfo=CET),
            answers={
                "critic": f"Lazy again. You never get it right.{ESCAPE} Ελληνικά, Русский, café",
                "intensity_before": 9,
                "threat": "<script>alert('x')</script> & [a link](https://example.com)",
                "compassionate": '=HYPERLINK("https://example.com")\n\n# Not a heading\n- not a list',
                "intensity_after": 6,
            },
            skipped=["drive", "soothing_rhythm"],
        ),
        _entry(
            4,
            "daily-checkin",
            datetime(2026, 11, 6, 20, 0, tzinfo=CET),
            private=True,
            answers={"critic": PRIVATE_ENTRY_ANSWER, "intensity_before": 8},
        ),
        _entry(
            5,
            "sample-circles",
            datetime(2026, 11, 8, 10, 0, tzinfo=UTC),
            answers={"threat_size": 7, "drive_size": 5, "soothe_size": 2},
        ),
        _entry(
            6,
            "daily-checkin",
            datetime(2026, 11, 9, 19, 30, tzinfo=UTC),
            status="stopped",
            answers={"critic": "Never good enough, never lazy-proof.", "intensity_before": 6},
            skipped=["threat"],
        ),
        _entry(
            7,
            "daily-checkin",
            datetime(2026, 11, 10, 8, 0, tzinfo=UTC),
            status="draft",
            answers={"critic": "DRAFT-ANSWER unfinished thought"},
        ),
    ]


def shared_entries() -> list[Entry]:
    """The entries an export takes by default: no private ones, no drafts."""
    return [e for e in entries() if not e.private and e.status != "draft"]


def bundle(**overrides: Any) -> ExportBundle:
    values: dict[str, Any] = {
        "entries": shared_entries(),
        "exercises": exercises(),
        "generated_at": GENERATED_AT,
    }
    values.update(overrides)
    return ExportBundle(**values)
