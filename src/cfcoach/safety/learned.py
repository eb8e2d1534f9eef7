"""The learned layer: a small linear model that reads risk in wording no rule lists.

Rules (:mod:`cfcoach.safety.rules`) say exactly what they catch, but people find words
for despair that no list foresees. This layer is a logistic regression over hashed
features of each sentence (its words, word pairs, base forms and the letter groups inside
words, so "overdosing", "overdosed" and "0verdose" share most of their features), trained
by ``scripts/train_safety_model.py`` on the development split of the corpus in
``tests/safety/corpus/`` (never on its test split). It ships inside the package as
``content/safety/model.bin`` (one signed byte per feature bucket) and
``content/safety/model.json`` (scale, bias, threshold and what it was trained on): no
download, no network, pure Python.

What it reports is explainable: :meth:`LearnedModel.explain` lists the features that
pushed a sentence over the threshold, and :func:`cfcoach.safety.assess` names the layer
(``learned-signal``) among its reasons, beside any rule that fired.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import zlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from cfcoach.safety.normalise import CLAUSE, fold_accents, squeeze, surface_words
from cfcoach.safety.rules import CompiledRules, shipped_rules_path

FEATURE_VERSION = 2
"""Bump when :func:`features` changes: a model trained on other features is refused."""

_SENTENCE_BREAK = re.compile(r"[.!?;\n\r]+|\s[-–—]\s")
_MAX_SEGMENT_WORDS = 60
_NGRAMS = (3, 4, 5)
_CACHE_SIZE = 50_000
MIN_WORDS = 4
"""Segments shorter than this are left to the rules: "still here" alone says too little."""


class ModelError(Exception):
    """The model files cannot be used; the message names the file and the problem."""


def sentences(text: str) -> list[str]:
    """``text`` cut at sentence ends (and line breaks); empty pieces are dropped."""
    return [piece for piece in _SENTENCE_BREAK.split(text) if piece.strip()]


def segments(text: str) -> Iterator[list[str]]:
    """The word lists the model scores: each sentence, and each pair of neighbouring ones.

    Long sentences are read in overlapping windows, so one risky clause in a long
    paragraph is not diluted by everything around it.
    """
    words_per_sentence = [
        [w for w in surface_words(piece) if w != CLAUSE] for piece in sentences(text)
    ]
    words_per_sentence = [words for words in words_per_sentence if words]
    for index, words in enumerate(words_per_sentence):
        if len(words) <= _MAX_SEGMENT_WORDS:
            yield words
        else:
            step = _MAX_SEGMENT_WORDS // 2
            for start in range(0, len(words) - step, step):
                yield words[start : start + _MAX_SEGMENT_WORDS]
        if index:
            pair = words_per_sentence[index - 1] + words
            if len(pair) <= _MAX_SEGMENT_WORDS:
                yield pair


def word_features(word: str, lemmas: Mapping[str, str]) -> list[str]:
    """The features one word gives on its own: itself, its base form, its letter groups."""
    found = [f"w:{word}"]
    base = lemmas.get(word)
    if base is not None and base != word:
        found.append(f"l:{base}")
    padded = f"<{word}>"
    for size in _NGRAMS:
        found.extend(f"c:{padded[i : i + size]}" for i in range(len(padded) - size + 1))
    return found


def concept_features(classes: Iterable[str]) -> list[str]:
    """Features of the concepts found in one segment: each, and each pair of them."""
    found = sorted(set(classes))
    return [f"k:{c}" for c in found] + [
        f"kk:{a}+{b}" for i, a in enumerate(found) for b in found[i + 1 :]
    ]


def features(
    words: list[str],
    lemmas: Mapping[str, str],
    concepts: Mapping[str, tuple[str, ...]] | None = None,
) -> list[str]:
    """Every feature of one segment (``words`` from :func:`segments`)."""
    squeezed = [squeeze(word) for word in words]
    found: list[str] = []
    for word in squeezed:
        found.extend(word_features(word, lemmas))
    bases = [lemmas.get(word, word) for word in squeezed]
    found.extend(f"b:{a}_{b}" for a, b in itertools.pairwise(bases))
    found.extend(f"s:{a}_{b}" for a, b in zip(bases, bases[2:], strict=False))
    if concepts:
        classes = [
            c for w, b in zip(squeezed, bases, strict=True) for c in _classes(w, b, concepts)
        ]
        found.extend(concept_features(classes))
    return found


def _classes(word: str, base: str, concepts: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    own = concepts.get(word, ())
    return own + concepts.get(base, ()) if base != word else own


def bucket(feature: str, bits: int) -> int:
    """The weight slot of a feature (CRC-32: the same in every process and on every machine)."""
    return zlib.crc32(feature.encode("utf-8")) & ((1 << bits) - 1)


class LearnedModel:
    """Quantised weights and the numbers to read them."""

    def __init__(
        self,
        weights: array[int],
        *,
        bits: int,
        scale: float,
        bias: float,
        threshold: float,
        lemmas: Mapping[str, str],
        veto: float = 0.0,
        concepts: Mapping[str, tuple[str, ...]] | None = None,
        about: Mapping[str, object] | None = None,
    ) -> None:
        if len(weights) != 1 << bits:
            raise ModelError(f"the model has {len(weights)} weights, not 2**{bits}")
        self.weights = weights
        self.bits = bits
        self.scale = scale
        self.bias = bias
        self.threshold = threshold
        self.veto = veto
        """How sure the model must be for a rule's concern to count (0: always)."""
        self.lemmas = lemmas
        self.concepts = concepts or {}
        self.about = dict(about or {})
        self._word_cache: dict[str, tuple[str, tuple[int, ...], tuple[str, ...]]] = {}
        self._pair_cache: dict[str, int] = {}

    def _word_info(self, word: str) -> tuple[str, tuple[int, ...], tuple[str, ...]]:
        """A surface word's base form, the slots of its own features and its concepts
        (worked out once)."""
        info = self._word_cache.get(word)
        if info is None:
            squeezed = squeeze(word)
            slots = tuple(bucket(f, self.bits) for f in word_features(squeezed, self.lemmas))
            base = self.lemmas.get(squeezed, squeezed)
            info = (base, slots, _classes(squeezed, base, self.concepts))
            if len(self._word_cache) < _CACHE_SIZE:
                self._word_cache[word] = info
        return info

    def _pair_slot(self, feature: str) -> int:
        slot = self._pair_cache.get(feature)
        if slot is None:
            slot = bucket(feature, self.bits)
            if len(self._pair_cache) < _CACHE_SIZE:
                self._pair_cache[feature] = slot
        return slot

    def _slots(self, words: list[str]) -> set[int]:
        slots: set[int] = set()
        bases: list[str] = []
        classes: list[str] = []
        for word in words:
            base, own, found = self._word_info(word)
            bases.append(base)
            slots.update(own)
            classes.extend(found)
        pair = self._pair_slot
        slots.update(pair(f"b:{a}_{b}") for a, b in itertools.pairwise(bases))
        slots.update(pair(f"s:{a}_{b}") for a, b in zip(bases, bases[2:], strict=False))
        if classes:
            slots.update(pair(feature) for feature in concept_features(classes))
        return slots

    def segment_score(self, words: list[str]) -> float:
        """The probability (0-1) the model gives one segment (0 for one of fewer than
        :data:`MIN_WORDS` words: too little to read, and the rules read those)."""
        if len(words) < MIN_WORDS:
            return 0.0
        slots = self._slots(words)
        if not slots:
            return 0.0
        weights = self.weights
        total = sum(weights[slot] for slot in slots) * self.scale / math.sqrt(len(slots))
        return _sigmoid(self.bias + total)

    def score(self, text: str) -> float:
        """The highest probability over the segments of ``text`` (0 for empty text)."""
        return max((self.segment_score(words) for words in segments(text)), default=0.0)

    def flags(self, text: str) -> bool:
        """True when some segment of ``text`` reaches the model's threshold."""
        return any(self.segment_score(words) >= self.threshold for words in segments(text))

    def explain(self, text: str, top: int = 8) -> list[tuple[str, float]]:
        """The features of the highest-scoring segment that pushed it most towards risk."""
        best = max(segments(text), key=self.segment_score, default=None)
        if best is None:
            return []
        pushed = {
            feature: self.weights[bucket(feature, self.bits)] * self.scale
            for feature in features(best, self.lemmas, self.concepts)
        }
        return sorted(pushed.items(), key=lambda item: -item[1])[:top]


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exp = math.exp(value)
    return exp / (1.0 + exp)


