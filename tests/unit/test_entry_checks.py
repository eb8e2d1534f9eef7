"""An entry checks its fields when it is made (it is a plain dataclass, not a pydantic
model: issue 8), and says which field is wrong without repeating what it holds."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from cfcoach.store import new_entry
from cfcoach.store.models import EntryInvalid
from tests.conftest import FIXED_NOW

GOOD = new_entry("daily-checkin", 1, FIXED_NOW)
NAIVE = datetime(2026, 1, 1, 9, 0)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id", "7"),
        ("id", True),
        ("uuid", ""),
        ("exercise_id", None),
        ("exercise_version", "1"),
        ("status", "finished"),
        ("started_at", NAIVE),
        ("updated_at", "2026-01-01T09:00:00+00:00"),
        ("finished_at", NAIVE),
        ("deleted_at", 5),
        ("answers", [("critic", "words")]),
        ("answers", {1: "words"}),
        ("skipped", "critic"),
        ("skipped", ["critic", 2]),
        ("state", []),
        ("private", 1),
        ("safety_shown", "no"),
        ("therapist_note", 12),
    ],
)
def test_a_field_of_the_wrong_kind_is_refused_by_name(field: str, value: Any) -> None:
    with pytest.raises(EntryInvalid, match=field) as refused:
        replace(GOOD, **{field: value})
    if isinstance(value, str) and value:
        assert value not in str(refused.value)  # what the field held is never repeated


def test_a_good_entry_and_its_changed_copies_are_kept_as_given() -> None:
    done = replace(GOOD, status="completed", finished_at=FIXED_NOW, answers={"critic": "x"})
    assert done.status == "completed" and done.answers == {"critic": "x"}
    assert GOOD.status == "draft" and GOOD.answers == {}


@pytest.mark.parametrize(
    ("saved", "expected"),
    [
        ({"progress": [3, 16]}, (3, 16)),
        ({}, None),
        ({"progress": [0, 16]}, None),
        ({"progress": [3]}, None),
        ({"progress": ["3", 16]}, None),
        ({"progress": [True, 16]}, None),
        ({"progress": "3 of 16"}, None),
    ],
)
def test_saved_progress_is_read_only_when_it_is_two_step_numbers(
    saved: dict[str, Any], expected: tuple[int, int] | None
) -> None:
    assert replace(GOOD, state=saved).saved_progress == expected
