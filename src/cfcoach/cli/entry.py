"""The console-script entry point: fast paths first, then Typer with calm error handling.

This module imports nothing heavy, so `cfcoach --version` answers before Typer loads,
and `cfcoach` alone opens the coach without loading Typer at all (unless a shell is asking
for completions: it runs `cfcoach` alone, with ``_CFCOACH_COMPLETE`` set).
"""

from __future__ import annotations

import errno
import gc
import os
import sys

from cfcoach import __version__

TYPE_CHECKING = False  # not typing's: importing typing would slow `cfcoach --version`
if TYPE_CHECKING:
    from typing import NoReturn

COMPLETION_VARIABLE = "_CFCOACH_COMPLETE"
"""Set by the shell completion scripts (`cfcoach --install-completion`) when they ask."""


def run() -> None:
    """Run `cfcoach` with the process's arguments; no traceback ever reaches the person."""
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"cfcoach {__version__}\n")
        return
    os.umask(0o077)  # anything cfcoach creates is private to its owner
    try:
        if not sys.argv[1:] and COMPLETION_VARIABLE not in os.environ:
            # the coach itself, the usual start: Typer is not needed
            # Opening the coach makes a few hundred thousand objects (most of them
            # Textual's) and almost no garbage: the cycle collector would only walk them
            # again and again. It is paused until the home screen is drawn (the app
            # resumes it then) and at the latest when the coach closes (issue 8).
            gc.disable()
            try:
                from cfcoach.cli.open_tui import open_tui

                open_tui()
            finally:
                gc.enable()
            return
        from cfcoach.cli.main import app

        app(prog_name="cfcoach")
    except KeyboardInterrupt:
        sys.stderr.write("\nStopped. Everything you had answered is saved.\n")
        sys.exit(130)
    except SystemExit:
        raise
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            _unexpected(exc)
        stop_quietly_when_output_closes()  # what reads cfcoach's output has gone
    except Exception as exc:  # the last line of defence
        _unexpected(exc)


def stop_quietly_when_output_closes() -> NoReturn:
    """End cfcoach at once, without a word, because its output was closed (``| head``).

    The exit code is 141, the one a shell gives a program stopped by a closed pipe (exit 1
    would read as "could not be saved"). Standard output is pointed at the null device
    first, so the interpreter's last flush of what is still buffered does not complain on
    stderr either.
    """
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    raise SystemExit(141)


def _unexpected(exc: BaseException) -> NoReturn:
    from cfcoach.errorlog import log_exception

    log_path = log_exception("unexpected error", exc)
    sys.stderr.write(
        "Something went wrong inside cfcoach. Your saved answers are safe; "
        f"details for a bug report are in {log_path}.\n"
    )
    sys.exit(1)
