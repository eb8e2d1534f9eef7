"""Steps are put into words the same way in the coach and in plain mode (issue 17)."""

from __future__ import annotations

from cfcoach.content.models import Breathing
from cfcoach.content.step_words import length_in_words, place_words, rhythm_words


def test_the_place_of_a_step_is_a_number_and_a_guess_at_what_is_left() -> None:
    assert place_words(4, 12) == "Step 4 · about 8 to go"
    assert place_words(15, 16) == "Step 15 · about one more to go"
    assert place_words(16, 16, surely_last=True) == "Step 16 · the last step"
    assert place_words(16, 16) == "Step 16 · perhaps the last"  # an answer may lead on
    assert " of " not in place_words(3, 16)


def test_a_rhythm_reads_as_one_sentence_with_hold_only_when_there_is_one() -> None:
    assert rhythm_words(Breathing(inhale=4, hold=1, exhale=6)) == (
        "Breathe in for 4, hold for 1, out for 6 seconds."
    )
    assert rhythm_words(Breathing(inhale=4.5, hold=0, exhale=6)) == (
        "Breathe in for 4.5, out for 6 seconds."
    )


def test_a_length_reads_as_said_aloud() -> None:
    assert length_in_words(60) == "a minute"
    assert length_in_words(90) == "1 minute 30 seconds"
