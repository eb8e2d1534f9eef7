"""Save, find and list entries in the SQLite database."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from cfcoach.store.database import open_database, translate_errors
from cfcoach.store.errors import EntryDamaged, EntryNotFound, StoreError
from cfcoach.store.models import NOTE_STEP, Entry, EntryInvalid, EntryStatus, note_in_one_place
from cfcoach.store.rows import (
    GLANCE_COLUMNS,
    LIVE,
    EntryGlance,
    EntryQuery,
    entry_from_row,
    glance_from_row,
    iso,
    marks,
    new_entry,
    utc_iso,
)
from cfcoach.textsafety import storable

if TYPE_CHECKING:  # searching loads when history is first read (not for the home screen)
    from cfcoach.store.history import Cursor, HistoryPage

__all__ = ["TRASH_DAYS", "EntryGlance", "EntryQuery", "EntryStore", "new_entry"]

_COLUMNS = (
    "id, uuid, exercise_id, exercise_version, status, started_at, updated_at, finished_at, "
    "answers, skipped, state, private, therapist_note, safety_shown, deleted_at"
)
# The same without the engine state (the largest column), read as an empty object.
_COLUMNS_WITHOUT_STATE = _COLUMNS.replace("state,", "'{}' AS state,")
TRASH_DAYS = 30
"""How long an entry stays in the trash (restorable) before it is gone."""
_NOT_FOUND = "There is no entry {}; `cfcoach history` lists them."


class EntryStore:
    """The entries database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection = open_database(path)
        self.damaged: dict[int, str] = {}
        """Entries left out of what was read because their rows cannot be read as entries
        (a date out of range, JSON that cannot be read ...): what is wrong, by id."""

    def __enter__(self) -> EntryStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._connection.close()

    # -- writing ----------------------------------------------------------------------

    def save(self, entry: Entry) -> Entry:
        """Insert or update ``entry`` (matched by uuid) in one transaction; returns it with its id.

        The note step's answer is saved as the entry's note only (:func:`note_in_one_place`).
        """
        entry = note_in_one_place(entry)
        row = (
            entry.uuid,
            entry.exercise_id,
            entry.exercise_version,
            entry.status,
            iso(entry.started_at),
            iso(entry.updated_at),
            iso(entry.finished_at) if entry.finished_at else None,
            storable(json.dumps(entry.answers, ensure_ascii=False)),
            storable(json.dumps(entry.skipped, ensure_ascii=False)),
            storable(json.dumps(entry.state, ensure_ascii=False)),
            int(entry.private),
            storable(entry.therapist_note) if entry.therapist_note else entry.therapist_note,
            int(entry.safety_shown),
        )
        with translate_errors(self.path), self._transaction():
            before = self._connection.execute(
                "SELECT therapist_note FROM entries WHERE uuid = ?", (entry.uuid,)
            ).fetchone()
            cursor = self._connection.execute(
                """
                INSERT INTO entries (uuid, exercise_id, exercise_version, status, started_at,
                    updated_at, finished_at, answers, skipped, state, private, therapist_note,
                    safety_shown)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (uuid) DO UPDATE SET
                    exercise_id = excluded.exercise_id,
                    exercise_version = excluded.exercise_version,
                    status = excluded.status,
                    started_at = excluded.started_at,
                    updated_at = excluded.updated_at,
                    finished_at = excluded.finished_at,
                    answers = excluded.answers,
                    skipped = excluded.skipped,
                    state = excluded.state,
                    private = excluded.private,
                    therapist_note = excluded.therapist_note,
                    safety_shown = excluded.safety_shown
                RETURNING id
                """,
                row,
            )
            entry_id = int(cursor.fetchone()[0])
            if before is not None and before[0] and before[0] != row[11]:
                self._forget_old_words()
        return replace(entry, id=entry_id)

    def set_private(self, entry_id: int, private: bool) -> None:
        """Mark an entry private (never exported unless asked) or not."""
        with translate_errors(self.path):
            cursor = self._connection.execute(
                "UPDATE entries SET private = ? WHERE id = ?", (int(private), entry_id)
            )
        if cursor.rowcount == 0:
            raise EntryNotFound(_NOT_FOUND.format(entry_id))

    def mark_safety_shown(self, entry_id: int) -> None:
        """Note on an entry that the safety screen was shown for something written in it
        (its note for the therapist, say), as an exercise's answers note it themselves."""
        with translate_errors(self.path):
            cursor = self._connection.execute(
                "UPDATE entries SET safety_shown = 1 WHERE id = ?", (entry_id,)
            )
        if cursor.rowcount == 0:
            raise EntryNotFound(_NOT_FOUND.format(entry_id))

    def set_note(self, entry_id: int, note: str | None) -> None:
        """Set the note for the therapist; a blank note (or ``None``) removes it.

        The note is its only copy: one left by an older cfcoach among the answers, or in a
        draft's saved state (given, or typed and not yet given), goes too, so the old words
        are in no export, backup or search afterwards.
        """
        text = storable((note or "").strip()) or None
        with translate_errors(self.path), self._transaction():
            row = self._connection.execute(
                "SELECT therapist_note FROM entries WHERE id = ?", (entry_id,)
            ).fetchone()
            if row is None:
                raise EntryNotFound(_NOT_FOUND.format(entry_id))
            self._connection.execute(
                f"""
                UPDATE entries SET therapist_note = ?,
                    answers = CASE WHEN json_valid(answers)
                        THEN json_remove(answers, '$.{NOTE_STEP}') ELSE answers END,
                    state = CASE WHEN json_valid(state) THEN json_remove(
                        state, '$.answers.{NOTE_STEP}', '$.pending.{NOTE_STEP}') ELSE state END
                WHERE id = ?
                """,
                (text, entry_id),
            )
            if row[0] and row[0] != text:
                self._forget_old_words()

    def _forget_old_words(self) -> None:
        """Merge the search index into one segment: words of a note changed or removed are
        otherwise left in its older segments (marked deleted) until SQLite merges them."""
        self._connection.execute("INSERT INTO entries_search (entries_search) VALUES ('optimize')")

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction (or a part of the one already open)."""
        if self._connection.in_transaction:
            yield
            return
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._connection.execute("COMMIT")
        except BaseException:
            if self._connection.in_transaction:
                self._connection.execute("ROLLBACK")
            raise

    # -- the trash ----------------------------------------------------------------------

    def move_to_trash(self, entry_id: int, now: datetime) -> None:
        """Put an entry in the trash: hidden everywhere, restorable for :data:`TRASH_DAYS` days."""
        with translate_errors(self.path):
            cursor = self._connection.execute(
                f"UPDATE entries SET deleted_at = ? WHERE id = ? AND {LIVE}",
                (utc_iso(now), entry_id),
            )
        if cursor.rowcount == 0:
            self.is_in_trash(entry_id)  # EntryNotFound if there is no such entry; else it is

    def discard_draft(self, entry_id: int, now: datetime) -> None:
        """Put an unfinished entry in the trash (only a draft: finished ones stay put)."""
        if not self.get(entry_id).is_draft:
            raise StoreError(f"Entry {entry_id} is finished, not a draft; it was left as it is.")
        self.move_to_trash(entry_id, now)

    def restore(self, entry_id: int) -> None:
        """Take an entry out of the trash, as it was."""
        with translate_errors(self.path):
            cursor = self._connection.execute(
                "UPDATE entries SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
                (entry_id,),
            )
        if cursor.rowcount == 0:
            self.is_in_trash(entry_id)  # EntryNotFound if there is no such entry

    def is_in_trash(self, entry_id: int) -> bool:
        """Whether the entry is in the trash (:class:`EntryNotFound` if there is none);
        read without reading the entry, so it works for one that cannot be read."""
        with translate_errors(self.path):
            row = self._connection.execute(
                "SELECT deleted_at IS NOT NULL FROM entries WHERE id = ?", (entry_id,)
            ).fetchone()
        if row is None:
            raise EntryNotFound(_NOT_FOUND.format(entry_id))
        return bool(row[0])

    def purge_trash(self, now: datetime, days: int = TRASH_DAYS) -> int:
        """Delete for good the entries put in the trash more than ``days`` days ago; how many."""
        cutoff = utc_iso(now - timedelta(days=days))
        with translate_errors(self.path):
            cursor = self._connection.execute(
                "DELETE FROM entries WHERE deleted_at IS NOT NULL AND deleted_at < ?", (cutoff,)
            )
        return max(cursor.rowcount, 0)

    def in_trash(self, limit: int = 1000) -> list[Entry]:
        """The entries in the trash, the most recently deleted first."""
        with translate_errors(self.path):
            rows = self._connection.execute(
                f"SELECT {_COLUMNS} FROM entries WHERE deleted_at IS NOT NULL "
                "ORDER BY deleted_at DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return self._entries(rows)

    # -- reading ----------------------------------------------------------------------

    def get(self, entry_id: int) -> Entry:
        """The entry with this id (:class:`EntryNotFound` if there is none)."""
        with translate_errors(self.path):
            row = self._connection.execute(
                f"SELECT {_COLUMNS} FROM entries WHERE id = ?", (entry_id,)
            ).fetchone()
        if row is None:
            raise EntryNotFound(_NOT_FOUND.format(entry_id))
        entry = self._entry(row)
        if entry is None:
            raise EntryDamaged(
                entry_id, self.damaged[entry_id], in_trash=row["deleted_at"] is not None
            )
        return entry

    def latest_draft(self, exercise_id: str | None = None) -> Entry | None:
        """The most recently saved unfinished entry (optionally of one exercise)."""
        query = f"SELECT {_COLUMNS} FROM entries WHERE status = 'draft' AND {LIVE}"
        params: tuple[Any, ...] = ()
        if exercise_id is not None:
            query += " AND exercise_id = ?"
            params = (exercise_id,)
        query += " ORDER BY updated_at DESC, id DESC"
        with (
            translate_errors(self.path),
            closing(self._connection.execute(query, params)) as cursor,
        ):
            while (row := cursor.fetchone()) is not None:  # the newest that can be read
                entry = self._entry(row)
                if entry is not None:
                    return entry
        return None

    def recent(
        self, limit: int = 5, statuses: tuple[EntryStatus, ...] = ("completed", "stopped")
    ) -> list[Entry]:
        """The newest entries with these statuses, newest first."""
        return self._newest(_COLUMNS, limit, statuses, self._entry)

    def recent_glances(
        self, limit: int = 5, statuses: tuple[EntryStatus, ...] = ("completed", "stopped")
    ) -> list[EntryGlance]:
        """What short lists show of the newest entries (exercise, start, status), newest
        first, without reading their answers: the home screen shows these at every start."""
        return self._newest(GLANCE_COLUMNS, limit, statuses, self._glance)

    def _newest(
        self,
        columns: str,
        limit: int,
        statuses: tuple[EntryStatus, ...],
        read: Callable[[sqlite3.Row], _Read | None],
    ) -> list[_Read]:
        # ``+status`` keeps SQLite off the status index (which holds nearly every entry
        # and would leave all of them to sort): it walks ``entries_by_start`` newest first
        # and stops after ``limit`` matches.
        marks = ", ".join("?" for _ in statuses)
        asked = limit
        while True:
            with translate_errors(self.path):
                rows: list[sqlite3.Row] = self._connection.execute(
                    f"SELECT {columns} FROM entries WHERE +status IN ({marks}) AND {LIVE} "
                    "ORDER BY started_at DESC, id DESC LIMIT ?",
                    (*statuses, asked),
                ).fetchall()
            found = [item for item in map(read, rows) if item is not None]
            if len(found) >= limit or len(rows) < asked:
                return found[:limit]
            asked *= 2  # some could not be read: read further back for the rest

    def drafts(self, limit: int = 1000) -> list[Entry]:
        """Unfinished entries (not in the trash), the most recently worked on first."""
        with translate_errors(self.path):
            rows = self._connection.execute(
                f"SELECT {_COLUMNS} FROM entries WHERE status = 'draft' AND {LIVE} "
                "ORDER BY updated_at DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return self._entries(rows)

    def history(
        self,
        query: EntryQuery,
        *,
        search: str | None = None,
        after: Cursor | None = None,
        limit: int = 50,
    ) -> HistoryPage:
        """A page of the entries ``query`` picks, newest first, optionally holding ``search``.

        ``search`` is plain words (every one must appear; see
        :func:`cfcoach.store.history.search_terms`); ``after`` is the previous page's
        ``next``. Each page is read through an index, however far down it is.
        """
        from cfcoach.store.history import Cursor, HistoryItem, HistoryPage, make_snippet

        where, params = query.where()
        if after is not None:
            where += " AND (started_at, id) < (?, ?)"
            params += [after.started_at, after.entry_id]
        terms = _search_terms(search) if search else None
        if terms is not None:
            sql = (
                f"SELECT {_COLUMNS}, entries_search.body AS body, entries_search.note AS note "
                "FROM entries_search JOIN entries ON entries.id = entries_search.rowid "
                f"WHERE entries_search MATCH ? AND {where} "
                "ORDER BY started_at DESC, id DESC LIMIT ?"
            )
            params = [terms, *params, limit + 1]
        else:
            sql = (
                f"SELECT {_COLUMNS} FROM entries WHERE {where} "
                "ORDER BY started_at DESC, id DESC LIMIT ?"
            )
            params = [*params, limit + 1]
        with translate_errors(self.path):
            rows = self._connection.execute(sql, params).fetchall()
        shown = rows[:limit]
        items = tuple(
            HistoryItem(
                entry,
                make_snippet((row["body"], row["note"]), search) if terms and search else None,
            )
            for row in shown
            if (entry := self._entry(row)) is not None
        )
        following = None
        if len(rows) > limit:
            last = shown[-1]
            following = Cursor(str(last["started_at"]), int(last["id"]))
        return HistoryPage(items, following)

    def history_count(self, query: EntryQuery, *, search: str | None = None) -> int:
        """How many entries :meth:`history` would list over all its pages."""
        where, params = query.where()
        terms = _search_terms(search) if search else None
        if terms is not None:
            sql = (
                "SELECT count(*) FROM entries_search JOIN entries "
                f"ON entries.id = entries_search.rowid WHERE entries_search MATCH ? AND {where}"
            )
            params = [terms, *params]
        else:
            sql = f"SELECT count(*) FROM entries WHERE {where}"
        with translate_errors(self.path):
            return int(self._connection.execute(sql, params).fetchone()[0])

    def iter_entries(
        self, *, include_drafts: bool = False, include_private: bool = False
    ) -> Iterator[Entry]:
        """Every entry, oldest first, leaving out drafts and private ones unless asked."""
        query = f"SELECT {_COLUMNS} FROM entries WHERE {LIVE}"
        if not include_drafts:
            query += " AND status != 'draft'"
        if not include_private:
            query += " AND private = 0"
        query += " ORDER BY started_at, id"
        with translate_errors(self.path):
            cursor = self._connection.execute(query)
            while batch := cursor.fetchmany(500):
                for row in batch:
                    entry = self._entry(row)
                    if entry is not None:
                        yield entry

    def count(self) -> int:
        with translate_errors(self.path):
            return int(
                self._connection.execute(f"SELECT count(*) FROM entries WHERE {LIVE}").fetchone()[0]
            )

    def select(
        self, query: EntryQuery, *, newest_first: bool = False, with_state: bool = True
    ) -> Generator[Entry, None, None]:
        """The entries ``query`` picks, oldest first (or newest first), read in batches.

        ``with_state=False`` leaves each entry's saved engine state out (``state`` is
        empty): reports and figures never read it, and parsing it is much of the cost of
        reading thousands of entries. Such entries must not be saved back.
        """
        where, params = query.where()
        order = "DESC" if newest_first else "ASC"
        columns = _COLUMNS if with_state else _COLUMNS_WITHOUT_STATE
        sql = f"SELECT {columns} FROM entries WHERE {where} ORDER BY started_at {order}, id {order}"
        with translate_errors(self.path):
            cursor = self._connection.execute(sql, params)
            while batch := cursor.fetchmany(500):
                for row in batch:
                    entry = self._entry(row)
                    if entry is not None:
                        yield entry

    def missing_ids(self, ids: Iterable[int]) -> list[int]:
        """Those of ``ids`` that no entry has (entries in the trash count as missing)."""
        wanted = sorted(set(ids))
        if not wanted:
            return []
        with translate_errors(self.path):
            rows = self._connection.execute(
                f"SELECT id FROM entries WHERE {LIVE} AND id IN ({marks(wanted)})", wanted
            ).fetchall()
        found = {int(row[0]) for row in rows}
        return [entry_id for entry_id in wanted if entry_id not in found]

    def exercise_ids(self) -> set[str]:
        """The ids of every exercise that has entries."""
        with translate_errors(self.path):
            rows = self._connection.execute(
                f"SELECT DISTINCT exercise_id FROM entries WHERE {LIVE}"
            ).fetchall()
        return {str(row[0]) for row in rows}

    def add_new(self, entries: Iterable[Entry]) -> tuple[int, int]:
        """Save the entries whose uuid is not here yet, all in one transaction.

        Returns (added, already there); entries in the trash count as already there.
        Nothing is saved if any entry fails.
        """
        added = existing = 0
        with translate_errors(self.path):
            self._connection.execute("BEGIN IMMEDIATE")
            try:
                for entry in entries:
                    found = self._connection.execute(
                        "SELECT 1 FROM entries WHERE uuid = ?", (entry.uuid,)
                    ).fetchone()
                    if found:
                        existing += 1
                        continue
                    self.save(replace(entry, id=None))
                    added += 1
                self._connection.execute("COMMIT")
            except BaseException:
                if self._connection.in_transaction:
                    self._connection.execute("ROLLBACK")
                raise
        return added, existing

    # -- rows that cannot be read ----------------------------------------------------------

    def _entries(self, rows: list[sqlite3.Row]) -> list[Entry]:
        return [entry for entry in map(self._entry, rows) if entry is not None]

    def _entry(self, row: sqlite3.Row) -> Entry | None:
        """The entry ``row`` holds, or ``None`` (noted in :attr:`damaged`) if it cannot be read."""
        try:
            return entry_from_row(row)
        except EntryInvalid as problem:
            self._note_damaged(row["id"], problem)
            return None

    def _glance(self, row: sqlite3.Row) -> EntryGlance | None:
        try:
            return glance_from_row(row)
        except EntryInvalid as problem:
            self._note_damaged(row[3], problem)
            return None

    def _note_damaged(self, entry_id: int, problem: EntryInvalid) -> None:
        """Keep and log (once) that entry ``entry_id`` cannot be read; its row is left alone."""
        if entry_id in self.damaged:
            return
        self.damaged[entry_id] = str(problem)
        from cfcoach.errorlog import log_exception

        log_exception(f"reading entry {entry_id} ({problem})", problem)


_Read = TypeVar("_Read", Entry, EntryGlance)


def _search_terms(search: str) -> str | None:
    from cfcoach.store.history import search_terms

    return search_terms(search)
