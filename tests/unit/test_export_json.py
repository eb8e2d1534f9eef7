"""The JSON export: valid, versioned, labelled from the exercise, private steps left out."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from cfcoach import __version__
from cfcoach.content import Exercise, load_exercise_text
from cfcoach.export import get_format
from cfcoach.export.json_format import SCHEMA_VERSION, entry_record, write
from cfcoach.export.registry import ExportBundle
from cfcoach.store import Entry, EntryStore, new_entry
from tests.conftest import FIXED_NOW

PRIVATE = load_exercise_text(
    """\
id: letter
title: A compassionate letter
summary: Write to yourself as a good friend would.
minutes: 15
version: 2
steps:
  - id: hurt
    kind: text
    title: What hurts?
    system: threat
    private: true
  - id: letter
    kind: text
    title: The letter
    label: My letter
    system: soothe
  - id: warmth
    kind: rating
    title: How warm does it feel?
""",
    "letter.yaml",
)


def export(
    entries: Any, exercises: dict[str, Exercise], *, include_private_steps: bool = False
) -> dict[str, Any]:
    out = io.StringIO()
    write(
        ExportBundle(
            entries=entries,
            exercises=exercises,
            generated_at=FIXED_NOW,
            include_private_steps=include_private_steps,
        ),
        out,
    )
    text = out.getvalue()
    assert text.endswith("\n")
    data: dict[str, Any] = json.loads(text)
    return data


def make_entry(
    exercise_id: str, answers: dict[str, Any], *, entry_id: int, minutes: int = 0, **more: Any
) -> Entry:
    started = FIXED_NOW + timedelta(minutes=minutes)
    return replace(
        new_entry(exercise_id, 1, started),
        **{
            "id": entry_id,
            "answers": answers,
            "status": "completed",
            "started_at": started,
            "updated_at": started + timedelta(minutes=9),
            "finished_at": started + timedelta(minutes=9),
            **more,
        },
    )


def test_json_is_registered() -> None:
    assert get_format("JSON").writer() is write
    assert get_format("json").extension == ".json"


def test_a_few_entries(checkin: Exercise) -> None:
    first = make_entry(
        "daily-checkin",
        {"intensity_before": 8, "critic": "Lazy again.", "compassionate": "You're tired."},
        entry_id=3,
        skipped=["drive"],
        therapist_note="The mornings are hardest.",
    )
    second = make_entry("daily-checkin", {"critic": "Ça ne va pas ✨"}, entry_id=4, minutes=60)

    data = export([first, second], {"daily-checkin": checkin})

    assert data["schema_version"] == SCHEMA_VERSION == 1
    assert data["generator"] == f"cfcoach {__version__}"
    assert data["exported_at"] == "2026-11-26T09:30:00+00:00"
    assert [e["id"] for e in data["entries"]] == [3, 4]
    record = data["entries"][0]
    assert record["uuid"] == first.uuid
    assert record["exercise"] == {"id": "daily-checkin", "version": 1, "title": "Daily check-in"}
    assert record["status"] == "completed"
    assert record["started_at"] == "2026-11-26T09:30:00+00:00"
    assert record["finished_at"] == "2026-11-26T09:39:00+00:00"
    assert record["private"] is False
    assert record["therapist_note"] == "The mornings are hardest."
    assert record["skipped"] == ["drive"]
    # In the order the exercise asks them, labelled as the exercise labels them.
    assert record["answers"] == [
        {
            "step": "critic",
            "label": checkin.step("critic").answer_label,
            "kind": "text",
            "system": "threat",
            "value": "Lazy again.",
        },
        {
            "step": "intensity_before",
            "label": checkin.step("intensity_before").answer_label,
            "kind": "rating",
            "system": "threat",
            "value": 8,
        },
        {
            "step": "compassionate",
            "label": checkin.step("compassionate").answer_label,
            "kind": "text",
            "system": "soothe",
            "value": "You're tired.",
        },
    ]
    assert record["answers"][0]["label"] == "The critic's words"
    assert data["entries"][1]["answers"][0]["value"] == "Ça ne va pas ✨"


def test_a_step_without_a_label_is_labelled_by_its_title() -> None:
    entry = make_entry("letter", {"warmth": 6}, entry_id=1)
    [answer] = export([entry], {"letter": PRIVATE})["entries"][0]["answers"]
    assert answer["label"] == "How warm does it feel?"
    assert answer["system"] is None


def test_private_steps_are_left_out_unless_asked() -> None:
    entry = make_entry("letter", {"hurt": "the secret", "letter": "Dear me"}, entry_id=1)

    hidden = export([entry], {"letter": PRIVATE})
    assert [a["step"] for a in hidden["entries"][0]["answers"]] == ["letter"]
    assert "the secret" not in json.dumps(hidden)

    shown = export([entry], {"letter": PRIVATE}, include_private_steps=True)
    assert [a["step"] for a in shown["entries"][0]["answers"]] == ["hurt", "letter"]
    assert shown["entries"][0]["answers"][0]["value"] == "the secret"


def test_zero_entries_is_valid_json() -> None:
    data = export(iter(()), {})
    assert data["entries"] == []
    assert data["schema_version"] == 1


def test_entries_are_read_as_a_stream() -> None:
    consumed: list[int] = []

    def stream() -> Iterator[Entry]:
        for n in range(1, 4):
            consumed.append(n)
            yield make_entry("letter", {"letter": f"letter {n}"}, entry_id=n)

    data = export(stream(), {"letter": PRIVATE})
    assert consumed == [1, 2, 3]
    assert [e["answers"][0]["value"] for e in data["entries"]] == [
        "letter 1",
        "letter 2",
        "letter 3",
    ]


def test_answers_to_unknown_steps_keep_their_id(checkin: Exercise) -> None:
    entry = make_entry(
        "daily-checkin", {"critic": "words", "old_step": "from version 0"}, entry_id=1
    )
    answers = export([entry], {"daily-checkin": checkin})["entries"][0]["answers"]
    assert answers[-1] == {
        "step": "old_step",
        "label": "old_step",
        "kind": None,
        "system": None,
        "value": "from version 0",
    }
    assert [a["step"] for a in answers] == ["critic", "old_step"]


def test_an_exercise_no_longer_installed() -> None:
    entry = make_entry("gone-away", {"b": ["one", "two"], "a": "x"}, entry_id=9)
    record = export([entry], {})["entries"][0]
    assert record["exercise"] == {"id": "gone-away", "version": 1, "title": "gone-away"}
    assert [(a["step"], a["label"], a["value"]) for a in record["answers"]] == [
        ("b", "b", ["one", "two"]),
        ("a", "a", "x"),
    ]


def test_times_keep_their_offset() -> None:
    zone = timezone(timedelta(hours=-3, minutes=-30))
    started = FIXED_NOW.astimezone(zone)
    entry = replace(
        make_entry("letter", {}, entry_id=1), started_at=started, finished_at=None, status="stopped"
    )
    record = entry_record(entry, PRIVATE, include_private_steps=False)
    assert record["started_at"] == "2026-11-26T06:00:00-03:30"
    assert record["finished_at"] is None
    assert record["status"] == "stopped"


@pytest.mark.parametrize("note", ['quote " and \\ backslash', "line\nbreak", "</script>", ""])
def test_awkward_text_stays_valid_json(note: str) -> None:
    entry = make_entry("letter", {"letter": note}, entry_id=1, therapist_note=note)
    record = export([entry], {"letter": PRIVATE})["entries"][0]
    assert record["therapist_note"] == note
    assert record["answers"][0]["value"] == note


def test_exported_from_the_store(tmp_path: Path, checkin: Exercise) -> None:
    with EntryStore(tmp_path / "entries.sqlite3") as store:
        saved = [
            store.save(make_entry("daily-checkin", {"critic": f"c{n}"}, entry_id=0, minutes=n))
            for n in range(3)
        ]
        data = export(store.iter_entries(), {"daily-checkin": checkin})
    assert [e["id"] for e in data["entries"]] == [entry.id for entry in saved]
    assert [e["answers"][0]["value"] for e in data["entries"]] == ["c0", "c1", "c2"]
