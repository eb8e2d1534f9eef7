"""Dates and times as a reader reads them, the same in every language setting.

Month and day names are spelt out here (not taken from the locale), so reports read the
same on every machine and golden-file tests are stable.
"""

from __future__ import annotations

from datetime import date, datetime

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def month_name(day: date, *, short: bool) -> str:
    name = MONTHS[day.month - 1]
    return name[:3] if short else name


def day_text(day: date, *, short: bool = False, year: bool = True) -> str:
    """ "3 November 2026", or short: "3 Nov" (with the year when ``year``)."""
    text = f"{day.day} {month_name(day, short=short)}"
    return f"{text} {day.year}" if year else text


def moment_text(moment: datetime) -> str:
    """ "Thu 26 Nov 2026, 09:30" in the time zone the moment was recorded in."""
    return f"{DAYS[moment.weekday()]} {day_text(moment.date(), short=True)}, {moment:%H:%M}"


def range_text(first: date, last: date, *, short: bool = False, year: bool = True) -> str:
    """A span of days: "1–28 November 2026", "28 Oct – 3 Nov", "28 Dec 2025 – 3 Jan 2026".

    With ``year=False`` the year is left out unless the span crosses a new year.
    """
    if first > last:
        first, last = last, first
    if first == last:
        return day_text(first, short=short, year=year)
    if first.year != last.year:
        return f"{day_text(first, short=short)} – {day_text(last, short=short)}"
    tail = f" {last.year}" if year else ""
    if first.month == last.month:
        return f"{first.day}–{last.day} {month_name(last, short=short)}{tail}"
    return f"{day_text(first, short=short, year=False)} – {day_text(last, short=short, year=False)}{tail}"
