"""`cfcoach content list` and `cfcoach content validate`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import typer

from cfcoach.cli.common import context_or_fail
from cfcoach.content import ContentError, Exercise, Problem
from cfcoach.content.library import EXERCISE_SUFFIXES, exercise_files
from cfcoach.content.style import (
    StyleWarning,
    load_with_source,
    style_warnings,
    unknown_suggestions,
)
from cfcoach.content.yaml_source import SourceMap
from cfcoach.paths import shipped_content_dir
from cfcoach.textsafety import printable


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


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
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
    """Check exercise files; print each problem as FILE:LINE:COL: message. Returns the exit code.

    Style warnings (``FILE:LINE:COL: warning: ...``) are printed too, but only problems
    make the exit code 1.
    """
    context = context_or_fail()
    if not paths:
        paths = [shipped_content_dir() / "exercises", context.paths.user_exercises]
        # The person's own folder may well be empty; that is not a problem to report.
        paths = [p for p in paths if p.is_dir() and exercise_files(p)]
    files, problems = expand_paths(paths)
    checked = check_files(files)
    problems.extend(checked.problems)
    known = set(context.library.exercises) | {ex.id for ex, _ in checked.valid.values()}
    warnings = checked.warnings(known)
    print_reports(problems, warnings)
    valid = len(checked.valid)
    noted = f", {len(warnings)} warning(s) worth a look" if warnings else ""
    if problems:
        bad = len({p.path for p in problems})
        typer.echo(f"{bad} file(s) with problems, {valid} valid{noted}.", err=True)
        return 1
    typer.echo(f"{valid} exercise file(s) checked: all valid{noted}.", err=True)
    return 0


def print_reports(problems: list[Problem], warnings: list[StyleWarning]) -> None:
    """Problems and warnings together, file by file, line by line."""
    reports: list[Problem | StyleWarning] = [*problems, *warnings]
    for report in sorted(reports, key=lambda r: (r.path, r.line, r.column)):
        typer.echo(printable(str(report)))  # a file's name is shown as safely as its text


@dataclass
class CheckedFiles:
    """Exercise files loaded one by one: the valid ones (with their sources) and the problems."""

    valid: dict[Path, tuple[Exercise, SourceMap]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def warnings(self, known_ids: set[str]) -> list[StyleWarning]:
        """Style warnings of the valid files; suggestions are checked against ``known_ids``."""
        found: list[StyleWarning] = []
        for path, (exercise, source) in self.valid.items():
            found += style_warnings(exercise, source, str(path))
            found += unknown_suggestions(exercise, source, str(path), known_ids)
        return found


def check_files(files: list[Path]) -> CheckedFiles:
    """Load each file; two files with one id make the second a problem."""
    checked = CheckedFiles()
    seen: dict[str, Path] = {}
    for path in files:
        try:
            exercise, source = load_with_source(path)
        except ContentError as exc:
            checked.problems.extend(exc.problems)
            continue
        if exercise.id in seen:
            checked.problems.append(
                Problem(
                    str(path),
                    *source.locate(("id",)),
                    f"the id '{exercise.id}' is already used by {seen[exercise.id]}; give this exercise its own id",
                )
            )
            continue
        seen[exercise.id] = path
        checked.valid[path] = (exercise, source)
    return checked
