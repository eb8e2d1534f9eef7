"""An entry: one run through an exercise, as saved.

A plain dataclass, checked when it is made, rather than a pydantic model: the home screen
lists entries before its first paint, and pydantic would cost that paint about 50 ms and
12 MiB (issue 8). Data from outside (an imported JSON file) is checked by pydantic in
:mod:`cfcoach.export.json_import` before an entry is made from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal, cast, get_args

EntryStatus = Literal["draft", "completed", "stopped"]
STATUSES: frozenset[str] = frozenset(get_args(EntryStatus))
FIRST_YEAR = 1970
LAST_YEAR = 2100
"""An entry's dates fall in these years, in the entry's own time zone: any such moment
can be shown in any local time (a year-9999 date cannot: converting it overflows)."""
_STEP_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
RATING_SCALE = range(0, 11)
"""Every rating is a whole number from 0 to 10 (the only whole-number answers there are)."""
NOTE_STEP = "therapist_note"
"""An exercise's step with this id writes the entry's note for the therapist. The note has
one home, :attr:`Entry.therapist_note`: the step's answer is never kept among the answers
(nor in the saved engine state), so an edited note replaces it everywhere and a cleared
note is gone from every export, backup and search."""


class EntryInvalid(ValueError):
    """An entry's field holds something an entry cannot (says which field, never its text)."""


@dataclass(slots=True, kw_only=True)
class Entry:
    """One run through an exercise: its answers, times and marks.

    Treat it as a value: make a changed copy with :func:`dataclasses.replace`.
    """

    id: int | None = None
    """The database row id (``None`` until saved)."""
    uuid: str
    """A stable id that survives export and import."""
    exercise_id: str
    """The id of the exercise answered."""
    exercise_version: int
    """The version of the exercise answered."""
    status: EntryStatus = "draft"
    """draft (unfinished), completed, or stopped (ended early on purpose)."""
    started_at: datetime
    """When the exercise was started (timezone-aware)."""
    updated_at: datetime
    """When the entry was last saved (timezone-aware)."""
    finished_at: datetime | None = None
    """When it was completed or stopped (timezone-aware)."""
    answers: dict[str, Any] = field(default_factory=dict)
    """Answers by step id."""
    skipped: list[str] = field(default_factory=list)
    """Ids of the steps skipped."""
    state: dict[str, Any] = field(default_factory=dict)
    """The engine's full state, so a draft can be resumed exactly."""
    private: bool = False
    """When true, the entry is never exported unless the person asks."""
    therapist_note: str | None = None
    """An optional note the person writes for their therapist."""
    safety_shown: bool = False
    """Whether the safety screen was shown during this entry."""
    deleted_at: datetime | None = None
    """When the entry was moved to the trash (``None`` while it is not in the trash)."""

    def __post_init__(self) -> None:
        _check(self)

    @property
    def is_draft(self) -> bool:
        return self.status == "draft"

    @property
    def saved_progress(self) -> tuple[int, int] | None:
        """(step k, of n) where the entry was when last saved, as the saved engine state
        says; ``None`` if it does not say (saved by an older cfcoach, or read without state)."""
        value = self.state.get("progress")
        if (
            isinstance(value, list)
            and len(value) == 2
            and all(type(number) is int and number > 0 for number in value)
        ):
            return (value[0], value[1])
        return None


