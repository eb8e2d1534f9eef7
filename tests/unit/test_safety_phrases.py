"""Recall and false-alarm rate of cfcoach.safety.assess on phrases we wrote ourselves.

safety_phrases.yaml (313 phrases) is the set the rules were first written against;
safety_phrases_holdout.yaml holds two later rounds written to test generalisation (their
first, untuned measurements are recorded at the top of that file). Run with ``-s`` to see
the figures for each file and category.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from cfcoach.safety import assess

HERE = Path(__file__).resolve().parent
PHRASE_FILES = ("safety_phrases.yaml", "safety_phrases_holdout.yaml")
MIN_RECALL = 0.95
MAX_FALSE_ALARMS = 0.05
_RANK = {"none": 0, "concern": 1, "crisis": 2}


def load_phrases(name: str) -> dict[str, list[dict[str, Any]]]:
    data = YAML(typ="safe").load((HERE / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@dataclass
class Tally:
    caught: int = 0
    missed: list[str] = field(default_factory=list)
    quiet: int = 0
    false_alarms: list[str] = field(default_factory=list)
    too_low: list[str] = field(default_factory=list)

    @property
    def positives(self) -> int:
        return self.caught + len(self.missed)

    @property
    def negatives(self) -> int:
        return self.quiet + len(self.false_alarms)

    @property
    def recall(self) -> float:
        return self.caught / self.positives if self.positives else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / self.negatives if self.negatives else 0.0

    def add(self, other: Tally) -> None:
        self.caught += other.caught
        self.missed += other.missed
        self.quiet += other.quiet
        self.false_alarms += other.false_alarms
        self.too_low += other.too_low


def measure(items: list[dict[str, Any]]) -> Tally:
    tally = Tally()
    for item in items:
        result = assess(item["text"])
        if item["flag"]:
            if result.flagged:
                tally.caught += 1
                if _RANK[result.level] < _RANK[item.get("level", "concern")]:
                    tally.too_low.append(item["text"])
            else:
                tally.missed.append(item["text"])
        elif result.flagged:
            tally.false_alarms.append(f"{item['text']}  -> {', '.join(result.reasons)}")
        else:
            tally.quiet += 1
    return tally


def report(title: str, tally: Tally) -> str:
    return (
        f"{title}: recall {tally.recall:.3f} ({tally.caught}/{tally.positives}), "
        f"false alarms {tally.false_alarm_rate:.3f} "
        f"({len(tally.false_alarms)}/{tally.negatives})"
    )


def test_phrase_files_are_well_formed() -> None:
    total = 0
    for name in PHRASE_FILES:
        for category, items in load_phrases(name).items():
            assert items, f"{name}: {category} is empty"
            for item in items:
                assert set(item) <= {"text", "flag", "level", "why", "known_miss"}, item
                assert isinstance(item["text"], str) and item["text"].strip(), item
                assert isinstance(item["flag"], bool), item
                assert item.get("level", "concern") in ("concern", "crisis"), item
                assert "level" not in item or item["flag"], item
            total += len(items)
    main = sum(len(v) for v in load_phrases(PHRASE_FILES[0]).values())
    assert main >= 200
    assert total >= main


def test_main_phrase_file_has_every_category() -> None:
    expected = {
        "idioms",
        "negation",
        "indirect",
        "slang_misspelling",
        "self_harm",
        "plans_means",
        "passive_wish",
        "self_criticism",
        "everyday_sadness",
        "neutral",
    }
    assert set(load_phrases(PHRASE_FILES[0])) == expected


def print_report(title: str, tallies: dict[str, Tally]) -> Tally:
    overall = Tally()
    for tally in tallies.values():
        overall.add(tally)
    print()
    print(report(title, overall))
    for category, tally in tallies.items():
        print("  " + report(category, tally))
    for text in overall.missed:
        print(f"  missed: {text}")
    for text in overall.false_alarms:
        print(f"  false alarm: {text}")
    for text in overall.too_low:
        print(f"  flagged, but lower than expected: {text}")
    return overall


def test_recall_and_false_alarms(capsys: pytest.CaptureFixture[str]) -> None:
    """The bar from the issue: recall >= 0.95 and false alarms <= 0.05.

    It holds for the main file and for all phrases together. The held-out rounds alone
    (harder, more indirect wording, known misses included) must not fall below 0.85.
    """
    combined = Tally()
    results: dict[str, Tally] = {}
    with capsys.disabled():
        for name in PHRASE_FILES:
            tallies = {category: measure(items) for category, items in load_phrases(name).items()}
            results[name] = print_report(name, tallies)
            combined.add(results[name])
        print(report("all phrases", combined))
    main = results[PHRASE_FILES[0]]
    assert main.recall >= MIN_RECALL, report(PHRASE_FILES[0], main)
    assert main.false_alarm_rate <= MAX_FALSE_ALARMS, report(PHRASE_FILES[0], main)
    assert combined.recall >= MIN_RECALL, report("all phrases", combined)
    assert combined.false_alarm_rate <= MAX_FALSE_ALARMS, report("all phrases", combined)
    holdout = results[PHRASE_FILES[1]]
    assert holdout.recall >= 0.85, report(PHRASE_FILES[1], holdout)
    assert holdout.false_alarm_rate <= MAX_FALSE_ALARMS, report(PHRASE_FILES[1], holdout)


def test_known_misses_are_marked_honestly() -> None:
    """A phrase marked known_miss that is now caught should lose the mark (and vice versa)."""
    for name in PHRASE_FILES:
        for items in load_phrases(name).values():
            for item in items:
                if not item["flag"]:
                    continue
                caught = assess(item["text"]).flagged
                assert caught != bool(item.get("known_miss")), item["text"]
