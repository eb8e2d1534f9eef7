"""The safety corpus: well formed, large and varied enough, and the safety net's figures on
its test split (never tuned on).

Issue 14 asks for recall ≥ 0.97 and false alarms ≤ 0.05, overall and in each language. We
are not there yet (docs/safety.md keeps the table): these tests hold the figures we have
reached as floors, so that no change makes the net worse unnoticed, and they hold the
false-alarm rate to the issue's 0.05 overall. Raise the floors as the figures rise.

``python -m cfcoach.safety.evaluate`` prints the same figures by category.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from cfcoach.safety import assess
from cfcoach.safety.corpus import CorpusError, read_corpus, split_of
from cfcoach.safety.evaluate import evaluate, format_report

CORPUS = Path(__file__).resolve().parent / "corpus"
LINES = list(read_corpus(CORPUS))
TEST = [line for line in LINES if line.split == "test"]
GOAL_RECALL = 0.97  # issue 14; not reached yet
MAX_FALSE_ALARMS = 0.05
# Floors: a little under the figures reached (test split, both layers), per language.
RECALL_FLOOR = {"all": 0.85, "en": 0.86, "de": 0.78, "fr": 0.85, "es": 0.84, "hi": 0.87}
# Per language the ordinary lines are few (65-70): one line is about 1.5 points; German and
# French are above the 0.05 (docs/safety.md says so).
FALSE_ALARM_CEILING = {
    "all": MAX_FALSE_ALARMS,
    "en": MAX_FALSE_ALARMS,
    "de": 0.09,
    "fr": 0.09,
    "es": 0.08,
    "hi": 0.08,
}
LANGUAGES = ("en", "de", "fr", "es", "hi")
CRISIS_CATEGORIES = {
    "direct-intent",
    "passive-wish",
    "plan-means",
    "goodbye",
    "self-harm",
    "burden-hopeless",
    "past-attempt",
    "slang-typo",
    "hedged-negated",
    "ideation-frequency",
}
ORDINARY_CATEGORIES = {
    "idiom",
    "hyperbole",
    "gaming-sport",
    "others-harm",
    "news-media",
    "work-training",
    "medical-pharmacy",
    "cft-exercise",
    "self-criticism",
    "everyday",
}


def test_the_corpus_is_as_large_and_varied_as_promised() -> None:
    risky = [line for line in LINES if line.flag]
    ordinary = [line for line in LINES if not line.flag]
    assert len(risky) >= 1500 and len(ordinary) >= 1000
    assert {line.category for line in risky} >= CRISIS_CATEGORIES
    assert {line.category for line in ordinary} >= ORDINARY_CATEGORIES
    per_language = Counter(line.language for line in risky)
    for language in LANGUAGES[1:]:
        assert per_language[language] >= 100, language


def test_each_language_has_lines_in_both_splits() -> None:
    for language in LANGUAGES:
        for flag in (True, False):
            splits = {
                line.split for line in LINES if line.language == language and line.flag == flag
            }
            assert splits == {"dev", "test"}, (language, flag)


def test_the_split_depends_on_the_words_alone() -> None:
    assert split_of("I want  to DIE") == split_of("i want to die")
    shares = Counter(split_of(line.text) for line in LINES)
    assert 0.18 < shares["test"] / len(LINES) < 0.32


def test_a_malformed_line_names_its_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "en-x.tsv").write_text("# c\ncrisis\tplan-means\tok\nmaybe\tidiom\thi\n")
    with pytest.raises(CorpusError, match=r"en-x\.tsv:3: the label 'maybe'"):
        list(read_corpus(tmp_path))
    (tmp_path / "en-x.tsv").write_text("crisis\tonly two\n")
    with pytest.raises(CorpusError, match=r"en-x\.tsv:1: expected"):
        list(read_corpus(tmp_path))


REPORT = evaluate(TEST, lambda text: assess(text).flagged)


def test_recall_and_false_alarms_on_the_test_split_overall() -> None:
    overall = REPORT.overall
    assert overall.recall is not None and overall.false_alarm_rate is not None
    assert overall.recall >= RECALL_FLOOR["all"], format_report(REPORT)
    assert overall.false_alarm_rate <= FALSE_ALARM_CEILING["all"], format_report(REPORT)


@pytest.mark.parametrize("language", LANGUAGES)
def test_recall_and_false_alarms_on_the_test_split_per_language(language: str) -> None:
    tally = REPORT.languages[language]
    assert tally.recall is not None and tally.recall >= RECALL_FLOOR[language], format_report(
        REPORT
    )
    assert tally.false_alarm_rate is not None
    assert tally.false_alarm_rate <= FALSE_ALARM_CEILING[language], format_report(REPORT)
