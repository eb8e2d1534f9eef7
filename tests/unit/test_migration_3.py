"""Schema 3 (history's indexes): a schema-2 database is upgraded in place, after a backup."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from cfcoach.store import EntryStore
from cfcoach.store.entries import EntryQuery
from cfcoach.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.unit.test_migrations import make_first_schema_database


def make_second_schema_database(path: Path) -> None:
    """A schema-2 database holding one entry and one entry in the trash."""
    make_first_schema_database(path)
    connection = sqlite3.connect(path)
    connection.executescript(MIGRATIONS[2])
    connection.execute("PRAGMA user_version = 2")
    connection.execute(
        "INSERT INTO entries (uuid, exercise_id, exercise_version, status, started_at, updated_at,"
        " answers, skipped, state, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            "u-2",
            "daily-checkin",
            1,
            "completed",
            "2026-01-03T08:00:00+00:00",
            "2026-01-03T08:10:00+00:00",
            json.dumps({"critic": "Lazy again"}),
            "[]",
            "{}",
            "2026-01-04T08:00:00.000000+00:00",
        ),
    )
    connection.commit()
    connection.close()


def indexes(path: Path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        return {
            str(row[0])
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
    finally:
        connection.close()


def test_schema_2_gets_history_indexes_and_keeps_everything(tmp_path: Path) -> None:
    database = tmp_path / "data" / "entries.sqlite3"
    make_second_schema_database(database)
    assert "entries_by_deleted" in indexes(database)

    with EntryStore(database) as store:
        page = store.history(EntryQuery(include_private=True))
        assert [item.entry.answers["critic"] for item in page.items] == ["You always procrastinate"]
        [trashed] = store.in_trash()
        assert trashed.answers == {"critic": "Lazy again"}
        assert store.history_count(EntryQuery(), search="procrastinate") == 1

    found = indexes(database)
    assert {"entries_in_trash", "entries_live", "entries_by_start"} <= found
    assert "entries_by_deleted" not in found
    connection = sqlite3.connect(database)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 3
    connection.close()

    [backup] = [p for p in database.parent.iterdir() if p.name.endswith(".bak")]
    assert f"before-v{SCHEMA_VERSION}" in backup.name
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 2
    assert old.execute("SELECT count(*) FROM entries").fetchone()[0] == 2
    old.close()