def merged_lemmas(tables: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """One form -> base table from several languages' (the first language wins a clash)."""
    merged: dict[str, str] = {}
    for table in tables:
        for form, base in table.items():
            merged.setdefault(form, base)
    return merged


def load_model(
    folder: Path,
    lemmas: Mapping[str, str],
    concepts: Mapping[str, tuple[str, ...]] | None = None,
) -> LearnedModel:
    """The model in ``folder`` (``model.json`` and ``model.bin``)."""
    meta_path, weights_path = folder / "model.json", folder / "model.bin"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        raw = weights_path.read_bytes()
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ModelError(f"{meta_path}: the safety model cannot be read ({exc})") from exc
    try:
        if meta["feature_version"] != FEATURE_VERSION:
            raise ModelError(
                f"{meta_path}: the model was made for features version "
                f"{meta['feature_version']}, not {FEATURE_VERSION}; train it again"
            )
        weights = array("b")
        weights.frombytes(raw)
        return LearnedModel(
            weights,
            bits=int(meta["bits"]),
            scale=float(meta["scale"]),
            bias=float(meta["bias"]),
            threshold=float(meta["threshold"]),
            veto=float(meta.get("veto", 0.0)),
            lemmas=lemmas,
            concepts=concepts,
            about=meta,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{meta_path}: the safety model is incomplete ({exc})") from exc


def read_concepts(path: Path) -> dict[str, list[str]]:
    """concepts.yaml: concept name -> the words that carry it (see that file)."""
    from cfcoach.content.yaml_source import YamlReadError, read_yaml

    try:
        data, _ = read_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YamlReadError) as exc:
        raise ModelError(f"{path}: the concepts cannot be read ({exc})") from exc
    concepts = data.get("concepts") if isinstance(data, dict) else None
    if not isinstance(concepts, dict) or not all(
        isinstance(words, list) and all(isinstance(w, str) for w in words)
        for words in concepts.values()
    ):
        raise ModelError(f"{path}: 'concepts' must map each name to a list of words")
    return {str(name): list(words) for name, words in concepts.items()}


def concept_map(
    named: Iterable[tuple[str, Iterable[str]]], lemma_tables: Iterable[Mapping[str, str]]
) -> dict[str, tuple[str, ...]]:
    """Word -> the concepts it carries, for each way the model may meet the word.

    ``named`` gives (concept, its words as written), a concept possibly more than once
    (once per language); each word is also known by its base form in every lemma table.
    """
    tables = list(lemma_tables)
    found: dict[str, set[str]] = {}
    for concept, words in named:
        for word in words:
            key = squeeze(fold_accents(word.casefold().replace("'", "")))
            if not key.isalnum():
                continue
            for each in {key} | {table.get(key, key) for table in tables}:
                found.setdefault(each, set()).add(concept)
    return {word: tuple(sorted(concepts)) for word, concepts in found.items()}


def model_words(
    rule_sets: Sequence[CompiledRules], concepts_file: Path | None = None
) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """The base forms and concepts the model reads with: every language's lemma table,
    every rules file's word classes and ``concepts.yaml`` (beside the rules)."""
    lemmas = merged_lemmas(r.vocabulary.lemmas for r in rule_sets)
    path = concepts_file or shipped_rules_path().parent / "concepts.yaml"
    named: list[tuple[str, Iterable[str]]] = list(read_concepts(path).items())
    for rules in rule_sets:
        named.extend(
            (name, [entry for entry in entries if " " not in entry.strip()])
            for name, entries in rules.lexicon.items()
        )
    return lemmas, concept_map(named, [r.vocabulary.lemmas for r in rule_sets])
