"""Moments as a person reads them, in local time: "today at 09:30", "Tue 24 Nov"."""

from __future__ import annotations

from datetime import datetime


def started_phrase(moment: datetime, now: datetime) -> str:
    """When something started, relative to ``now``: "today at 09:30", "yesterday at 21:05"."""
    local, today = moment.astimezone(), now.astimezone()
    clock = local.strftime("%H:%M")
    days = (today.date() - local.date()).days
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"yesterday at {clock}"
    return f"{day_label(local, today)} at {clock}"


def day_label(moment: datetime, now: datetime) -> str:
    """A short local date: "Thu 26 Nov" (with the year when it is not the year of ``now``)."""
    local = moment.astimezone()
    label = f"{local.strftime('%a')} {local.day} {local.strftime('%b')}"
    if local.year != now.astimezone().year:
        label += f" {local.year}"
    return label
