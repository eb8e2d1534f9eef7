"""Moments in local time on screen: a moment at the very edge of the calendar is shown as
it was written, never the end of the coach (issue 17: a year-9999 start overflowed)."""

from __future__ import annotations

from datetime import datetime

from cfcoach.tui.when_text import day_label, started_phrase
from tests.conftest import FIXED_NOW

EDGE = datetime.fromisoformat("9999-12-31T23:59:59-12:00")  # past year 9999 in UTC


def test_a_moment_past_the_calendar_in_local_time_is_shown_as_written() -> None:
    assert day_label(EDGE, FIXED_NOW) == "Fri 31 Dec 9999"
    assert started_phrase(EDGE, FIXED_NOW) == "Fri 31 Dec 9999 at 23:59"


def test_ordinary_moments_are_shown_in_local_time() -> None:
    evening = datetime.fromisoformat("2026-11-25T21:05:00-05:00")  # 02:05 UTC on the 26th
    assert started_phrase(evening, FIXED_NOW) == "today at 02:05"
    assert day_label(datetime.fromisoformat("2025-03-02T10:00:00+00:00"), FIXED_NOW) == (
        "Sun 2 Mar 2025"
    )
