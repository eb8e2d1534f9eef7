"""`cfcoach export`: choose entries and write them in one of the registered formats."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from cfcoach.cli.common import context_or_fail, fail, open_store_or_fail
from cfcoach.export.registry import ExportBundle, ExportFormat, format_names, get_format
from cfcoach.store import StoreError


def run_export(
    format_name: str,
    output: str | None,
    *,
    include_private: bool,
    include_drafts: bool,
    force: bool,
) -> None:
    """Write the chosen entries to ``output`` (or stdout) as ``format_name``."""
    chosen = _choose_format(format_name, output)
    context = context_or_fail()
    store = open_store_or_fail(context)
    try:
        total = store.count()
        entries = list(
            store.iter_entries(include_drafts=include_drafts, include_private=include_private)
        )
    except StoreError as exc:
        fail(str(exc))
    finally:
        store.close()
    left_out = total - len(entries)
    reasons = []
    if not include_private:
        reasons.append("private")
    if not include_drafts:
        reasons.append("unfinished")
    note = f" ({left_out} {' or '.join(reasons)} left out)" if left_out and reasons else ""
    sys.stderr.write(f"Exporting {len(entries)} entr{'y' if len(entries) == 1 else 'ies'}{note}.\n")
    bundle = ExportBundle(
        entries=entries,
        exercises={k: f.exercise for k, f in context.library.exercises.items()},
        generated_at=context.clock(),
        include_private_steps=include_private,
    )
    write = chosen.writer()
    if output in (None, "-"):
        write(bundle, sys.stdout)
        sys.stdout.flush()
        return
    assert output is not None
    target = Path(output).expanduser()
    _write_atomically(target, force, lambda handle: write(bundle, handle))
    sys.stderr.write(f"Written to {target}\n")


def _choose_format(format_name: str, output: str | None) -> ExportFormat:
    name = format_name
    if output not in (None, "-") and format_name == "json":
        suffix = Path(str(output)).suffix.lower().lstrip(".")
        if suffix and suffix != "json":
            name = suffix
    try:
        return get_format(name)
    except KeyError:
        fail(f"cfcoach cannot export as '{name}'; the formats are: {', '.join(format_names())}.", 2)


def _write_atomically(target: Path, force: bool, writer: Callable[[TextIO], None]) -> None:
    """Write through a private temp file beside ``target``, then rename it into place."""
    if target.is_dir():
        fail(f"{target} is a folder; give a file name, e.g. {target / 'cfcoach-export.json'}.", 2)
    if target.exists() and not force:
        fail(f"{target} already exists; choose another name, or add --force to replace it.", 1)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        fail(f"The folder {folder} does not exist; create it first or choose another place.", 1)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        fail(f"cfcoach cannot write in {folder} ({exc.strerror}); choose another place.", 1)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            writer(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        fail(f"Writing {target} failed ({exc.strerror}); nothing was changed there.", 1)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
