"""assess() by category: what raises the safety screen, what does not, and why."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cfcoach.safety.assessment as assess_module
from cfcoach.safety import Assessment, assess
from cfcoach.safety.normalise import normalise
from cfcoach.safety.rules import load_all_rules, load_rules

RULE_IDS = {r.rule.id for rules in load_all_rules() for r in rules.rules} | {
    assess_module.FALLBACK_REASON,
    assess_module.LEARNED_REASON,
}


def level(text: str) -> str:
    return assess(text).level


class TestIdioms:
    @pytest.mark.parametrize(
        "text",
        [
            "this deadline is killing me",
            "I could kill for a coffee",
            "dead tired again",
            "I'd rather die than sing karaoke",
            "I'm dying to see you",
            "I nearly died laughing",
            "I was bored to death",
            "this cake is to die for",
        ],
    )
    def test_benign_idioms_do_not_flag(self, text: str) -> None:
        assert not assess(text).flagged

    def test_rather_die_than_living_still_flags(self) -> None:
        assert assess("I'd rather die than live like this").flagged

    def test_hyperbole_about_killing_oneself_still_flags(self) -> None:
        assert assess("if I have to redo this report I'll kill myself").flagged


class TestNegation:
    def test_negation_lowers_crisis_to_concern(self) -> None:
        result = assess("I'm not going to kill myself")
        assert result.level == "concern"
        assert result.matches[0].negated

    def test_negation_never_clears(self) -> None:
        assert assess("I would never kill myself").flagged

    def test_negation_with_but_still_flags(self) -> None:
        result = assess("I'm not going to kill myself but I think about it")
        assert result.flagged

    def test_negation_does_not_reach_across_but(self) -> None:
        assert level("not that I'd do it, but I've been saving up my pills") == "crisis"

    def test_negation_in_a_condition_is_not_a_negation(self) -> None:
        assert level("if I don't pass I'll kill myself") == "crisis"

    def test_unnegated_intent_is_crisis(self) -> None:
        assert level("I'm going to kill myself") == "crisis"


class TestIndirect:
    @pytest.mark.parametrize(
        "text",
        [
            "everyone would be better off without me",
            "I just want to sleep and never wake up",
            "nobody would miss me",
            "there's no point in living",
            "I'm nothing but a burden to everyone",
        ],
    )
    def test_indirect_risk_is_concern(self, text: str) -> None:
        assert level(text) == "concern"

    def test_reasons_for_living_in_a_safety_plan_do_not_flag(self) -> None:
        assert not assess("My reasons for living: my kids, my garden").flagged

    def test_better_off_quitting_a_job_does_not_flag(self) -> None:
        assert not assess("the team would be better off if I just quit and found a new job").flagged


class TestSlangAndMisspelling:
    @pytest.mark.parametrize(
        "text",
        [
            "kms",
            "KMS",
            "i want to unalive myself",
            "i feel sucidal",
            "i want to killll myselfffff",
            "i want to k!ll myself",
            "i want to k1ll my self",
            "\uff4b\uff49\uff4c\uff4c \uff4d\uff59\uff53\uff45\uff4c\uff46",  # full-width letters
            "I\u2019m gonna kill myself",
        ],
    )
    def test_slang_and_misspellings_are_crisis(self, text: str) -> None:
        assert level(text) == "crisis", normalise(text, load_rules().vocabulary)

    def test_sewer_slide_is_suicide(self) -> None:
        assert assess("thinking about sewer slide").flagged

    def test_text_speak_without_risk_does_not_flag(self) -> None:
        assert not assess("brb gotta grab coffee, idk what to eat tbh").flagged


class TestSelfHarm:
    @pytest.mark.parametrize(
        "text",
        [
            "I cut myself last night",
            "I've been burning myself",
            "I keep hitting myself when I get it wrong",
            "the urge to self harm is strong",
        ],
    )
    def test_self_harm_is_crisis(self, text: str) -> None:
        result = assess(text)
        assert result.level == "crisis"
        assert "self-harm" in result.categories

    @pytest.mark.parametrize(
        "text",
        [
            "I cut myself shaving",
            "I need to cut myself some slack",
            "I beat myself up about it",
            "I burned myself on the kettle",
            "I cut my finger chopping onions",
        ],
    )
    def test_accidents_and_idioms_do_not_flag(self, text: str) -> None:
        assert not assess(text).flagged


class TestPlansAndMeans:
    @pytest.mark.parametrize(
        "text",
        [
            "I've been saving up my pills",
            "I bought a rope",
            "I wrote a goodbye letter",
            "I'm going to jump off the bridge",
            "I have a plan to end my life",
        ],
    )
    def test_plans_and_means_are_crisis(self, text: str) -> None:
        assert level(text) == "crisis"

    @pytest.mark.parametrize(
        "text",
        [
            "I need to pick up my pills from the pharmacy",
            "we walked over the bridge",
            "bought some rope for the tent",
            "I wrote a goodbye card for Sam who is leaving",
        ],
    )
    def test_everyday_uses_do_not_flag(self, text: str) -> None:
        assert not assess(text).flagged


class TestPassiveWish:
    @pytest.mark.parametrize(
        "text", ["I wish I was dead", "I want to die", "I wish I'd never been born"]
    )
    def test_passive_wish_is_concern(self, text: str) -> None:
        assert level(text) == "concern"


class TestWhatTheAppIsFor:
    @pytest.mark.parametrize(
        "text",
        [
            "I'm such a failure",
            "I hate how I look",
            "I'm useless",
            "I hate myself for what I said",
            "I'm ashamed of myself",
            "I'm a burden when I ask for help",
            "I feel so low today",
            "my dad died last year and I miss him",
            "the battery died",
        ],
    )
    def test_self_criticism_and_sadness_do_not_flag(self, text: str) -> None:
        assert not assess(text).flagged


class TestAssessment:
    def test_flagged_follows_level(self) -> None:
        assert Assessment("none").flagged is False
        assert Assessment("concern").flagged is True
        assert Assessment("crisis").flagged is True

    @pytest.mark.parametrize("text", ["", "   ", "\n\n", "...", "!!!"])
    def test_empty_text_is_none(self, text: str) -> None:
        result = assess(text)
        assert result.level == "none" and result.reasons == () and not result.flagged

    def test_rejects_non_text(self) -> None:
        with pytest.raises(TypeError):
            assess(None)  # type: ignore[arg-type]

    def test_reasons_are_rule_ids_never_the_text(self) -> None:
        secret = "I cut myself after seeing Jordan"
        result = assess(secret)
        assert result.reasons
        for reason in result.reasons + result.categories:
            assert reason in RULE_IDS or reason in {r.rule.category for r in load_rules().rules}
            assert "jordan" not in reason.lower()
        assert "jordan" not in repr(result).lower()

    def test_most_serious_reason_first(self) -> None:
        result = assess("I wish I was dead. I've been saving up my pills.")
        assert result.level == "crisis"
        assert result.reasons[0] == "pills-saved"

    def test_a_clause_break_stops_a_pattern(self) -> None:
        # A property of the rules (the learned layer reads neighbouring sentences together).
        rules_only = assess_module.Assessor(load_all_rules())
        assert not rules_only.assess("I want to. Die Hard is on tonight").flagged

    def test_long_text_is_assessed_to_the_end(self) -> None:
        text = "I went for a walk and made dinner. " * 3000 + "I want to die."
        assert assess(text).level == "concern"


class TestFallback:
    def test_without_rules_a_few_unmistakable_words_still_flag(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(assess_module, "default_assessor", lambda: None)
        flagged = assess("I feel suicidal")
        assert flagged.level == "concern"
        assert flagged.reasons == (assess_module.FALLBACK_REASON,)
        assert not assess("I'm such a failure").flagged


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_a_consistent_assessment(text: str) -> None:
    result = assess(text)
    assert result.level in ("none", "concern", "crisis")
    assert result.flagged == (result.level != "none")
    assert set(result.reasons) <= RULE_IDS
    assert bool(result.reasons) == result.flagged


def test_safety_imports_no_ui_toolkit() -> None:
    code = (
        "import sys, cfcoach.safety\n"
        "cfcoach.safety.assess('I want to die')\n"
        "bad = [m for m in ('textual', 'rich', 'typer') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == ""
