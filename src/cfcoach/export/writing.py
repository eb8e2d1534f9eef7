"""Writing an export: the bundle a format writes, where it may go, and writing it safely.

Shared by ``cfcoach export`` and the TUI's export screen (core logic only: no command-line
or screen library). A problem is an :class:`ExportWriteError` whose ``str`` is one
sentence to show; nothing half-written is ever left where the file was to go.

A file is written to a hidden partial file beside it (``.NAME.PID.XXXXXXXX`` and
:data:`PARTIAL_SUFFIX`, private to its owner), then renamed into place. The partial file
holds the person's answers, so it never outlives the export: it is removed on any failure,
and on SIGTERM, SIGHUP or SIGINT (:class:`ExportStopped`); one left by ``kill -9`` (whose
writer is gone, as its process id says) is removed by the next export into that folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import IO, Any, BinaryIO, Protocol, TextIO, cast

from cfcoach.content.models import Exercise
from cfcoach.export.registry import ExportBundle, ExportFormat, Paper
from cfcoach.store.models import Entry

PLAN_AS_ENTRIES = ("json", "csv")
"""Formats that carry the safety plan as its entries (the others show it as a section)."""

PARTIAL_SUFFIX = ".cfcoach-export-partial"
"""How the hidden file an export is written to before it gets its name ends."""
_PARTIAL_NAME = re.compile(r"^\..+\.(\d+)\.[a-z0-9_]+" + re.escape(PARTIAL_SUFFIX) + "$")
STOPPING_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)
"""The signals that stop an export cleanly (its partial file removed first)."""


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


class ExportStopped(BaseException):
    """A signal (SIGTERM, SIGHUP, SIGINT) stopped the export; its partial file is removed.

    A ``BaseException``, like ``KeyboardInterrupt``, so that nothing on the way mistakes
    it for a failure to report and carry on from. ``exit_code`` is the conventional
    128 + the signal's number (143 for SIGTERM, 129 for SIGHUP, 130 for SIGINT).
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum
        self.target: Path | None = None
        """Where the file was to go (set on the way out of :func:`write_atomically`)."""
        self.finished = False
        """True when the file was already in place as the signal came (it is whole)."""

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    def __str__(self) -> str:
        where = f" {self.target}" if self.target is not None else ""
        if self.finished:
            return f"Stopped; the export had just been written to{where} and is complete."
        return f"Stopped before the export was finished; nothing was written to{where or ' it'}."


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
    target: Path,
    writer: Callable[[IO[Any]], None],
    *,
    binary: bool = False,
    tell: Callable[[str], None] | None = None,
) -> None:
    """Write through a private (0600) partial file beside ``target``, then rename it into place.

    First the partial files that earlier exports into that folder left when they were
    stopped by ``kill -9`` are removed, and ``tell`` hears of it in one sentence. Raises
    :class:`ExportStopped` (the partial file removed) when a signal stops the writing.
    """
    folder = target.parent if str(target.parent) else Path(".")
    note = leftovers_note(remove_leftovers(folder))
    if note is not None and tell is not None:
        tell(note)
    partial = _Partial()
    try:
        with _stopped_by_signals():
            try:
                try:
                    fd, partial.name = tempfile.mkstemp(
                        prefix=f".{target.name}.{os.getpid()}.", suffix=PARTIAL_SUFFIX, dir=folder
                    )
                except OSError as exc:
                    raise WriteFailed(
                        f"cfcoach cannot write in {folder} ({exc.strerror}); choose another place.",
                        exc,
                    ) from exc
                handle: IO[Any]
                if binary:
                    handle = os.fdopen(fd, "wb")
                else:
                    handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
                with handle:
                    writer(handle)
                    handle.flush()
                    os.fsync(handle.fileno())
                partial.renaming = True
                os.replace(partial.name, target)
            except OSError as exc:
                partial.remove()
                raise WriteFailed(
                    f"Writing {target} failed ({exc.strerror}); nothing was changed there.", exc
                ) from exc
            except BaseException:
                partial.remove()
                raise
    except ExportStopped as stop:  # also one that came just as the handlers were put back
        stop.target, stop.finished = target, partial.remove()
        raise


