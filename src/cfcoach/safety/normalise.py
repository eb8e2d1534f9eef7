"""Text normalisation shared by the user's text and the rule patterns.

Both sides go through the same steps, so a rule written as ``kill myself`` also meets
"KILL MYSELF", "killl myselfff", "k!ll my self" and "kms". The result is a string of
lower-case words, each followed by one space, with ``|`` standing for a clause break
(full stop, comma, question mark ...). It begins with a space, so every word in it is
surrounded by spaces: `` i want to | die ``.

Steps: Unicode NFKC and case-folding; accents on Latin letters dropped ("tué" -> "tue",
"müde" -> "mude"), so that text typed with or without them reads the same; look-alike characters ("k1ll", "d*e") made into
letters; English contractions expanded ("can't" -> "can not"); punctuation turned into
clause breaks or spaces; repeated letters squeezed to one ("killl" -> "kil"); known
misspellings and near-misses of key words corrected; slang words and phrases replaced
(both lists come from the rules file); and, last, each word reduced to its base form
("killed" -> "kill", "Tabletten" -> "tablette") with the language's lemma table (made from
simplemma's dictionaries by ``scripts/build_safety_lemmas.py``), so a rule written with one
form of a word meets all of them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

CLAUSE = "|"
_CACHE_SIZE = 20_000

_APOSTROPHES = str.maketrans({c: "'" for c in "\u2018\u2019\u201b\u02bc\u02b9\u2032\u00b4`"})
# Latin letters that Unicode does not decompose into a letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ı": "i"})
# Symbols standing in for letters, only when letters stand on both sides ("k!ll", "d*e").
_SYMBOL_RUN = re.compile(r"(?<=[a-z])[*!@$]+(?=[a-z])")
_SYMBOL_LETTER = {"*": "i", "!": "i", "@": "a", "$": "s"}
# Digits standing in for letters, when they touch a letter ("su1c1de", "d13").
_DIGIT_RUN = re.compile(r"(?<=[a-z])[013457]+|[013457]+(?=[a-z])")
_DIGIT_LETTER = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"}

_CONTRACTIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bwon't\b", "will not"),
        (r"\bcan't\b", "can not"),
        (r"\bshan't\b", "shall not"),
        (r"\bain't\b", "am not"),
        (r"n't\b", " not"),
        (r"'m\b", " am"),
        (r"'re\b", " are"),
        (r"'ve\b", " have"),
        (r"'ll\b", " will"),
        (r"'d\b", " would"),
        (
            r"\b(it|that|what|there|here|he|she|who|where|how|everything|nothing|life|"
            r"tonight|today|tomorrow|this)'s\b",
            r"\1 is",
        ),
        (r"'s\b", "s"),
        (r"'", ""),
    )
)
# Marks that end a clause; anything else that is not a letter, digit or space is a space.
_CLAUSE_MARKS = re.compile(r"[.!?;:,()\[\]{}|\"\u201c\u201d\u00ab\u00bb\u2026\u2014\u2013\n\r\t]+")
_OTHER = re.compile(r"[^a-z0-9| ]+")
_REPEATS = re.compile(r"([a-z])\1+")


def squeeze(word: str) -> str:
    """``word`` with each run of one repeated letter made a single letter ("killl" -> "kil")."""
    return _REPEATS.sub(r"\1", word)


def _unleet(text: str) -> str:
    text = _SYMBOL_RUN.sub(lambda m: "".join(_SYMBOL_LETTER[c] for c in m.group()), text)
    return _DIGIT_RUN.sub(lambda m: "".join(_DIGIT_LETTER[c] for c in m.group()), text)


def fold_accents(text: str) -> str:
    """``text`` (already case-folded) with accents dropped from Latin letters ("é" -> "e")."""
    if text.isascii():
        return text
    text = text.translate(_LIGATURES)
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def surface_words(text: str) -> list[str]:
    """The words and clause breaks of ``text`` before squeezing and the vocabulary."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    text = fold_accents(text)
    text = _unleet(text)
    for pattern, replacement in _CONTRACTIONS:
        text = pattern.sub(replacement, text)
    text = _CLAUSE_MARKS.sub(f" {CLAUSE} ", text)
    text = _OTHER.sub(" ", text)
    return text.split()


def edit_distance_within(a: str, b: str, limit: int) -> bool:
    """True if ``a`` and ``b`` are at most ``limit`` edits apart (insert, delete, replace, swap)."""
    if abs(len(a) - len(b)) > limit:
        return False
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return False
        previous_previous, previous = previous, current
    return previous[-1] <= limit


