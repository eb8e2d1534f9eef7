"""`cfcoach backup`, `cfcoach restore` and `cfcoach doctor`: looking after the data folder."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import typer

from cfcoach.cli.common import context_or_fail, fail, say
from cfcoach.paths import ensure_private_dir
from cfcoach.permissions import messages, take_held
from cfcoach.store import StoreError
from cfcoach.store.backup import (
    Stopped,
    backup_database,
    check_backup_file,
    restore_database,
    timestamp,
)
from cfcoach.store.checks import Problem, find_problem


def backup(target: Path | None, force: bool) -> None:
    """Copy the entries database to ``target`` (default: the backups folder)."""
    context = context_or_fail()
    database = context.paths.database
    if not database.exists():
        fail("There are no entries to back up yet.", 1)
    try:
        if target is None:
            folder = ensure_private_dir(context.paths.data_dir / "backups")
            target = folder / f"cfcoach-{timestamp()}.sqlite3"
        target = target.expanduser()
        if target.is_dir():
            target = target / f"cfcoach-{timestamp()}.sqlite3"
        made = backup_database(database, target, replace=force)
    except StoreError as exc:
        fail(str(exc))
    except OSError as exc:
        where = target or context.paths.data_dir / "backups"
        fail(f"cfcoach cannot write to {where} ({exc.strerror}); choose a folder that is yours.")
    except Stopped as stop:
        fail(
            f"The backup was stopped before it finished, so nothing was written to {target}.",
            128 + stop.signum,
        )
    _tell_removed(made.removed, "backup")
    typer.echo(f"Backed up to {made.path}")
    if made.note:
        say(made.note)


def _tell_removed(removed: list[Path], what: str) -> None:
    if removed:
        names = ", ".join(path.name for path in removed)
        say(
            f"Removed {len(removed)} unfinished {what} file(s) a stopped cfcoach left behind ({names})."
        )


def restore(source: Path, yes: bool) -> None:
    """Replace the current entries with a backup's, keeping the current ones as a copy."""
    context = context_or_fail()
    source = source.expanduser()
    try:
        check_backup_file(source)
    except StoreError as exc:
        fail(str(exc))
    if not yes:
        if not sys.stdin.isatty():
            fail(
                "Restoring replaces your current entries (they are kept as a copy); add --yes to go ahead.",
                2,
            )
        typer.confirm(
            f"Replace your current entries with the ones in {source}? Your current entries are kept as a copy.",
            abort=True,
        )
    try:
        done = restore_database(source, context.paths.database)
    except StoreError as exc:
        fail(str(exc))
    except Stopped as stop:
        fail(
            "The restore was stopped before it finished, so your entries are as they were.",
            128 + stop.signum,
        )
    _tell_removed(done.removed, "restore")
    typer.echo(f"Restored from {source}.")
    if done.kept is not None:
        typer.echo(f"Your entries from before are kept in {done.kept}")


def doctor() -> int:
    """Check the data folder, file permissions, the database and the exercises; print findings."""
    context = context_or_fail(announce=False)  # what was made private is told below
    paths = context.paths
    problems = 0

    def report(ok: bool, text: str) -> None:
        nonlocal problems
        problems += 0 if ok else 1
        typer.echo(f"{'ok     ' if ok else 'problem'}  {text}")

    typer.echo(f"data folder   {paths.data_dir}")
    typer.echo(f"config folder {paths.config_dir}")
    typer.echo(f"log file      {paths.log_file}")
    for fix in take_held():
        if fix.fixed:
            typer.echo(
                f"note     {fix.path} was readable by others ({fix.was:o}); "
                f"it is now private ({fix.wanted:o})"
            )
        else:
            report(False, messages([fix])[0])
    told: set[Path] = set()
    for wanted, kind in ((paths.data_dir, "data folder"), (paths.state_dir, "log folder")):
        folder = _nearest_existing(wanted)
        read_only = _read_only(folder)
        if read_only and folder not in told:
            told.add(folder)
            what = (
                f"your cfcoach {kind}" if folder == wanted else f"the folder that holds your {kind}"
            )
            report(
                False,
                f"{what} {folder} is read-only ({read_only}), so cfcoach cannot save there; "
                f"run `chmod u+w '{folder}'` (or make the disk writable) to let it save again",
            )
    database = paths.database
    if not database.exists():
        report(True, "no entries database yet (it is made at the first check-in)")
    else:
        problem = find_problem(database, live=True)
        read_only = _read_only(database)
        if problem is None and (read_only or told):
            # Opening it for use would write (WAL, migrations): only what was read is said.
            report(True, "entries database: schema and integrity check passed")
        elif problem is None:
            try:
                with context.open_store() as store:
                    count = store.count()
                report(
                    True, f"entries database: {count} entries, schema and integrity check passed"
                )
            except StoreError as exc:
                report(False, str(exc))
        elif problem.kind == "empty":
            report(True, "entries database is empty (it is filled at the first check-in)")
        else:
            report(False, _database_problem(database, problem))
        if read_only and not told:
            report(
                False,
                f"the entries database {database} is read-only ({read_only}), so new check-ins "
                f"cannot be saved; run `chmod u+w '{database}'` to let cfcoach save again",
            )
    library = context.library
    report(
        not library.problems,
        f"exercises: {len(library.exercises)} loaded"
        + (
            f", {len({p.path for p in library.problems})} file(s) with problems (run `cfcoach content validate`)"
            if library.problems
            else ""
        ),
    )
    typer.echo("All is well." if not problems else f"{problems} problem(s) found.")
    return 1 if problems else 0


def _nearest_existing(path: Path) -> Path:
    """``path``, or the nearest folder above it that exists (where it would be made)."""
    for folder in (path, *path.parents):
        if folder.exists():
            return folder
    return path


def _read_only(path: Path) -> str:
    """Why cfcoach cannot write to ``path`` (its owner took write away, or the disk is
    read-only), or ``""`` when it can (or it is not there yet)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return ""
    if not mode & stat.S_IWUSR:
        return f"mode {stat.filemode(mode)}"
    if not os.access(path, os.W_OK):
        return "the disk or its permissions do not allow writing"
    return ""


def _database_problem(database: Path, problem: Problem) -> str:
    """The doctor's words for what is wrong with the entries database."""
    kind, detail = problem.kind, problem.detail
    restore = "restore a backup (`cfcoach restore FILE`)"
    aside = "or move it aside (keep it) and cfcoach will start a new one"
    if kind == "not-a-file":
        return f"the entries database {database} is {detail}, not a file; {restore}, {aside}"
    if kind == "unreadable":
        return f"the entries database {database} cannot be read ({detail}); check that it is yours"
    if kind == "not-sqlite":
        return (
            f"the entries database {database} is not a cfcoach database (it is not SQLite); "
            f"{restore}, {aside}"
        )
    if kind == "too-new":
        return (
            f"the entries database {database} was written by a newer cfcoach "
            f"(schema {problem.version}); update cfcoach to use it"
        )
    if kind == "foreign":
        return (
            f"the entries database {database} {detail}, so another program may have changed it "
            f"and check-ins may not be saved as they should; {restore}, {aside}"
        )
    if kind == "blank":
        return f"the entries database {database} holds no cfcoach tables; {aside}"
    what = "is cut short" if kind == "cut-short" else "is damaged"
    return f"the entries database {database} {what} ({detail or kind}); {restore}, {aside}"
