"""`cfcoach content ...`: list, check, write, try and add exercise files.

Each command imports its work only when it runs, so `cfcoach --help` stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cfcoach.cli.options import ReducedMotion, ThemeOption

content_app = typer.Typer(
    help="List, check, write, try and add exercise files.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@content_app.command("list")
def content_list() -> None:
    """Show the exercises found: shipped with cfcoach and your own."""
    from cfcoach.cli.content_cmds import list_exercises

    list_exercises()


@content_app.command("validate")
def content_validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILE",
            help="Exercise files or folders to check (default: every exercise cfcoach finds).",
        ),
    ] = None,
) -> None:
    """Check exercise files: problems and warnings.

    Each is printed as FILE:LINE:COL: what to change. Warnings alone leave the exit code 0.
    """
    from cfcoach.cli.content_cmds import validate

    code = validate(paths or [])
    if code:
        raise typer.Exit(code)


@content_app.command("schema")
def content_schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="File to write the schema to (default: print it).",
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of exercise files.

    Editors use it to complete and check exercise YAML as it is typed.
    """
    from cfcoach.cli.content_authoring import write_schema

    write_schema(output)


@content_app.command("new")
def content_new(
    exercise_id: Annotated[
        str, typer.Argument(metavar="ID", help="The new exercise's id, e.g. evening-kindness.")
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="File or folder to write to (default: your exercises folder).",
        ),
    ] = None,
) -> None:
    """Write a commented starter exercise to change into your own."""
    from cfcoach.cli.content_authoring import new_exercise

    new_exercise(exercise_id, output)


@content_app.command("add")
def content_add(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="Exercise files, or folders of them, to add."),
    ],
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Replace your own exercises that have the same ids."),
    ] = False,
) -> None:
    """Check exercises and add them to yours.

    All of them are added, or none if any needs a change.
    """
    from cfcoach.cli.content_authoring import add_exercises

    code = add_exercises(paths, replace)
    if code:
        raise typer.Exit(code)


@content_app.command("preview")
def content_preview(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="The exercise file to try.")],
    plain: Annotated[
        bool, typer.Option("--plain", help="Plain line-by-line prompts instead of the coach.")
    ] = False,
    theme: ThemeOption = None,
    reduced_motion: ReducedMotion = False,
) -> None:
    """Try an exercise file as a person would; nothing is saved."""
    from cfcoach.cli.content_preview import run_preview

    run_preview(path, plain=plain, theme=theme, reduced_motion=reduced_motion)
