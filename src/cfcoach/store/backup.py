"""Copies of the entries database: backup, restore (keeping the current one), setting aside.

All copies go through SQLite's online backup API, so a database in use (WAL) is copied
consistently, and every file made here is private to its owner (0600). A copy is written
to a hidden partial file in the folder it is for (``.NAME.PID.cfcoach-partial``), checked
(:mod:`cfcoach.store.checks`), flushed to disk and only then renamed into place, so a
backup or restore cut short by a kill, a full disk or a closed terminal never leaves a
half-written file under a real name. The partial file is removed on any failure and on
SIGTERM or SIGHUP; one left by ``kill -9`` is removed by the next backup or restore.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import NamedTuple

from cfcoach.paths import PRIVATE_FILE_MODE, ensure_private_dir
from cfcoach.store.checks import Problem, find_problem, read_only
from cfcoach.store.database import (
    BUSY_TIMEOUT_SECONDS,
    _kind,
    open_database,
    translate_errors,
)
from cfcoach.store.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseTooNew,
    DatabaseUnavailable,
    StoreError,
)

PARTIAL_SUFFIX = ".cfcoach-partial"
_PARTIAL_NAME = re.compile(r"^\..+\.(\d+)" + re.escape(PARTIAL_SUFFIX) + r"(-journal|-wal|-shm)?$")
_PAGES_PER_STEP = 256
"""Pages copied between two looks at signals (a SIGTERM is acted on within one step)."""


class Stopped(BaseException):
    """SIGTERM or SIGHUP arrived while a copy was being made; the partial file is removed.

    A ``BaseException``, like ``KeyboardInterrupt``, so that nothing on the way mistakes
    it for a failure to report and carry on from.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class _NotSound(DatabaseCorrupt):
    """The restored database opened but did not check out (words for :func:`_reason`)."""


class Backup(NamedTuple):
    """A backup that was made."""

    path: Path
    removed: list[Path]
    """Unfinished copies left by an earlier, killed backup, removed from the folder."""
    note: str | None = None
    """Something to tell about what was copied (e.g. a schema object cfcoach does not make)."""


class Restored(NamedTuple):
    """A restore that was done."""

    kept: Path | None
    """The copy of the entries from before (``None`` if there were none)."""
    removed: list[Path]
    """Unfinished copies left by an earlier, killed restore, removed."""


def timestamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%d-%H%M%S")


# --- the partial files ------------------------------------------------------------------


def partial_path(target: Path) -> Path:
    """The hidden file beside ``target`` that a copy is written to before it is renamed."""
    return target.with_name(f".{target.name}.{os.getpid()}{PARTIAL_SUFFIX}")


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the partial files (and their journals) that a killed cfcoach left in ``folder``.

    Those of a cfcoach still running (its process id is in the name) are left alone.
    Returns the partial files removed (journals are not counted).
    """
    removed: list[Path] = []
    try:
        candidates = sorted(folder.glob(".*" + PARTIAL_SUFFIX + "*"))
    except OSError:
        return removed
    for path in candidates:
        match = _PARTIAL_NAME.match(path.name)
        if match is None or _running(int(match.group(1))):
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            if match.group(2) is None:
                removed.append(path)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process: it exists
    return True


def _remove_partial(partial: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            partial.with_name(partial.name + suffix).unlink()


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """While copying, SIGTERM and SIGHUP raise :class:`Stopped` (so the partial file is
    removed on the way out) instead of ending the process where it stands."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        raise Stopped(signum)

    wanted = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {signum: signal.signal(signum, stop) for signum in wanted}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _create_private(path: Path) -> None:
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE_MODE)
    os.close(fd)
    path.chmod(PRIVATE_FILE_MODE)


def _copy(source: sqlite3.Connection, partial: Path) -> None:
    """Copy ``source`` into the new file ``partial`` with SQLite's backup API, a few
    pages at a time (signals are looked at between steps), as a rollback-journal file."""
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy, pages=_PAGES_PER_STEP, progress=_step)
        copy.execute("PRAGMA journal_mode=DELETE")
    finally:
        copy.close()


def _step(status: int, remaining: int, total: int) -> None:
    """Called between steps of a copy: Python runs signal handlers here."""


