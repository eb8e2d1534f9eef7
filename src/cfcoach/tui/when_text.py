"""Moments as a person reads them, in local time: "today at 09:30", "Tue 24 Nov"."""

from __future__ import annotations

from datetime import datetime


def started_phrase(moment: datetime, now: datetime) -> str:
    """When something started, relative to ``now``: "today at 09:30", "yesterday at 21:05"."""
    local, today = _local(moment), _local(now)
    clock = local.strftime("%H:%M")
    days = (today.date() - local.date()).days
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"yesterday at {clock}"
    return f"{day_label(local, today)} at {clock}"


def day_label(moment: datetime, now: datetime) -> str:
    """A short local date: "Thu 26 Nov" (with the year when it is not the year of ``now``)."""
    local = _local(moment)
    label = f"{local.strftime('%a')} {local.day} {local.strftime('%b')}"
    if local.year != _local(now).year:
        label += f" {local.year}"
    return label


def _local(moment: datetime) -> datetime:
    """``moment`` in local time; as it was written if it cannot be (a moment at the very
    edge of the calendar, year 1 or 9999, has no local time past the edge)."""
    try:
        return moment.astimezone()
    except (OverflowError, ValueError, OSError):
        return moment
