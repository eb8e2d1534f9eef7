"""Answers in plain words, as history, exports and reviews show them."""

from __future__ import annotations

from cfcoach.content import Exercise
from cfcoach.content.answer_text import SKIPPED, describe_answer
from cfcoach.content.library import load_library
from cfcoach.paths import shipped_content_dir


def _exercise(exercise_id: str) -> Exercise:
    library = load_library(shipped_content_dir() / "exercises", None)
    found = library.get(exercise_id)
    assert found is not None
    return found


def test_several_choices_stay_apart_even_when_their_labels_hold_commas() -> None:
    hard = _exercise("compassion-feels-hard")
    text = describe_answer(hard, "what_happens", ["weak", "undeserved"])
    assert text == "It feels weak, or like letting myself off the hook; I feel I don't deserve it"


def test_ratings_read_out_of_ten_with_their_anchor_and_nothing_reads_skipped() -> None:
    checkin = _exercise("daily-checkin")
    assert describe_answer(checkin, "intensity_before", 0).startswith("0 out of 10")
    assert describe_answer(checkin, "intensity_before", None) == SKIPPED
    assert describe_answer(checkin, "critic", []) == SKIPPED


def test_history_and_exports_put_an_answer_in_the_same_words() -> None:
    from cfcoach.insights import ShownStep, value_text

    hard = _exercise("compassion-feels-hard")
    step = hard.step("what_happens")
    chosen = ["weak", "grief"]
    shown = ShownStep("what_happens", "label", "choice", None, chosen, False, step)
    assert value_text(shown) == describe_answer(hard, "what_happens", chosen)
