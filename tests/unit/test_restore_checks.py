"""Backup and restore as the store does them: checked before anything is touched, written
beside the target and renamed into place, put back when a restore fails once in place,
and never a half-written file under a real name (a full disk, SIGTERM, SIGHUP)."""

from __future__ import annotations

import os
import signal
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from cfcoach.store import DatabaseLocked, EntryStore, StoreError, new_entry
from cfcoach.store import backup as backup_module
from cfcoach.store.backup import Stopped, backup_database, restore_database
from cfcoach.store.checks import expected_objects, find_problem
from cfcoach.store.database import _statements, open_database, sqlite_uri
from cfcoach.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.conftest import FIXED_NOW


def made(path: Path, *words: str) -> Path:
    with EntryStore(path) as store:
        for critic in words:
            entry = new_entry("daily-checkin", 1, FIXED_NOW)
            store.save(replace(entry, answers={"critic": critic}))
    return path


def critics(path: Path) -> list[str]:
    with EntryStore(path) as store:
        return [
            str(entry.answers["critic"])
            for entry in store.iter_entries(include_drafts=True, include_private=True)
        ]


def names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.fixture
def live(tmp_path: Path) -> Path:
    return made(tmp_path / "data" / "entries.sqlite3", "mine")


def test_every_path_with_a_hash_question_mark_or_percent_opens_that_file(tmp_path: Path) -> None:
    for name in ("x#y.sqlite3", "a?mode=rw.sqlite3", "100%25.sqlite3", "sp ace.sqlite3"):
        path = made(tmp_path / name, name)
        with closing(sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)) as connection:
            assert connection.execute("SELECT count(*) FROM entries").fetchone() == (1,)
            with pytest.raises(sqlite3.OperationalError, match="readonly"):
                connection.execute("DELETE FROM entries")
    made_here = [name for name in names(tmp_path) if not name.endswith(("-wal", "-shm"))]
    assert made_here == sorted(
        ["x#y.sqlite3", "a?mode=rw.sqlite3", "100%25.sqlite3", "sp ace.sqlite3"]
    )


def test_a_database_of_each_older_schema_passes_and_is_brought_up_to_date(
    tmp_path: Path, live: Path
) -> None:
    for version in range(1, SCHEMA_VERSION):
        old = tmp_path / f"v{version}.sqlite3"
        with closing(sqlite3.connect(old)) as connection:
            for step in range(1, version + 1):
                for statement in _statements(MIGRATIONS[step]):
                    connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version}")
            connection.commit()
        assert find_problem(old) is None
        restore_database(old, live)
        assert find_problem(live, live=True) is None
        assert critics(live) == []


def test_the_schema_compared_is_what_the_migrations_make() -> None:
    objects = expected_objects(SCHEMA_VERSION)
    assert ("table", "entries") in objects
    assert ("trigger", "entries_search_insert") in objects
    assert ("index", "entries_live") in objects
    assert ("index", "entries_by_deleted") not in objects  # dropped by migration 3


def test_a_copy_in_wal_mode_is_read_with_its_wal_and_its_folder_left_as_it_was(
    tmp_path: Path, live: Path
) -> None:
    folder = tmp_path / "copied"
    folder.mkdir()
    source = made(folder / "copy.sqlite3", "in the wal")
    assert names(folder) == ["copy.sqlite3"]

    restore_database(source, live)

    assert critics(live) == ["in the wal"]
    assert names(folder) == ["copy.sqlite3"]


def test_a_full_disk_during_a_backup_leaves_no_file_behind(
    tmp_path: Path, live: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_connect = sqlite3.connect

    def small_disk(path: Any, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection: sqlite3.Connection = real_connect(path, *args, **kwargs)
        if not kwargs.get("uri") and Path(path) != live:
            connection.execute("PRAGMA max_page_count = 2")  # the copy's disk fills up
        return connection

    monkeypatch.setattr(sqlite3, "connect", small_disk)
    copies = tmp_path / "copies"
    copies.mkdir()

    with pytest.raises(StoreError, match="is full"):
        backup_database(live, copies / "copy.sqlite3")

    assert names(copies) == []


def signal_at_first_step(monkeypatch: pytest.MonkeyPatch, signum: int) -> None:
    """The copy is stopped by ``signum`` part way (after its first few pages)."""

    def stop(*_: Any) -> None:
        os.kill(os.getpid(), signum)

    monkeypatch.setattr(backup_module, "_step", stop)
    monkeypatch.setattr(backup_module, "_PAGES_PER_STEP", 1)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_backup_stopped_by_a_signal_removes_its_partial_file(
    tmp_path: Path, live: Path, monkeypatch: pytest.MonkeyPatch, signum: int
) -> None:
    signal_at_first_step(monkeypatch, signum)
    copies = tmp_path / "copies"
    copies.mkdir()

    with pytest.raises(Stopped) as stopped:
        backup_database(live, copies / "copy.sqlite3")

    assert stopped.value.signum == signum
    assert names(copies) == []
    assert signal.getsignal(signum) is not None  # the handler from before is back


def test_a_restore_stopped_by_a_signal_changes_nothing(
    tmp_path: Path, live: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = made(tmp_path / "backup.sqlite3", "theirs")
    before = names(live.parent)
    signal_at_first_step(monkeypatch, signal.SIGTERM)

    with pytest.raises(Stopped):
        restore_database(backup, live)

    assert names(live.parent) == before
    assert critics(live) == ["mine"]


def test_a_restore_that_cannot_be_opened_in_place_puts_the_entries_back_and_says_so(
    tmp_path: Path, live: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = made(tmp_path / "backup.sqlite3", "theirs")
    real_open: Callable[[Path], sqlite3.Connection] = open_database

    def full_once_restored(path: Path) -> sqlite3.Connection:
        with closing(sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)) as peek:
            answers = [row[0] for row in peek.execute("SELECT answers FROM entries")]
        if path == live and any("theirs" in text for text in answers):
            raise sqlite3.OperationalError("database or disk is full")
        return real_open(path)

    monkeypatch.setattr(backup_module, "open_database", full_once_restored)

    with pytest.raises(StoreError) as caught:
        restore_database(backup, live)

    assert "the disk is full" in str(caught.value)
    assert "your entries from before were put back" in str(caught.value)
    assert critics(live) == ["mine"]
    [kept] = [p for p in live.parent.iterdir() if ".before-restore-" in p.name]
    assert critics(kept) == ["mine"]


def test_a_restore_waits_for_no_one_and_changes_nothing_while_cfcoach_is_open_elsewhere(
    tmp_path: Path, live: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = made(tmp_path / "backup.sqlite3", "theirs")
    monkeypatch.setattr(backup_module, "BUSY_TIMEOUT_SECONDS", 0.1)
    with EntryStore(live):  # the coach, open in another window
        before = names(live.parent)
        with pytest.raises(DatabaseLocked, match="open in another cfcoach window"):
            restore_database(backup, live)
        assert names(live.parent) == before
    assert critics(live) == ["mine"]


def test_a_restore_left_unfinished_by_a_kill_is_cleared_by_the_next_one(
    tmp_path: Path, live: Path
) -> None:
    backup = made(tmp_path / "backup.sqlite3", "theirs")
    left = live.with_name(f".{live.name}.999999999{backup_module.PARTIAL_SUFFIX}")
    left.write_bytes(b"SQLite format 3\x00half")
    Path(f"{left}-journal").write_bytes(b"journal")

    done = restore_database(backup, live)

    assert done.removed == [left]
    assert not left.exists() and not Path(f"{left}-journal").exists()
    assert critics(live) == ["theirs"]
