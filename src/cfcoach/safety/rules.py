"""The safety rules: rules.yaml read, validated and compiled.

The rules are data (content/safety/rules.yaml); this module checks them with pydantic
and compiles their patterns once. A broken file is refused with FILE:LINE: messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from cfcoach.content.yaml_source import SourceMap, YamlReadError, read_yaml
from cfcoach.paths import shipped_content_dir
from cfcoach.safety.normalise import (
    Vocabulary,
    build_vocabulary,
    fold_accents,
    squeeze,
    tokens_for,
)
from cfcoach.safety.patterns import (
    LazyRegexes,
    PatternError,
    Trigger,
    pattern_source,
    trigger_of,
)

RuleLevel = Literal["concern", "crisis"]
_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class RulesError(Exception):
    """rules.yaml cannot be used; the message names the file, the line and the problem."""


class Rule(BaseModel):
    """One way of saying that someone may be in danger."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, defer_build=True
    )

    id: str = Field(pattern=_ID)
    """A short, unique name (e.g. ``kill-self``); it is what :attr:`Assessment.reasons` lists."""
    category: str = Field(pattern=_ID)
    """The kind of risk (e.g. ``self-harm``, ``passive-wish``, ``plan``, ``means``)."""
    level: RuleLevel
    """``crisis`` for intent, plans, means and self-harm; ``concern`` for passive wishes and indirect risk."""
    description: str = Field(min_length=1)
    """What the rule is for, in plain words, for whoever maintains the rules."""
    patterns: list[str] = Field(min_length=1)
    """Patterns in the small rule language (see :mod:`cfcoach.safety.patterns`)."""
    examples: list[str] = Field(default_factory=list)
    """Sentences this rule must catch; the tests check every one."""


class BenignRule(BaseModel):
    """A harmless use of risky words (an idiom, an accident, someone else's story)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, defer_build=True
    )

    id: str = Field(pattern=_ID)
    """A short, unique name (e.g. ``cut-some-slack``)."""
    description: str = Field(min_length=1)
    """Why these words are harmless, in plain words."""
    patterns: list[str] = Field(min_length=1)
    """Patterns for the harmless phrase (the same language as the rules)."""
    suppresses: Literal["inside", "overlapping"] = "inside"
    """``inside``: a rule match is ignored only when it lies wholly within this phrase,
    so a longer risky phrase still counts; ``overlapping``: any rule match touching it is ignored."""
    examples: list[str] = Field(default_factory=list)
    """Sentences that must not raise the safety screen; the tests check every one."""


class Negation(BaseModel):
    """How a negation ("I'm not going to ...") is recognised; it lowers crisis to concern, never to none."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, defer_build=True
    )

    words: list[str] = Field(min_length=1)
    """Words that negate (not, never, no ...)."""
    bridge: list[str] = Field(default_factory=list)
    """Words that may stand between the negation and the risky words ("not *going to* ...")."""
    window: int = Field(default=6, ge=1, le=12)
    """How many words before the risky words are looked at."""


