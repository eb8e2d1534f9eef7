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
from dataclasses import dataclass
from typing import Literal

from cfcoach.safety.normalise import CLAUSE, normalise, squeeze, surface_words
from cfcoach.safety.rules import CompiledRules, RuleLevel, RulesError, load_rules

Level = Literal["none", "concern", "crisis"]
_RANK: dict[str, int] = {"none": 0, "concern": 1, "crisis": 2}

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
    """Applies compiled rules to text; :func:`assess` uses one built from the shipped rules."""

    def __init__(self, compiled: CompiledRules) -> None:
        self.compiled = compiled

    def assess(self, text: str) -> Assessment:
        """Assess ``text`` (any length; an empty text is ``none``)."""
        if not isinstance(text, str):
            raise TypeError(f"assess() takes text, not {type(text).__name__}")
        norm = normalise(text, self.compiled.vocabulary)
        if norm == " ":
            return NOTHING
        benign = [
            (m.start(), m.end(), b.rule.suppresses)
            for b in self.compiled.benign
            for regex in b.regexes
            for m in regex.finditer(norm)
        ]
        spans: list[_Span] = []
        for compiled in self.compiled.rules:
            found_spans = {
                (m.start(), m.end()) for regex in compiled.regexes for m in regex.finditer(norm)
            }
            for start, end in sorted(found_spans):
                if any(_suppressed(start, end, b) for b in benign):
                    continue
                negated = compiled.rule.level == "crisis" and self._negated(norm, start)
                rule = compiled.rule
                rule_level: RuleLevel = "concern" if negated else rule.level
                spans.append(_Span(start, end, Match(rule.id, rule.category, rule_level, negated)))
        kept = [s for s in spans if not _subsumed(s, spans)]
        if not kept:
            return NOTHING
        level: Level = "crisis" if any(s.match.level == "crisis" for s in kept) else "concern"
        return Assessment(level, tuple(s.match for s in sorted(kept, key=lambda s: s.start)))

    def _negated(self, norm: str, start: int) -> bool:
        before = norm[:start].split()
        for word in reversed(before[-self.compiled.window :]):
            if word == CLAUSE:
                return False
            if word in self.compiled.negators:
                return True
            if word not in self.compiled.bridge:
                return False
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
    try:
        return Assessor(load_rules())
    except RulesError:
        return None


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
