"""JSON export: a documented, versioned schema, written one entry at a time.

Schema (``schema_version`` 1)::

    {
      "schema_version": 1,
      "generator": "cfcoach 0.1.0",
      "exported_at": "2026-11-26T09:00:00+00:00",
      "entries": [
        {
          "id": 3, "uuid": "...",
          "exercise": {"id": "daily-checkin", "version": 1, "title": "Daily check-in"},
          "status": "completed",            # draft | completed | stopped
          "started_at": "...", "finished_at": "..." | null,   # ISO 8601 with offset
          "private": false,
          "therapist_note": null | "...",
          "answers": [
            {"step": "critic", "label": "The critic's words", "kind": "text",
             "system": "threat" | "drive" | "soothe" | null, "value": "..."}
          ],
          "skipped": ["drive"]
        }
      ]
    }

Answers are listed in the order the exercise asks them; answers to steps an exercise no
longer has keep their step id as label.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from cfcoach import __version__
from cfcoach.content.models import Exercise
from cfcoach.export.json_records import StepHeads, record_text, step_heads
from cfcoach.export.registry import ExportBundle
from cfcoach.store.models import Entry

SCHEMA_VERSION = 1


StepFields = tuple[tuple[str, str, str | None, str | None, bool], ...]
"""Per step of an exercise: id, answer label, kind, system, private."""


def step_fields(exercise: Exercise | None) -> StepFields:
    """What a record needs of each step, read once per exercise rather than per entry."""
    if exercise is None:
        return ()
    return tuple(
        (step.id, step.answer_label, getattr(step, "kind", None), step.system, step.private)
        for step in exercise.steps
    )


def entry_record(
    entry: Entry,
    exercise: Exercise | None,
    include_private_steps: bool,
    *,
    steps: StepFields | None = None,
) -> dict[str, Any]:
    """One entry as the JSON schema describes it (``steps``: :func:`step_fields`, if known)."""
    answers: list[dict[str, Any]] = []
    given = entry.answers
    fields = step_fields(exercise) if steps is None else steps
    for step_id, label, kind, system, private in fields:
        if step_id not in given or (private and not include_private_steps):
            continue
        answers.append(
            {
                "step": step_id,
                "label": label,
                "kind": kind,
                "system": system,
                "value": given[step_id],
            }
        )
    known = {field[0] for field in fields}
    for step_id, value in given.items():
        if step_id not in known:
            answers.append(
                {"step": step_id, "label": step_id, "kind": None, "system": None, "value": value}
            )
    return {
        "id": entry.id,
        "uuid": entry.uuid,
        "exercise": {
            "id": entry.exercise_id,
            "version": entry.exercise_version,
            "title": exercise.title if exercise else entry.exercise_id,
        },
        "status": entry.status,
        "started_at": entry.started_at.isoformat(),
        "finished_at": entry.finished_at.isoformat() if entry.finished_at else None,
        "private": entry.private,
        "therapist_note": entry.therapist_note,
        "answers": answers,
        "skipped": list(entry.skipped),
    }


def write(bundle: ExportBundle, out: TextIO) -> None:
    """Write ``bundle`` as JSON to ``out``, streaming entries so memory stays flat."""
    head = {
        "schema_version": SCHEMA_VERSION,
        "generator": f"cfcoach {__version__}",
        "exported_at": bundle.generated_at.isoformat(),
    }
    out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2])
    out.write(',\n  "entries": [')
    first = True
    known: dict[str, tuple[str, StepHeads]] = {}
    for entry in bundle.entries:
        found = known.get(entry.exercise_id)
        if found is None:
            exercise = bundle.exercises.get(entry.exercise_id)
            title = exercise.title if exercise else entry.exercise_id
            found = known[entry.exercise_id] = (title, step_heads(step_fields(exercise)))
        # The same text as json.dumps(entry_record(...), indent=2), indented, but faster.
        text = record_text(entry, found[0], found[1], bundle.include_private_steps)
        out.write(("\n    " if first else ",\n    ") + text)
        first = False
    out.write("\n  ]\n}\n" if not first else "]\n}\n")
