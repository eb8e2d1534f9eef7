"""The safety corpus: lines written to measure (and train) the safety net.

The corpus lives in ``tests/safety/corpus/`` as TAB-separated files, one example a line::

    LABEL<TAB>CATEGORY<TAB>TEXT

``LABEL`` is ``crisis`` or ``concern`` (the safety screen must appear) or ``none`` (it must
not); ``CATEGORY`` is the kind of line (``plan-means``, ``idiom`` ...). A file's language
is the start of its name (``en-ordinary.tsv`` is English, ``hi.tsv`` Hindi in Latin
script). Lines starting with ``#`` are comments.

Every line belongs to one split, fixed by a hash of its text so that it never changes
when lines are added: about a quarter is the **test** split, which nothing is tuned on
(neither the rules nor the learned model); the rest is the **development** split.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Literal, NamedTuple

Label = Literal["crisis", "concern", "none"]
Split = Literal["dev", "test"]
LABELS: tuple[Label, ...] = ("crisis", "concern", "none")
TEST_SHARE = 4
"""One line in this many is in the test split."""


class CorpusError(ValueError):
    """A corpus file that cannot be read; the message names the file and line."""


class CorpusLine(NamedTuple):
    """One example of the corpus."""

    label: Label
    """``crisis`` or ``concern``: the safety screen must appear; ``none``: it must not."""
    category: str
    """The kind of line (e.g. ``passive-wish``, ``gaming-sport``)."""
    text: str
    """What a person might write."""
    language: str
    """The language, from the start of the file's name (``en``, ``de``, ``hi`` ...)."""
    split: Split
    """``test`` (never tuned on) or ``dev``."""
    where: str
    """``FILE:LINE``, for messages."""

    @property
    def flag(self) -> bool:
        """True when the safety screen must appear for this line."""
        return self.label != "none"


def split_of(text: str) -> Split:
    """The split a text belongs to (a hash of its words, stable across runs and machines)."""
    key = " ".join(text.casefold().split())
    return "test" if zlib.crc32(key.encode("utf-8")) % TEST_SHARE == 0 else "dev"


def default_corpus_dir() -> Path:
    """``tests/safety/corpus`` of the source tree this cfcoach runs from (or of the cwd)."""
    here = Path(__file__).resolve().parents[3] / "tests" / "safety" / "corpus"
    return here if here.is_dir() else Path.cwd() / "tests" / "safety" / "corpus"


def read_corpus(folder: Path) -> Iterator[CorpusLine]:
    """Every line of every ``*.tsv`` file in ``folder``, files in name order."""
    files = sorted(folder.glob("*.tsv"))
    if not files:
        raise CorpusError(f"{folder}: no corpus files (*.tsv) here")
    seen: dict[str, str] = {}
    for path in files:
        language = path.stem.split("-")[0]
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            where = f"{path.name}:{number}"
            parts = raw.split("\t")
            if len(parts) != 3:
                raise CorpusError(f"{where}: expected LABEL<TAB>CATEGORY<TAB>TEXT")
            label, category, text = (part.strip() for part in parts)
            if label not in LABELS:
                raise CorpusError(f"{where}: the label {label!r} is not one of {LABELS}")
            key = " ".join(text.casefold().split())
            if key in seen:
                continue  # the same line twice counts once (the first place it appears)
            seen[key] = where
            yield CorpusLine(label, category, text, language, split_of(text), where)
