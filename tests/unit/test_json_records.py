"""Entry records written straight as text are exactly the records json.dumps would write."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from benchmarks.generate_entries import entries_over
from hypothesis import given
from hypothesis import strategies as st

from cfcoach.content import Exercise, load_library
from cfcoach.export.json_format import entry_record, step_fields
from cfcoach.export.json_records import record_text, step_heads
from cfcoach.export.json_text import dumps
from cfcoach.paths import shipped_content_dir
from cfcoach.store import Entry
from tests.unit.test_export_json import PRIVATE, make_entry

SHIPPED = {
    key: found.exercise
    for key, found in load_library(shipped_content_dir() / "exercises", None).exercises.items()
}
EXERCISES: dict[str, Exercise] = {**SHIPPED, "letter": PRIVATE}


def both(entry: Entry, include_private_steps: bool) -> tuple[str, str]:
    exercise = EXERCISES.get(entry.exercise_id)
    expected = dumps(entry_record(entry, exercise, include_private_steps), "    ")
    title = exercise.title if exercise else entry.exercise_id
    heads = step_heads(step_fields(exercise))
    return record_text(entry, title, heads, include_private_steps), expected


@pytest.mark.parametrize("include_private_steps", [False, True])
def test_generated_entries(include_private_steps: bool) -> None:
    now = datetime(2026, 11, 26, 21, 0, tzinfo=timezone.utc)
    for entry in entries_over(60, 2, now=now, drafts=2):
        written, expected = both(replace(entry, id=7), include_private_steps)
        assert written == expected


# Whatever an entry can hold (it refuses anything else): text, a rating, chosen options.
answer_values = st.text() | st.integers(0, 10) | st.lists(st.text(), max_size=3)


@given(
    answers=st.dictionaries(
        st.sampled_from(["hurt", "letter", "warmth", "gone", 'odd "id"\n']), answer_values
    ),
    note=st.none() | st.text(),
    skipped=st.lists(st.text(max_size=6), max_size=3),
    private=st.booleans(),
    include_private_steps=st.booleans(),
    exercise_id=st.sampled_from(["letter", "not-installed"]),
    entry_id=st.none() | st.integers(min_value=1),
)
def test_any_answers(
    answers: dict[str, Any],
    note: str | None,
    skipped: list[str],
    private: bool,
    include_private_steps: bool,
    exercise_id: str,
    entry_id: int | None,
) -> None:
    entry = replace(
        make_entry(
            exercise_id,
            answers,
            entry_id=1,
            therapist_note=note,
            skipped=skipped,
            private=private,
        ),
        id=entry_id,
    )
    written, expected = both(entry, include_private_steps)
    assert written == expected


def test_an_unfinished_entry_has_no_end() -> None:
    entry = make_entry("letter", {"letter": "Dear me"}, entry_id=2, finished_at=None)
    entry = replace(entry, started_at=entry.started_at - timedelta(days=1))
    written, expected = both(entry, False)
    assert '"finished_at": null' in written
    assert written == expected
