"""assess(text): does what someone wrote suggest they may be in danger?

Pure Python, offline, no model. The rules live in content/safety/rules.yaml and are
compiled once, on first use. The result never contains the person's words: only the
level and the ids of the rules that matched.

Levels:

- ``none``: nothing found (harsh self-criticism such as "I'm such a failure" is ``none``;
  it is what the app is for).
- ``concern``: a passive wish to be dead, indirect risk ("everyone would be better off
  without me"), or a crisis statement that was negated ("I'm not going to kill myself").
  Negation lowers crisis to concern; it never clears.
- ``crisis``: intent, a plan, means, an attempt, or self-harm.

``flagged`` is true for concern and crisis: the safety screen appears for both.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, NamedTuple

from cfcoach.safety.learned import (
    LearnedModel,
    ModelError,
    load_model,
    model_words,
    read_concepts,
)
from cfcoach.safety.normalise import (
    CLAUSE,
    normalise_surface,
    squeeze,
    surface_words,
    tokens_for,
)
from cfcoach.safety.patterns import TextWords
from cfcoach.safety.rules import (
    CompiledRules,
    RuleLevel,
    RulesError,
    load_rules,
    shipped_rules_paths,
)

Level = Literal["none", "concern", "crisis"]
_RANK: dict[str, int] = {"none": 0, "concern": 1, "crisis": 2}

_DWARFED = 2
"""A language's markers count when they are at least half the most any language has."""

MENTION = "suicide-mention"
"""The category of rules that fire on the bare word (suicide, Suizid, suicidio ...)."""

LEARNED_REASON = "learned-signal"
"""The reason (and category) given when the learned model, not a rule, found the risk."""

# Used only if the shipped rules.yaml cannot be loaded (a broken installation): a few
# unmistakable words, so that a missing file never means a missed crisis.
FALLBACK_REASON = "rules-unavailable"
_FALLBACK_WORDS = (
    "suicid",
    "kil myself",
    "kms",
    "end my life",
    "self harm",
    "want to die",
    "unalive",
)


@dataclass(frozen=True)
class Match:
    """One rule that matched: its id, its category and the level it gives."""

    rule_id: str
    category: str
    level: RuleLevel
    negated: bool = False


@dataclass(frozen=True)
class Assessment:
    """What :func:`assess` found. It holds rule ids, never the person's words."""

    level: Level
    matches: tuple[Match, ...] = ()

    @property
    def flagged(self) -> bool:
        """True when the safety screen should appear (level concern or crisis)."""
        return self.level != "none"

    @property
    def reasons(self) -> tuple[str, ...]:
        """The ids of the rules that matched, most serious first."""
        ordered = sorted(self.matches, key=lambda m: -_RANK[m.level])
        return tuple(dict.fromkeys(m.rule_id for m in ordered))

    @property
    def categories(self) -> tuple[str, ...]:
        """The kinds of risk found (e.g. ``plan``, ``passive-wish``), most serious first."""
        ordered = sorted(self.matches, key=lambda m: -_RANK[m.level])
        return tuple(dict.fromkeys(m.category for m in ordered))


NOTHING = Assessment("none")


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    match: Match