class RuleSet(BaseModel):
    """The whole of rules.yaml."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, defer_build=True
    )

    version: Literal[1]
    """The format of this file; 1 is the only one so far."""
    language: str = Field(default="en", pattern=r"^[a-z]{2}(-[a-z]+)?$")
    """The language these rules read (``en``, ``de``, ``hi-latn`` ...): it picks the lemma
    table (``lemmas/<language>.txt`` beside the rules, if there is one)."""
    markers: list[str] = Field(default_factory=list)
    """Common words that show a text is (partly) in this language ("ich", "nicht", "und").

    A text in which no word of any language's markers appears is read by every rules
    file. Otherwise a language's rules read it only if one of its markers appears, and the
    English rules stand aside only when no English marker appears while another language
    has two or more: so an English rule never fires on a French sentence about someone
    else ("un garçon s'est suicidé"), and a text that mixes languages is read by each.
    Choose words that are not also common words of another language ("me", "die", "main"
    are English words too). An empty list: the rules read every text."""
    lexicon: dict[str, list[str]] = Field(default_factory=dict)
    """Word classes used in patterns as ``{name}`` (e.g. ``self: [myself, meself]``)."""
    words: dict[str, str] = Field(default_factory=dict)
    """Single words replaced before matching: slang and spellings without apostrophes (``im: i am``)."""
    phrases: dict[str, str] = Field(default_factory=dict)
    """Runs of words replaced before matching (``sewer slide: suicide``)."""
    spellings: dict[str, list[str]] = Field(default_factory=dict)
    """Known misspellings of a word (``suicide: [sucide, suiside]``)."""
    fuzzy: dict[str, int] = Field(default_factory=dict)
    """Key words and how many typing slips (1 or 2) a word may have and still count as them."""
    not_fuzzy: list[str] = Field(default_factory=list)
    """Real words that are only a slip away from a key word and must stay themselves."""
    negation: Negation
    """How negations are recognised."""
    rules: list[Rule] = Field(min_length=1)
    """The risk rules."""
    benign: list[BenignRule] = Field(default_factory=list)
    """Harmless phrases that silence a rule match."""

    @field_validator("fuzzy")
    @classmethod
    def _fuzzy_limits(cls, value: dict[str, int]) -> dict[str, int]:
        for word, limit in value.items():
            if limit not in (1, 2):
                raise ValueError(f"'{word}': a word may be 1 or 2 slips away, not {limit}")
            if len(word) < 6:
                raise ValueError(
                    f"'{word}' is too short for typing-slip matching (6 letters or more)"
                )
        return value

    @model_validator(mode="after")
    def _unique_ids(self) -> RuleSet:
        seen: set[str] = set()
        for rule_id in [r.id for r in self.rules] + [b.id for b in self.benign]:
            if rule_id in seen:
                raise ValueError(f"the id '{rule_id}' is used twice; give each rule its own id")
            seen.add(rule_id)
        return self


@dataclass(frozen=True)
class CompiledRule:
    """A rule with its patterns compiled."""

    rule: Rule
    regexes: LazyRegexes
    triggers: tuple[Trigger | None, ...] = ()
    """For each regex, words one of which any match contains (see :func:`trigger_of`)."""


@dataclass(frozen=True)
class CompiledBenign:
    """A harmless phrase with its patterns compiled."""

    rule: BenignRule
    regexes: LazyRegexes
    triggers: tuple[Trigger | None, ...] = ()
    """For each regex, words one of which any match contains (see :func:`trigger_of`)."""


@dataclass(frozen=True)
class CompiledRules:
    """Everything :func:`cfcoach.safety.assess` needs, compiled once."""

    vocabulary: Vocabulary
    rules: tuple[CompiledRule, ...]
    benign: tuple[CompiledBenign, ...]
    negators: frozenset[str]
    bridge: frozenset[str]
    window: int
    language: str = "en"
    markers: frozenset[str] = frozenset()
    lexicon: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """The word classes of the file (entries as written), which the learned layer uses
    as concepts."""


def marker_key(word: str) -> str:
    """A marker word as it is compared: case-folded, without accents, squeezed."""
    return squeeze(fold_accents(word.casefold().replace("'", "")))


def shipped_rules_path() -> Path:
    """content/safety/rules.yaml (English) as shipped with cfcoach."""
    return shipped_content_dir() / "safety" / "rules.yaml"


def shipped_rules_paths() -> list[Path]:
    """Every shipped rules file: rules.yaml (English), then rules-<language>.yaml by name."""
    folder = shipped_content_dir() / "safety"
    return [folder / "rules.yaml", *sorted(folder.glob("rules-*.yaml"))]


def read_lemma_table(path: Path) -> dict[str, str]:
    """A lemma table: one ``form<TAB>base`` a line (already squeezed and without accents).

    A missing table is an empty one (the rules then match the words as written)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: the lemma table cannot be read ({exc})") from exc
    table: dict[str, str] = {}
    for line in text.splitlines():
        form, _, base = line.partition("\t")
        if base:
            table[form] = base
    return table


