"""`cfcoach content list` and `cfcoach content validate`."""

from __future__ import annotations

from pathlib import Path

import typer

from cfcoach.cli.common import context_or_fail
from cfcoach.content import ContentError, Problem, load_exercise_file
from cfcoach.content.library import EXERCISE_SUFFIXES, exercise_files
from cfcoach.paths import shipped_content_dir


def list_exercises() -> None:
    """Print the exercises found, shipped first, then the person's own, then any broken files."""
    context = context_or_fail()
    library = context.library
    found = library.sorted()
    if not found:
        typer.echo("No exercises were found.")
    width = max((len(f.exercise.id) for f in found), default=0)
    for item in found:
        ex = item.exercise
        origin = "" if item.origin == "shipped" else "  (yours)"
        typer.echo(f"{ex.id:<{width}}  {ex.title} — about {ex.minutes} min{origin}")
    typer.echo(f"\nYour own exercises go in {context.paths.user_exercises}", err=True)
    if library.problems:
        files = len({p.path for p in library.problems})
        typer.echo(
            f"{files} exercise file(s) could not be loaded; run `cfcoach content validate` to see why.",
            err=True,
        )


def _expand(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            inside = exercise_files(path)
            if not inside:
                problems.append(
                    Problem(
                        str(path),
                        1,
                        1,
                        f"this folder holds no exercise files ({', '.join(EXERCISE_SUFFIXES)})",
                    )
                )
            files.extend(inside)
        else:
            files.append(path)
    return files, problems


def validate(paths: list[Path]) -> int:
    """Check exercise files; print each problem as FILE:LINE:COL: message. Returns the exit code."""
    if not paths:
        context = context_or_fail()
        paths = [shipped_content_dir() / "exercises", context.paths.user_exercises]
        # The person's own folder may well be empty; that is not a problem to report.
        paths = [p for p in paths if p.is_dir() and exercise_files(p)]
    files, problems = _expand(paths)
    seen: dict[str, Path] = {}
    valid = 0
    for path in files:
        try:
            exercise = load_exercise_file(path)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        if exercise.id in seen:
            problems.append(
                Problem(
                    str(path),
                    1,
                    1,
                    f"the id '{exercise.id}' is already used by {seen[exercise.id]}; give this exercise its own id",
                )
            )
            continue
        seen[exercise.id] = path
        valid += 1
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        bad = len({p.path for p in problems})
        typer.echo(f"{bad} file(s) with problems, {valid} valid.", err=True)
        return 1
    typer.echo(f"{valid} exercise file(s) checked: all valid.", err=True)
    return 0