@dataclass(frozen=True)
class Vocabulary:
    """The replacement lists from rules.yaml, already squeezed.

    ``words`` and ``phrases`` map a word (or a run of words) to what replaces it;
    ``spellings`` maps a known misspelling to its word; ``fuzzy`` maps a key word to how
    many edits away a word may be and still count as a misspelling of it.
    """

    words: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    phrases: Mapping[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    spellings: Mapping[str, str] = field(default_factory=dict)
    fuzzy: Mapping[str, int] = field(default_factory=dict)
    not_fuzzy: frozenset[str] = frozenset()
    lemmas: Mapping[str, str] = field(default_factory=dict)
    """Word form -> base form (both squeezed and without accents); words not in it stay."""
    cache: dict[str, tuple[str, ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    """Words already squeezed, spelled and replaced (the same word is worked out once)."""

    @property
    def longest_phrase(self) -> int:
        return max((len(key) for key in self.phrases), default=0)


def build_vocabulary(
    words: Mapping[str, str],
    phrases: Mapping[str, str],
    spellings: Mapping[str, Iterable[str]],
    fuzzy: Mapping[str, int],
    not_fuzzy: Iterable[str],
    lemmas: Mapping[str, str] | None = None,
) -> Vocabulary:
    """A :class:`Vocabulary` from the plain lists in rules.yaml."""
    plain = Vocabulary()

    def norm(text: str) -> tuple[str, ...]:
        return tuple(tokens_for(text, plain))

    def key(word: str) -> str:  # a single word as the text's words are looked up
        return squeeze(fold_accents(word.casefold()))

    spelled: dict[str, str] = {}
    for correct, variants in spellings.items():
        for variant in variants:
            spelled[key(variant)] = key(correct)
    return Vocabulary(
        words={key(k): norm(v) for k, v in words.items()},
        phrases={norm(k): norm(v) for k, v in phrases.items()},
        spellings=spelled,
        fuzzy={key(k): v for k, v in fuzzy.items()},
        not_fuzzy=frozenset(key(w) for w in not_fuzzy),
        lemmas=lemmas or {},
    )


def _spell(word: str, vocabulary: Vocabulary) -> str:
    known = vocabulary.spellings.get(word)
    if known is not None:
        return known
    if word in vocabulary.fuzzy or word in vocabulary.not_fuzzy or len(word) < 5:
        return word
    best: tuple[int, str] | None = None
    for key, limit in vocabulary.fuzzy.items():
        if key[0] != word[0]:
            continue
        for distance in range(1, limit + 1):
            if edit_distance_within(word, key, distance):
                if best is None or distance < best[0]:
                    best = (distance, key)
                break
    return best[1] if best else word


def _replace_phrases(words: list[str], vocabulary: Vocabulary) -> list[str]:
    longest = vocabulary.longest_phrase
    if longest == 0:
        return words
    result: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            replacement = vocabulary.phrases.get(tuple(words[i : i + size]))
            if replacement is not None:
                result.extend(replacement)
                i += size
                break
        else:
            result.append(words[i])
            i += 1
    return result


def tokens_for(text: str, vocabulary: Vocabulary) -> list[str]:
    """The normalised words of ``text`` (``|`` for clause breaks)."""
    return tokens_from_surface(surface_words(text), vocabulary)


def tokens_from_surface(surface: list[str], vocabulary: Vocabulary) -> list[str]:
    """:func:`tokens_for` from words :func:`surface_words` already gave (one pass per
    text, however many languages read it)."""
    words: list[str] = []
    cache = vocabulary.cache
    for word in surface:
        if word == CLAUSE:
            if words and words[-1] != CLAUSE:
                words.append(CLAUSE)
            continue
        known = cache.get(word)
        if known is None:
            spelled = _spell(squeeze(word), vocabulary)
            known = vocabulary.words.get(spelled, (spelled,))
            if len(cache) < _CACHE_SIZE:
                cache[word] = known
        words.extend(known)
    while words and words[-1] == CLAUSE:
        words.pop()
    if words and words[0] == CLAUSE:
        words.pop(0)
    words = _replace_phrases(words, vocabulary)
    lemmas = vocabulary.lemmas
    if lemmas:
        words = [lemmas.get(word, word) for word in words]
    return words


def normalise(text: str, vocabulary: Vocabulary) -> str:
    """``text`` as the rules see it: `` word word | word `` (see the module docstring)."""
    return normalise_surface(surface_words(text), vocabulary)


def normalise_surface(surface: list[str], vocabulary: Vocabulary) -> str:
    """:func:`normalise` from words :func:`surface_words` already gave."""
    words = tokens_from_surface(surface, vocabulary)
    return " " + " ".join(words) + " " if words else " "
