"""Options that several `cfcoach` commands share, declared once."""

from __future__ import annotations

from typing import Annotated

import typer

from cfcoach.cli import completion

ThemeOption = Annotated[
    str | None,
    typer.Option(
        "--theme",
        metavar="THEME",
        autocompletion=completion.themes,
        help="Colour theme: dark, light, or any Textual theme name (default: your settings).",
    ),
]
ReducedMotion = Annotated[
    bool,
    typer.Option("--reduced-motion", help="Count breaths in words instead of animating them."),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        help="First day: a date (2026-11-01) or a span back from today (7d, 4w, 3m).",
    ),
]
UntilOption = Annotated[
    str | None,
    typer.Option(
        "--until", metavar="DATE", help="Last day: a date or a span back from today, like --since."
    ),
]
ExerciseOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exercise",
        metavar="EXERCISE",
        autocompletion=completion.exercises,
        help="Only this exercise's entries (repeat for several).",
    ),
]
