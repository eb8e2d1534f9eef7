"""Schema 4 (the note for the therapist has one home): a schema-3 database is upgraded in
place, after a backup; the note step's old answer copies are merged into the note without
losing words, and a cleared note stays cleared."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from cfcoach.store import EntryStore
from cfcoach.store.entries import EntryQuery
from cfcoach.store.models import joined_note
from cfcoach.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.unit.test_migration_3 import make_second_schema_database

ROWS = {
    # uuid: (answer copy, note, a copy in the saved state too)
    "same": ("Ask about sleep", "Ask about sleep", True),
    "edited": ("The first words", "Other words, written later", False),
    "added-to": ("Ask about sleep", "Ask about sleep, and the dreams", False),
    "cleared": ("Porcupine secret", None, True),
    "answer-only-in-state": (None, "Kept as it is", True),
    "no-note": (None, None, False),
}


def make_third_schema_database(path: Path) -> None:
    """A schema-3 database as cfcoach 3 wrote it: notes copied among the answers."""
    make_second_schema_database(path)
    connection = sqlite3.connect(path)
    connection.executescript(MIGRATIONS[3])
    connection.execute("PRAGMA user_version = 3")
    for number, (uuid, (answer, note, in_state)) in enumerate(ROWS.items()):
        answers = {"critic": f"critic {uuid}"}
        if answer is not None:
            answers["therapist_note"] = answer
        state_answers = dict(answers)
        if in_state:
            state_answers["therapist_note"] = answer or note or ""
        state = {"answers": state_answers, "current": None, "pending": {}}
        connection.execute(
            "INSERT INTO entries (uuid, exercise_id, exercise_version, status, started_at,"
            " updated_at, answers, skipped, state, therapist_note) VALUES (?, ?, ?, ?, ?, ?, ?,"
            " ?, ?, ?)",
            (
                uuid,
                "daily-checkin",
                1,
                "completed",
                f"2026-02-{number + 1:02d}T08:00:00+00:00",
                f"2026-02-{number + 1:02d}T08:10:00+00:00",
                json.dumps(answers),
                "[]",
                json.dumps(state),
                note,
            ),
        )
    connection.commit()
    connection.close()


def test_schema_3_notes_get_one_home_after_a_backup(tmp_path: Path) -> None:
    database = tmp_path / "data" / "entries.sqlite3"
    make_third_schema_database(database)

    with EntryStore(database) as store:
        found = {
            entry.uuid: entry
            for entry in store.select(EntryQuery(include_private=True, include_drafts=True))
        }
        assert store.history_count(EntryQuery(), search="porcupine") == 0
        assert store.history_count(EntryQuery(), search="dreams") == 1

    assert {uuid: entry.therapist_note for uuid, entry in found.items() if uuid in ROWS} == {
        "same": "Ask about sleep",
        "edited": "Other words, written later\n\nThe first words",
        "added-to": "Ask about sleep, and the dreams",
        "cleared": None,
        "answer-only-in-state": "Kept as it is",
        "no-note": None,
    }
    for uuid in ROWS:
        assert "therapist_note" not in found[uuid].answers, uuid
        assert "therapist_note" not in found[uuid].state["answers"], uuid
        assert found[uuid].answers["critic"] == f"critic {uuid}"

    connection = sqlite3.connect(database)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    connection.close()

    [backup] = [p for p in database.parent.iterdir() if p.name.endswith(".bak")]
    assert "before-v4" in backup.name
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 3
    kept = old.execute("SELECT answers FROM entries WHERE uuid = 'cleared'").fetchone()[0]
    assert json.loads(kept)["therapist_note"] == "Porcupine secret"  # the backup keeps it
    old.close()


def test_joined_note_keeps_every_word_once() -> None:
    assert joined_note("  Ask  ", "Ask") == "Ask"
    assert joined_note("Ask about sleep", "") == "Ask about sleep"
    assert joined_note("Ask", "Ask about sleep") == "Ask about sleep"
    assert joined_note("New", "Old") == "New\n\nOld"
    assert joined_note(None, "Cleared by the person") is None
    assert joined_note("   ", "Cleared by the person") is None