def _flush(path: Path) -> None:
    """Make sure ``path``'s bytes are on the disk, not only in memory."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _flush_folder(folder: Path) -> None:
    """Make a rename in ``folder`` last through a power cut (where the system allows)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _put_in_place(partial: Path, target: Path, *, replace: bool) -> None:
    """Rename the finished ``partial`` to ``target``; without ``replace``, never over a file."""
    if replace:
        os.replace(partial, target)
        return
    try:
        os.link(partial, target)  # fails if target exists: nothing is overwritten
    except FileExistsError:
        raise _taken(target) from None
    except OSError as exc:
        if exc.errno not in (
            errno.EPERM,
            errno.ENOTSUP,
            errno.EOPNOTSUPP,
            errno.EXDEV,
            errno.EMLINK,
        ):
            raise
        # A disk without hard links (e.g. a FAT memory stick): look, then rename.
        if target.exists():
            raise _taken(target) from None
        os.replace(partial, target)
        return
    partial.unlink()


def _taken(target: Path) -> DatabaseUnavailable:
    return DatabaseUnavailable(
        f"{target} already exists; choose another name, or add --force to replace it."
    )


# --- backup -----------------------------------------------------------------------------


def backup_database(database: Path, target: Path, *, replace: bool = False) -> Backup:
    """Copy ``database`` to ``target`` (0600), checked before it gets its name."""
    if not target.parent.is_dir():
        raise DatabaseUnavailable(
            f"The folder {target.parent} does not exist; create it first or choose another place."
        )
    if target.exists():
        if not replace:
            raise _taken(target)
        if _same_file(target, database):
            raise DatabaseUnavailable(
                f"{target} is the entries database itself; choose another place for the backup."
            )
    removed = remove_leftovers(target.parent)
    with translate_errors(database):
        source = open_database(database)
    partial = partial_path(target)
    note: str | None = None
    try:
        with _stopped_by_signals():
            try:
                with translate_errors(target):
                    _create_private(partial)
                    _copy(source, partial)
                problem = find_problem(partial)
                if problem is not None and problem.kind != "foreign":
                    raise DatabaseCorrupt(
                        f"The backup did not check out ({_words(problem)}), so nothing was "
                        f"written to {target}; try again."
                    )
                if problem is not None:
                    note = (
                        f"Your entries database {problem.detail}, so `cfcoach restore` would "
                        "refuse this copy; `cfcoach doctor` says what to do."
                    )
                with translate_errors(target):
                    _flush(partial)
                    _put_in_place(partial, target, replace=replace)
                    _flush_folder(target.parent)
            except BaseException as exc:
                _remove_partial(partial)
                if isinstance(exc, StoreError) and _reason(exc) == "the disk is full":
                    raise DatabaseUnavailable(
                        f"The disk holding {target} is full, so the backup was not made (nothing "
                        "was left there); free some space and try again."
                    ) from exc
                raise
    finally:
        source.close()
    return Backup(target, removed, note)


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.samefile(other)
    except OSError:
        return False


def _words(problem: Problem) -> str:
    return problem.detail or problem.kind.replace("-", " ")


# --- restore ----------------------------------------------------------------------------


def check_backup_file(backup: Path) -> None:
    """Raise a :class:`StoreError` saying, in one sentence, why ``backup`` cannot be
    restored: unless it is a whole, sound cfcoach database, made by cfcoach."""
    problem = find_problem(backup)
    if problem is not None:
        raise backup_error(backup, problem)


