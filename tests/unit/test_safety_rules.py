"""rules.yaml: every rule's examples are caught, every benign example is not, and a broken
rules file is refused with a message naming the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from cfcoach.safety.assessment import Assessor, shipped_people
from cfcoach.safety.normalise import build_vocabulary, tokens_for
from cfcoach.safety.patterns import PatternError, compile_patterns
from cfcoach.safety.rules import (
    RulesError,
    load_all_rules,
    load_rules,
    parse_rules,
    shipped_rules_path,
    shipped_rules_paths,
)

RULES = load_rules()
ALL_RULES = load_all_rules()
ASSESSOR = Assessor(ALL_RULES, None, shipped_people())  # rules only, as shipped otherwise


def rule_examples() -> list[tuple[str, str]]:
    return [
        (r.rule.id, example)
        for rules in ALL_RULES
        for r in rules.rules
        for example in r.rule.examples
    ]


def benign_examples() -> list[tuple[str, str]]:
    return [
        (b.rule.id, example)
        for rules in ALL_RULES
        for b in rules.benign
        for example in b.rule.examples
    ]


def test_every_rule_and_benign_phrase_has_examples() -> None:
    for rules in ALL_RULES:
        for compiled in rules.rules:
            assert compiled.rule.examples, f"rule {compiled.rule.id} has no examples"
        for compiled in rules.benign:
            assert compiled.rule.examples, f"benign {compiled.rule.id} has no examples"


def test_each_language_has_its_own_rules_file() -> None:
    languages = [rules.language for rules in ALL_RULES]
    assert languages[0] == "en"
    assert len(languages) == len(set(languages)) == len(shipped_rules_paths())


@pytest.mark.parametrize(("rule_id", "example"), rule_examples())
def test_rule_catches_its_examples(rule_id: str, example: str) -> None:
    result = ASSESSOR.assess(example)
    assert result.flagged, example
    assert rule_id in result.reasons or any(m.rule_id == rule_id for m in result.matches), (
        f"{example!r} gave {result.reasons}, not {rule_id}"
    )


@pytest.mark.parametrize(("benign_id", "example"), benign_examples())
def test_benign_examples_do_not_flag(benign_id: str, example: str) -> None:
    assert not ASSESSOR.assess(example).flagged, (benign_id, example)


def test_shipped_rules_file_is_valid_yaml_with_version() -> None:
    data = YAML(typ="safe").load(shipped_rules_path().read_text(encoding="utf-8"))
    assert data["version"] == 1


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
version: 1
negation: {words: [not]}
rules:
  - id: want-to-die
    category: passive-wish
    level: concern
    description: test
    patterns: ["want to die"]
"""


def test_minimal_rules_file_loads_and_works(tmp_path: Path) -> None:
    compiled = load_rules(write(tmp_path, MINIMAL))
    assert Assessor(compiled).assess("I want to die").reasons == ("want-to-die",)
    assert not Assessor(compiled).assess("I want tea").flagged


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL + "  - id: [unclosed\n")
    with pytest.raises(RulesError, match=r"rules\.yaml:\d+:\d+"):
        load_rules(path)


def test_unknown_field_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, MINIMAL.replace("    level: concern\n", "    level: concern\n    colour: red\n")
    )
    with pytest.raises(RulesError, match=r"rules\.yaml:7:\d+: rules\.0\.colour"):
        load_rules(path)


def test_bad_level_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="level"):
        load_rules(write(tmp_path, MINIMAL.replace("level: concern", "level: panic")))


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    text = (
        MINIMAL
        + """\
  - id: want-to-die
    category: passive-wish
    level: concern
    description: again
    patterns: ["wish i was dead"]
"""
    )
    with pytest.raises(RulesError, match="used twice"):
        load_rules(write(tmp_path, text))


def test_bad_pattern_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace('["want to die"]', '["want to (die"]'))
    with pytest.raises(RulesError, match=r"rules\.yaml:8:\d+: .*no matching"):
        load_rules(path)


def test_unknown_word_class_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, MINIMAL.replace('["want to die"]', '["{nope} to die"]'))
    with pytest.raises(RulesError, match=r"no word class \{nope\}"):
        load_rules(path)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match="cannot be read"):
        load_rules(tmp_path / "missing.yaml")


def test_parse_rules_rejects_fuzzy_limits() -> None:
    with pytest.raises(RulesError, match="1 or 2"):
        parse_rules(MINIMAL + "fuzzy: {suicidal: 3}\n", Path("rules.yaml"))


VOCAB = build_vocabulary({"wanna": "want to"}, {}, {}, {}, [])


def words_of(word: str) -> list[str]:
    return tokens_for(word, VOCAB)


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("want to die", " i want to die ", True),
        ("want to die", " i wanna die ", False),  # patterns meet normalised text only
        ("(wish|want) to die", " i wish to die ", True),
        ("want* to die", " she wanted to die ", True),
        ("want ...2 die", " want to really die ", True),
        ("want ...1 die", " want to really die ", False),
        ("want to die !(of)", " want to die of boredom ", False),
        ("want to die !(of)", " want to die ", True),
        ("go on $", " i can not go on | ok ", True),
        ("go on $", " i can not go on holiday ", False),
        ("want to (really)? die", " want to die ", True),
        ("want ...3 die", " want | to die ", False),  # never across a clause break
    ],
)
def test_pattern_language(pattern: str, text: str, matches: bool) -> None:
    regex = compile_patterns([pattern], {}, words_of)
    assert (regex.search(text) is not None) is matches


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ("(a|b", "no matching"),
        ("a)", "no matching"),
        ("(a|)", "empty choice"),
        ("?", "must follow"),
        ("a ...9 b", "gap"),
        ("x* ", "too short"),
        ("a # b", "cannot read"),
        ("(a)?", "no words at all"),
    ],
)
def test_pattern_errors(pattern: str, message: str) -> None:
    with pytest.raises(PatternError, match=message):
        compile_patterns([pattern], {}, words_of)


def test_every_shipped_pattern_compiles_and_needs_words() -> None:
    # Patterns are compiled when a text first needs them; here, all of them, now.
    for rules in ALL_RULES:
        for compiled in [*rules.rules, *rules.benign]:
            compiled.regexes.check()


def test_a_pattern_that_matches_nothing_is_refused_when_checked() -> None:
    from cfcoach.safety.patterns import LazyRegexes

    with pytest.raises(PatternError, match="can match no words"):
        LazyRegexes(["(?<= )(?:x )?"]).check()
