"""Choosing entries to export: dates (absolute and relative), ids, last N, exercises,
private entries and drafts, and the one-line summary; read through the real store."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from cfcoach.context import AppContext
from cfcoach.export.selection import (
    Criteria,
    SelectionError,
    check_known,
    months_before,
    parse_criteria,
    parse_day,
    parse_ids,
    select,
    summary_line,
)
from cfcoach.store.entries import EntryQuery, EntryStore
from tests.unit.golden import samples

TODAY = date(2026, 11, 26)


@pytest.fixture
def filled(context: AppContext) -> Iterator[EntryStore]:
    """The store holding every sample entry (ids 1 to 7, as in the samples)."""
    store = context.open_store()
    for entry in samples.entries():
        store.save(replace(entry, id=None))
    yield store
    store.close()


def ids_of(store: EntryStore, criteria: Criteria) -> list[int | None]:
    return [entry.id for entry in select(store, criteria).entries]


# -- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-01", date(2026, 11, 1)),
        (" 2026-11-01 ", date(2026, 11, 1)),
        ("today", TODAY),
        ("Yesterday", date(2026, 11, 25)),
        ("0d", TODAY),
        ("7d", date(2026, 11, 19)),
        ("4w", date(2026, 10, 29)),
        ("3m", date(2026, 8, 26)),
        ("12M", date(2025, 11, 26)),
    ],
)
def test_days_absolute_and_relative(text: str, expected: date) -> None:
    assert parse_day(text, TODAY, "--since") == expected


def test_months_back_land_on_the_last_day_of_a_shorter_month() -> None:
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2028, 5, 31), 3) == date(2028, 2, 29)
    assert months_before(date(2026, 1, 15), 1) == date(2025, 12, 15)


@pytest.mark.parametrize("text", ["2026-13-01", "soon", "7y", "-3d", "", "1/11/2026"])
def test_a_bad_day_is_one_sentence_naming_the_option(text: str) -> None:
    with pytest.raises(SelectionError) as caught:
        parse_day(text, TODAY, "--until")
    message = str(caught.value)
    assert message.startswith(f"--until '{text}' is not a date")
    assert "7d, 4w or 3m" in message and "\n" not in message


def test_ids_lists_and_runs() -> None:
    assert parse_ids("1,2,5") == (1, 2, 5)
    assert parse_ids(" 3 - 5 , 1, 3") == (3, 4, 5, 1)


@pytest.mark.parametrize("text", ["a", "1,,2", "1;2", "5-3", "-1", "1.5"])
def test_bad_ids_are_explained(text: str) -> None:
    with pytest.raises(SelectionError, match="--ids"):
        parse_ids(text)


def test_since_after_until_is_refused() -> None:
    with pytest.raises(SelectionError, match="swap them"):
        parse_criteria(today=TODAY, since="2026-11-10", until="2026-11-01")


def test_last_must_pick_something() -> None:
    with pytest.raises(SelectionError, match="--last 0"):
        parse_criteria(today=TODAY, last=0)


# -- selecting ----------------------------------------------------------------------------


def test_by_default_private_entries_and_drafts_are_left_out_and_counted(
    filled: EntryStore,
) -> None:
    selection = select(filled, Criteria())
    assert [e.id for e in selection.entries] == [1, 2, 3, 5, 6]
    assert (selection.private_left_out, selection.drafts_left_out) == (1, 1)


def test_private_and_drafts_come_along_when_asked(filled: EntryStore) -> None:
    assert ids_of(filled, Criteria(include_private=True)) == [1, 2, 3, 4, 5, 6]
    assert ids_of(filled, Criteria(include_drafts=True)) == [1, 2, 3, 5, 6, 7]
    assert ids_of(filled, Criteria(include_private=True, include_drafts=True)) == list(range(1, 8))


def test_days_are_inclusive_at_both_ends(filled: EntryStore) -> None:
    criteria = Criteria(since=date(2026, 11, 3), until=date(2026, 11, 8))
    assert ids_of(filled, criteria) == [2, 3, 5]


def test_a_day_is_the_entrys_own_calendar_day(context: AppContext) -> None:
    """00:30 in UTC+1 on the 4th is still the 3rd in UTC: it belongs to the 4th."""
    early = replace(
        samples.entries()[0],
        id=None,
        uuid="late-night",
        started_at=datetime(2026, 11, 4, 0, 30, tzinfo=samples.CET),
    )
    with context.open_store() as store:
        store.save(early)
        assert ids_of(store, Criteria(since=date(2026, 11, 4))) == [1]
        assert ids_of(store, Criteria(until=date(2026, 11, 3))) == []


def test_relative_since_counts_back_from_today(context: AppContext) -> None:
    now = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
    with context.open_store() as store:
        for days_ago in (0, 6, 7, 8, 40):
            store.save(
                replace(
                    samples.entries()[0],
                    id=None,
                    uuid=f"ago-{days_ago}",
                    started_at=now - timedelta(days=days_ago),
                )
            )
        criteria = parse_criteria(today=now.date(), since="7d")
        assert [e.uuid for e in select(store, criteria).entries] == ["ago-7", "ago-6", "ago-0"]


def test_exercises_and_ids_narrow_the_choice(filled: EntryStore) -> None:
    assert ids_of(filled, Criteria(exercise_ids=("daily-checkin",))) == [1, 3, 6]
    assert ids_of(filled, Criteria(exercise_ids=("self-warmth", "sample-circles"))) == [2, 5]
    assert ids_of(filled, Criteria(ids=(6, 1, 3))) == [1, 3, 6]
    private = select(filled, Criteria(ids=(4,)))
    assert private.entries == [] and private.private_left_out == 1


def test_last_takes_the_newest_shareable_entries_oldest_first(filled: EntryStore) -> None:
    selection = select(filled, Criteria(last=3))
    assert [e.id for e in selection.entries] == [3, 5, 6]
    # the draft (7) and the private entry (4) are newer than entry 3, so they are counted
    assert (selection.private_left_out, selection.drafts_left_out) == (1, 1)
    newest = select(filled, Criteria(last=1))
    assert [e.id for e in newest.entries] == [6]
    assert (newest.private_left_out, newest.drafts_left_out) == (0, 1)


def test_entries_in_the_trash_are_never_exported(filled: EntryStore) -> None:
    with closing(sqlite3.connect(filled.path)) as connection, connection:
        connection.execute(
            "UPDATE entries SET deleted_at = ? WHERE id = 1", ("2026-11-20T00:00:00+00:00",)
        )
    assert 1 not in ids_of(filled, Criteria(include_private=True, include_drafts=True))
    assert filled.missing_ids([1, 2]) == [1]


def test_user_text_never_becomes_sql(filled: EntryStore) -> None:
    hostile = "x' OR 1=1 --"
    query = EntryQuery(exercise_ids=(hostile,), include_private=True, include_drafts=True)
    assert list(filled.select(query)) == []
    with pytest.raises(SelectionError, match="no exercise called"):
        check_known(Criteria(exercise_ids=(hostile,)), filled, {"daily-checkin"})


def test_unknown_ids_and_exercises_are_named(filled: EntryStore) -> None:
    with pytest.raises(SelectionError, match=r"^There is no entry 99;"):
        check_known(Criteria(ids=(1, 99)), filled, set())
    with pytest.raises(SelectionError, match=r"^There are no entries 98, 99;"):
        check_known(Criteria(ids=(98, 99)), filled, set())
    with pytest.raises(SelectionError, match="'nope'; the exercises are: daily-checkin"):
        check_known(Criteria(exercise_ids=("nope",)), filled, set())


def test_an_exercise_known_only_from_old_entries_is_fine(filled: EntryStore) -> None:
    check_known(Criteria(exercise_ids=("sample-circles",)), filled, {"daily-checkin"})


# -- the summary line ---------------------------------------------------------------------


def test_summary_line_says_what_goes_and_what_stays(filled: EntryStore) -> None:
    assert summary_line(select(filled, Criteria()), TODAY) == (
        "Exporting 5 entries (2 private or unfinished left out). Dates: 2–9 Nov. "
        "Left out: 1 private, 1 unfinished."
    )
    assert summary_line(select(filled, Criteria(include_drafts=True)), TODAY) == (
        "Exporting 6 entries (1 private left out). Dates: 2–10 Nov."
    )
    assert summary_line(select(filled, Criteria(ids=(2,))), TODAY) == (
        "Exporting 1 entry. Dates: 3 Nov."
    )
    assert summary_line(select(filled, Criteria(ids=(4,))), TODAY) == (
        "Exporting 0 entries (1 private left out)."
    )


def test_summary_line_names_the_year_when_it_is_not_this_one(filled: EntryStore) -> None:
    line = summary_line(select(filled, Criteria()), date(2027, 1, 5))
    assert "Dates: 2–9 Nov 2026." in line


def test_left_out_exercises_never_go_and_are_not_counted(filled: EntryStore) -> None:
    selection = select(filled, Criteria(left_out_exercises=("self-warmth",)))
    assert [e.id for e in selection.entries] == [1, 3, 5, 6]
    assert (selection.private_left_out, selection.drafts_left_out) == (1, 1)
