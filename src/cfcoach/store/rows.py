"""Entries as rows: a new entry, which entries a query reads (as SQL), and a row read back.

The store (:mod:`cfcoach.store.entries`) runs the SQL; this module only builds and reads it.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime, timedelta, timezone
from typing import Any, NamedTuple

from cfcoach.store.models import FIRST_YEAR, LAST_YEAR, Entry, EntryInvalid

LIVE = "deleted_at IS NULL"
"""Entries not in the trash."""


def new_entry(exercise_id: str, exercise_version: int, now: datetime | None = None) -> Entry:
    """A fresh, unsaved draft entry."""
    import uuid  # only when an exercise starts, not at every start of the coach

    moment = (now or datetime.now(timezone.utc)).astimezone()
    return Entry(
        uuid=str(uuid.uuid4()),
        exercise_id=exercise_id,
        exercise_version=exercise_version,
        started_at=moment,
        updated_at=moment,
    )


# A NamedTuple, not a dataclass: this module is imported at every start of the coach, and
# a dataclass compiles the source of its methods then (issue 8: first paint).
class EntryQuery(NamedTuple):
    """Which entries to read; each field that is set narrows the choice.

    Days are calendar days as the entry shows them (in the time zone it was written in).
    """

    since: date | None = None
    """The first day included."""
    until: date | None = None
    """The last day included."""
    exercise_ids: tuple[str, ...] = ()
    """Only entries of these exercises (all exercises when empty)."""
    ids: tuple[int, ...] = ()
    """Only the entries with these ids (all when empty)."""
    include_drafts: bool = False
    """Also unfinished entries."""
    include_private: bool = False
    """Also entries marked private."""

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition and its parameters (values are never spliced into the text)."""
        clauses = [LIVE]
        params: list[Any] = []
        if self.since is not None:
            clauses.append("started_at >= ?")
            params.append(self.since.isoformat())
        if self.until is not None:
            clauses.append("started_at < ?")
            params.append((self.until + timedelta(days=1)).isoformat())
        if self.exercise_ids:
            clauses.append(f"exercise_id IN ({marks(self.exercise_ids)})")
            params.extend(self.exercise_ids)
        if self.ids:
            clauses.append(f"id IN ({marks(self.ids)})")
            params.extend(self.ids)
        if not self.include_drafts:
            clauses.append("status != 'draft'")
        if not self.include_private:
            clauses.append("private = 0")
        return " AND ".join(clauses), params


class EntryGlance(NamedTuple):
    """What a short list shows of an entry: no answers or engine state are read for it."""

    exercise_id: str
    """The exercise it is of."""
    started_at: datetime
    """When it was started, in the time zone it was written in."""
    status: str
    """``completed``, ``stopped`` or ``draft``."""


def glance_from_row(row: sqlite3.Row) -> EntryGlance:
    """The glance a row of :data:`GLANCE_COLUMNS` holds (raises :class:`EntryInvalid` for
    a start that is not a date with a time zone from 1970 to 2100)."""
    try:
        started = datetime.fromisoformat(row[1])
    except (TypeError, ValueError):
        raise EntryInvalid("started_at must be a date and time") from None
    if type(row[0]) is not str or type(row[2]) is not str:
        raise EntryInvalid("exercise_id and status must be text")
    if started.utcoffset() is None:
        raise EntryInvalid("started_at must be a date and time with a time zone")
    if not FIRST_YEAR <= started.year <= LAST_YEAR:
        raise EntryInvalid(f"started_at must be a date from {FIRST_YEAR} to {LAST_YEAR}")
    return EntryGlance(row[0], started, row[2])


GLANCE_COLUMNS = "exercise_id, started_at, status, id"


def marks(values: tuple[Any, ...] | list[Any]) -> str:
    return ", ".join("?" for _ in values)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def utc_iso(moment: datetime) -> str:
    """``moment`` in UTC (so stored times of deletion sort and compare as times)."""
    return iso(moment.astimezone(timezone.utc))


def entry_from_row(row: sqlite3.Row) -> Entry:
    """The entry a row holds (raises :class:`EntryInvalid`, a ValueError, naming the field
    of a row that does not hold one: a time that is not one, JSON that cannot be read, a
    field of the wrong kind or out of range)."""
    try:
        return Entry(
            id=row["id"],
            uuid=row["uuid"],
            exercise_id=row["exercise_id"],
            exercise_version=row["exercise_version"],
            status=row["status"],
            started_at=datetime.fromisoformat(row["started_at"]),
            updated_at=datetime.fromisoformat(row["updated_at"]),
            finished_at=datetime.fromisoformat(row["finished_at"]) if row["finished_at"] else None,
            answers=json.loads(row["answers"]),
            skipped=json.loads(row["skipped"]),
            state=json.loads(row["state"]),
            private=bool(row["private"]),
            therapist_note=row["therapist_note"],
            safety_shown=bool(row["safety_shown"]),
            deleted_at=datetime.fromisoformat(row["deleted_at"]) if row["deleted_at"] else None,
        )
    except EntryInvalid:
        raise
    except (TypeError, ValueError, RecursionError):  # a row edited by hand may hold anything
        raise EntryInvalid(_unreadable(row)) from None


def _unreadable(row: sqlite3.Row) -> str:
    """Which column of ``row`` could not be read, as :class:`EntryInvalid` says it."""
    for name in ("started_at", "updated_at", "finished_at", "deleted_at"):
        text = row[name]
        if text is None and name in ("finished_at", "deleted_at"):
            continue
        try:
            datetime.fromisoformat(text)
        except (TypeError, ValueError):
            return f"{name} must be a date and time"
    for name in ("answers", "skipped", "state"):
        try:
            json.loads(row[name])
        except (TypeError, ValueError, RecursionError):
            # JSON nested too deep for Python, or a number with too many digits to read
            return f"{name} must be readable JSON"
    return "a field cannot be read"