def backup_error(backup: Path, problem: Problem) -> StoreError:
    """The sentence for a backup that cannot be restored, as the matching error."""
    kind, detail = problem.kind, problem.detail
    choose = "choose a file made by `cfcoach backup`"
    if kind == "missing":
        return DatabaseUnavailable(f"There is no file {backup}; check the path.")
    if kind == "not-a-file":
        return DatabaseUnavailable(f"{backup} is {detail}, not a backup file; {choose}.")
    if kind == "unreadable":
        return DatabaseUnavailable(f"{backup} cannot be read ({detail}); check that it is yours.")
    if kind == "empty":
        return DatabaseCorrupt(f"{backup} is empty, so there is nothing to restore; {choose}.")
    if kind == "not-sqlite":
        return DatabaseCorrupt(
            f"{backup} is not a cfcoach backup (it is not a SQLite database); {choose}."
        )
    if kind == "cut-short":
        return DatabaseCorrupt(
            f"{backup} is cut short ({detail}), so it is not a whole backup and cannot be "
            "restored; choose another backup."
        )
    if kind == "unfinished":
        return DatabaseCorrupt(
            f"{backup} was never finished (the journal {detail} beside it shows its writing "
            "stopped part way), so it cannot be restored; choose another backup."
        )
    if kind == "too-new":
        return DatabaseTooNew(
            f"{backup} was made by a newer cfcoach (schema {problem.version}); "
            "update cfcoach to restore it."
        )
    if kind == "blank":
        return DatabaseCorrupt(
            f"{backup} is an empty SQLite database, not a cfcoach backup; {choose}."
        )
    if kind == "foreign":
        return DatabaseCorrupt(
            f"{backup} is not a cfcoach backup as it stands: it {detail}, so it was not "
            f"restored; {choose}."
        )
    return DatabaseCorrupt(
        f"{backup} is damaged ({detail}), so it cannot be restored; choose another backup."
    )


def restore_database(backup: Path, database: Path) -> Restored:
    """Replace the entries in ``database`` with ``backup``'s, keeping a copy of the current ones.

    ``backup`` is checked completely first (read-only). Then it is copied beside the
    entries database, the copy checked and flushed, the current database kept as a copy,
    and the new one renamed into its place in one step. If it then cannot be opened, the
    entries from before are put back, and the error says so.
    """
    check_backup_file(backup)
    if _same_file(backup, database):
        raise DatabaseUnavailable(
            f"{backup} is the entries database itself; choose a backup made by `cfcoach backup`."
        )
    with translate_errors(database):
        ensure_private_dir(database.parent)
    removed = remove_leftovers(database.parent)
    had = database.exists() and database.stat().st_size > 0
    kept: Path | None = None
    partial = partial_path(database)
    with _stopped_by_signals():
        try:
            with translate_errors(database), read_only(backup) as source:
                _create_private(partial)
                _copy(source, partial)
            problem = find_problem(partial)
            if problem is not None:
                raise DatabaseCorrupt(
                    f"The copy of {backup} did not check out ({_words(problem)}); nothing was "
                    "changed, so try again."
                )
            with translate_errors(database):
                _flush(partial)
                if had:
                    with _held(database) as hold:
                        kept = _keep(database, hold)
                        os.replace(partial, database)
                else:
                    _remove_companions(database)
                    os.replace(partial, database)
        except BaseException as exc:
            _remove_partial(partial)
            if isinstance(exc, StoreError) and _reason(exc) == "the disk is full":
                raise DatabaseUnavailable(
                    f"The disk holding {database} is full, so nothing was restored and your "
                    "entries are as they were; free some space and try again."
                ) from exc
            raise
        try:
            _flush_folder(database.parent)
            with translate_errors(database):
                # Bring a backup from an older schema up to date (a copy of it is made first).
                open_database(database).close()
                problem = find_problem(database, live=True)
            if problem is not None:
                raise _NotSound(_words(problem))
        except BaseException as exc:
            raise _roll_back(database, kept, exc) from exc
    return Restored(kept, removed)


