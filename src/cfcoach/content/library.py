"""Find exercises: the ones shipped with cfcoach and the person's own.

One broken file never stops the others: each file ends up either in ``exercises`` or
with its problems in ``problems``. With a ``cache`` file, files whose bytes were checked
before are not parsed again (see :mod:`cfcoach.content.library_cache`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cfcoach.content.catalog import (
    EXERCISE_SUFFIXES,
    Catalog,
    ExerciseCard,
    exercise_files,
    exercise_sources,
    listing_order,
    too_large,
)
from cfcoach.content.library_cache import LibraryCache, card_data, file_hash
from cfcoach.content.loader import load_exercise_file
from cfcoach.content.models import Exercise
from cfcoach.content.problems import ContentError, Problem

__all__ = [
    "EXERCISE_SUFFIXES",
    "FoundExercise",
    "Library",
    "exercise_files",
    "load_library",
]


@dataclass(frozen=True)
class FoundExercise:
    """A loaded exercise and where it came from."""

    exercise: Exercise
    path: Path
    origin: str  # "shipped" or "yours"


@dataclass
class Library:
    """Every exercise found, by id, plus the files that could not be loaded."""

    exercises: dict[str, FoundExercise] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def get(self, exercise_id: str) -> Exercise | None:
        found = self.exercises.get(exercise_id)
        return found.exercise if found else None

    def sorted(self) -> list[FoundExercise]:
        return sorted(
            self.exercises.values(), key=lambda f: listing_order(f.origin, f.exercise.title)
        )

    def catalog(self) -> Catalog:
        """What lists show of these exercises (the same as :func:`read_catalog` gives)."""
        cards = {
            exercise_id: ExerciseCard.from_data(card_data(found.exercise), found.origin)
            for exercise_id, found in self.exercises.items()
        }
        return Catalog(cards, frozenset(problem.path for problem in self.problems))


def load_library(shipped_dir: Path, user_dir: Path | None, *, cache: Path | None = None) -> Library:
    """Load shipped exercises, then the person's own (which cannot replace a shipped id).

    ``cache``: a file where checked results are kept between runs (None: no cache).
    """
    library = Library()
    sources = exercise_sources(shipped_dir, user_dir)
    remembered = LibraryCache.open(cache) if cache is not None else None
    for path, origin in sources:
        try:
            exercise = _load(path, remembered)
        except ContentError as exc:
            library.problems.extend(exc.problems)
            continue
        existing = library.exercises.get(exercise.id)
        if existing is not None:
            library.problems.append(
                Problem(
                    str(path),
                    1,
                    1,
                    f"another exercise ({existing.path}) already has the id '{exercise.id}'; give this one its own id",
                )
            )
            continue
        library.exercises[exercise.id] = FoundExercise(exercise, path, origin)
    if remembered is not None:
        remembered.keep_only(path for path, _ in sources)
        remembered.save()
    return library


def _load(path: Path, cache: LibraryCache | None) -> Exercise:
    """One file's exercise: from the cache when its bytes were checked before."""
    if cache is None:
        return load_exercise_file(path)
    try:
        if too_large(path.stat().st_size):
            cache.forget(path)
            return load_exercise_file(path)  # says how large it is, reading no more than 1 MB
        digest = file_hash(path.read_bytes())
    except OSError:
        cache.forget(path)
        return load_exercise_file(path)  # says clearly why the file cannot be read
    cached = cache.exercise(path, digest)
    if cached is not None:
        return cached
    problems = cache.problems(path, digest)
    if problems is not None:
        raise ContentError(problems)
    try:
        exercise = load_exercise_file(path)
    except ContentError as exc:
        if _unchanged(path, digest):
            cache.remember_problems(path, digest, exc.problems)
        raise
    if _unchanged(path, digest):  # not rewritten while it was being read
        cache.remember_exercise(path, digest, exercise)
    return exercise


def _unchanged(path: Path, digest: str) -> bool:
    try:
        return file_hash(path.read_bytes()) == digest
    except OSError:
        return False
