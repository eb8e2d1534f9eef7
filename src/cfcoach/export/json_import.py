"""Read a JSON export (schema version 1) back into entries, for `cfcoach import`.

Everything is checked before anything is saved: a file that is not a cfcoach export,
that a newer cfcoach wrote, or that holds an entry cfcoach could not use (a date outside
1970-2100, a rating off its step's scale, a choice its step does not offer) raises
:class:`ImportFileError` with one sentence to show, naming the entry and the field.
Entries come back as they were exported (answers, skipped steps, marks, note); a draft's
resume position is not part of an export, so an imported draft starts its exercise afresh
if continued.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from cfcoach.content.answer_checks import answer_problem
from cfcoach.export.json_format import SCHEMA_VERSION
from cfcoach.store.checks import regular_file_problem
from cfcoach.store.models import (
    FIRST_YEAR,
    LAST_YEAR,
    Entry,
    EntryInvalid,
    EntryStatus,
    step_name,
)

if TYPE_CHECKING:
    from cfcoach.content.models import Exercise


class ImportFileError(ValueError):
    """The file cannot be imported; ``str(error)`` says why in one sentence."""


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _Answer(_Loose):
    step: str = Field(min_length=1)
    value: Any  # checked against its step by answer_problem, for a sentence that says what


class _Exercise(_Loose):
    id: str = Field(min_length=1)
    version: int = Field(ge=1)


class _Record(_Loose):
    uuid: str = Field(min_length=1, max_length=200)
    exercise: _Exercise
    status: EntryStatus
    started_at: AwareDatetime
    finished_at: AwareDatetime | None = None
    private: bool = False
    therapist_note: str | None = None
    answers: list[_Answer] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)


class _Export(_Loose):
    schema_version: int
    entries: list[_Record]


def read_export(path: Path, exercises: Mapping[str, Exercise] | None = None) -> list[Entry]:
    """The entries in the JSON export at ``path`` (:class:`ImportFileError` if it is not
    one, or if any entry does not fit; ``exercises``: those installed, by id, to check each
    answer against its step)."""
    # Looked at before it is opened: reading a named pipe or a terminal would wait for ever.
    problem = regular_file_problem(path)
    if problem is not None and problem.kind == "not-a-file":
        raise ImportFileError(
            f"{path} is {problem.detail}, not a file; give the JSON file made by "
            "`cfcoach export --format json`."
        )
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ImportFileError(f"There is no file {path}; check the name and the folder.") from None
    except IsADirectoryError:
        raise ImportFileError(
            f"{path} is a folder; give the JSON file made by `cfcoach export`."
        ) from None
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{path} is not a cfcoach JSON export (it is not text); give the .json file made by "
            "`cfcoach export --format json`."
        ) from None
    except OSError as exc:
        raise ImportFileError(f"cfcoach cannot read {path} ({exc.strerror}).") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path} is not a cfcoach JSON export (it is not valid JSON: line {exc.lineno}, "
            f"column {exc.colno}); give the file made by `cfcoach export --format json`."
        ) from None
    except RecursionError:
        raise ImportFileError(
            f"{path} is not a cfcoach JSON export (it is nested too deeply to read); give the "
            "file made by `cfcoach export --format json`."
        ) from None
    except ValueError:  # a number with more digits than Python reads (int_max_str_digits)
        raise ImportFileError(
            f"{path} is not a cfcoach JSON export (it holds a number too long to read); give "
            "the file made by `cfcoach export --format json`."
        ) from None
    return entries_from_data(data, str(path), exercises)


def entries_from_data(
    data: Any, name: str, exercises: Mapping[str, Exercise] | None = None
) -> list[Entry]:
    """The entries of an already parsed export; ``name`` says which file in messages.

    Every entry is checked before any is returned, so nothing is half imported.
    """
    if not isinstance(data, dict) or "schema_version" not in data or "entries" not in data:
        raise ImportFileError(
            f"{name} is not a cfcoach JSON export (it has no schema_version and entries); "
            "give the file made by `cfcoach export --format json`."
        )
    version = data.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SCHEMA_VERSION:
        raise ImportFileError(
            f"{name} was written by a newer cfcoach (schema {version}; this one reads "
            f"{SCHEMA_VERSION}); update cfcoach to import it."
        )
    try:
        export = _Export.model_validate(data)
    except ValidationError as exc:
        raise ImportFileError(f"{name} cannot be imported: {_where(exc, data)}.") from None
    if export.schema_version != SCHEMA_VERSION:
        raise ImportFileError(
            f"{name} has schema_version {export.schema_version}, which cfcoach does not know."
        )
    entries = []
    for index, record in enumerate(export.entries):
        try:
            entries.append(_entry(record, (exercises or {}).get(record.exercise.id)))
        except EntryInvalid as problem:
            raise ImportFileError(
                f"{name} cannot be imported: {_entry_name(data, index)}: {problem}; nothing "
                "was imported."
            ) from None
    return entries


def _entry(record: _Record, exercise: Exercise | None) -> Entry:
    """The entry ``record`` holds (:class:`EntryInvalid` naming the field that does not fit)."""
    for field in ("started_at", "finished_at"):
        moment = getattr(record, field)
        if moment is not None and not FIRST_YEAR <= moment.year <= LAST_YEAR:
            raise EntryInvalid(f"{field} must be a date from {FIRST_YEAR} to {LAST_YEAR}")
    same_version = exercise is not None and exercise.version == record.exercise.version
    for answer in record.answers:
        step = exercise.step(answer.step) if exercise and exercise.has_step(answer.step) else None
        problem = answer_problem(step, answer.value, same_version=same_version)
        if problem:
            raise EntryInvalid(f"the answer to {step_name(answer.step)} {problem}")
    return Entry(
        uuid=record.uuid,
        exercise_id=record.exercise.id,
        exercise_version=record.exercise.version,
        status=record.status,
        started_at=record.started_at,
        updated_at=record.finished_at or record.started_at,
        finished_at=record.finished_at,
        answers={answer.step: answer.value for answer in record.answers},
        skipped=list(record.skipped),
        private=record.private,
        therapist_note=record.therapist_note,
    )


def _entry_name(data: Any, index: int) -> str:
    """ "entry 3" (its place in the file), with the number it had where it was exported:
    "entry 3 (number 7)"."""
    try:
        number = data["entries"][index].get("id")
    except (AttributeError, IndexError, KeyError, TypeError):
        number = None
    if type(number) is int and 0 < number < 10**12:
        return f"entry {index + 1} (number {number})"
    return f"entry {index + 1}"


def _where(exc: ValidationError, data: Any) -> str:
    """The first problem, as "entry 3 has no started_at" or "entry 2: status is ..."."""
    error = exc.errors()[0]
    location = list(error["loc"])
    place = ""
    if len(location) >= 2 and location[0] == "entries" and isinstance(location[1], int):
        place = _entry_name(data, location[1])
        location = location[2:]
    field = ".".join(str(part) for part in location if not isinstance(part, int)) or "it"
    if error["type"] == "missing":
        problem = f"{place or 'the file'} has no {field}"
    else:
        message = str(error["msg"]).rstrip(".")
        problem = f"{place + ': ' if place else ''}{field}: {message[0].lower()}{message[1:]}"
    return problem
