"""Entries as lists show them: a title, a moment, marks, and a one-line taste of the words.

Everything the person wrote passes through :func:`cfcoach.textsafety.printable` and goes
on screen as plain ``Text`` (never markup), so no answer can style or steer the terminal.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from rich.text import Text

from cfcoach.content.library import Library
from cfcoach.insights import shown_steps, value_text
from cfcoach.store import Entry
from cfcoach.store.history import snippet_parts
from cfcoach.textsafety import printable

STATUS_WORDS = {"completed": "completed", "stopped": "stopped early", "draft": "unfinished"}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def title_of(entry: Entry, library: Library) -> str:
    """The exercise's title (its id when the exercise is no longer there)."""
    exercise = library.get(entry.exercise_id)
    return exercise.title if exercise is not None else entry.exercise_id


def when_text(moment: datetime) -> str:
    """ "Thu 26 Nov 2026 21:05", in the time zone the entry was written in."""
    return (
        f"{DAYS[moment.weekday()]} {moment.day:>2} {MONTHS[moment.month - 1]} "
        f"{moment.year} {moment:%H:%M}"
    )


def day_text(day: date) -> str:
    """ "26 Nov 2026"."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def marks(entry: Entry) -> str:
    """Short words for what is special about an entry: stopped early, private, a note."""
    found = []
    if entry.status == "stopped":
        found.append("stopped")
    if entry.private:
        found.append("private")
    if entry.therapist_note:
        found.append("note")
    return " · ".join(found)


def flatten(text: str) -> str:
    """``text`` safe to show, each run of spaces and line breaks made one space."""
    return re.sub(r"\s+", " ", printable(text))


def one_line(text: str) -> str:
    """``text`` on one line, safe to show, without spaces at its ends."""
    return flatten(text).strip()


def preview(entry: Entry, library: Library) -> str:
    """The first words the person wrote, or their ratings when they wrote none."""
    exercise = library.get(entry.exercise_id)
    steps = shown_steps(entry, exercise, include_private_steps=True)
    for step in steps:
        if not step.skipped and isinstance(step.value, str) and step.value.strip():
            return one_line(step.value)
    rated = [
        f"{step.label}: {one_line(value_text(step))}"
        for step in steps
        if not step.skipped and step.value is not None
    ]
    return one_line(" · ".join(rated)) if rated else "(nothing written)"


def snippet_text(snippet: str, match_style: str = "bold underline") -> Text:
    """A search snippet with the matching words picked out."""
    text = Text(no_wrap=True, overflow="ellipsis")
    for part, is_match in snippet_parts(snippet):
        text.append(flatten(part), style=match_style if is_match else "")
    return text
