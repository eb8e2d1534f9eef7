"""Is this file a sound cfcoach database? Checked read-only, before anything trusts it.

A file passes when it is a regular file holding a whole SQLite database (not cut short,
no unfinished journal beside it), of a schema version this cfcoach knows, with exactly
the tables, indexes and triggers that cfcoach's own migrations make for that version (a
trigger or view from elsewhere could change or drop what is saved), and SQLite's
integrity check finds nothing wrong. ``restore`` checks a backup this way before it
touches anything; ``backup`` checks its copy; ``doctor`` checks the entries database.

:func:`find_problem` says what is wrong as a :class:`Problem`; each caller words it for
the person (a backup that cannot be restored, or the entries database itself).
"""

from __future__ import annotations

import contextlib
import functools
import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from cfcoach.store.database import SQLITE_HEADER, _kind, _statements, sqlite_uri
from cfcoach.store.models import joined_note
from cfcoach.store.schema import MIGRATIONS, SCHEMA_VERSION

HEADER_SIZE = 100
"""The bytes of SQLite's file header (page size, page count...)."""

# Tables SQLite itself makes (ANALYZE); they hold statistics, never entries.
_SQLITE_OWN = {
    ("table", "sqlite_stat1"): ("sqlite_stat1", "CREATE TABLE sqlite_stat1(tbl,idx,stat)"),
    ("table", "sqlite_stat4"): (
        "sqlite_stat4",
        "CREATE TABLE sqlite_stat4(tbl,idx,neq,nlt,ndlt,sample)",
    ),
}
# The full-text index's own tables: SQLite's FTS5 writes their SQL, and its wording may
# differ between SQLite versions, so only their kind and name are compared.
_FTS_SHADOW_PREFIX = "entries_search_"


class Problem(NamedTuple):
    """What is wrong with a database file."""

    kind: str
    """One of: missing, not-a-file, unreadable, empty, not-sqlite, cut-short, unfinished,
    too-new, blank, foreign, damaged."""
    detail: str = ""
    """Words that say more, to be put in a sentence about the file (e.g. for foreign:
    "has a trigger called 'x' that cfcoach does not make")."""
    version: int = 0
    """The schema version the file says it has (for too-new)."""


def find_problem(path: Path, *, live: bool = False) -> Problem | None:
    """What is wrong with the database at ``path``, or ``None`` when it is sound.

    Nothing is written to ``path``. With ``live`` (the entries database itself) a rollback
    journal beside it is SQLite's own crash recovery, done at the next opening, not a sign
    of a copy that never finished.
    """
    problem = _file_problem(path, live=live)
    if problem is not None:
        return problem
    try:
        with read_only(path, live=live) as connection:
            return _content_problem(connection)
    except sqlite3.DatabaseError as exc:
        if _kind(exc) in ("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_PERM", "SQLITE_IOERR"):
            return Problem("unreadable", str(exc))
        return Problem("damaged", str(exc))
    except OSError as exc:
        return Problem("unreadable", exc.strerror or type(exc).__name__)


def regular_file_problem(path: Path) -> Problem | None:
    """Why ``path`` is not a regular file that can be read without waiting (or ``None``).

    Looked at with ``os.stat`` before it is opened: a named pipe or a terminal would make
    a plain ``open`` wait for ever, and a device could be read without end.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Problem("missing")
    except OSError as exc:
        return Problem("unreadable", exc.strerror or type(exc).__name__)
    if not stat.S_ISREG(info.st_mode):
        return Problem("not-a-file", _what_it_is(info.st_mode))
    return None


def _what_it_is(mode: int) -> str:
    for test, words in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
    ):
        if test(mode):
            return words
    return "not a regular file"


def _file_problem(path: Path, *, live: bool) -> Problem | None:
    """What the bytes on disk already show: not a file, empty, not SQLite, cut short."""
    problem = regular_file_problem(path)
    if problem is not None:
        return problem
    try:
        # O_NONBLOCK: had it become a pipe since the look above, opening still won't wait.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        return Problem("unreadable", exc.strerror or type(exc).__name__)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return Problem("not-a-file", _what_it_is(info.st_mode))
        header = os.read(fd, HEADER_SIZE)
    except OSError as exc:
        return Problem("unreadable", exc.strerror or type(exc).__name__)
    finally:
        os.close(fd)
    size = info.st_size
    if size == 0:
        return Problem("empty")
    if not header.startswith(SQLITE_HEADER):
        if SQLITE_HEADER.startswith(header):
            return Problem("cut-short", f"it has only {size} bytes")
        return Problem("not-sqlite")
    if len(header) < HEADER_SIZE:
        return Problem("cut-short", f"it has only {size} bytes")
    expected = _expected_size(header)
    if expected is not None and size < expected:
        return Problem("cut-short", f"it has {size:,} of its {expected:,} bytes")
    journal = path.with_name(path.name + "-journal")
    if not live and journal.is_file() and journal.stat().st_size > 0:
        return Problem("unfinished", str(journal))
    return None


def _expected_size(header: bytes) -> int | None:
    """The file's whole size as its header gives it (None when the header doesn't say)."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    changes = header[24:28]
    valid_for = header[92:96]
    if page_size < 512 or page_size & (page_size - 1):
        return None  # not a page size SQLite writes: its own open will say what is wrong
    if pages and changes == valid_for:
        return pages * page_size
    return None


