"""Home-screen suggestions from the person's focus areas: gentle, steady for a day, fresh."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest

from cfcoach.focus.suggest import (
    RECENT_DAYS,
    FocusSuggestion,
    last_done_days,
    suggest_for_focus,
)

TODAY = date(2026, 11, 26)


@dataclass(frozen=True)
class Ex:
    id: str
    tags: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.id.replace("-", " ").capitalize()


LIBRARY = [
    Ex("breathing", ["soothe", "anxiety", "anger"]),
    Ex("critic", ["perfectionism", "shame"]),
    Ex("letter", ["perfectionism", "shame", "low-mood"]),
    Ex("meditation", ["anger", "low-mood"]),
    Ex("checkin", ["perfectionism", "shame", "anxiety"]),
    Ex("safety-plan", ["safety"]),
]


def ids(suggestions: list[FocusSuggestion]) -> list[tuple[str, str]]:
    return [(s.area.id, s.exercise_id) for s in suggestions]


def test_no_focus_areas_no_suggestions() -> None:
    assert suggest_for_focus([], LIBRARY, today=TODAY) == []
    assert suggest_for_focus(["from-a-newer-cfcoach"], LIBRARY, today=TODAY) == []
    assert suggest_for_focus(["social-anxiety"], LIBRARY, today=TODAY) == []  # nothing tagged


def test_one_focus_area_gives_one_suggestion_tagged_with_it() -> None:
    for offset in range(10):
        suggestions = suggest_for_focus(
            ["perfectionism"], LIBRARY, today=TODAY + timedelta(days=offset)
        )
        assert len(suggestions) == 1
        assert (
            "perfectionism" in next(e for e in LIBRARY if e.id == suggestions[0].exercise_id).tags
        )


def test_at_most_two_each_for_a_different_area_and_exercise() -> None:
    focus = ["perfectionism", "shame", "anger", "low-mood", "anxiety"]
    for offset in range(30):
        suggestions = suggest_for_focus(focus, LIBRARY, today=TODAY + timedelta(days=offset))
        assert len(suggestions) == 2
        assert len({s.area.id for s in suggestions}) == 2
        assert len({s.exercise_id for s in suggestions}) == 2


def test_the_same_all_day_and_turning_over_the_days() -> None:
    focus = ["perfectionism", "shame", "anger"]
    first = suggest_for_focus(focus, LIBRARY, today=TODAY)
    assert suggest_for_focus(focus, list(reversed(LIBRARY)), today=TODAY) == first
    seen = {
        pair
        for offset in range(12)
        for pair in ids(suggest_for_focus(focus, LIBRARY, today=TODAY + timedelta(days=offset)))
    }
    assert {area for area, _ in seen} == set(focus)  # every area comes up in turn
    assert len({exercise for _, exercise in seen}) >= 3  # and more than one exercise each


def test_excluded_exercises_are_never_suggested() -> None:
    for offset in range(10):
        suggestions = suggest_for_focus(
            ["perfectionism", "anxiety"],
            LIBRARY,
            today=TODAY + timedelta(days=offset),
            exclude=["checkin"],
        )
        assert "checkin" not in {s.exercise_id for s in suggestions}


def test_exercises_not_done_lately_come_first() -> None:
    recent = {"critic": TODAY, "checkin": TODAY - timedelta(days=RECENT_DAYS)}
    for offset in range(10):
        day = TODAY + timedelta(days=offset)
        done = {key: value + timedelta(days=offset) for key, value in recent.items()}
        suggestions = suggest_for_focus(["perfectionism"], LIBRARY, today=day, last_done=done)
        assert ids(suggestions) == [("perfectionism", "letter")]


def test_when_all_were_done_lately_the_one_done_longest_ago() -> None:
    done = {
        "critic": TODAY,
        "letter": TODAY - timedelta(days=3),
        "checkin": TODAY - timedelta(days=1),
    }
    suggestions = suggest_for_focus(["shame"], LIBRARY, today=TODAY, last_done=done)
    assert ids(suggestions) == [("shame", "letter")]


def test_done_long_ago_counts_as_fresh_again() -> None:
    long_ago = TODAY - timedelta(days=RECENT_DAYS + 1)
    done = {"critic": long_ago, "letter": long_ago, "checkin": long_ago}
    plain = suggest_for_focus(["shame"], LIBRARY, today=TODAY)
    assert suggest_for_focus(["shame"], LIBRARY, today=TODAY, last_done=done) == plain


def test_the_sentence_never_counts_or_nags() -> None:
    words = " ".join(
        s.sentence
        for offset in range(20)
        for s in suggest_for_focus(
            ["perfectionism", "anger", "low-mood"],
            LIBRARY,
            today=TODAY + timedelta(days=offset),
            last_done={"critic": TODAY - timedelta(days=40)},
        )
    ).lower()
    assert "you might try" in words
    for nag in ("missed", "streak", "days", "haven't", "should", "again", "since"):
        assert nag not in words


@pytest.mark.parametrize("limit", [0, 1, 2])
def test_limit(limit: int) -> None:
    focus = ["perfectionism", "anger", "low-mood"]
    assert len(suggest_for_focus(focus, LIBRARY, today=TODAY, limit=limit)) == limit


def test_last_done_days_keeps_the_latest_day() -> None:
    pairs = [("a", TODAY - timedelta(days=4)), ("b", TODAY), ("a", TODAY - timedelta(days=1))]
    assert last_done_days(pairs) == {"a": TODAY - timedelta(days=1), "b": TODAY}
