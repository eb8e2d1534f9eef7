"""History's query pieces: a person's search as safe full-text terms, pages that follow on.

The store (:class:`cfcoach.store.entries.EntryStore`) runs the queries; this module only
builds their parts, so the rules live in one place:

- a search is plain words, never FTS5 syntax: each word becomes a quoted prefix term, so
  quotes, ``AND``, ``*``, ``:`` or brackets can never reach SQLite as operators;
- pages follow on by *keyset* (the start time and id of the last row shown), so reading
  page 100 costs the same as reading page 1;
- the words around a match (:func:`make_snippet`) are found here, in one pass over the
  text, not by FTS5's ``snippet()``: that one weighs every match against every other, so a
  100 KB answer full of matches took minutes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from cfcoach.store.models import Entry
from cfcoach.textsafety import storable

# Around a matching word in a snippet. Private-use characters: nothing a person types.
MATCH_START = "\ue000"
MATCH_END = "\ue001"
SNIPPET_WORDS = 12

_WORD = re.compile(r"\w", re.UNICODE)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def search_terms(text: str) -> str | None:
    """``text`` as an FTS5 query that matches entries holding every word (or a longer form).

    ``"you're not"`` becomes ``"you're"* "not"*``: each word is quoted (so it is only
    ever a word), with any ``"`` doubled and control characters dropped, and matches as a prefix ("mistake" finds
    "mistakes"). A lone surrogate (which SQLite can't take) becomes U+FFFD, as it does in
    stored text (see :func:`cfcoach.textsafety.storable`). Returns ``None`` when ``text``
    has no words to look for.
    """
    terms = []
    for chunk in _CONTROL.sub(" ", storable(text)).split():
        if not _WORD.search(chunk):
            continue
        cleaned = chunk.replace('"', '""')
        terms.append(f'"{cleaned}"*')
    return " ".join(terms) if terms else None


# A word as FTS5's unicode61 tokenizer sees one: letters, numbers and marks ("_" parts words).
_TOKEN = re.compile(r"[^\W_]+")


def _folded(word: str) -> str:
    """``word`` as the index compares it: no accents (remove_diacritics), any case."""
    if word.isascii():  # most words: nothing to take apart
        return word.lower()
    parts = unicodedata.normalize("NFKD", word)
    return "".join(c for c in parts if not unicodedata.combining(c)).casefold()


def _search_words(search: str) -> tuple[str, ...]:
    """The folded words of ``search`` (each a prefix: "mistake" finds "mistakes")."""
    return tuple({_folded(w) for w in _TOKEN.findall(_CONTROL.sub(" ", storable(search)))})


def make_snippet(texts: tuple[str, ...], search: str) -> str | None:
    """About :data:`SNIPPET_WORDS` words around the first match of ``search`` in the first
    of ``texts`` that holds one, each matching word between MATCH_START and MATCH_END and
    ``…`` where text was left out. Linear in the text: fine for a 100 KB answer."""
    words = _search_words(search)
    if not words:
        return None
    for text in texts:
        tokens = list(_TOKEN.finditer(text))
        hit = next((i for i, t in enumerate(tokens) if _folded(t.group()).startswith(words)), -1)
        if hit < 0:
            continue
        first = max(0, min(hit - 2, len(tokens) - SNIPPET_WORDS))
        shown = tokens[first : first + SNIPPET_WORDS]
        hits = {
            index
            for index, token in enumerate(shown, start=first)
            if _folded(token.group()).startswith(words)
        }
        start = 0 if first == 0 else shown[0].start()
        end = len(text) if first + SNIPPET_WORDS >= len(tokens) else shown[-1].end()
        pieces = ["…" if start > 0 else ""]
        at = start
        for index, token in enumerate(shown, start=first):
            pieces.append(text[at : token.start()])
            if index in hits:
                pieces.append(f"{MATCH_START}{token.group()}{MATCH_END}")
            else:
                pieces.append(token.group())
            at = token.end()
        pieces.append(text[at:end])
        pieces.append("…" if end < len(text) else "")
        return "".join(pieces)
    return None


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the next page starts just after (older than) this entry."""

    started_at: str
    """The start time exactly as stored (the sort key)."""
    entry_id: int


@dataclass(frozen=True)
class HistoryItem:
    """An entry in a history list, with the words around a search match."""

    entry: Entry
    snippet: str | None = None
    """A few words around the match, each match between MATCH_START and MATCH_END."""


@dataclass(frozen=True)
class HistoryPage:
    items: tuple[HistoryItem, ...]
    next: Cursor | None
    """Where the next page starts (``None`` when this is the last page)."""


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, is a match) pieces, in order, the markers taken out."""
    parts: list[tuple[str, bool]] = []
    for index, piece in enumerate(re.split(f"[{MATCH_START}{MATCH_END}]", snippet)):
        if piece:
            parts.append((piece, index % 2 == 1))
    return parts
