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


FAR_FUTURE = datetime.fromisoformat("9999-12-31T23:59:59-12:00")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("started_at", FAR_FUTURE),
        ("updated_at", datetime.fromisoformat("2101-01-01T00:00:00+00:00")),
        ("finished_at", datetime.fromisoformat("1969-12-31T23:59:59+00:00")),
        ("deleted_at", datetime.fromisoformat("0001-01-01T00:00:00+14:00")),
    ],
)
def test_a_date_outside_1970_to_2100_is_refused_by_name(field: str, value: Any) -> None:
    # Issue 17: a year-9999 start was saved, and then every start of the coach ended in
    # an OverflowError when home showed it in local time.
    with pytest.raises(EntryInvalid, match=f"{field} must be a date from 1970 to 2100"):
        replace(GOOD, **{field: value})


def test_dates_at_the_edges_of_1970_to_2100_in_their_own_zone_are_kept() -> None:
    first = datetime.fromisoformat("1970-01-01T00:00:00+14:00")  # 1969 in UTC
    last = datetime.fromisoformat("2100-12-31T23:59:59-12:00")  # 2101 in UTC
    assert replace(GOOD, started_at=first, updated_at=last).started_at == first
    assert last.astimezone().year in (2100, 2101)  # any local time can show it


@pytest.mark.parametrize(
    "answer", [-50, 11, 10**30, 2.5, True, None, {"a": 1}, [1, 2], ["ok", 3], b"bytes"]
)
def test_an_answer_that_no_step_can_give_is_refused_naming_its_step(answer: Any) -> None:
    with pytest.raises(EntryInvalid, match="the answer to intensity_after must be"):
        replace(GOOD, answers={"critic": "words", "intensity_after": answer})


@pytest.mark.parametrize("answer", ["words", "", 0, 10, [], ["sad", "alone"]])
def test_every_answer_a_step_can_give_is_kept(answer: Any) -> None:
    assert replace(GOOD, answers={"step": answer}).answers == {"step": answer}


def test_a_step_id_that_is_not_plain_is_not_repeated() -> None:
    with pytest.raises(EntryInvalid, match="the answer to one of its steps") as refused:
        replace(GOOD, answers={"\x1b[2Jx": -1})
    assert "\x1b" not in str(refused.value)
