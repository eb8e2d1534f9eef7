"""The shipped lemma tables match the rules and the corpus they were made for.

They are made by scripts/build_safety_lemmas.py from simplemma's dictionaries; a rule word
added without running it would be matched in one form only. This test makes each table
again and compares (simplemma is a test dependency, never a run-time one).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from cfcoach.safety.rules import read_lemma_table, shipped_rules_path

ROOT = Path(__file__).resolve().parents[2]
LEMMAS = shipped_rules_path().parent / "lemmas"


def build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_safety_lemmas", ROOT / "scripts" / "build_safety_lemmas.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_the_lemma_table_is_up_to_date(language: str) -> None:
    pytest.importorskip("simplemma")
    script = build_script()
    rules_file = script.SAFETY / ("rules.yaml" if language == "en" else f"rules-{language}.yaml")
    words = script.rule_words(rules_file) | script.corpus_words(language)
    expected = script.build_table(language, words)
    shipped = read_lemma_table(LEMMAS / f"{language}.txt")
    missing = sorted(set(expected) - set(shipped))[:10]
    assert shipped == expected, (
        f"lemmas/{language}.txt is out of date (e.g. {missing}); "
        "run python scripts/build_safety_lemmas.py"
    )


def test_a_table_maps_forms_to_base_forms() -> None:
    table = read_lemma_table(LEMMAS / "en.txt")
    assert table.get("tok") == "take" and table.get("taken") == "take"  # squeezed: took
    assert "feel" not in table and "fel" not in table  # feel / fell: both "fel", left alone
