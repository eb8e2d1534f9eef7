"""Insights over time: practice days (counted, never scored) and the three systems by month."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from cfcoach.content import Exercise
from cfcoach.insights import (
    calendar_weeks,
    day_counts,
    days_practised,
    is_three_circles,
    measures,
    systems_balance,
    systems_by_month,
)
from cfcoach.store.models import Entry

UTC = timezone.utc
CIRCLES: dict[str, Any] = {
    "id": "three-circles",
    "title": "Three circles",
    "summary": "How big each of the three systems felt this week.",
    "minutes": 5,
    "version": 1,
    "tags": ["three-circles"],
    "steps": [
        {"id": "threat_size", "kind": "rating", "system": "threat", "title": "Threat circle"},
        {"id": "drive_size", "kind": "rating", "system": "drive", "title": "Drive circle"},
        {"id": "soothe_size", "kind": "rating", "system": "soothe", "title": "Soothe circle"},
    ],
}
TOKYO = timezone(timedelta(hours=9))


def entry(start: datetime, exercise_id: str = "daily-checkin", **answers: Any) -> Entry:
    return Entry(
        uuid=f"u-{start.isoformat()}-{exercise_id}",
        exercise_id=exercise_id,
        exercise_version=1,
        status="completed",
        started_at=start,
        updated_at=start,
        answers=answers,
    )


def test_day_counts_use_each_entrys_own_day() -> None:
    # 20:00 UTC on the 1st is 05:00 on the 2nd in Tokyo, where it was written.
    found = day_counts(
        [
            entry(datetime(2026, 3, 1, 8, 0, tzinfo=UTC)),
            entry(datetime(2026, 3, 1, 9, 0, tzinfo=UTC)),
            entry(datetime(2026, 3, 2, 5, 0, tzinfo=TOKYO)),
        ]
    )
    assert found == {date(2026, 3, 1): 2, date(2026, 3, 2): 1}


def test_days_practised_counts_days_not_entries() -> None:
    counts = {date(2026, 3, 1): 3, date(2026, 3, 5): 1, date(2026, 4, 1): 2}
    assert days_practised(counts, date(2026, 3, 1), date(2026, 3, 31)) == 2
    assert days_practised(counts, date(2026, 3, 2), date(2026, 3, 4)) == 0
    assert days_practised({}, date(2026, 1, 1), date(2026, 12, 31)) == 0


def test_calendar_weeks_run_monday_to_sunday_up_to_the_last_day() -> None:
    last = date(2026, 11, 26)  # a Thursday
    counts = {date(2026, 11, 23): 1, date(2026, 11, 26): 2, date(2026, 11, 16): 1}
    weeks = calendar_weeks(counts, last, 3)
    assert [w.monday for w in weeks] == [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    assert weeks[-1].counts == (1, 0, 0, 2, None, None, None)
    assert weeks[1].counts == (1, 0, 0, 0, 0, 0, 0)
    assert weeks[0].counts == (0,) * 7
    assert calendar_weeks(counts, last, 0) == ()


def test_calendar_weeks_leave_the_days_before_the_first_blank() -> None:
    weeks = calendar_weeks({date(2026, 11, 25): 1}, date(2026, 11, 26), 2, date(2026, 11, 24))
    assert weeks[0].counts == (None,) * 7
    assert weeks[1].counts == (None, 0, 1, 0, None, None, None)


def test_calendar_weeks_on_a_sunday_fill_the_whole_week() -> None:
    weeks = calendar_weeks({date(2026, 11, 29): 1}, date(2026, 11, 29), 1)
    assert weeks[0].counts == (0, 0, 0, 0, 0, 0, 1)


def circles(**overrides: Any) -> Exercise:
    return Exercise.model_validate({**CIRCLES, **overrides})


def test_an_exercise_is_three_circles_by_its_tag_or_its_id() -> None:
    assert is_three_circles(circles())
    assert is_three_circles(circles(tags=[]))  # the shipped id, even untagged
    assert not is_three_circles(circles(id="other", tags=["soothe"]))


def test_systems_by_month_average_each_month_oldest_first() -> None:
    exercises = {"three-circles": circles()}
    sizes = {"threat_size": 8, "drive_size": 6, "soothe_size": 2}
    found = systems_by_month(
        [
            entry(datetime(2026, 2, 3, tzinfo=UTC), "three-circles", **sizes),
            entry(datetime(2026, 2, 20, tzinfo=UTC), "three-circles", threat_size=6, soothe_size=4),
            entry(datetime(2026, 1, 9, tzinfo=UTC), "three-circles", **sizes),
            entry(datetime(2026, 1, 10, tzinfo=UTC), "daily-checkin", intensity_before=9),
            entry(datetime(2026, 3, 1, tzinfo=UTC), "three-circles"),  # nothing rated
        ],
        exercises,
        include_private_steps=False,
    )
    assert [p.first for p in found] == [date(2026, 1, 1), date(2026, 2, 1)]
    january, february = found
    assert january.balance.entries == 1
    assert february.balance.entries == 2
    assert february.balance.means == (("threat", 7), ("drive", 6), ("soothe", 3))


def test_no_three_circles_exercise_means_no_balance() -> None:
    made = [entry(datetime(2026, 2, 3, tzinfo=UTC), "three-circles", threat_size=5)]
    assert systems_by_month(made, {}, include_private_steps=False) == ()
    assert systems_balance(made, {}, include_private_steps=False) is None


def test_an_untagged_three_circles_exercise_is_not_a_measure() -> None:
    exercises = {"three-circles": circles(tags=[])}
    made = [entry(datetime(2026, 2, 3, tzinfo=UTC), "three-circles", threat_size=5)]
    assert measures(made, exercises, include_private_steps=False) == ()
    balance = systems_balance(made, exercises, include_private_steps=False)
    assert balance is not None and balance.means == (("threat", pytest.approx(5)),)
