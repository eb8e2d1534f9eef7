"""Writing an export: the bundle a format writes, where it may go, and writing it safely.

Shared by ``cfcoach export`` and the TUI's export screen (core logic only: no command-line
or screen library). A problem is an :class:`ExportWriteError` whose ``str`` is one
sentence to show; nothing half-written is ever left where the file was to go.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import IO, Any, BinaryIO, Protocol, TextIO, cast

from cfcoach.content.models import Exercise
from cfcoach.export.registry import ExportBundle, ExportFormat, Paper
from cfcoach.store.models import Entry

PLAN_AS_ENTRIES = ("json", "csv")
"""Formats that carry the safety plan as its entries (the others show it as a section)."""


class SafetyPlanLike(Protocol):
    """The person's safety plan (see :class:`cfcoach.safety_plan.SafetyPlan`)."""

    @property
    def entry(self) -> Entry: ...

    @property
    def parts(self) -> list[tuple[str, str]]: ...


class ExportWriteError(Exception):
    """The export cannot be written there; ``str(error)`` is one sentence to show.

    ``exit_code`` is the status ``cfcoach export`` exits with (2: the name asked for is not
    a file name at all; 1: anything else).
    """

    exit_code = 1


class TargetIsFolder(ExportWriteError):
    exit_code = 2


class TargetExists(ExportWriteError):
    """A file is already there (and replacing it was not asked for)."""


class FolderMissing(ExportWriteError):
    """The folder the file should go in does not exist."""


class WriteFailed(ExportWriteError):
    """The file could not be written (no room, no permission, ...); nothing was changed."""

    def __init__(self, message: str, error: OSError) -> None:
        super().__init__(message)
        self.error = error


def plan_goes_as_entries(format_name: str, include_safety_plan: bool) -> bool:
    """True when the safety plan, if chosen, goes as its entries (JSON and CSV)."""
    return include_safety_plan and format_name in PLAN_AS_ENTRIES


def make_bundle(
    entries: Iterable[Entry],
    exercises: Mapping[str, Exercise],
    *,
    format_name: str,
    generated_at: datetime,
    include_private_steps: bool = False,
    paper: Paper = "a4",
    plan: SafetyPlanLike | None = None,
    include_safety_plan: bool = False,
) -> ExportBundle:
    """What ``format_name`` writes: ``entries`` and, when chosen, the safety plan as a section.

    (In JSON and CSV the plan goes as its entries instead, so it is not added here.)
    """
    shown = (
        plan
        if include_safety_plan and not plan_goes_as_entries(format_name, include_safety_plan)
        else None
    )
    return ExportBundle(
        entries=entries,
        exercises=dict(exercises),
        generated_at=generated_at,
        include_private_steps=include_private_steps,
        paper=paper,
        safety_plan=tuple(shown.parts) if shown else (),
        safety_plan_written=(shown.entry.finished_at or shown.entry.started_at if shown else None),
    )


def check_target(target: Path, force: bool) -> Path:
    """Raise :class:`ExportWriteError` unless ``target`` can be written (before any work)."""
    if target.is_dir():
        raise TargetIsFolder(
            f"{target} is a folder; give a file name, e.g. {target / 'cfcoach-export.json'}."
        )
    if target.exists() and not force:
        raise TargetExists(
            f"{target} already exists; choose another name, or add --force to replace it."
        )
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FolderMissing(
            f"The folder {folder} does not exist; create it first or choose another place."
        )
    return target


def write_atomically(
    target: Path, writer: Callable[[IO[Any]], None], *, binary: bool = False
) -> None:
    """Write through a private (0600) temp file beside ``target``, then rename it into place."""
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise WriteFailed(
            f"cfcoach cannot write in {folder} ({exc.strerror}); choose another place.", exc
        ) from exc
    try:
        handle: IO[Any]
        if binary:
            handle = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with handle:
            writer(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise WriteFailed(
            f"Writing {target} failed ({exc.strerror}); nothing was changed there.", exc
        ) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise


def write_bundle(chosen: ExportFormat, bundle: ExportBundle, target: Path) -> None:
    """Write ``bundle`` as ``chosen`` to ``target``, atomically (the format loads only now)."""
    if chosen.binary:
        write_bytes = chosen.binary_writer()
        write_atomically(
            target, lambda handle: write_bytes(bundle, cast(BinaryIO, handle)), binary=True
        )
    else:
        write_text = chosen.writer()
        write_atomically(target, lambda handle: write_text(bundle, cast(TextIO, handle)))
