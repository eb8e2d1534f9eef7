"""Schema migrations: a database from the first schema is upgraded in place, after a backup."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from cfcoach.store import EntryStore, StoreError
from cfcoach.store.database import open_database
from cfcoach.store.schema import MIGRATIONS, SCHEMA_VERSION


def make_first_schema_database(path: Path) -> None:
    """A database exactly as cfcoach's first schema wrote it, holding one entry."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.executescript(MIGRATIONS[1])
    connection.execute("PRAGMA user_version = 1")
    connection.execute(
        "INSERT INTO entries (uuid, exercise_id, exercise_version, status, started_at, updated_at,"
        " answers, skipped, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            "u-1",
            "daily-checkin",
            1,
            "completed",
            "2026-01-02T08:00:00+00:00",
            "2026-01-02T08:10:00+00:00",
            json.dumps({"critic": "You always procrastinate", "intensity_before": 7}),
            "[]",
            "{}",
        ),
    )
    connection.commit()
    connection.close()


def test_first_schema_is_upgraded_with_a_backup_and_nothing_lost(tmp_path: Path) -> None:
    database = tmp_path / "data" / "entries.sqlite3"
    make_first_schema_database(database)

    with EntryStore(database) as store:
        [entry] = list(store.iter_entries())
        assert entry.answers == {"critic": "You always procrastinate", "intensity_before": 7}
        assert entry.deleted_at is None and entry.safety_shown is False

    connection = sqlite3.connect(database)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    hits = connection.execute(
        "SELECT rowid FROM entries_search WHERE entries_search MATCH 'procrastinate'"
    ).fetchall()
    assert hits == [(1,)]
    connection.close()

    [backup] = [p for p in database.parent.iterdir() if p.name.endswith(".bak")]
    assert f"before-v{SCHEMA_VERSION}" in backup.name
    assert backup.stat().st_mode & 0o777 == 0o600
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert old.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
    old.close()


def test_a_new_database_needs_no_backup(tmp_path: Path) -> None:
    database = tmp_path / "entries.sqlite3"
    open_database(database).close()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".bak")]


def test_the_search_index_follows_saves(tmp_path: Path) -> None:
    from cfcoach.store import new_entry

    with EntryStore(tmp_path / "entries.sqlite3") as store:
        entry = store.save(
            replace(new_entry("daily-checkin", 1), answers={"critic": "stupid mistake"})
        )
        store.save(
            replace(entry, answers={"critic": "gentle words"}, therapist_note="ask about sleep")
        )
        connection = sqlite3.connect(tmp_path / "entries.sqlite3")
        search = "SELECT rowid FROM entries_search WHERE entries_search MATCH ?"
        assert connection.execute(search, ("stupid",)).fetchall() == []
        assert connection.execute(search, ("gentle",)).fetchall() == [(entry.id,)]
        assert connection.execute(search, ("sleep",)).fetchall() == [(entry.id,)]
        connection.close()


def test_a_failing_migration_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "entries.sqlite3"
    make_first_schema_database(database)
    monkeypatch.setitem(MIGRATIONS, 2, MIGRATIONS[2] + "\nTHIS IS NOT SQL;")

    with pytest.raises(StoreError):
        open_database(database).close()

    connection = sqlite3.connect(database)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [row[1] for row in connection.execute("PRAGMA table_info(entries)")]
    assert "deleted_at" not in columns
    assert connection.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
    connection.close()
