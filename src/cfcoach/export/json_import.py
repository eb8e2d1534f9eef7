"""Read a JSON export (schema version 1) back into entries, for `cfcoach import`.

Everything is checked before anything is saved: a file that is not a cfcoach export,
or that a newer cfcoach wrote, raises :class:`ImportFileError` with one sentence to show.
Entries come back as they were exported (answers, skipped steps, marks, note); a draft's
resume position is not part of an export, so an imported draft starts its exercise afresh
if continued.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from cfcoach.export.json_format import SCHEMA_VERSION
from cfcoach.store.models import Entry, EntryStatus

AnswerValue = str | int | list[str]


class ImportFileError(ValueError):
    """The file cannot be imported; ``str(error)`` says why in one sentence."""


class _Loose(BaseModel):
    model_config = ConfigDict(extra="ignore")


class _Answer(_Loose):
    step: str = Field(min_length=1)
    value: AnswerValue


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


def read_export(path: Path) -> list[Entry]:
    """The entries in the JSON export at ``path`` (:class:`ImportFileError` if it is not one)."""
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
    return entries_from_data(data, str(path))


def entries_from_data(data: Any, name: str) -> list[Entry]:
    """The entries of an already parsed export; ``name`` says which file in messages."""
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
        raise ImportFileError(f"{name} cannot be imported: {_where(exc)}.") from None
    if export.schema_version != SCHEMA_VERSION:
        raise ImportFileError(
            f"{name} has schema_version {export.schema_version}, which cfcoach does not know."
        )
    return [_entry(record) for record in export.entries]


def _entry(record: _Record) -> Entry:
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


def _where(exc: ValidationError) -> str:
    """The first problem, as "entry 3 has no started_at" or "entry 2: status is ..."."""
    error = exc.errors()[0]
    location = list(error["loc"])
    place = ""
    if len(location) >= 2 and location[0] == "entries" and isinstance(location[1], int):
        place = f"entry {location[1] + 1}"
        location = location[2:]
    field = ".".join(str(part) for part in location if not isinstance(part, int)) or "it"
    if error["type"] == "missing":
        problem = f"{place or 'the file'} has no {field}"
    else:
        message = str(error["msg"]).rstrip(".")
        problem = f"{place + ': ' if place else ''}{field}: {message[0].lower()}{message[1:]}"
    return problem
