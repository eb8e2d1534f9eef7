"""`cfcoach import`'s core: a JSON export read back into entries, added without duplicates."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from cfcoach.context import AppContext
from cfcoach.export import get_format
from cfcoach.export.json_import import ImportFileError, entries_from_data, read_export
from cfcoach.store.entries import EntryQuery
from cfcoach.store.models import Entry
from tests.unit.golden import samples

KEPT = (
    "uuid",
    "exercise_id",
    "exercise_version",
    "status",
    "started_at",
    "finished_at",
    "answers",
    "skipped",
    "private",
    "therapist_note",
)


def exported(tmp_path: Path, entries: list[Entry]) -> Path:
    buffer = io.StringIO()
    bundle = samples.bundle(entries=entries, include_private_steps=True)
    get_format("json").writer()(bundle, buffer)
    path = tmp_path / "export.json"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def fields(entry: Entry) -> tuple[Any, ...]:
    return tuple(getattr(entry, name) for name in KEPT)


def everything(context: AppContext) -> list[Entry]:
    with context.open_store() as store:
        return list(store.select(EntryQuery(include_drafts=True, include_private=True)))


def test_an_export_comes_back_as_the_same_entries(context: AppContext, tmp_path: Path) -> None:
    originals = samples.entries()
    entries = read_export(exported(tmp_path, originals))
    with context.open_store() as store:
        assert store.add_new(entries) == (len(originals), 0)
    assert [fields(e) for e in everything(context)] == [fields(e) for e in originals]


def test_importing_twice_adds_nothing(context: AppContext, tmp_path: Path) -> None:
    entries = read_export(exported(tmp_path, samples.entries()))
    with context.open_store() as store:
        store.add_new(entries)
        assert store.add_new(entries) == (0, len(entries))
        again = [*entries[:2], replace(entries[0], uuid="new")]
        assert store.add_new(again) == (1, 2)
    assert len(everything(context)) == len(entries) + 1


def test_an_import_that_fails_half_way_saves_nothing(context: AppContext, tmp_path: Path) -> None:
    entries = read_export(exported(tmp_path, samples.entries()))

    def failing() -> Iterator[Entry]:
        yield entries[0]
        yield entries[1]
        raise RuntimeError("disk pulled out")

    with context.open_store() as store, pytest.raises(RuntimeError):
        store.add_new(failing())
    assert everything(context) == []


def test_an_imported_entry_keeps_its_uuid_but_gets_a_new_number(
    context: AppContext, tmp_path: Path
) -> None:
    with context.open_store() as store:
        store.save(replace(samples.entries()[3], id=None, uuid="already-here"))
        store.add_new(read_export(exported(tmp_path, samples.entries()[:1])))
    ids = [(e.id, e.uuid) for e in everything(context)]
    assert (2, samples.entries()[0].uuid) in ids


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "not json at all",
            "is not a cfcoach JSON export (it is not valid JSON: line 1, column 1)",
        ),
        ("[1, 2]", "has no schema_version and entries"),
        ('{"entries": []}', "has no schema_version and entries"),
        ('{"schema_version": 2, "entries": []}', "was written by a newer cfcoach (schema 2"),
        ('{"schema_version": 0, "entries": []}', "has schema_version 0"),
        ('{"schema_version": 1, "entries": {}}', "cannot be imported: entries: input should be"),
        (
            '{"schema_version": 1, "entries": [{"uuid": "u", "exercise": {"id": "x", "version": 1},'
            ' "status": "completed"}]}',
            "cannot be imported: entry 1 has no started_at",
        ),
        (
            '{"schema_version": 1, "entries": [{"uuid": "u", "exercise": {"id": "x", "version": 1},'
            ' "status": "finished", "started_at": "2026-11-01T10:00:00+00:00"}]}',
            "cannot be imported: entry 1: status: input should be",
        ),
        (
            '{"schema_version": 1, "entries": [{"uuid": "u", "exercise": {"id": "x", "version": 1},'
            ' "status": "completed", "started_at": "2026-11-01T10:00:00"}]}',
            "entry 1: started_at: input should have timezone info",
        ),
    ],
)
def test_a_bad_file_gets_one_sentence(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(ImportFileError) as caught:
        read_export(path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_missing_folder_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="There is no file"):
        read_export(tmp_path / "nope.json")
    with pytest.raises(ImportFileError, match="is a folder"):
        read_export(tmp_path)
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0" * 10)
    with pytest.raises(ImportFileError, match="it is not text"):
        read_export(binary)


def test_extra_fields_from_a_later_compatible_export_are_ignored() -> None:
    data = {
        "schema_version": 1,
        "added_later": True,
        "entries": [
            {
                "uuid": "u1",
                "exercise": {"id": "daily-checkin", "version": 1, "title": "Daily check-in"},
                "status": "completed",
                "started_at": "2026-11-01T10:00:00+01:00",
                "finished_at": "2026-11-01T10:09:00+01:00",
                "answers": [{"step": "critic", "value": "x", "mood": "new field"}],
                "new_field": 1,
            }
        ],
    }
    [entry] = entries_from_data(json.loads(json.dumps(data)), "f.json")
    assert entry.answers == {"critic": "x"}
    assert entry.updated_at == entry.finished_at