class _Partial:
    """The partial file of one export, while it is written."""

    def __init__(self) -> None:
        self.name: str | None = None
        self.renaming = False
        """True once it is being renamed to the file's real name."""

    def remove(self) -> bool:
        """Remove it, whatever signal comes meanwhile; True if it was already in place."""
        with _signals_held():
            if self.name is None:
                return False
            if self.renaming and not os.path.lexists(self.name):
                return True  # renamed: the export is whole, under its own name
            with contextlib.suppress(OSError):
                os.unlink(self.name)
            return False


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold back the stopping signals for a moment (they arrive when it is over)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """While writing, SIGTERM, SIGHUP and SIGINT raise :class:`ExportStopped` (so the partial
    file is removed on the way out) instead of ending the process where it stands.

    Only the first signal raises; later ones are let go, as the export is ending anyway.
    The handlers in place before (the default ones, or those of the TUI's event loop,
    which still hears of the signal and closes the coach) are put back afterwards, all of
    them even when the signal comes as they are. A signal that is ignored (SIGHUP under
    ``nohup``) stays ignored. Signal handlers belong to the main thread: elsewhere nothing
    changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping = False

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        if stopping:
            return
        stopping = True
        raise ExportStopped(signum)

    previous: dict[int, Any] = {}
    try:
        for signum in STOPPING_SIGNALS:
            if signal.getsignal(signum) is signal.SIG_IGN:
                continue  # e.g. SIGHUP under nohup: asked to go on, so it goes on
            previous[signum] = signal.signal(signum, stop)
        yield
    finally:
        late: ExportStopped | None = None
        while True:
            try:
                for signum, handler in previous.items():
                    signal.signal(signum, signal.SIG_DFL if handler is None else handler)
                break
            except ExportStopped as stopped:  # came as they were put back: once they are
                late = stopped
        if late is not None:
            raise late


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the partial files that exports stopped by ``kill -9`` left in ``folder``.

    Only cfcoach's own (named as :func:`write_atomically` names them) whose writer process
    is gone; those of an export still running are left alone. Returns those removed.
    """
    removed: list[Path] = []
    try:
        candidates = sorted(folder.glob(".*" + PARTIAL_SUFFIX))
    except OSError:
        return removed
    for path in candidates:
        match = _PARTIAL_NAME.match(path.name)
        if match is None or _running(int(match.group(1))):
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue  # another export removed it first
        except OSError:
            continue  # not ours to remove (another user's folder): left as it is
        removed.append(path)
    return removed


def leftovers_note(removed: list[Path]) -> str | None:
    """One sentence about the unfinished files of stopped exports that were removed."""
    if not removed:
        return None
    folder = removed[0].parent
    if len(removed) == 1:
        return (
            f"Removed an unfinished export file that a stopped cfcoach left in {folder} "
            f"({removed[0].name})."
        )
    return (
        f"Removed {len(removed)} unfinished export files that a stopped cfcoach left in {folder}."
    )


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # someone else's process (it exists), or a number that is no process id
    return True


def write_bundle(
    chosen: ExportFormat,
    bundle: ExportBundle,
    target: Path,
    *,
    tell: Callable[[str], None] | None = None,
) -> None:
    """Write ``bundle`` as ``chosen`` to ``target``, atomically (the format loads only now).

    ``tell`` hears of anything worth saying on the way (see :func:`write_atomically`).
    """
    if chosen.binary:
        write_bytes = chosen.binary_writer()
        write_atomically(
            target,
            lambda handle: write_bytes(bundle, cast(BinaryIO, handle)),
            binary=True,
            tell=tell,
        )
        return
    write_text = chosen.writer()
    write_atomically(target, lambda handle: write_text(bundle, cast(TextIO, handle)), tell=tell)
