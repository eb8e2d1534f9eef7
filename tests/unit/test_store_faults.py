"""A full disk, a read-only database, a failing disk or a long lock: one sentence to act on.

Real SQLite errors where they can be made as root too (PRAGMA max_page_count fills the
database, PRAGMA query_only makes it read-only, a second connection holds the lock), and
the wrapper in tests/faults.py for what can't (a disk I/O error).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from cfcoach.context import AppContext
from cfcoach.store import (
    DatabaseLocked,
    DatabaseUnavailable,
    EntryStore,
    StoreError,
    new_entry,
)
from tests.conftest import FIXED_NOW
from tests.faults import DISK_FULL, IO_ERROR, LOCKED, READ_ONLY, FaultyConnection

FULL = "is full, so cfcoach could not save; free some space and try again."
READ_ONLY_SAID = "because it or its folder is read-only; check that the folder is yours to write to"
IO_SAID = "could not be read or written just now; check that it is still connected"
BUSY_SAID = "is busy in another cfcoach window; close the other one or try again in a moment."
WORDS = "words nobody else should read " * 200


def an_entry() -> object:
    entry = new_entry("daily-checkin", 1, FIXED_NOW)
    return replace(entry, answers={"critic": WORDS})


def refused(store: EntryStore) -> StoreError:
    with pytest.raises(StoreError) as caught:
        store.save(an_entry())  # type: ignore[arg-type]
    return caught.value


def test_a_full_disk_says_to_free_some_space(context: AppContext) -> None:
    with context.open_store() as store:
        pages = store._connection.execute("PRAGMA page_count").fetchone()[0]
        store._connection.execute(f"PRAGMA max_page_count = {pages}")
        error = refused(store)
        assert isinstance(error.__cause__, sqlite3.OperationalError)
        assert error.__cause__.sqlite_errorname == "SQLITE_FULL"
    assert isinstance(error, DatabaseUnavailable)
    assert str(error) == f"The disk holding {context.paths.database} {FULL}"
    assert WORDS.strip() not in str(error)


def test_a_read_only_database_says_to_check_the_folder(context: AppContext) -> None:
    with context.open_store() as store:
        store._connection.execute("PRAGMA query_only = ON")
        error = refused(store)
        assert error.__cause__.sqlite_errorname == "SQLITE_READONLY"  # type: ignore[union-attr]
    assert isinstance(error, DatabaseUnavailable)
    assert READ_ONLY_SAID in str(error) and str(context.paths.database) in str(error)


def test_a_lock_held_past_the_timeout_says_to_close_the_other_window(
    context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("cfcoach.store.database.BUSY_TIMEOUT_SECONDS", 0.05)
    with context.open_store() as store:
        other = sqlite3.connect(context.paths.database, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # another cfcoach, writing for too long
            error = refused(store)
            assert error.__cause__.sqlite_errorname == "SQLITE_BUSY"  # type: ignore[union-attr]
        finally:
            other.close()
        assert isinstance(error, DatabaseLocked)
        assert BUSY_SAID in str(error)
        store.save(an_entry())  # type: ignore[arg-type]  # once the other is done, it saves
        assert store.count() == 1


@pytest.mark.parametrize(
    ("fault", "kind", "said"),
    [
        (DISK_FULL, DatabaseUnavailable, FULL),
        (READ_ONLY, DatabaseUnavailable, READ_ONLY_SAID),
        (IO_ERROR, DatabaseUnavailable, IO_SAID),
        (LOCKED, DatabaseLocked, BUSY_SAID),
    ],
)
def test_errors_without_sqlites_code_are_read_from_their_words(
    context: AppContext, fault: str, kind: type[StoreError], said: str
) -> None:
    with context.open_store() as store:
        faulty = FaultyConnection(store._connection)
        store._connection = faulty  # type: ignore[assignment]
        faulty.fault = fault
        error = refused(store)
        assert type(error) is kind and said in str(error)
        faulty.fault = None  # the problem is gone: the same store saves again
        store.save(an_entry())  # type: ignore[arg-type]
        assert store.count() == 1


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("SQLITE_IOERR_WRITE", IO_SAID),
        ("SQLITE_READONLY_DBMOVED", READ_ONLY_SAID),
        ("SQLITE_FULL", FULL),
        ("SQLITE_BUSY_SNAPSHOT", BUSY_SAID),
    ],
)
def test_sqlites_extended_codes_count_as_their_family(name: str, said: str) -> None:
    from cfcoach.store.database import _translate

    error = sqlite3.OperationalError("something the words don't give away")
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    assert said in str(_translate(error, Path("/x/entries.sqlite3")))


def test_a_full_disk_while_opening_says_the_same(tmp_path: Path) -> None:
    import errno

    from cfcoach.store.database import _os_error

    error = _os_error(OSError(errno.ENOSPC, "No space left on device"), tmp_path / "e")
    assert isinstance(error, DatabaseUnavailable) and FULL in str(error)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through a read-only folder")
def test_a_really_read_only_folder_is_said_plainly(context: AppContext) -> None:
    context.open_store().close()
    folder = context.paths.data_dir
    for file in folder.iterdir():
        file.chmod(0o400)
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError) as caught, context.open_store() as store:
            store.save(an_entry())  # type: ignore[arg-type]
        assert "read-only" in str(caught.value) or "can't open" in str(caught.value)
    finally:
        folder.chmod(0o700)
        for file in folder.iterdir():
            file.chmod(0o600)
