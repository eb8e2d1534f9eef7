"""`cfcoach backup`, `cfcoach restore` and `cfcoach doctor`: looking after the data folder."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cfcoach.cli.common import context_or_fail, fail
from cfcoach.paths import ensure_private_dir
from cfcoach.permissions import messages, take_held
from cfcoach.store import StoreError
from cfcoach.store.backup import (
    backup_database,
    check_backup_file,
    integrity_problems,
    restore_database,
    timestamp,
)


def backup(target: Path | None, force: bool) -> None:
    """Copy the entries database to ``target`` (default: the backups folder)."""
    context = context_or_fail()
    database = context.paths.database
    if not database.exists():
        fail("There are no entries to back up yet.", 1)
    if target is None:
        folder = ensure_private_dir(context.paths.data_dir / "backups")
        target = folder / f"cfcoach-{timestamp()}.sqlite3"
    target = target.expanduser()
    if target.is_dir():
        target = target / f"cfcoach-{timestamp()}.sqlite3"
    try:
        written = backup_database(database, target, replace=force)
    except StoreError as exc:
        fail(str(exc))
    typer.echo(f"Backed up to {written}")


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
        kept = restore_database(source, context.paths.database)
    except StoreError as exc:
        fail(str(exc))
    typer.echo(f"Restored from {source}.")
    if kept is not None:
        typer.echo(f"Your entries from before are kept in {kept}")


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
    database = paths.database
    if not database.exists():
        report(True, "no entries database yet (it is made at the first check-in)")
    else:
        try:
            with context.open_store() as store:
                count = store.count()
            found = integrity_problems(database)
            report(
                not found,
                f"entries database: {count} entries, "
                + ("integrity check passed" if not found else f"integrity check found: {found[0]}"),
            )
        except StoreError as exc:
            report(False, str(exc))
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
