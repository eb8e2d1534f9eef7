"""The learned layer: loads from the package, scores deterministically, explains itself,
and a broken model file leaves the rules working and says so in the log."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from cfcoach.safety import assessment
from cfcoach.safety.assessment import LEARNED_REASON, Assessor, default_assessor
from cfcoach.safety.learned import (
    FEATURE_VERSION,
    LearnedModel,
    ModelError,
    bucket,
    load_model,
    segments,
)
from cfcoach.safety.rules import shipped_rules_path

SAFETY = shipped_rules_path().parent


def built() -> Assessor:
    found = default_assessor()
    assert found is not None and found.model is not None
    return found


def test_the_shipped_model_loads_with_its_threshold() -> None:
    model = built().model
    assert model is not None
    assert 0.0 < model.threshold < 1.0
    assert model.about["feature_version"] == FEATURE_VERSION
    assert model.about["trained_on"]["split"] == "dev"


def test_buckets_are_the_same_in_every_process() -> None:
    # CRC-32, not hash(): Python's string hash changes from one process to the next.
    code = "from cfcoach.safety.learned import bucket; print(bucket('w:pill', 18))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(seed), "PATH": ""},
        ).stdout
        for seed in (1, 2)
    }
    assert runs == {f"{bucket('w:pill', 18)}\n"}


def test_segments_are_sentences_and_their_neighbours() -> None:
    found = list(segments("I made tea. Then I sat down! Fine"))
    assert ["i", "made", "tea"] in found
    assert ["i", "made", "tea", "then", "i", "sat", "down"] in found
    assert ["fine"] in found
    assert list(segments("")) == [] and list(segments("...!?")) == []


def test_a_long_sentence_is_read_in_windows() -> None:
    words = " ".join(["calm"] * 199 + ["end"])
    windows = list(segments(words))
    assert len(windows) > 1 and all(len(w) <= 60 for w in windows)
    assert windows[-1][-1] == "end"


def toy_model(word: str) -> LearnedModel:
    """A model that knows one word: it alone pushes a sentence over the threshold."""
    weights = array("b", bytes(1 << 10))
    weights[bucket(f"w:{word}", 10)] = 127
    return LearnedModel(weights, bits=10, scale=0.5, bias=-4.0, threshold=0.5, lemmas={})


def test_the_model_adds_what_no_rule_lists_and_says_it_was_the_model() -> None:
    both = Assessor(built().rule_sets, toy_model("zebra"))
    result = both.assess("I went out. The zebra is ready. Then tea.")
    assert result.level == "concern" and result.reasons == (LEARNED_REASON,)
    assert not both.assess("I went out for tea").flagged
    # A rule's crisis is reported as the rule's, not the model's.
    crisis = both.assess("zebra. I want to kill myself")
    assert crisis.level == "crisis" and LEARNED_REASON not in crisis.reasons


def test_the_shipped_model_scores_between_zero_and_one() -> None:
    model = built().model
    assert model is not None
    for text in ("", "tea", "I want to die", "x" * 5000, "\x00\u202e"):
        assert 0.0 <= model.score(text) <= 1.0


def test_explain_names_features_not_the_whole_text() -> None:
    model = built().model
    assert model is not None
    top = model.explain("I have been saving my sertraline for weeks")
    assert top and all(isinstance(f, str) and ":" in f for f, _ in top)
    assert model.explain("") == []


def copy_safety(tmp_path: Path) -> Path:
    folder = tmp_path / "safety"
    shutil.copytree(SAFETY, folder)
    return folder


def test_a_model_of_other_features_is_refused(tmp_path: Path) -> None:
    folder = copy_safety(tmp_path)
    meta = json.loads((folder / "model.json").read_text())
    meta["feature_version"] = FEATURE_VERSION + 1
    (folder / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelError, match=r"model\.json: the model was made for features"):
        load_model(folder, {})


@pytest.mark.parametrize("damage", ["truncate", "garbage-json", "missing"])
def test_a_damaged_model_is_refused_with_its_file_named(tmp_path: Path, damage: str) -> None:
    folder = copy_safety(tmp_path)
    if damage == "truncate":
        (folder / "model.bin").write_bytes(b"\x01" * 100)
    elif damage == "garbage-json":
        (folder / "model.json").write_text("{not json")
    else:
        (folder / "model.bin").unlink()
    with pytest.raises(ModelError, match=r"model"):
        load_model(folder, {})


def test_without_the_model_the_rules_still_work_and_the_log_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CFCOACH_HOME", str(tmp_path / "home"))
    folder = copy_safety(tmp_path)
    (folder / "model.json").write_text("{broken")
    monkeypatch.setattr(assessment, "shipped_rules_paths", lambda: [folder / "rules.yaml"])
    assessment._built_assessor.cache_clear()
    try:
        found = assessment.default_assessor()
        assert found is not None and found.model is None
        assert found.assess("I want to kill myself").level == "crisis"
    finally:
        assessment._built_assessor.cache_clear()
    log = (tmp_path / "home" / "state" / "cfcoach.log").read_text()
    assert "safety model could not be loaded" in log
    assert "kill" not in log


def test_a_broken_language_file_leaves_the_others_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CFCOACH_HOME", str(tmp_path / "home"))
    folder = copy_safety(tmp_path)
    (folder / "rules-xx.yaml").write_text("version: 1\nlanguage: xx\nrules: [oops\n")
    monkeypatch.setattr(
        assessment,
        "shipped_rules_paths",
        lambda: [folder / "rules.yaml", folder / "rules-xx.yaml"],
    )
    assessment._built_assessor.cache_clear()
    try:
        found = assessment.default_assessor()
        assert found is not None and [r.language for r in found.rule_sets] == ["en"]
        assert found.assess("I want to kill myself").flagged
    finally:
        assessment._built_assessor.cache_clear()
    log = (tmp_path / "home" / "state" / "cfcoach.log").read_text()
    assert "rules-xx.yaml" in log


def test_a_model_needs_one_weight_per_bucket() -> None:
    with pytest.raises(ModelError):
        LearnedModel(array("b", [0] * 10), bits=4, scale=1, bias=0, threshold=0.5, lemmas={})