def _check(entry: Entry) -> None:
    """Raise :class:`EntryInvalid` naming the first field that does not hold what it should."""
    if entry.id is not None and (type(entry.id) is not int):
        raise EntryInvalid("id must be a whole number or None")
    if type(entry.uuid) is not str or not entry.uuid:
        raise EntryInvalid("uuid must be non-empty text")
    if type(entry.exercise_id) is not str or not entry.exercise_id:
        raise EntryInvalid("exercise_id must be non-empty text")
    if type(entry.exercise_version) is not int:
        raise EntryInvalid("exercise_version must be a whole number")
    if entry.status not in STATUSES:
        raise EntryInvalid("status must be draft, completed or stopped")
    for name in ("started_at", "updated_at"):
        if not _aware(getattr(entry, name)):
            raise EntryInvalid(f"{name} must be a date and time with a time zone")
    for name in ("finished_at", "deleted_at"):
        value = getattr(entry, name)
        if value is not None and not _aware(value):
            raise EntryInvalid(f"{name} must be a date and time with a time zone, or None")
    for name in ("started_at", "updated_at", "finished_at", "deleted_at"):
        value = getattr(entry, name)
        if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise EntryInvalid(f"{name} must be a date from {FIRST_YEAR} to {LAST_YEAR}")
    if type(entry.answers) is not dict or not all(type(k) is str for k in entry.answers):
        raise EntryInvalid("answers must map step ids to answers")
    for step_id, answer in entry.answers.items():
        if not answer_fits(answer):
            raise EntryInvalid(
                f"the answer to {step_name(step_id)} must be text, a rating from 0 to 10, "
                "or the options chosen"
            )
    if type(entry.skipped) is not list or not all(type(s) is str for s in entry.skipped):
        raise EntryInvalid("skipped must be a list of step ids")
    if type(entry.state) is not dict:
        raise EntryInvalid("state must be a mapping")
    if type(entry.private) is not bool or type(entry.safety_shown) is not bool:
        raise EntryInvalid("private and safety_shown must be true or false")
    if entry.therapist_note is not None and type(entry.therapist_note) is not str:
        raise EntryInvalid("therapist_note must be text or None")


def note_in_one_place(entry: Entry) -> Entry:
    """``entry`` with the note step's answer moved into its note, and out of the answers and
    the saved engine state (the entry itself if there is none); see :func:`joined_note`."""
    answer = entry.answers.get(NOTE_STEP)
    state_answers = entry.state.get("answers")
    in_state = isinstance(state_answers, dict) and isinstance(state_answers.get(NOTE_STEP), str)
    if not isinstance(answer, str) and not in_state:
        return entry
    note = entry.therapist_note
    answers = entry.answers
    if isinstance(answer, str):
        note = joined_note(note, answer)
        answers = {k: v for k, v in answers.items() if k != NOTE_STEP}
    state = entry.state
    if in_state:
        kept = {k: v for k, v in cast("dict[str, Any]", state_answers).items() if k != NOTE_STEP}
        state = {**state, "answers": kept}
    return replace(entry, answers=answers, state=state, therapist_note=note)


def joined_note(note: str | None, answer: str | None) -> str | None:
    """The note and an older copy of it (the note step's answer, as saved before the note had
    one home) as one text, so no words are lost and none is there twice: the note when it
    holds the copy, the copy when it holds the note, else both, the note first.

    A blank note stays blank: the person cleared it, and what they clear is never shared
    (the backup made before the migration still holds the old copy).
    """
    kept = (note or "").strip()
    old = (answer or "").strip()
    if not kept:
        return None
    if not old or old in kept:
        return kept
    if kept in old:
        return old
    return f"{kept}\n\n{old}"


def answer_fits(value: object) -> bool:
    """True for what a saved answer can be: text, a rating from 0 to 10, or the values of
    the options chosen (several texts)."""
    kind = type(value)
    if kind is str:
        return True
    if kind is int:
        return value in RATING_SCALE
    return kind is list and all(type(item) is str for item in cast("list[object]", value))


def step_name(step_id: str) -> str:
    """``step_id`` for a message, if it is a plain step id (else "one of its steps": an id from a
    damaged row or a file may hold anything, even a terminal's control sequence)."""
    return step_id if _STEP_ID.fullmatch(step_id) else "one of its steps"


def _aware(value: object) -> bool:
    return isinstance(value, datetime) and value.utcoffset() is not None


def aware(value: datetime) -> datetime:
    """``value`` with a timezone (the local one if it had none)."""
    return value if value.tzinfo is not None else value.astimezone()
