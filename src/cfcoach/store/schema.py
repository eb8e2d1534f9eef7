"""The database schema and its forward migrations.

``PRAGMA user_version`` holds the schema version. Each migration takes the database from
version N-1 to N inside one transaction; a backup copy is made before any migration runs
on a database that already holds data.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE entries (
        id               INTEGER PRIMARY KEY,
        uuid             TEXT    NOT NULL UNIQUE,
        exercise_id      TEXT    NOT NULL,
        exercise_version INTEGER NOT NULL,
        status           TEXT    NOT NULL CHECK (status IN ('draft', 'completed', 'stopped')),
        started_at       TEXT    NOT NULL,
        updated_at       TEXT    NOT NULL,
        finished_at      TEXT,
        answers          TEXT    NOT NULL DEFAULT '{}',
        skipped          TEXT    NOT NULL DEFAULT '[]',
        state            TEXT    NOT NULL DEFAULT '{}',
        private          INTEGER NOT NULL DEFAULT 0,
        therapist_note   TEXT
    );
    CREATE INDEX entries_by_start ON entries (started_at);
    CREATE INDEX entries_by_status ON entries (status, updated_at);
    CREATE INDEX entries_by_exercise ON entries (exercise_id, started_at);
    """,
}
