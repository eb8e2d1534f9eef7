"""`cfcoach help-now`: crisis lines at once, without starting the coach.

Imports nothing heavy (no Textual, no Rich, no database): it must answer fast, on a bad
night, even when something else in cfcoach is broken.
"""

from __future__ import annotations

import sys
from typing import TextIO

from cfcoach.paths import AppPaths, app_paths
from cfcoach.safety.help_text import PREFACE, help_now_text

__all__ = ["PREFACE", "help_now_text", "print_help_now"]


def _write(stream: TextIO, text: str) -> None:
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "replace").decode(encoding, "replace"))
    stream.flush()


def print_help_now(country: str | None = None, stream: TextIO | None = None) -> int:
    """Print :func:`help_now_text` for this user (``country`` overrides); returns the exit code.

    Never raises: if anything goes wrong, the preface and the advice to call the local
    emergency number are still printed.
    """
    out = stream or sys.stdout
    try:
        try:
            paths: AppPaths | None = app_paths()
        except Exception:  # platformdirs or a bad CFCOACH_HOME must not stop this
            paths = None
        text = help_now_text(paths, country=country)
    except Exception:  # the last line of defence for the one command that must answer
        _write(out, PREFACE + "\n")
        return 1
    _write(out, text + "\n")
    return 0
