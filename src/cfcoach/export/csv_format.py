"""CSV: one row per entry with its ratings and answers, for a spreadsheet.

Columns: entry, date, time, exercise, status, private, then each rating (by the
exercise's own label), then the other answers, the skipped steps and the note. A skipped
rating is an empty cell, so spreadsheet averages stay right.

Cells a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab
or carriage return) get a leading apostrophe; control characters are shown as ``\\xNN``.

Lines are made here, field by field, exactly as :func:`csv.writer` (its default dialect,
minimal quoting, ``"\\n"`` line ends) writes them: csv.writer looks at every character of
every field one by one, and at 10,000 entries of long answers that was most of the time;
str's own searches find a comma, quote or line break far faster (a test compares both).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TextIO

from cfcoach.content.models import Exercise
from cfcoach.export.registry import ExportBundle
from cfcoach.insights import ShownStep, shown_steps, value_text
from cfcoach.store.models import Entry
from cfcoach.textsafety import printable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FIXED = ["entry", "date", "time", "exercise", "status", "private"]
Key = tuple[str, str]


def cell(value: object) -> str | int:
    """A value as a safe cell: numbers stay numbers, text can never run as a formula."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value)
    if not text:
        return text  # most cells: an answer this entry's exercise does not have
    if len(text) <= 120:
        return _short_text_cell(text)  # titles, statuses, dates: the same few, many times
    return _text_cell(text)


def _text_cell(text: str) -> str:
    if not text.isprintable():  # a quick scan: then no control character (see report.safe)
        text = printable(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


_short_text_cell = lru_cache(maxsize=4096)(_text_cell)


def field(value: object) -> str:
    """``value`` as it is written in a line: a safe :func:`cell`, quoted as csv.writer would."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = str(value)
    if not text:
        return text
    if len(text) <= 120:
        return _short_text_field(text)
    return _text_field(text)


def _text_field(text: str) -> str:
    return quoted(_text_cell(text))


_short_text_field = lru_cache(maxsize=4096)(_text_field)


def quoted(text: str) -> str:
    """``text`` as csv.writer writes a field: in double quotes (its own doubled) when it
    holds a comma, a double quote or a line break; as it is otherwise."""
    if '"' in text:
        return '"' + text.replace('"', '""') + '"'
    if "," in text or "\n" in text or "\r" in text:
        return '"' + text + '"'
    return text


def line(fields: Sequence[str]) -> str:
    """A line of the file from fields made by :func:`field`."""
    return ",".join(fields) + "\n"


def write(bundle: ExportBundle, out: TextIO) -> None:
    """Write ``bundle`` as CSV to ``out`` (a header row, then a row per entry)."""
    entries = sorted(bundle.entries, key=lambda e: (e.started_at, e.id or 0))
    shown = [
        (
            entry,
            shown_steps(
                entry,
                bundle.exercises.get(entry.exercise_id),
                include_private_steps=bundle.include_private_steps,
            ),
        )
        for entry in entries
    ]
    keys, headers = _columns(shown, bundle.exercises)
    out.write(line([field(h) for h in [*FIXED, *headers, "skipped", "note for my therapist"]]))
    for entry, steps in shown:
        out.write(line(_row(entry, steps, keys, bundle.exercises)))


def _columns(
    shown: Sequence[tuple[Entry, list[ShownStep]]], exercises: Mapping[str, Exercise]
) -> tuple[list[Key], list[str]]:
    """Answer columns: ratings first, then other answers, each in the exercises' order."""
    ratings: dict[Key, str] = {}
    others: dict[Key, str] = {}
    for entry, steps in shown:
        for step in steps:
            if step.skipped and step.kind not in ("text", "rating", "choice"):
                continue  # a skipped pause has no column; it is listed under "skipped"
            target = ratings if step.kind == "rating" else others
            target.setdefault((entry.exercise_id, step.step_id), step.label)
    columns = {**ratings, **others}
    counts: dict[str, int] = {}
    for label in columns.values():
        counts[label] = counts.get(label, 0) + 1
    headers = []
    for (exercise_id, _), label in columns.items():
        if counts[label] > 1:
            exercise = exercises.get(exercise_id)
            label = f"{exercise.title if exercise else exercise_id}: {label}"
        headers.append(label)
    return list(columns), headers


def _row(
    entry: Entry, steps: list[ShownStep], keys: list[Key], exercises: Mapping[str, Exercise]
) -> list[str]:
    """The fields of ``entry``'s line; an answer the entry does not have is an empty field."""
    exercise = exercises.get(entry.exercise_id)
    fields: dict[Key, str] = {}
    for step in steps:
        if step.skipped:
            continue
        key = (entry.exercise_id, step.step_id)
        fields[key] = field(step.value if step.kind == "rating" else value_text(step))
    skipped = "; ".join(step.label for step in steps if step.skipped)
    started = entry.started_at
    return [
        str(entry.id) if entry.id is not None else "",
        started.date().isoformat(),
        f"{started.hour:02d}:{started.minute:02d}",
        field(exercise.title if exercise else entry.exercise_id),
        field(entry.status),
        "yes" if entry.private else "no",
        *[fields.get(key, "") for key in keys],
        field(skipped),
        field(entry.therapist_note or ""),
    ]
