"""Open the entries database safely: private file modes, WAL, schema migrations, clear errors."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from cfcoach.paths import PRIVATE_FILE_MODE, ensure_private_dir
from cfcoach.store.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseTooNew,
    DatabaseUnavailable,
    StoreError,
)
from cfcoach.store.models import joined_note
from cfcoach.store.schema import MIGRATIONS, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 5.0


def sqlite_uri(path: Path, **query: str) -> str:
    """``path`` as an SQLite URI (``file:/abs/path?mode=ro``), for ``sqlite3.connect(..., uri=True)``.

    Every file path that becomes a URI goes through here: a name with ``#``, ``?`` or ``%``
    in it would otherwise be cut short or read as options, and another file opened.
    """
    uri = "file:" + quote(str(Path(path).absolute()), safe="/")
    if query:
        uri += "?" + "&".join(f"{key}={quote(value, safe='')}" for key, value in query.items())
    return uri


@contextlib.contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Turn sqlite3 and OS errors into :class:`StoreError` with a sentence a person can act on."""
    try:
        yield
    except StoreError:
        raise
    except sqlite3.DatabaseError as exc:
        raise _translate(exc, path) from exc
    except OSError as exc:
        raise _os_error(exc, path) from exc


def _kind(exc: sqlite3.DatabaseError) -> str:
    """SQLite's own name for what went wrong (``SQLITE_FULL``...), read from its message
    when the error carries no code (e.g. one raised by a test or a wrapper)."""
    name = "_".join(str(getattr(exc, "sqlite_errorname", "") or "").split("_")[:2])
    if name not in ("", "SQLITE_ERROR"):  # SQLITE_IOERR_WRITE is an SQLITE_IOERR
        return name
    text = str(exc).lower()
    for words, kind in (
        (("locked", "busy"), "SQLITE_BUSY"),
        (("full",), "SQLITE_FULL"),
        (("readonly", "read-only"), "SQLITE_READONLY"),
        (("unable to open",), "SQLITE_CANTOPEN"),
        (("disk i/o", "i/o error"), "SQLITE_IOERR"),
        (("malformed", "not a database", "corrupt", "no such table"), "SQLITE_CORRUPT"),
    ):
        if any(word in text for word in words):
            return kind
    return ""


def _translate(exc: sqlite3.DatabaseError, path: Path) -> StoreError:
    kind = _kind(exc)
    if kind in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return DatabaseLocked(
            f"The entries database ({path}) is busy in another cfcoach window; "
            "close the other one or try again in a moment."
        )
    if kind == "SQLITE_FULL":
        return DatabaseUnavailable(
            f"The disk holding {path} is full, so cfcoach could not save; "
            "free some space and try again."
        )
    if kind in ("SQLITE_READONLY", "SQLITE_PERM", "SQLITE_AUTH"):
        return DatabaseUnavailable(
            f"cfcoach can't write to {path} because it or its folder is read-only; "
            "check that the folder is yours to write to (and the disk isn't read-only), "
            "then try again."
        )
    if kind == "SQLITE_CANTOPEN":
        return DatabaseUnavailable(
            f"cfcoach can't open {path}; check that the folder exists and is yours "
            "to write to, then try again."
        )
    if kind == "SQLITE_IOERR":
        return DatabaseUnavailable(
            f"The disk holding {path} could not be read or written just now; check that it "
            "is still connected and has free space, then try again."
        )
    if kind in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
        return DatabaseCorrupt(
            f"The entries database ({path}) is damaged and cannot be read; it has not been changed, "
            "so move it aside (keep it: it may be repairable) and cfcoach will start a new one."
        )
    return StoreError(
        f"The entries database ({path}) could not be used ({exc.__class__.__name__}); see the log for details."
    )


def _os_error(exc: OSError, path: Path) -> StoreError:
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DatabaseUnavailable(
            f"The disk holding {path} is full, so cfcoach could not save; "
            "free some space and try again."
        )
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return DatabaseUnavailable(
            f"cfcoach can't write to {path} because it or its folder is read-only; "
            "check that the folder is yours to write to (and the disk isn't read-only), "
            "then try again."
        )
    return DatabaseUnavailable(
        f"cfcoach cannot use {path} ({exc.strerror or type(exc).__name__}); "
        "check that the folder exists and is yours to write to."
    )


