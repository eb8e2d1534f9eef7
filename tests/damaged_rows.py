"""Rows the store cannot read as entries, written straight into the database, as an older
cfcoach, an earlier import or a hand edit could have left them (the store never writes
them itself: an entry refuses such values when it is made)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from contextlib import closing
from pathlib import Path
from typing import Any

from cfcoach.store import EntryStore

FAR_FUTURE = "9999-12-31T23:59:59-12:00"
"""Issue 17's date: in UTC it is past the last year Python's dates can hold."""
DEEP = "[" * 100_000 + "]" * 100_000
"""JSON nested deeper than Python's parser goes (a RecursionError)."""
LONG_NUMBER = "[" + "1" * 5000 + "]"
"""A JSON number with more digits than Python turns into an int (a ValueError)."""


def write_row(
    database: Path,
    *,
    started_at: str = "2026-11-20T09:00:00+00:00",
    answers: dict[str, Any] | None = None,
    skipped: str = "[]",
    state: str = "{}",
    status: str = "completed",
    exercise_id: str = "daily-checkin",
) -> int:
    """Add one row as it is given, bypassing every check; its id."""
    EntryStore(database).close()  # the database and its tables exist
    with closing(sqlite3.connect(database)) as connection, connection:
        cursor = connection.execute(
            "INSERT INTO entries (uuid, exercise_id, exercise_version, status, started_at, "
            "updated_at, finished_at, answers, skipped, state) VALUES (?, ?, 2, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(uuid.uuid4()),
                exercise_id,
                status,
                started_at,
                started_at,
                None if status == "draft" else started_at,
                json.dumps(answers or {"critic": "words of a damaged row"}),
                skipped,
                state,
            ),
        )
        row_id = cursor.lastrowid
    assert row_id is not None
    return row_id