@contextlib.contextmanager
def read_only(path: Path, *, live: bool = False) -> Iterator[sqlite3.Connection]:
    """A read-only connection to ``path`` that runs nothing the file's schema asks for.

    Opening a copy that is in WAL mode makes SQLite put ``-wal`` and ``-shm`` files beside
    it; those this opening made (and left empty) are removed again, so a backup's folder
    is left as it was. Beside the entries database itself (``live``) they are SQLite's own.
    """
    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    there = {companion for companion in companions if companion.exists()}
    connection = _connect(sqlite_uri(path, mode="ro"))
    try:
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError as exc:
            wal = companions[0]
            if _kind(exc) != "SQLITE_CANTOPEN" or (wal.exists() and wal.stat().st_size > 0):
                raise
            # A file in WAL mode on a read-only disk or folder: SQLite cannot make the
            # -shm file it reads through. With no WAL beside it, the file itself is whole
            # and cannot change, so it is read as it is.
            connection.close()
            connection = _connect(sqlite_uri(path, mode="ro", immutable="1"))
        yield connection
    finally:
        connection.close()
        if not live:
            for companion in companions:
                if companion not in there:
                    with contextlib.suppress(OSError):
                        if companion.name.endswith("-shm") or companion.stat().st_size == 0:
                            companion.unlink()


def _connect(uri: str) -> sqlite3.Connection:
    connection = sqlite3.connect(uri, uri=True)
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute("PRAGMA query_only = ON")
    return connection


def _content_problem(connection: sqlite3.Connection) -> Problem | None:
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    found = {
        (str(kind), str(name)): (str(table), _normal(sql))
        for kind, name, table, sql in connection.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
        )
    }
    if version > SCHEMA_VERSION:
        return Problem("too-new", version=version)
    if version <= 0:
        if not found:
            return Problem("blank")
        return Problem("foreign", "has no cfcoach schema version (another program made it)")
    difference = schema_difference(found, version)
    if difference:
        return Problem("foreign", difference)
    rows = [str(row[0]) for row in connection.execute("PRAGMA integrity_check(5)")]
    if rows != ["ok"]:
        return Problem("damaged", rows[0])
    return None


def schema_difference(
    found: dict[tuple[str, str], tuple[str, str | None]], version: int
) -> str | None:
    """How the schema objects ``found`` differ from what cfcoach makes at ``version``:
    words that follow "it", or ``None`` when they are the same."""
    expected = expected_objects(version)
    extra = {key for key in found if key not in expected and found[key] != _SQLITE_OWN.get(key)}
    if extra:
        # A trigger or view first: those are what can change what is saved.
        kind, name = _first(extra, ("trigger", "view", "table", "index"))
        return f"has a {kind} called '{name}' that cfcoach does not make"
    changed = {
        key
        for key in expected
        if key in found
        and found[key] != expected[key]
        and not (
            key[0] == "table"
            and key[1].startswith(_FTS_SHADOW_PREFIX)
            and found[key][0] == expected[key][0]
        )
    }
    if changed:
        kind, name = _first(changed, ("table", "trigger", "index"))
        return f"has a {kind} called '{name}' that is not the one cfcoach makes"
    missing = set(expected) - set(found)
    if missing:
        kind, name = _first(missing, ("table", "trigger", "index"))
        return f"has no {kind} called '{name}', which cfcoach makes"
    return None


def _first(keys: set[tuple[str, str]], kinds: tuple[str, ...]) -> tuple[str, str]:
    """The one of ``keys`` to name: by kind in the order of ``kinds``, then by name."""
    return min(keys, key=lambda key: (kinds.index(key[0]) if key[0] in kinds else -1, key[1]))


@functools.cache
def expected_objects(version: int) -> dict[tuple[str, str], tuple[str, str | None]]:
    """The tables, indexes and triggers cfcoach's migrations make, up to ``version``:
    ``(type, name) -> (table, SQL)``, read from a database made in memory."""
    with contextlib.closing(sqlite3.connect(":memory:")) as connection:
        connection.create_function("joined_note", 2, joined_note, deterministic=True)
        for step in range(1, version + 1):
            for statement in _statements(MIGRATIONS[step]):
                connection.execute(statement)
        return {
            (str(kind), str(name)): (str(table), _normal(sql))
            for kind, name, table, sql in connection.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master"
            )
        }


def _normal(sql: object) -> str | None:
    """SQL with its spacing made even (indentation is not a difference)."""
    return None if sql is None else " ".join(str(sql).split())
