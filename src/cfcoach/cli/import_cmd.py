"""`cfcoach import FILE.json`: bring entries back from a JSON export, without duplicates."""

from __future__ import annotations

from pathlib import Path

import typer

from cfcoach.cli.common import context_or_fail, fail, open_store_or_fail
from cfcoach.export.json_import import ImportFileError, read_export
from cfcoach.store import StoreError


def run_import(source: Path) -> None:
    """Add the entries of ``source`` whose uuid is not in the store yet; say how many."""
    path = source.expanduser()
    context = context_or_fail()
    exercises = {key: found.exercise for key, found in context.library.exercises.items()}
    try:
        entries = read_export(path, exercises)  # every entry checked before any is saved
    except ImportFileError as exc:
        fail(str(exc), 1)
    store = open_store_or_fail(context)
    try:
        added, existing = store.add_new(entries)
    except StoreError as exc:
        fail(f"{exc} Nothing was imported.")
    finally:
        store.close()
    typer.echo(f"{added} added, {existing} already there.")
