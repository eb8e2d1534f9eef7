"""Opening the coach (the TUI) from the command line, without loading Typer.

``cfcoach`` with no arguments is how most people start a check-in, so
:mod:`cfcoach.cli.entry` calls :func:`open_tui` directly; ``cfcoach run ID`` and
``cfcoach --theme ...`` come here through Typer.
"""

from __future__ import annotations

import sys

from cfcoach.cli.common import context_or_fail, fail, open_store_or_fail


def theme_name(theme: str) -> str:
    """Textual's name for a theme: ``dark`` and ``light`` are short for Textual's own."""
    return {"dark": "textual-dark", "light": "textual-light"}.get(theme.lower(), theme)


def open_tui(
    *,
    theme: str | None = None,
    reduced_motion: bool = False,
    start_exercise: str | None = None,
    resume: bool | None = None,
) -> None:
    """Run the coach until the person leaves it (exits with its code when that is not 0)."""
    context = context_or_fail(announce=False)  # the coach tells what was made private
    store = open_store_or_fail(context)  # before a screen is drawn: problems in one sentence
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        store.close()
        fail(
            "The coach needs a terminal to draw in; for pipes and screen readers use "
            "`cfcoach run daily-checkin --plain`.",
            2,
        )
    from cfcoach.config import load_settings
    from cfcoach.tui.app import create_app

    settings = load_settings(context.paths)
    tui = create_app(
        context,
        theme=theme_name(theme or settings.theme),
        reduced_motion=reduced_motion or settings.reduced_motion,
        start_exercise=start_exercise,
        draft_choice="ask" if resume is None else ("resume" if resume else "new"),
        welcome=not settings.first_run_done,
        store=store,  # the app closes it
    )
    tui.run()
    code = tui.return_code or 0
    if code:
        raise SystemExit(code)
