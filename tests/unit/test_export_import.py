"""`cfcoach import`'s core: a JSON export read back into entries, added without duplicates."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from cfcoach.content import Exercise
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


# -- issue 17: impossible values are refused, naming the entry and the field ------------------


def one_entry(**fields: Any) -> dict[str, Any]:
    record = {
        "id": 7,
        "uuid": "u7",
        "exercise": {"id": "daily-checkin", "version": 2},
        "status": "completed",
        "started_at": "2026-11-01T10:00:00+01:00",
        "finished_at": "2026-11-01T10:09:00+01:00",
        "answers": [{"step": "critic", "value": "words"}],
        **fields,
    }
    return {"schema_version": 1, "entries": [good_record("u1"), good_record("u2"), record]}


def good_record(uuid: str) -> dict[str, Any]:
    return {
        "uuid": uuid,
        "exercise": {"id": "daily-checkin", "version": 2},
        "status": "completed",
        "started_at": "2026-11-01T09:00:00+01:00",
        "answers": [{"step": "intensity_before", "value": 6}, {"step": "feeling", "value": []}],
    }


def rated(step: str, value: Any) -> dict[str, Any]:
    return one_entry(answers=[{"step": step, "value": value}])


@pytest.fixture(scope="module")
def exercises() -> dict[str, Exercise]:
    from cfcoach.content import load_exercise_file
    from cfcoach.paths import shipped_content_dir

    checkin = load_exercise_file(shipped_content_dir() / "exercises" / "daily-checkin.yaml")
    assert checkin.version == 2
    return {"daily-checkin": checkin}


BAD_FILES: dict[str, tuple[dict[str, Any], str]] = {
    "a start in year 9999": (
        one_entry(started_at="9999-12-31T23:59:59-12:00", finished_at=None),
        "started_at must be a date from 1970 to 2100",
    ),
    "a start before 1970": (
        one_entry(started_at="1969-07-20T20:17:00+00:00", finished_at=None),
        "started_at must be a date from 1970 to 2100",
    ),
    "an end in 2101": (
        one_entry(finished_at="2101-01-01T00:00:00+00:00"),
        "finished_at must be a date from 1970 to 2100",
    ),
    "a rating of -50": (rated("intensity_before", -50), "intensity_before must be a whole number"),
    "a rating of 10^30": (rated("intensity_after", 10**30), "intensity_after must be a whole"),
    "a rating of 1e30": (rated("intensity_after", 1e30), "intensity_after must be a whole"),
    "a rating of 2.5": (rated("warmth_after", 2.5), "warmth_after must be a whole number"),
    "a rating in words": (rated("intensity_after", "very high"), "must be a whole number"),
    "a rating of true": (rated("intensity_after", True), "must be a whole number from 0 to 10"),
    "a choice not offered": (
        rated("correction_or_attack", "maybe"),
        "correction_or_attack must be among its options (attack, both, correction, unsure)",
    ),
    "choices not offered": (rated("feeling", ["sad", "bored"]), "feeling must be among its"),
    "several choices for a single choice": (
        rated("correction_or_attack", ["attack", "both"]),
        "correction_or_attack must be one option",
    ),
    "a number for a text": (rated("critic", 5), "the answer to critic must be text"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_an_impossible_value_is_refused_naming_the_entry_and_field(
    tmp_path: Path, exercises: dict[str, Exercise], case: str
) -> None:
    data, problem = BAD_FILES[case]
    path = tmp_path / "crafted.json"
    path.write_text(json.dumps(data))
    with pytest.raises(ImportFileError) as caught:
        read_export(path, exercises)
    message = str(caught.value)
    assert message.startswith(f"{path} cannot be imported: entry 3 (number 7): "), message
    assert problem in message
    assert message.endswith("; nothing was imported.")
    assert "\n" not in message


@pytest.mark.parametrize(
    ("value", "fits"), [(0, True), (10, True), (11, False), (-1, False), (["a", "b"], True)]
)
def test_an_exercise_not_installed_takes_ratings_from_0_to_10(value: Any, fits: bool) -> None:
    data = one_entry(exercise={"id": "not-installed", "version": 1})
    data["entries"][2]["answers"] = [{"step": "how", "value": value}]
    if fits:
        assert entries_from_data(data, "f.json", {})[2].answers == {"how": value}
    else:
        with pytest.raises(ImportFileError, match=r"entry 3 .*how must be a rating from 0 to 10"):
            entries_from_data(data, "f.json", {})


def test_choices_of_another_version_of_the_exercise_are_kept(
    exercises: dict[str, Exercise],
) -> None:
    # Another version may have offered other options; a rating is 0 to 10 in every one.
    data = one_entry(
        exercise={"id": "daily-checkin", "version": 1},
        answers=[
            {"step": "feeling", "value": ["wistful"]},
            {"step": "intensity_after", "value": 4},
        ],
    )
    assert entries_from_data(data, "f.json", exercises)[2].answers["feeling"] == ["wistful"]
    data["entries"][2]["answers"][1]["value"] = 12
    with pytest.raises(ImportFileError, match="intensity_after must be a whole number"):
        entries_from_data(data, "f.json", exercises)


def test_a_good_file_of_the_current_version_comes_in_whole(
    exercises: dict[str, Exercise],
) -> None:
    data = one_entry(
        answers=[
            {"step": "intensity_before", "value": 0},
            {"step": "feeling", "value": ["sad", "alone"]},
            {"step": "correction_or_attack", "value": "both"},
            {"step": "intensity_after", "value": 10},
        ]
    )
    assert len(entries_from_data(data, "f.json", exercises)) == 3


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "it is nested too deeply to read"),
        ('{"schema_version": 1, "entries": [' + "1" * 5000 + "]}", "it holds a number too long"),
    ],
    ids=["nested 100,000 deep", "a 5,000-digit number"],
)
def test_a_file_python_cannot_parse_gets_a_sentence_about_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "odd.json"
    path.write_text(content)
    with pytest.raises(ImportFileError) as caught:
        read_export(path)
    assert str(caught.value).startswith(f"{path} is not a cfcoach JSON export ({message}")
    assert str(caught.value).endswith("; give the file made by `cfcoach export --format json`.")
