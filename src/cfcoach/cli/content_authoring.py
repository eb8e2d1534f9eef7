"""`cfcoach content schema`, `content new` and `content add`: tools for writing exercises."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import typer

from cfcoach.cli.common import context_or_fail, fail
from cfcoach.cli.content_cmds import check_files, expand_paths, print_reports
from cfcoach.content import Exercise, FoundExercise, Library, Problem
from cfcoach.content.starter import EXERCISE_ID, starter_text
from cfcoach.errorlog import log_exception
from cfcoach.paths import PRIVATE_FILE_MODE, ensure_private_dir


def write_schema(output: Path | None) -> None:
    """Print the JSON Schema, or write it to ``output``."""
    from cfcoach.content.schema import exercise_schema_json

    text = exercise_schema_json()
    if output is None or str(output) == "-":
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        fail(
            f"cfcoach cannot write {output} ({exc.strerror or type(exc).__name__}); check the folder."
        )
    typer.echo(f"Wrote the exercise schema to {output}.", err=True)


# -- new -------------------------------------------------------------------------------


def new_exercise(exercise_id: str, output: Path | None) -> None:
    """Write a commented starter exercise called ``exercise_id``."""
    if not EXERCISE_ID.match(exercise_id):
        fail(
            f"'{exercise_id}' can't be an exercise id: use lower-case letters, digits and '-', "
            "starting with a letter (for example evening-kindness).",
            2,
        )
    context = context_or_fail()
    taken = context.library.exercises.get(exercise_id)
    if taken is not None:
        whose = "shipped with cfcoach" if taken.origin == "shipped" else f"yours, in {taken.path}"
        fail(
            f"There is already an exercise called '{exercise_id}' ({whose}); "
            f"choose another id, for example {exercise_id}-2.",
            1,
        )
    if output is None:
        folder = context.paths.user_exercises
        target = folder / f"{exercise_id}.yaml"
    elif output.is_dir():
        folder, target = output, output / f"{exercise_id}.yaml"
    else:
        folder, target = output.parent, output
        if not folder.is_dir():
            fail(f"The folder {folder} does not exist; create it first or choose another --output.")
    try:
        if output is None:
            ensure_private_dir(folder)
        _write_new(target, starter_text(exercise_id, target.name))
    except FileExistsError:
        fail(f"{target} already exists, so it was left as it is; choose another id or --output.")
    except OSError as exc:
        log_exception("content new: writing the starter", exc)
        fail(
            f"cfcoach cannot write {target} ({exc.strerror or type(exc).__name__}); check the folder."
        )
    typer.echo(f"Wrote a starter exercise to {target}.")
    typer.echo("Change its words, then:")
    typer.echo(f"  cfcoach content validate {target}    # check it")
    typer.echo(f"  cfcoach content preview {target}     # try it; nothing is saved")
    if output is None:
        typer.echo(f"It is already in your exercises: `cfcoach run {exercise_id}` starts it.")
    else:
        typer.echo(f"  cfcoach content add {target}         # put it in your exercises")


def _write_new(target: Path, text: str) -> None:
    """Write ``text`` to ``target`` (0600); never replace a file that is there."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)


# -- add -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Install:
    """One exercise to put in the person's folder."""

    source: Path
    exercise: Exercise
    target: Path
    replaces: FoundExercise | None


def add_exercises(paths: list[Path], replace: bool) -> int:
    """Check ``paths`` and install their exercises, all or none; returns the exit code."""
    context = context_or_fail()
    folder = context.paths.user_exercises
    files, problems = expand_paths(paths)
    checked = check_files(files)
    problems.extend(checked.problems)
    library = context.library
    installs: list[Install] = []
    for path, (exercise, source) in checked.valid.items():
        where = (str(path), *source.locate(("id",)))
        found = library.exercises.get(exercise.id)
        target = folder / f"{exercise.id}.yaml"
        if found is not None and found.origin == "shipped":
            problems.append(
                Problem(
                    *where,
                    f"the id '{exercise.id}' belongs to an exercise shipped with cfcoach; "
                    f"give yours its own id, for example {exercise.id}-mine",
                )
            )
        elif found is not None and not replace:
            problems.append(
                Problem(
                    *where,
                    f"you already have an exercise called '{exercise.id}' ({found.path}); "
                    "add --replace to put this one in its place",
                )
            )
        elif (occupant := _occupant(library, target)) is not None and occupant != exercise.id:
            problems.append(
                Problem(
                    *where,
                    f"{target} already holds your exercise '{occupant}'; "
                    "give this exercise another id",
                )
            )
        elif occupant is None and target.exists() and not replace:
            problems.append(
                Problem(
                    *where,
                    f"{target} is already there (a file cfcoach could not load); "
                    "add --replace to put this one in its place",
                )
            )
        else:
            installs.append(Install(path, exercise, target, found))
    known = set(library.exercises) | {install.exercise.id for install in installs}
    warnings = checked.warnings(known)
    print_reports(problems, warnings)
    if problems:
        bad = len({p.path for p in problems})
        typer.echo(f"Nothing was added: {bad} file(s) need a change first (see above).", err=True)
        return 1
    if not installs:
        typer.echo("Nothing was added: no exercise files were given.", err=True)
        return 1
    try:
        ensure_private_dir(folder)
        _install_all(installs)
    except OSError as exc:
        log_exception("content add: copying exercises", exc)
        fail(
            f"Nothing was added: cfcoach cannot write to {folder} "
            f"({exc.strerror or type(exc).__name__}); check that it is yours to write to."
        )
    for install in installs:
        ex = install.exercise
        verb = "Replaced" if install.replaces is not None else "Added"
        typer.echo(f"{verb} '{ex.title}' ({ex.id}) — start it with `cfcoach run {ex.id}`.")
    typer.echo(f"Your exercises are in {folder}.", err=True)
    return 0


def _occupant(library: Library, target: Path) -> str | None:
    """The id of the person's exercise whose file is ``target``, if there is one."""
    for found in library.exercises.values():
        if found.origin != "shipped" and _same_file(found.path, target):
            return found.exercise.id
    return None


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return one == other


def _install_all(installs: list[Install]) -> None:
    """Copy every file beside its target first, then move them all into place.

    A failure while copying leaves the folder as it was; the moves are renames on one
    disk. A replaced exercise kept under another file name is removed after its new file
    is in place.
    """
    staged: list[tuple[Path, Install]] = []
    try:
        for install in installs:
            staged.append((_stage(install), install))
    except OSError:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, install in staged:
        os.replace(temporary, install.target)
        old = install.replaces
        if old is not None and not _same_file(old.path, install.target):
            old.path.unlink(missing_ok=True)


def _stage(install: Install) -> Path:
    data = install.source.read_bytes()
    fd, name = tempfile.mkstemp(dir=install.target.parent, prefix=".adding-", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(PRIVATE_FILE_MODE)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
