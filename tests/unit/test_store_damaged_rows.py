"""A row the store cannot read as an entry (issue 17: a year-9999 date, a rating of -50,
JSON nested too deep) is left out of every list, named and logged; opening it alone is
one sentence (a StoreError); it can still be put in the trash and taken out again."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from cfcoach.context import AppContext
from cfcoach.store import EntryStore, StoreError, new_entry
from cfcoach.store.entries import EntryQuery
from cfcoach.store.errors import EntryDamaged, damaged_note
from tests.conftest import FIXED_NOW
from tests.damaged_rows import DEEP, FAR_FUTURE, LONG_NUMBER, write_row

ALL = EntryQuery(include_drafts=True, include_private=True)
NOT_IN_A_GLANCE = {"answers", "skipped", "state"}
"""What the home screen's short list does not read (only the exercise, start and status)."""

DAMAGE: dict[str, tuple[dict[str, Any], str]] = {
    "a year-9999 start": ({"started_at": FAR_FUTURE}, "started_at must be a date from 1970"),
    "a start before 1970": (
        {"started_at": "1969-12-31T23:00:00+00:00"},
        "started_at must be a date from 1970",
    ),
    "a start without a zone": ({"started_at": "2026-11-20T09:00:00"}, "started_at must be"),
    "a start that is not a date": ({"started_at": "next tuesday"}, "started_at must be a date"),
    "a rating of -50": ({"answers": {"intensity_before": -50}}, "answer to intensity_before"),
    "a rating of 10^30": ({"answers": {"intensity_after": 10**30}}, "answer to intensity_after"),
    "a rating of 2.5": ({"answers": {"intensity_after": 2.5}}, "answer to intensity_after"),
    "state nested too deep": ({"state": DEEP}, "state must be readable JSON"),
    "a number too long to read": ({"skipped": LONG_NUMBER}, "skipped must be readable JSON"),
}


def good(store: EntryStore, day: int) -> int:
    moment = FIXED_NOW.replace(day=day)
    entry = replace(
        new_entry("daily-checkin", 2, moment),
        status="completed",
        finished_at=moment,
        answers={"critic": f"day {day}", "intensity_before": 6},
    )
    saved = store.save(entry)
    assert saved.id is not None
    return saved.id


@pytest.fixture
def database(context: AppContext) -> Path:
    return context.paths.database


READS: dict[str, Callable[[EntryStore], list[Any]]] = {
    "history": lambda s: [item.entry for item in s.history(EntryQuery(include_private=True)).items],
    "select": lambda s: list(s.select(ALL)),
    "select without state": lambda s: list(s.select(ALL, with_state=False)),
    "iter_entries": lambda s: list(s.iter_entries(include_drafts=True, include_private=True)),
    "recent": lambda s: s.recent(10),
    "recent glances (home)": lambda s: s.recent_glances(10),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize("read", list(READS))
def test_every_list_leaves_a_damaged_row_out_and_names_it(
    context: AppContext, database: Path, damage: str, read: str
) -> None:
    fields, problem = DAMAGE[damage]
    with context.open_store() as store:
        kept = [good(store, 20), good(store, 22)]
    bad = write_row(database, **fields)
    with context.open_store() as store:
        found = READS[read](store)
        unread = {"select without state": {"state"}, "recent glances (home)": NOT_IN_A_GLANCE}
        if set(fields) <= unread.get(read, set()):
            assert len(found) == 3  # what is damaged is not read for this list: no harm
            return
        assert len(found) == 2
        assert [getattr(item, "id", None) for item in found if hasattr(item, "id")] in (
            [],
            kept,
            kept[::-1],
        )
        assert list(store.damaged) == [bad]
        assert problem in store.damaged[bad]
        note = damaged_note(store.damaged)
        assert f"Entry {bad} " in note and f"`cfcoach trash {bad}`" in note


def test_the_newest_few_are_still_the_newest_few_that_can_be_read(
    context: AppContext, database: Path
) -> None:
    with context.open_store() as store:
        older = [good(store, day) for day in (10, 11, 12)]
    for _ in range(3):  # newer than all of them, and none can be read
        write_row(database, started_at=FAR_FUTURE)
    with context.open_store() as store:
        assert [g.started_at.day for g in store.recent_glances(2)] == [12, 11]
        assert [e.id for e in store.recent(3)] == older[::-1]


def test_the_latest_draft_is_the_newest_that_can_be_read(
    context: AppContext, database: Path
) -> None:
    with context.open_store() as store:
        draft = store.save(new_entry("daily-checkin", 2, FIXED_NOW))
    bad = write_row(database, status="draft", started_at="2026-11-27T09:00:00+00:00", state=DEEP)
    with context.open_store() as store:
        latest = store.latest_draft()
        assert latest is not None and latest.id == draft.id
        assert [e.id for e in store.drafts()] == [draft.id]
        assert list(store.damaged) == [bad]


def test_opening_a_damaged_entry_is_one_sentence_naming_it_and_its_field(
    context: AppContext, database: Path
) -> None:
    bad = write_row(database, started_at=FAR_FUTURE)
    with context.open_store() as store, pytest.raises(StoreError) as caught:
        store.get(bad)
    assert isinstance(caught.value, EntryDamaged)
    message = str(caught.value)
    assert message.startswith(f"Entry {bad} cannot be read (started_at must be a date from 1970")
    assert f"`cfcoach trash {bad}`" in message
    assert "\n" not in message and not re.search(r"[.!?]\s+[A-Z]", message)


def test_a_damaged_row_is_logged_once_without_its_words(
    context: AppContext, database: Path
) -> None:
    bad = write_row(database, answers={"critic": "SECRET WORDS", "intensity_after": 10**30})
    with context.open_store() as store:
        list(store.select(ALL))
        list(store.select(ALL))
    log = context.paths.log_file.read_text(encoding="utf-8")
    assert log.count(f"reading entry {bad} (") == 1
    assert "SECRET" not in log


def test_a_damaged_entry_can_be_put_in_the_trash_and_taken_out(
    context: AppContext, database: Path
) -> None:
    bad = write_row(database, started_at=FAR_FUTURE)
    with context.open_store() as store:
        assert store.is_in_trash(bad) is False
        store.move_to_trash(bad, FIXED_NOW)
        assert store.is_in_trash(bad) is True
        store.move_to_trash(bad, FIXED_NOW)  # already there: nothing to do
        with pytest.raises(EntryDamaged, match="untrash"):
            store.get(bad)
        store.restore(bad)
        assert store.is_in_trash(bad) is False
        store.move_to_trash(bad, FIXED_NOW)
        assert store.purge_trash(FIXED_NOW.replace(month=12, day=31)) == 1
        with pytest.raises(StoreError, match=f"There is no entry {bad}"):
            store.is_in_trash(bad)
