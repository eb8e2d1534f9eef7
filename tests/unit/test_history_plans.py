"""Every query history runs goes through an index: none reads the whole entries table.

Each store call is run with its connection recorded, then SQLite's own plan for every
statement it ran is checked (``EXPLAIN QUERY PLAN``): no bare ``SCAN entries`` (a full
table scan), and a newest-first page never sorts all entries to find the first ones.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate_entries import RARE_WORD, generate

from cfcoach.store import EntryStore
from cfcoach.store.entries import EntryQuery

NOW = datetime(2026, 11, 26, 21, 0, tzinfo=timezone.utc)
ALL = EntryQuery(include_private=True)


class Recording:
    """A connection that remembers every statement run through it (and its parameters)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.statements: list[tuple[str, Any]] = []

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        self.statements.append((sql, params))
        return self.connection.execute(sql, params)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EntryStore]:
    path: Path = tmp_path_factory.mktemp("plans") / "entries.sqlite3"
    with EntryStore(path) as entries:
        generate(entries, 600, 12, now=NOW, drafts=2)
        page = entries.history(ALL, limit=3)
        for item in page.items:
            assert item.entry.id is not None
            entries.move_to_trash(item.entry.id, NOW)
        yield entries


def plans(store: EntryStore, call: Callable[[EntryStore], object]) -> list[tuple[str, list[str]]]:
    """(statement, its plan lines) for each SELECT / DELETE / UPDATE ``call`` ran."""
    real = store._connection
    recording = Recording(real)
    store._connection = recording  # type: ignore[assignment]
    try:
        call(store)
    finally:
        store._connection = real
    found = []
    for sql, params in recording.statements:
        if sql.lstrip().split()[0].upper() not in {"SELECT", "DELETE", "UPDATE"}:
            continue
        lines = [str(row[3]) for row in real.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
        found.append((" ".join(sql.split()), lines))
    assert found, "the call ran no query"
    return found


def full_scans(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip() in {"SCAN entries", "SCAN e"}]


CALLS: dict[str, Callable[[EntryStore], object]] = {
    "newest page": lambda s: s.history(ALL, limit=5),
    "a later page": lambda s: s.history(ALL, after=s.history(ALL, limit=50).next, limit=50),
    "one exercise": lambda s: s.history(
        EntryQuery(exercise_ids=("daily-checkin",), include_private=True), limit=20
    ),
    "a date range": lambda s: s.history(
        EntryQuery(since=date(2026, 3, 1), until=date(2026, 3, 31), include_private=True),
        limit=20,
    ),
    "exercise and dates": lambda s: s.history(
        EntryQuery(
            since=date(2026, 3, 1),
            until=date(2026, 6, 30),
            exercise_ids=("three-circles",),
            include_private=True,
        ),
        limit=20,
    ),
    "search": lambda s: s.history(ALL, search=RARE_WORD, limit=20),
    "search, later page": lambda s: s.history(
        ALL, search="lazy", after=s.history(ALL, search="lazy", limit=10).next, limit=10
    ),
    "search in one exercise": lambda s: s.history(
        EntryQuery(exercise_ids=("daily-checkin",), include_private=True), search="lazy"
    ),
    "count": lambda s: s.history_count(ALL),
    "count of one exercise": lambda s: s.history_count(
        EntryQuery(exercise_ids=("daily-checkin",), include_private=True)
    ),
    "count of a search": lambda s: s.history_count(ALL, search="lazy"),
    "drafts": lambda s: s.drafts(),
    "latest draft": lambda s: s.latest_draft(),
    "the trash": lambda s: s.in_trash(),
    "purge": lambda s: s.purge_trash(NOW),
    "open one": lambda s: s.get(5),
    "mark private": lambda s: s.set_private(5, False),
    "set a note": lambda s: s.set_note(5, "a note"),
    "recent on the home screen": lambda s: s.recent_glances(40),
    "recent entries": lambda s: s.recent(5),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_no_history_query_scans_the_whole_table(store: EntryStore, name: str) -> None:
    for sql, lines in plans(store, CALLS[name]):
        assert full_scans(lines) == [], f"{name}: {sql}\n" + "\n".join(lines)


@pytest.mark.parametrize(
    "name",
    [
        "newest page",
        "a later page",
        "one exercise",
        "a date range",
        "exercise and dates",
        "recent on the home screen",
        "recent entries",
    ],
)
def test_a_page_reads_entries_in_index_order(store: EntryStore, name: str) -> None:
    # Without a search, a page stops after its rows: nothing sorts every entry first.
    for sql, lines in plans(store, CALLS[name]):
        assert not any("TEMP B-TREE" in line for line in lines), f"{name}: {sql}\n" + "\n".join(
            lines
        )


def test_a_search_starts_from_the_full_text_index(store: EntryStore) -> None:
    [(_sql, lines)] = plans(store, CALLS["search"])
    assert any("VIRTUAL TABLE" in line for line in lines), lines
    assert any("INTEGER PRIMARY KEY" in line for line in lines), lines


def test_the_trash_and_purge_use_the_trash_index(store: EntryStore) -> None:
    for call in ("the trash", "purge"):
        for _, lines in plans(store, CALLS[call]):
            assert any("entries_in_trash" in line for line in lines), lines


def test_recent_walks_the_start_index_newest_first(store: EntryStore) -> None:
    # The status index holds nearly every entry; through it, SQLite would sort them all
    # to find the newest five. Through the start index it stops after five.
    for call in ("recent on the home screen", "recent entries"):
        [(_sql, lines)] = plans(store, CALLS[call])
        assert any("entries_by_start" in line for line in lines), lines
        assert not any("TEMP B-TREE" in line for line in lines), lines