class Assessor:
    """Applies compiled rules (one set per language) and, if given, the learned model.

    :func:`assess` uses one built from the shipped rules and model.
    """

    def __init__(
        self,
        compiled: CompiledRules | Sequence[CompiledRules],
        model: LearnedModel | None = None,
        people: People | None = None,
    ) -> None:
        self.rule_sets: tuple[CompiledRules, ...] = (
            (compiled,) if isinstance(compiled, CompiledRules) else tuple(compiled)
        )
        self.model = model
        # Per rule set, the words (as that language's rules see them) for the writer and
        # for other people: whose risk a match speaks of (see _about_someone_else).
        self._people: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        if people is not None:
            for rules in self.rule_sets:
                if rules.language not in _SAYS_WHO:
                    continue
                self._people[rules.language] = tuple(  # type: ignore[assignment]
                    frozenset(
                        word
                        for entry in words
                        for word in tokens_for(entry, rules.vocabulary)
                        if word != CLAUSE
                    )
                    for words in (people.own, people.others)
                )

    @property
    def compiled(self) -> CompiledRules:
        """The first (English) rule set."""
        return self.rule_sets[0]

    def assess(self, text: str) -> Assessment:
        """Assess ``text`` (any length; an empty text is ``none``)."""
        if not isinstance(text, str):
            raise TypeError(f"assess() takes text, not {type(text).__name__}")
        surface = surface_words(text)
        matches: list[Match] = []
        any_benign = False
        for compiled in self.readers_of(surface):
            found, benign = self._rule_matches(compiled, surface)
            matches.extend(found)
            any_benign = any_benign or benign
        if any_benign:
            # The bare word is international ("suicide" is English, French and Hinglish):
            # when any language's benign list saw a harmless use in this text (news, a
            # course, someone else's story), a mere mention counts for none of them.
            # Every rule that reads a first-person risk still counts.
            matches = [m for m in matches if m.category != MENTION]
        model = self.model
        # The model is asked only when no rule has found a crisis. It adds a flag of its own
        # when it is sure enough (its threshold); and a rule's *concern* (a passive wish, a
        # negated or bare mention) counts only when the model sees at least a little risk
        # in the text too (its veto, chosen on lines the rules were not written against).
        # A rule's crisis always counts.
        if model is not None and not any(m.level == "crisis" for m in matches):
            score = model.score(text)
            if model.veto and score < model.veto:
                matches = [m for m in matches if m.level == "crisis"]
            # Where a benign pattern saw a harmless use ("burned myself on the kettle"),
            # the model must be surer to add a flag of its own.
            needed = (1 + model.threshold) / 2 if any_benign else model.threshold
            if score >= needed:
                matches.append(Match(LEARNED_REASON, LEARNED_REASON, "concern"))
        if not matches:
            return NOTHING
        level: Level = "crisis" if any(m.level == "crisis" for m in matches) else "concern"
        return Assessment(level, tuple(matches))

    def readers_of(self, surface: list[str]) -> list[CompiledRules]:
        """The rule sets that read a text, by the language markers found in it (see
        :attr:`cfcoach.safety.rules.RuleSet.markers`)."""
        keys = {squeeze(word) for word in surface}
        found = {r.language: len(keys & r.markers) for r in self.rule_sets if r.markers}
        most = max(found.values(), default=0)
        if not most:
            return list(self.rule_sets)
        # A language stands aside only for a text clearly in another: none of its markers
        # while another language has two or more, or its markers dwarfed by another's
        # (one French "ne" in a line of Hindi does not make the line French). A short text
        # with few markers is read by every language.
        enough = -(-most // _DWARFED)  # half the most, rounded up
        readers = []
        for rules in self.rule_sets:
            hits = found.get(rules.language)
            if hits is None:  # no markers: reads everything
                readers.append(rules)
                continue
            if hits:
                reads = hits >= enough
            else:
                reads = max(n for lang, n in found.items() if lang != rules.language) < 2
            if reads:
                readers.append(rules)
        return readers

    def _rule_matches(
        self, compiled: CompiledRules, surface: list[str]
    ) -> tuple[list[Match], bool]:
        """The matches of one rule set, and whether any of its benign patterns matched."""
        norm = normalise_surface(surface, compiled.vocabulary)
        if norm == " ":
            return [], False
        words = TextWords(norm)
        benign = [
            (m.start(), m.end(), b.rule.suppresses)
            for b in compiled.benign
            for index, trigger in enumerate(b.triggers)
            if words.may_match(trigger)
            for m in b.regexes[index].finditer(norm)
        ]
        spans: list[_Span] = []
        for rule in compiled.rules:
            found_spans = {
                (m.start(), m.end())
                for index, trigger in enumerate(rule.triggers)
                if words.may_match(trigger)
                for m in rule.regexes[index].finditer(norm)
            }
            for start, end in sorted(found_spans):
                if any(_suppressed(start, end, b) for b in benign):
                    continue
                negated = rule.rule.level == "crisis" and _negated(compiled, norm, start)
                rule_level: RuleLevel = "concern" if negated else rule.rule.level
                match = Match(rule.rule.id, rule.rule.category, rule_level, negated)
                spans.append(_Span(start, end, match))
        kept = [s for s in spans if not _subsumed(s, spans)]
        people = self._people.get(compiled.language)
        if people is not None:
            kept = [s for s in kept if not _about_someone_else(norm, s, *people)]
        return [s.match for s in sorted(kept, key=lambda s: s.start)], bool(benign)


def _negated(compiled: CompiledRules, norm: str, start: int) -> bool:
    before = norm[:start].split()
    for word in reversed(before[-compiled.window :]):
        if word == CLAUSE:
            return False
        if word in compiled.negators:
            return True
        if word not in compiled.bridge:
            return False
    return False


class People(NamedTuple):
    """Words for the writer and for other people (``concepts.yaml``: self, others)."""

    own: tuple[str, ...]
    """I, me, my, myself, ich, mich, je, moi, yo, mujhe, main ..."""
    others: tuple[str, ...]
    """he, she, they, friend, son, a man, character, er, sie, il, elle, ella, usne ..."""


_LOOK_BACK = 8
_SAYS_WHO = frozenset({"en", "de", "fr"})
"""Languages that name who does what with a pronoun (Spanish and Hindi often leave "I" out)."""


def _about_someone_else(
    norm: str, span: _Span, own: frozenset[str], others: frozenset[str]
) -> bool:
    """True when a match speaks of another person's risk, not the writer's: nothing of the
    writer in it, and the nearest person before it, in the same clause, is someone else
    ("my friend told me she has been cutting"; but "I told my friend I cut myself")."""
    if not own.isdisjoint(norm[span.start : span.end].split()):
        return False
    for word in reversed(norm[: span.start].split()[-_LOOK_BACK:]):
        if word == CLAUSE or word in own:
            return False
        if word in others:
            return True
    return False


def _suppressed(start: int, end: int, benign: tuple[int, int, str]) -> bool:
    b_start, b_end, mode = benign
    if mode == "inside":
        return b_start <= start and end <= b_end
    return start < b_end and b_start < end


def _subsumed(span: _Span, spans: list[_Span]) -> bool:
    """True if a more serious (or equally serious and longer) match covers this one."""
    for other in spans:
        if other is span or other.match.rule_id == span.match.rule_id:
            continue
        if other.start <= span.start and span.end <= other.end:
            rank, other_rank = _RANK[span.match.level], _RANK[other.match.level]
            longer = (other.end - other.start) > (span.end - span.start)
            if other_rank > rank or (other_rank == rank and longer):
                return True
    return False


_BUILDING = threading.Lock()


@functools.cache
def _built_assessor() -> Assessor | None:
    rule_sets: list[CompiledRules] = []
    for path in shipped_rules_paths():
        try:
            rule_sets.append(load_rules(path))
        except RulesError as exc:
            # One broken language never silences the others; the log says which.
            _log_problem("safety rules", exc)
    model = None
    if rule_sets:
        try:
            model = load_model(shipped_rules_paths()[0].parent, *model_words(rule_sets))
        except ModelError as exc:
            _log_problem("safety model", exc)
    if not rule_sets:
        return None
    return Assessor(rule_sets, model, shipped_people())


def shipped_people() -> People | None:
    """The writer's and other people's words from ``concepts.yaml`` (None if unreadable)."""
    try:
        concepts = read_concepts(shipped_rules_paths()[0].parent / "concepts.yaml")
    except ModelError as exc:
        _log_problem("safety concepts", exc)
        return None
    return People(tuple(concepts.get("self", ())), tuple(concepts.get("others", ())))


def _log_problem(what: str, exc: Exception) -> None:
    """Record that part of the safety net could not load (never the person's words)."""
    try:
        from cfcoach.errorlog import get_logger

        get_logger().error("%s could not be loaded, falling back: %s", what, exc)
    except Exception:  # the log is a courtesy; the fallback matters more
        pass


def default_assessor() -> Assessor | None:
    """The assessor for the shipped rules, compiled on first use (None if they cannot load).

    Reading and compiling the rules takes a noticeable moment, so a front-end may start
    :func:`warm_up` early; a caller that comes while it runs waits for that one result.
    """
    with _BUILDING:
        return _built_assessor()


def warm_up() -> None:
    """Load and compile the rules now, in a daemon thread, so the first :func:`assess` is quick."""
    threading.Thread(target=default_assessor, name="cfcoach-safety-warm-up", daemon=True).start()


def _fallback(text: str) -> Assessment:
    squeezed = " " + " ".join(squeeze(w) for w in surface_words(text)) + " "
    if any(word in squeezed for word in _FALLBACK_WORDS):
        return Assessment("concern", (Match(FALLBACK_REASON, FALLBACK_REASON, "concern"),))
    return NOTHING


def assess(text: str) -> Assessment:
    """Assess ``text`` with the shipped rules (see the module docstring for the levels)."""
    assessor = default_assessor()
    if assessor is None:
        return _fallback(text)
    return assessor.assess(text)
