"""Helpers the commands share: the app context and clear, one-sentence failures.

Typer is not imported here (only where a question is asked), so that ``cfcoach`` with
no command can open the coach without loading it (see :mod:`cfcoach.cli.open_tui`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

from cfcoach.context import AppContext
from cfcoach.store import DatabaseCorrupt, EntryStore, StoreError

if TYPE_CHECKING:
    from cfcoach.content import Exercise


def say(message: str) -> None:
    """One line to stderr (what went wrong, or what was done on the person's behalf)."""
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear sentence to stderr and exit with ``code``."""
    say(message)
    raise SystemExit(code)


def context_or_fail(*, announce: bool = True) -> AppContext:
    """The app context for this process, its folders and files made private first.

    Whatever was open to other users is fixed and, with ``announce``, told on stderr in
    one sentence; otherwise it is held for the coach to show on its home screen.
    """
    from cfcoach.permissions import make_private, messages, take_held

    context = AppContext()
    make_private(context.paths)
    if announce:
        for message in messages(take_held()):
            say(message)
    return context


def exercise_or_fail(context: AppContext, exercise_id: str) -> Exercise:
    """The exercise called ``exercise_id``, or a clear message naming the ones there are."""
    exercise = context.library.get(exercise_id)
    if exercise is not None:
        return exercise
    broken = [p for p in context.library.problems]
    known = ", ".join(sorted(context.library.exercises)) or "none"
    hint = (
        " (some exercise files could not be loaded: run `cfcoach content validate`)"
        if broken
        else ""
    )
    fail(f"There is no exercise called '{exercise_id}'; the exercises are: {known}{hint}.", 2)


def open_store_or_fail(context: AppContext) -> EntryStore:
    """Open the entries database, or say in one sentence why it can't be opened.

    A damaged database is never changed; in a terminal the person may choose to move it
    aside (kept whole) and start a fresh one.
    """
    try:
        return context.open_store()
    except DatabaseCorrupt as exc:
        from cfcoach.errorlog import log_exception

        log_exception("opening the database", exc)
        if not sys.stdin.isatty():
            fail(str(exc))
        say(str(exc))
        import typer

        if not typer.confirm(
            "Start a new, empty one now? The damaged file is kept, unchanged, beside it.",
            default=False,
            err=True,
        ):
            fail("Nothing was changed.")
        from cfcoach.store.backup import set_aside

        try:
            aside = set_aside(context.paths.database)
            say(f"The damaged file is kept as {aside}.")
            return context.open_store()
        except StoreError as again:
            fail(str(again))
    except StoreError as exc:
        from cfcoach.errorlog import log_exception

        log_exception("opening the database", exc)
        fail(str(exc))
    except OSError as exc:
        from cfcoach.errorlog import log_exception

        log_exception("opening the data folder", exc)
        fail(
            f"cfcoach cannot use its data folder {context.paths.data_dir} "
            f"({exc.strerror or type(exc).__name__}); check that it is yours to write to."
        )


def check_store_or_fail(context: AppContext) -> None:
    """Make sure the database opens before a screen is drawn, so problems show as one sentence."""
    open_store_or_fail(context).close()
