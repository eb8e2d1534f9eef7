"""The exercises as lists show them (id, title, summary, minutes, tags), without the models.

The home screen lists every exercise before its first paint. Building the pydantic models
for that costs about 0.1 s and 12 MiB (issue 8), so when every exercise file is in the
cache unchanged (see :mod:`.library_cache`), :func:`read_catalog` reads the list from the
cards the cache keeps beside each exercise. Otherwise it gives ``None`` and the caller loads the library, which checks
the files and refreshes the cache, and takes :meth:`Library.catalog` from it. Either way
the list is the same: shipped exercises first, each id once (a later file with an id
already taken is counted as a file that could not be loaded, as the library says).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from cfcoach.content.library_cache import LibraryCache, file_hash

EXERCISE_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 1_000_000
"""The largest exercise file read: far more than any exercise needs (the longest shipped
one is about 10 kB), and small enough to be read and checked in a few seconds."""


def too_large(size: int) -> str | None:
    """What is wrong with an exercise file of ``size`` bytes, or None if it is small enough."""
    if size <= MAX_FILE_BYTES:
        return None
    tenths = -(-size // 100_000)  # rounded up: a file too large never reads as "1.0 MB"
    return (
        f"the file is {tenths // 10}.{tenths % 10} MB, and exercise files are at most "
        f"{MAX_FILE_BYTES // 1_000_000} MB; split it into smaller exercises"
    )


# A NamedTuple and a plain class, not dataclasses: this module is imported at every start
# of the coach, and a dataclass compiles the source of its methods then (issue 8).
class ExerciseCard(NamedTuple):
    """What a list shows of one exercise."""

    id: str
    title: str
    summary: str
    minutes: int
    tags: tuple[str, ...]
    origin: str
    """``shipped`` or ``yours``."""

    @classmethod
    def from_data(cls, data: dict[str, Any], origin: str) -> ExerciseCard:
        """From an exercise as the cache holds it (raises KeyError/TypeError/ValueError if
        it is not one)."""
        card = cls(
            id=data["id"],
            title=data["title"],
            summary=data["summary"],
            minutes=data["minutes"],
            tags=tuple(data.get("tags", ())),
            origin=origin,
        )
        texts = (card.id, card.title, card.summary, *card.tags)
        if not all(isinstance(text, str) for text in texts) or type(card.minutes) is not int:
            raise TypeError("a cached exercise's fields are not of the right kinds")
        return card


class Catalog:
    """Every exercise found, by id, and how many files could not be loaded."""

    __slots__ = ("cards", "problem_files")

    def __init__(self, cards: dict[str, ExerciseCard], problem_files: frozenset[str]) -> None:
        self.cards = cards
        """Each exercise's card, by its id."""
        self.problem_files = problem_files
        """The exercise files that could not be loaded (their paths)."""

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Catalog):
            return NotImplemented
        return (self.cards, self.problem_files) == (other.cards, other.problem_files)

    __hash__ = None  # type: ignore[assignment]  # holds a dict

    def get(self, exercise_id: str) -> ExerciseCard | None:
        return self.cards.get(exercise_id)

    def sorted(self) -> list[ExerciseCard]:
        """Shipped exercises first, then the person's own, each by title."""
        return sorted(self.cards.values(), key=lambda c: listing_order(c.origin, c.title))


def listing_order(origin: str, title: str) -> tuple[bool, str]:
    """Where an exercise comes in lists: shipped ones first, then by title."""
    return (origin != "shipped", title.lower())


def exercise_files(folder: Path) -> list[Path]:
    """The exercise files in ``folder`` (not recursive), sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.suffix.lower() in EXERCISE_SUFFIXES and p.is_file()
    )


def exercise_sources(shipped_dir: Path, user_dir: Path | None) -> list[tuple[Path, str]]:
    """Every exercise file with its origin, shipped ones first (the order ids are taken in)."""
    sources = [(p, "shipped") for p in exercise_files(shipped_dir)]
    if user_dir is not None:
        sources += [(p, "yours") for p in exercise_files(user_dir)]
    return sources


def read_catalog(shipped_dir: Path, user_dir: Path | None, cache: Path) -> Catalog | None:
    """The catalogue from the cache alone, or ``None`` if any file is new, changed,
    unreadable or not in the cache (then load the library instead)."""
    remembered = LibraryCache.open(cache)
    cards: dict[str, ExerciseCard] = {}
    problem_files: set[str] = set()
    for path, origin in exercise_sources(shipped_dir, user_dir):
        try:
            if too_large(path.stat().st_size):
                problem_files.add(str(path))  # never read whole; the library says why
                continue
            digest = file_hash(path.read_bytes())
        except OSError:
            return None
        found = remembered.files.get(str(path))
        if found is None or found.digest != digest:
            return None
        if found.exercise_json is None:
            problem_files.add(str(path))
            continue
        if found.card is None:
            return None
        try:
            card = ExerciseCard.from_data(found.card, origin)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        if card.id in cards:
            problem_files.add(str(path))
            continue
        cards[card.id] = card
    return Catalog(cards, frozenset(problem_files))
