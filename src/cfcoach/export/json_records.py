"""One entry's JSON record as text, written straight from the entry.

Exactly ``dumps(entry_record(...), "    ")`` (the record at its place in the export's
``entries`` list), without building the record's dictionaries first: the parts that are
the same for every entry of an exercise (each step's id, label, kind and system) are
encoded once, and only the entry's own values are encoded per entry. A test compares
the two on generated entries.
"""

from __future__ import annotations

from json.encoder import encode_basestring as text
from typing import Any

from cfcoach.export.json_text import dumps
from cfcoach.store.models import Entry

RECORD = "    "
FIELD = RECORD + "  "
ANSWER = FIELD + "  "
ANSWER_FIELD = ANSWER + "  "

StepHeads = tuple[tuple[str, bool, str], ...]
"""Per step of an exercise: id, private, and its answer's text up to the value."""


def answer_head(step_id: str, label: str, kind: str | None, system: str | None) -> str:
    """An answer object's text up to (not including) its value."""
    return (
        "{\n"
        f'{ANSWER_FIELD}"step": {text(step_id)},\n'
        f'{ANSWER_FIELD}"label": {text(label)},\n'
        f'{ANSWER_FIELD}"kind": {dumps(kind)},\n'
        f'{ANSWER_FIELD}"system": {dumps(system)},\n'
        f'{ANSWER_FIELD}"value": '
    )


ANSWER_TAIL = "\n" + ANSWER + "}"


def step_heads(fields: tuple[tuple[str, str, str | None, str | None, bool], ...]) -> StepHeads:
    """:func:`answer_head` of each step (``fields`` from ``json_format.step_fields``)."""
    return tuple(
        (step_id, private, answer_head(step_id, label, kind, system))
        for step_id, label, kind, system, private in fields
    )


def _value(value: Any) -> str:
    return text(value) if type(value) is str else dumps(value, ANSWER_FIELD)


def record_text(entry: Entry, title: str, heads: StepHeads, include_private_steps: bool) -> str:
    """``entry``'s record (``title``: its exercise's title, or the exercise id)."""
    given = entry.answers
    answers = [
        head + _value(given[step_id]) + ANSWER_TAIL
        for step_id, private, head in heads
        if step_id in given and (include_private_steps or not private)
    ]
    if len(answers) < len(given):
        known = {step_id for step_id, _, _ in heads}
        answers.extend(
            answer_head(step_id, step_id, None, None) + _value(value) + ANSWER_TAIL
            for step_id, value in given.items()
            if step_id not in known
        )
    listed = (
        "[\n" + ANSWER + (",\n" + ANSWER).join(answers) + "\n" + FIELD + "]" if answers else "[]"
    )
    finished = entry.finished_at
    return (
        "{\n"
        f'{FIELD}"id": {dumps(entry.id)},\n'
        f'{FIELD}"uuid": {text(entry.uuid)},\n'
        f'{FIELD}"exercise": {{\n'
        f'{ANSWER}"id": {text(entry.exercise_id)},\n'
        f'{ANSWER}"version": {dumps(entry.exercise_version)},\n'
        f'{ANSWER}"title": {text(title)}\n'
        f"{FIELD}}},\n"
        f'{FIELD}"status": {text(entry.status)},\n'
        f'{FIELD}"started_at": {text(entry.started_at.isoformat())},\n'
        f'{FIELD}"finished_at": {text(finished.isoformat()) if finished else "null"},\n'
        f'{FIELD}"private": {"true" if entry.private else "false"},\n'
        f'{FIELD}"therapist_note": {dumps(entry.therapist_note, FIELD)},\n'
        f'{FIELD}"answers": {listed},\n'
        f'{FIELD}"skipped": {dumps(list(entry.skipped), FIELD)}\n'
        f"{RECORD}}}"
    )