def open_database(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) the database at ``path``, migrated to the current schema."""
    with translate_errors(path):
        ensure_private_dir(path.parent)
        existed = path.exists() and path.stat().st_size > 0
        if existed:
            _check_header(path)
        else:
            fd = os.open(path, os.O_CREAT | os.O_RDWR, PRIVATE_FILE_MODE)
            os.close(fd)
        _tighten(path, made=not existed)
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        try:
            connection.row_factory = sqlite3.Row
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise DatabaseTooNew(
                    f"The entries database ({path}) was written by a newer cfcoach "
                    f"(schema {version}, this one knows {SCHEMA_VERSION}); update cfcoach to open it."
                )
            if existed and version == 0 and _has_tables(connection):
                raise DatabaseCorrupt(
                    f"{path} is a SQLite database but not cfcoach's, so it has not been changed; "
                    "move it aside (keep it) and cfcoach will start a new one."
                )
            _use_wal(connection)
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA foreign_keys=ON")
            # What is changed or removed (a cleared note) is overwritten, not left in free
            # space where a backup copy of the file would carry it on.
            connection.execute("PRAGMA secure_delete=ON")
            connection.create_function("joined_note", 2, joined_note, deterministic=True)
            if version < SCHEMA_VERSION:
                _migrate(connection, path, existed)
            if existed and version == SCHEMA_VERSION:
                connection.execute("SELECT count(*) FROM entries").fetchone()
        except BaseException:
            connection.close()
            raise
        for suffix in ("-wal", "-shm"):
            _tighten(path.with_name(path.name + suffix))
        return connection


def _check_header(path: Path) -> None:
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseCorrupt(
            f"{path} is not a cfcoach database (it may be damaged); it has not been changed, "
            "so move it aside (keep it) and cfcoach will start a new one."
        )


def _tighten(path: Path, *, made: bool = False) -> None:
    """Take away what others may do with ``path``; a file just ``made`` gets exactly 0600.

    Nothing is added to a file that was there: one its owner made read-only (``chmod a-w``)
    stays read-only, and writing to it then fails with a sentence saying so.
    """
    with contextlib.suppress(FileNotFoundError):
        mode = path.stat().st_mode & 0o777
        wanted = PRIVATE_FILE_MODE if made else mode & PRIVATE_FILE_MODE
        if mode != wanted:
            path.chmod(wanted)


def _use_wal(connection: sqlite3.Connection) -> None:
    """Switch to WAL (it stays set in the file), unless another cfcoach already has.

    Two connections switching at once can get "locked" at once, without SQLite's busy
    wait (it would deadlock), so the switch is tried again for up to the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while str(connection.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
        try:
            connection.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _has_tables(connection: sqlite3.Connection) -> bool:
    return int(connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]) > 0


def _migrate(connection: sqlite3.Connection, path: Path, existed: bool) -> None:
    """Bring the schema up to date in one transaction, after a backup copy of older data.

    The write lock is taken before the version is read again, so a second cfcoach opening
    the same database at the same moment waits here and then finds nothing left to do.
    """
    connection.execute("BEGIN IMMEDIATE")
    try:
        current = int(connection.execute("PRAGMA user_version").fetchone()[0])
        if current < SCHEMA_VERSION:
            if existed and current > 0:
                # Copied through a second connection: SQLite's backup cannot read through
                # the one holding the write lock (Python would retry it for ever).
                with contextlib.closing(
                    sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
                ) as reader:
                    backup_copy(reader, path, f"before-v{SCHEMA_VERSION}")
            for version in range(current + 1, SCHEMA_VERSION + 1):
                for statement in _statements(MIGRATIONS[version]):
                    connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {version}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    """The statements of an SQL script, one by one (a trigger's BEGIN ... END; stays whole)."""
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \t\r\n;"):
                statements.append(pending)
            pending = ""
    if pending.strip(" \t\r\n;"):
        statements.append(pending)
    return statements


def backup_copy(connection: sqlite3.Connection, path: Path, reason: str) -> Path:
    """Copy the database beside itself (``NAME.REASON-TIMESTAMP.bak``) with SQLite's backup API."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{reason}-{stamp}.bak")
    number = 1
    while True:  # two in one second (a restored old backup, restored again) get -2, -3...
        try:
            fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, PRIVATE_FILE_MODE)
            break
        except FileExistsError:
            number += 1
            target = path.with_name(f"{path.name}.{reason}-{stamp}-{number}.bak")
    os.close(fd)
    copy = sqlite3.connect(target)
    try:
        connection.backup(copy)
    finally:
        copy.close()
    return target