def _where(path: Path, source: SourceMap, location: tuple[str | int, ...]) -> str:
    line, column = source.locate(location)
    return f"{path}:{line}:{column}"


def parse_rules(text: str, path: Path) -> tuple[RuleSet, SourceMap]:
    """Read and validate the text of a rules file (``path`` is only used in messages)."""
    try:
        data, source = read_yaml(text)
    except YamlReadError as exc:
        raise RulesError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from exc
    try:
        return RuleSet.model_validate(data), source
    except ValidationError as exc:
        problems = []
        for error in exc.errors()[:5]:
            location = tuple(error["loc"])
            field = ".".join(str(part) for part in location) or "the file"
            problems.append(f"{_where(path, source, location)}: {field}: {error['msg']}")
        raise RulesError("\n".join(problems)) from exc


def compile_rules(
    rule_set: RuleSet, source: SourceMap | None = None, path: Path | None = None
) -> CompiledRules:
    """Compile every pattern; :class:`RulesError` names the first pattern that cannot be."""
    where_path = path or Path("rules.yaml")
    source = source or SourceMap()
    lemma_dir = (path.parent if path else shipped_content_dir() / "safety") / "lemmas"
    lemmas = read_lemma_table(lemma_dir / f"{rule_set.language}.txt")
    vocabulary = build_vocabulary(
        rule_set.words,
        rule_set.phrases,
        rule_set.spellings,
        rule_set.fuzzy,
        rule_set.not_fuzzy,
        lemmas,
    )

    known: dict[str, list[str]] = {}

    def words_of(word: str) -> list[str]:
        found = known.get(word)
        if found is None:
            found = known[word] = tokens_for(word, vocabulary)
        return found

    def compile_one(section: str, index: int, patterns: list[str]) -> LazyRegexes:
        # One regex per pattern: in a single alternation a short pattern would hide a
        # longer one starting at the same word ("rather die" before "rather die than live").
        # Each is checked here and compiled when a text first needs it.
        sources = []
        for number, pattern in enumerate(patterns):
            try:
                sources.append(pattern_source(pattern, rule_set.lexicon, words_of))
            except PatternError as exc:
                where = _where(where_path, source, (section, index, "patterns", number))
                raise RulesError(f"{where}: {exc}") from exc
        return LazyRegexes(sources)

    def triggers(patterns: list[str]) -> tuple[Trigger | None, ...]:
        return tuple(trigger_of(pattern, rule_set.lexicon, words_of) for pattern in patterns)

    rules = tuple(
        CompiledRule(rule, compile_one("rules", i, rule.patterns), triggers(rule.patterns))
        for i, rule in enumerate(rule_set.rules)
    )
    benign = tuple(
        CompiledBenign(rule, compile_one("benign", i, rule.patterns), triggers(rule.patterns))
        for i, rule in enumerate(rule_set.benign)
    )
    return CompiledRules(
        vocabulary=vocabulary,
        rules=rules,
        benign=benign,
        negators=frozenset(word for entry in rule_set.negation.words for word in words_of(entry)),
        bridge=frozenset(word for entry in rule_set.negation.bridge for word in words_of(entry)),
        window=rule_set.negation.window,
        language=rule_set.language,
        markers=frozenset(marker_key(word) for word in rule_set.markers),
        lexicon={name: tuple(entries) for name, entries in rule_set.lexicon.items()},
    )


def load_rules(path: Path | None = None) -> CompiledRules:
    """Read, validate and compile a rules file (default: the shipped rules.yaml)."""
    path = path or shipped_rules_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"{path}: the safety rules cannot be read ({exc})") from exc
    rule_set, source = parse_rules(text, path)
    return compile_rules(rule_set, source, path)


def load_all_rules(paths: list[Path] | None = None) -> tuple[CompiledRules, ...]:
    """Every rules file (default: the shipped ones, one per language), compiled."""
    return tuple(load_rules(path) for path in (paths or shipped_rules_paths()))