@contextlib.contextmanager
def _held(database: Path) -> Iterator[sqlite3.Connection | None]:
    """The entries database, closed to others while it is kept and replaced.

    Its WAL is folded into the file (rollback-journal mode, which SQLite allows only when
    no other connection has it open: a cfcoach still open elsewhere is told of, not
    written under) and a read lock is held, so no one can change it in the meantime.
    ``None`` when it is too damaged for SQLite to open: it is then kept as it is.
    """
    connection = sqlite3.connect(database, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        try:
            _fold_wal(connection, database)
            connection.execute("BEGIN")
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            if _kind(exc) not in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
                raise
            connection.close()
            yield None
            return
        yield connection
    finally:
        connection.close()


def _fold_wal(connection: sqlite3.Connection, database: Path) -> None:
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            mode = connection.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower():
                raise
            mode = "locked"
        if str(mode).lower() == "delete":
            return
        if time.monotonic() > deadline:
            raise DatabaseLocked(
                f"The entries database ({database}) is open in another cfcoach window; close "
                "it there and restore again (nothing was changed)."
            )
        time.sleep(0.05)


def _keep(database: Path, hold: sqlite3.Connection | None) -> Path:
    """Copy the entries database beside itself (``NAME.before-restore-TIME.bak``, 0600),
    written to a partial file first like every copy here."""
    stamp = timestamp()
    kept = database.with_name(f"{database.name}.before-restore-{stamp}.bak")
    number = 1
    while kept.exists():
        number += 1
        kept = database.with_name(f"{database.name}.before-restore-{stamp}-{number}.bak")
    partial = partial_path(kept)
    try:
        _create_private(partial)
        if hold is not None:
            _copy(hold, partial)
        else:
            # Too damaged to copy through SQLite: kept byte for byte, with its WAL files.
            with database.open("rb") as source, partial.open("wb") as copy:
                shutil.copyfileobj(source, copy)
        _flush(partial)
        _put_in_place(partial, kept, replace=False)
    except BaseException:
        _remove_partial(partial)
        raise
    if hold is None:
        for suffix in ("-wal", "-shm"):
            companion = database.with_name(database.name + suffix)
            if companion.exists():
                companion.rename(kept.with_name(kept.name + suffix))
    return kept


def _remove_companions(database: Path) -> None:
    """Stale ``-wal`` / ``-shm`` files of an empty or missing entries database (SQLite
    would read them into the restored one)."""
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            database.with_name(database.name + suffix).unlink()


def _roll_back(database: Path, kept: Path | None, cause: BaseException) -> BaseException:
    """Put the entries from before back after a restore failed once in place; the error
    (one sentence) to raise, saying what happened."""
    from cfcoach.errorlog import log_exception

    if isinstance(cause, Exception):
        log_exception("restoring a backup", cause)
    why = "it was stopped" if isinstance(cause, Stopped) else _reason(cause)
    try:
        _remove_companions(database)
        if kept is None:
            database.unlink(missing_ok=True)
        else:
            partial = partial_path(database)
            try:
                shutil.copyfile(kept, partial)
                partial.chmod(PRIVATE_FILE_MODE)
                _flush(partial)
                os.replace(partial, database)
            except BaseException:
                _remove_partial(partial)
                raise
        _flush_folder(database.parent)
    except OSError as exc:
        return DatabaseUnavailable(
            f"The restored entries could not be opened ({why}), and putting back the ones from "
            f"before failed too ({exc.strerror}); they are safe in {kept}: copy it to "
            f"{database} by hand."
        )
    if isinstance(cause, Stopped):
        return cause
    if kept is None:
        return DatabaseCorrupt(
            f"The restored entries could not be opened ({why}), so the restore was undone."
        )
    return DatabaseCorrupt(
        f"The restored entries could not be opened ({why}), so your entries from before "
        f"were put back (a copy stays in {kept})."
    )


def _reason(cause: BaseException) -> str:
    """A few words for why the restored database could not be opened."""
    raw = cause.__cause__ if isinstance(cause, StoreError) and cause.__cause__ else cause
    if isinstance(raw, sqlite3.DatabaseError):
        kind = _kind(raw)
    elif isinstance(raw, OSError):
        kind = {
            errno.ENOSPC: "SQLITE_FULL",
            errno.EDQUOT: "SQLITE_FULL",
            errno.EROFS: "SQLITE_READONLY",
            errno.EACCES: "SQLITE_READONLY",
            errno.EPERM: "SQLITE_READONLY",
            errno.EIO: "SQLITE_IOERR",
        }.get(raw.errno or 0, "")
    elif isinstance(raw, _NotSound):
        return str(raw)
    else:
        kind = ""
    return {
        "SQLITE_FULL": "the disk is full",
        "SQLITE_READONLY": "the data folder is read-only",
        "SQLITE_PERM": "the data folder is read-only",
        "SQLITE_IOERR": "the disk could not be read or written",
        "SQLITE_BUSY": "another cfcoach had it open",
        "SQLITE_LOCKED": "another cfcoach had it open",
        "SQLITE_CORRUPT": "it could not be read",
        "SQLITE_NOTADB": "it could not be read",
    }.get(kind, "the log has the details")


# --- setting a damaged database aside ---------------------------------------------------


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
