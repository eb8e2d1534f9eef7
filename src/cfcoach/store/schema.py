"""The database schema and its forward migrations.

``PRAGMA user_version`` holds the schema version. Each migration takes the database from
version N-1 to N as one SQL script run inside one transaction; a backup copy is made
before any migration runs on a database that already holds data. Scripts may call
``joined_note(note, answer)`` (:func:`cfcoach.store.models.joined_note`), which
:func:`cfcoach.store.database.open_database` gives every connection.
"""

from __future__ import annotations

from cfcoach.store.models import NOTE_STEP

SCHEMA_VERSION = 4

# The text answers of an entry, one per line, for the full-text index.
_ANSWER_TEXT = (
    "(SELECT group_concat(value, char(10)) FROM json_each({row}.answers) WHERE type = 'text')"
)

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
    # 2: a trash (deleted_at: kept 30 days, restorable), whether the safety screen was
    # shown, and a full-text index over text answers and notes kept up to date by triggers.
    2: f"""
    ALTER TABLE entries ADD COLUMN deleted_at TEXT;
    ALTER TABLE entries ADD COLUMN safety_shown INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX entries_by_deleted ON entries (deleted_at);
    CREATE VIRTUAL TABLE entries_search USING fts5(
        body, note, tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER entries_search_insert AFTER INSERT ON entries BEGIN
        INSERT INTO entries_search (rowid, body, note)
        VALUES (NEW.id, coalesce({_ANSWER_TEXT.format(row="NEW")}, ''), coalesce(NEW.therapist_note, ''));
    END;
    CREATE TRIGGER entries_search_update AFTER UPDATE OF answers, therapist_note ON entries BEGIN
        DELETE FROM entries_search WHERE rowid = OLD.id;
        INSERT INTO entries_search (rowid, body, note)
        VALUES (NEW.id, coalesce({_ANSWER_TEXT.format(row="NEW")}, ''), coalesce(NEW.therapist_note, ''));
    END;
    CREATE TRIGGER entries_search_delete AFTER DELETE ON entries BEGIN
        DELETE FROM entries_search WHERE rowid = OLD.id;
    END;
    INSERT INTO entries_search (rowid, body, note)
        SELECT id, coalesce({_ANSWER_TEXT.format(row="entries")}, ''), coalesce(therapist_note, '')
        FROM entries;
    """,
    # 3: indexes for history. The trash index holds only trashed entries, so "not in the
    # trash" never picks it (it used to, and then sorted every entry); a covering index of
    # the entries not in the trash answers counts and filters without reading the rows.
    3: """
    DROP INDEX entries_by_deleted;
    CREATE INDEX entries_in_trash ON entries (deleted_at) WHERE deleted_at IS NOT NULL;
    CREATE INDEX entries_live ON entries (exercise_id, started_at, status, private)
        WHERE deleted_at IS NULL;
    """,
    # 4: the note for the therapist has one home, the therapist_note column. The note step's
    # answer (a second copy, exported twice and kept after the note was edited or cleared)
    # is merged into it without losing words (a cleared note stays cleared), then removed
    # from the answers and the saved engine state; the search index forgets the old words.
    4: f"""
    UPDATE entries SET
        therapist_note = joined_note(therapist_note, json_extract(answers, '$.{NOTE_STEP}')),
        answers = json_remove(answers, '$.{NOTE_STEP}')
    WHERE json_valid(answers) AND json_type(answers, '$.{NOTE_STEP}') = 'text';
    UPDATE entries SET state = json_remove(state, '$.answers.{NOTE_STEP}')
    WHERE json_valid(state) AND json_type(state, '$.answers.{NOTE_STEP}') = 'text';
    INSERT INTO entries_search (entries_search) VALUES ('optimize');
    """,
}
