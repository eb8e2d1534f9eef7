"""Reading entries for reports can leave out the saved engine state (it is never shown)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cfcoach.export.selection import Criteria, select
from cfcoach.store import EntryStore, new_entry
from cfcoach.store.entries import EntryQuery

START = datetime(2026, 3, 1, 9, 0, tzinfo=timezone.utc)


def _fill(store: EntryStore) -> None:
    for day in range(3):
        moment = START + timedelta(days=day)
        entry = replace(
            new_entry("daily-checkin", 1, moment),
            status="completed",
            answers={"critic": f"day {day}", "intensity_before": day},
            skipped=["note"],
            state={"position": day, "history": ["a", "b"]},
            finished_at=moment + timedelta(minutes=5),
        )
        store.save(entry)


def test_without_state_everything_else_is_the_same(tmp_path: Path) -> None:
    with EntryStore(tmp_path / "entries.sqlite3") as store:
        _fill(store)
        query = EntryQuery(include_private=True)
        full = list(store.select(query))
        light = list(store.select(query, with_state=False))
    assert [e.state for e in full] == [{"position": d, "history": ["a", "b"]} for d in range(3)]
    assert all(e.state == {} for e in light)
    assert [replace(e, state={}) for e in full] == light


def test_export_selection_reads_no_state(tmp_path: Path) -> None:
    with EntryStore(tmp_path / "entries.sqlite3") as store:
        _fill(store)
        chosen = select(store, Criteria())
    assert len(chosen.entries) == 3
    assert all(e.state == {} for e in chosen.entries)
    assert [e.answers["critic"] for e in chosen.entries] == ["day 0", "day 1", "day 2"]
