"""Copies of the entries database: backup, restore (keeping the current one), integrity.

All copies go through SQLite's online backup API, so a database in use (WAL) is copied
consistently, and every file made here is private to its owner (0600).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from cfcoach.paths import PRIVATE_FILE_MODE, ensure_private_dir
from cfcoach.store.database import SQLITE_HEADER, open_database, translate_errors
from cfcoach.store.errors import DatabaseCorrupt, DatabaseTooNew, DatabaseUnavailable
from cfcoach.store.schema import SCHEMA_VERSION


def timestamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S")


def _create_private(path: Path, *, replace: bool) -> None:
    if path.exists() and not replace:
        raise DatabaseUnavailable(
            f"{path} already exists; choose another name, or add --force to replace it."
        )
    flags = os.O_CREAT | os.O_WRONLY | os.O_TRUNC
    fd = os.open(path, flags, PRIVATE_FILE_MODE)
    os.close(fd)
    path.chmod(PRIVATE_FILE_MODE)


def backup_database(database: Path, target: Path, *, replace: bool = False) -> Path:
    """Copy ``database`` to ``target`` (0600) and check the copy; returns ``target``."""
    with translate_errors(database):
        source = open_database(database)
    try:
        with translate_errors(target):
            if not target.parent.is_dir():
                raise DatabaseUnavailable(
                    f"The folder {target.parent} does not exist; create it first or choose another place."
                )
            _create_private(target, replace=replace)
            copy = sqlite3.connect(target)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
            finally:
                copy.close()
    finally:
        source.close()
    problems = integrity_problems(target)
    if problems:
        raise DatabaseCorrupt(
            f"The backup at {target} did not check out ({problems[0]}); try again."
        )
    return target


def check_backup_file(backup: Path) -> None:
    """Raise a clear :class:`StoreError` unless ``backup`` is a sound cfcoach database."""
    try:
        with backup.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise DatabaseUnavailable(f"There is no file {backup}; check the path.") from None
    except OSError as exc:
        raise DatabaseUnavailable(f"{backup} cannot be read ({exc.strerror}).") from None
    if header != SQLITE_HEADER:
        raise DatabaseCorrupt(f"{backup} is not a cfcoach backup (it is not a SQLite database).")
    with translate_errors(backup):
        connection = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
        finally:
            connection.close()
    if version > SCHEMA_VERSION:
        raise DatabaseTooNew(
            f"{backup} was made by a newer cfcoach (schema {version}); update cfcoach to restore it."
        )
    if "entries" not in tables:
        raise DatabaseCorrupt(
            f"{backup} is a SQLite file but not a cfcoach backup (it has no entries)."
        )
    problems = integrity_problems(backup)
    if problems:
        raise DatabaseCorrupt(f"{backup} is damaged ({problems[0]}); it cannot be restored.")


def restore_database(backup: Path, database: Path) -> Path | None:
    """Replace the entries in ``database`` with ``backup``'s, keeping a copy of the current ones.

    Returns the path of the copy of what was there before (``None`` if there was nothing).
    """
    check_backup_file(backup)
    kept: Path | None = None
    if database.exists() and database.stat().st_size > 0:
        kept = backup_database(
            database, database.with_name(f"{database.name}.before-restore-{timestamp()}.bak")
        )
    with translate_errors(database):
        ensure_private_dir(database.parent)
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            target = open_database(database) if database.exists() else _fresh(database)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
        # Bring a backup from an older schema up to date (a copy of it is made first).
        open_database(database).close()
    return kept


def _fresh(database: Path) -> sqlite3.Connection:
    _create_private(database, replace=False)
    return sqlite3.connect(database)


def integrity_problems(database: Path) -> list[str]:
    """What SQLite's integrity check finds wrong with ``database`` (empty when sound)."""
    with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError as exc:
            return [str(exc)]
    found = [str(row[0]) for row in rows]
    return [] if found == ["ok"] else found


def set_aside(database: Path) -> Path:
    """Move a damaged database (and its -wal / -shm files) aside, unchanged; returns its new path.

    Nothing is deleted or rewritten: the file keeps every byte and can still be repaired.
    """
    aside = database.with_name(f"{database.name}.damaged-{timestamp()}")
    with translate_errors(database):
        for suffix in ("-wal", "-shm"):
            companion = database.with_name(database.name + suffix)
            if companion.exists():
                companion.rename(aside.with_name(aside.name + suffix))
        database.rename(aside)
    return aside
