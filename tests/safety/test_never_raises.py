"""assess() never raises and never takes long, whatever it is given."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cfcoach.safety import assess

ANY_TEXT = st.text(alphabet=st.characters(categories=None, exclude_categories=()), max_size=2000)
SENTENCES = st.lists(
    st.sampled_from(
        [
            "I want to die.",
            "ich will nicht mehr leben",
            "je veux mourir",
            "me quiero morir",
            "mujhe marna hai",
            "\u202eevil\u202c",
            "\x1b[2J",
            "k!ll mys3lf",
            "...",
            "\n\n",
            "tea",
        ]
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_any_unicode_gives_a_consistent_answer(text: str) -> None:
    result = assess(text)
    assert result.level in ("none", "concern", "crisis")
    assert result.flagged == (result.level != "none") == bool(result.reasons)


@settings(max_examples=100, deadline=None)
@given(SENTENCES)
def test_mixed_languages_and_controls_never_raise(parts: list[str]) -> None:
    result = assess(" ".join(parts))
    if "I want to die." in parts or "k!ll mys3lf" in parts:
        assert result.flagged
    if set(parts) <= {"...", "\n\n", "tea", "\x1b[2J"}:
        assert not result.flagged


def test_lone_surrogates_and_nul_bytes_are_read_as_text() -> None:
    assert assess("\ud800 I want to die \udfff").flagged
    assert not assess("\x00" * 10_000).flagged
    assert not assess("\ud800" * 5000).flagged
