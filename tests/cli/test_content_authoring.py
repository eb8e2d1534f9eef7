"""Authoring commands: validate's warnings, schema, new, add and preview --plain."""

from __future__ import annotations

import importlib
import json
import sqlite3
import stat
from pathlib import Path

import pytest

from cfcoach.content import load_exercise_file
from cfcoach.content.starter import starter_text
from cfcoach.content.yaml_source import read_yaml
from cfcoach.paths import shipped_content_dir
from tests.cli.conftest import Run

SHIPPED = shipped_content_dir() / "exercises"


def user_folder(home: Path) -> Path:
    return home / "data" / "exercises"


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def starter(folder: Path, exercise_id: str, name: str | None = None) -> Path:
    """A valid exercise file (the starter, with a source so it has no warnings)."""
    path = folder / (name or f"{exercise_id}.yaml")
    text = starter_text(exercise_id, path.name).replace(
        "sources: []", 'sources: ["Gilbert, P. (2009). The Compassionate Mind. Constable."]'
    )
    path.write_text(text, encoding="utf-8")
    return path


def entry_count(home: Path) -> int:
    database = home / "data" / "entries.sqlite3"
    if not database.exists():
        return 0
    with sqlite3.connect(database) as connection:
        return int(connection.execute("SELECT count(*) FROM entries").fetchone()[0])


# -- validate: warnings ------------------------------------------------------------------


def test_warnings_are_printed_with_their_place_and_leave_the_exit_code_0(
    cfcoach: Run, tmp_path: Path
) -> None:
    path = starter(tmp_path, "wordy")
    text = path.read_text().replace(
        'sources: ["Gilbert, P. (2009). The Compassionate Mind. Constable."]', "sources: []"
    )
    path.write_text(text)
    result = cfcoach("content", "validate", str(path))
    assert result.returncode == 0, result.stderr
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("sources:"))
    assert result.stdout.splitlines() == [
        f"{path}:{line}:10: warning: there are no sources; name the published work this "
        "exercise follows (see 'Sources' in the authoring guide)"
    ]
    assert "all valid, 1 warning(s) worth a look" in result.stderr


def test_problems_still_fail_next_to_warnings(cfcoach: Run, tmp_path: Path) -> None:
    good = starter(tmp_path, "fine")
    good.write_text(good.read_text().replace("    label: The critic's words\n", ""))
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: Bad\n")
    result = cfcoach("content", "validate", str(good), str(bad))
    assert result.returncode == 1
    assert f"{good}:" in result.stdout and "warning: step 'critic'" in result.stdout
    assert f"{bad}:1:1: the exercise is missing 'steps'; add it" in result.stdout


def test_a_suggestion_of_a_missing_exercise_is_a_warning(cfcoach: Run, tmp_path: Path) -> None:
    path = starter(tmp_path, "suggests")
    path.write_text(
        path.read_text()
        + "suggest:\n  - exercise: not-here\n    reason: It may help.\n"
        + "  - exercise: soothing-breathing\n    reason: It may help too.\n"
    )
    result = cfcoach("content", "validate", str(path))
    assert result.returncode == 0
    assert result.stdout.count("warning:") == 1
    assert "names the exercise 'not-here'" in result.stdout


def test_the_shipped_library_validates_with_no_warnings(cfcoach: Run) -> None:
    result = cfcoach("content", "validate", str(SHIPPED))
    assert result.returncode == 0
    assert "warning" not in result.stdout + result.stderr
    assert result.stdout == ""


# -- schema ------------------------------------------------------------------------------


def test_schema_prints_json_schema_with_descriptions(cfcoach: Run) -> None:
    result = cfcoach("content", "schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"].startswith("http://json-schema.org/draft-07")
    assert set(schema["required"]) >= {"id", "title", "summary", "minutes", "version", "steps"}
    assert "short unique name" in schema["properties"]["id"]["description"]
    pause = schema["$defs"]["PauseStep"]["properties"]
    assert "30 s to 5 min" in pause["adjustable"]["description"]
    assert "``" not in result.stdout  # reST markup turned into Markdown's backticks
    kinds = {
        schema["$defs"][name]["properties"]["kind"]["const"]
        for name in ("InfoStep", "TextStep", "RatingStep", "ChoiceStep", "PauseStep", "ReviewStep")
    }
    assert kinds == {"info", "text", "rating", "choice", "pause", "review"}


def test_schema_output_writes_a_file(cfcoach: Run, tmp_path: Path) -> None:
    target = tmp_path / "cfcoach-exercise.schema.json"
    result = cfcoach("content", "schema", "--output", str(target))
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(target.read_text())["title"] == "cfcoach exercise"


def test_every_shipped_exercise_matches_the_schema(cfcoach: Run) -> None:
    jsonschema = importlib.import_module("jsonschema")  # a test dependency: never skipped
    validator = jsonschema.Draft7Validator(json.loads(cfcoach("content", "schema").stdout))
    for path in sorted(SHIPPED.glob("*.yaml")):
        data = json.loads(json.dumps(read_yaml(path.read_text())[0]))  # as an editor sees it
        assert not list(validator.iter_errors(data)), path.name
    wrong = {"id": "x", "title": "t", "summary": "s", "minutes": 1, "version": 1}
    wrong["steps"] = [{"id": "a", "kind": "nope", "title": "t"}]
    assert list(validator.iter_errors(wrong))


# -- new ---------------------------------------------------------------------------------


def test_new_writes_a_private_starter_into_your_folder_that_validates(
    cfcoach: Run, home: Path
) -> None:
    result = cfcoach("content", "new", "evening-kindness")
    assert result.returncode == 0, result.stderr
    path = user_folder(home) / "evening-kindness.yaml"
    assert f"Wrote a starter exercise to {path}." in result.stdout
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    exercise = load_exercise_file(path)
    assert exercise.id == "evening-kindness" and exercise.title == "Evening kindness"
    assert {step.kind for step in exercise.steps} == {
        "info",
        "text",
        "rating",
        "choice",
        "pause",
        "review",
    }
    checked = cfcoach("content", "validate", str(path))
    assert checked.returncode == 0
    # Only the nudge to name sources: the starter can't know them.
    assert [line.split(": warning: ")[1][:22] for line in checked.stdout.splitlines()] == [
        "there are no sources; "
    ]
    assert "evening-kindness" in cfcoach("content", "list").stdout


def test_new_refuses_to_overwrite(cfcoach: Run, home: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_text("my own words\n")
    result = cfcoach("content", "new", "mine", "--output", str(target))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"{target} already exists, so it was left as it is; choose another id or --output."
    )
    assert target.read_text() == "my own words\n"


def test_new_into_a_folder_names_the_file_after_the_id(cfcoach: Run, tmp_path: Path) -> None:
    result = cfcoach("content", "new", "for-sam", "--output", str(tmp_path))
    assert result.returncode == 0
    assert load_exercise_file(tmp_path / "for-sam.yaml").id == "for-sam"
    assert "cfcoach content add" in result.stdout


@pytest.mark.parametrize("bad", ["Evening", "2nd-try", "with space", "under_score", "-x"])
def test_new_rejects_an_invalid_id_in_one_sentence(cfcoach: Run, home: Path, bad: str) -> None:
    result = cfcoach("content", "new", "--", bad)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"'{bad}' can't be an exercise id: use lower-case letters, digits and '-', "
        "starting with a letter (for example evening-kindness)."
    )
    assert not user_folder(home).exists()


def test_new_refuses_the_id_of_a_shipped_exercise(cfcoach: Run, home: Path) -> None:
    result = cfcoach("content", "new", "daily-checkin")
    assert result.returncode == 1
    assert "already an exercise called 'daily-checkin' (shipped with cfcoach)" in result.stderr
    assert not (user_folder(home) / "daily-checkin.yaml").exists()


# -- add ---------------------------------------------------------------------------------


def test_add_installs_a_folder_of_exercises_privately(
    cfcoach: Run, home: Path, tmp_path: Path
) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    one = starter(pack, "for-sam", "sam.yaml")
    starter(pack, "for-ana")
    result = cfcoach("content", "add", str(pack))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Added 'For sam' (for-sam) — start it with `cfcoach run for-sam`." in result.stdout
    assert "Added 'For ana' (for-ana)" in result.stdout
    installed = user_folder(home) / "for-sam.yaml"
    assert installed.read_bytes() == one.read_bytes()  # comments and all
    assert mode(installed) == 0o600 and mode(installed.parent) == 0o700
    assert sorted(p.name for p in user_folder(home).iterdir()) == ["for-ana.yaml", "for-sam.yaml"]
    listed = cfcoach("content", "list").stdout
    assert "for-sam" in listed and "for-ana" in listed


def test_add_installs_nothing_when_any_file_has_a_problem(
    cfcoach: Run, home: Path, tmp_path: Path
) -> None:
    good = starter(tmp_path, "good-one")
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: Bad\n")
    result = cfcoach("content", "add", str(good), str(bad))
    assert result.returncode == 1
    assert f"{bad}:1:1: the exercise is missing 'steps'; add it" in result.stdout
    assert "Nothing was added" in result.stderr
    assert not (user_folder(home) / "good-one.yaml").exists()


def test_add_refuses_a_shipped_id(cfcoach: Run, home: Path, tmp_path: Path) -> None:
    path = starter(tmp_path, "safe-place")
    result = cfcoach("content", "add", str(path))
    assert result.returncode == 1
    assert "belongs to an exercise shipped with cfcoach" in result.stdout
    assert f"{path}:11:5:" in result.stdout  # the id line
    assert not user_folder(home).exists() or not list(user_folder(home).iterdir())


def test_add_replaces_your_own_only_with_replace(cfcoach: Run, home: Path, tmp_path: Path) -> None:
    first = starter(tmp_path, "for-sam")
    assert cfcoach("content", "add", str(first)).returncode == 0
    installed = user_folder(home) / "for-sam.yaml"
    second = tmp_path / "newer" / "for-sam.yaml"
    second.parent.mkdir()
    second.write_text(first.read_text().replace("minutes: 5", "minutes: 7"))
    refused = cfcoach("content", "add", str(second))
    assert refused.returncode == 1
    assert "you already have an exercise called 'for-sam'" in refused.stdout
    assert "--replace" in refused.stdout
    assert "minutes: 5" in installed.read_text()
    replaced = cfcoach("content", "add", "--replace", str(second))
    assert replaced.returncode == 0, replaced.stdout
    assert "Replaced 'For sam' (for-sam)" in replaced.stdout
    assert "minutes: 7" in installed.read_text() and mode(installed) == 0o600


def test_add_with_replace_never_replaces_a_shipped_exercise(
    cfcoach: Run, home: Path, tmp_path: Path
) -> None:
    result = cfcoach("content", "add", "--replace", str(starter(tmp_path, "daily-checkin")))
    assert result.returncode == 1
    assert "belongs to an exercise shipped with cfcoach" in result.stdout


def test_add_refuses_two_files_with_one_id(cfcoach: Run, home: Path, tmp_path: Path) -> None:
    starter(tmp_path, "twice", "a.yaml")
    starter(tmp_path, "twice", "b.yaml")
    result = cfcoach("content", "add", str(tmp_path))
    assert result.returncode == 1
    assert "already used by" in result.stdout
    assert not (user_folder(home) / "twice.yaml").exists()


# -- preview --plain ---------------------------------------------------------------------


def test_plain_preview_runs_the_exercise_and_saves_nothing(
    cfcoach: Run, home: Path, tmp_path: Path
) -> None:
    path = starter(tmp_path, "try-me")
    # critic, a high rating (to the pause), the reply, the choice, the after-rating.
    answers = "I keep messing up\n9\nYou are doing your best\n3\n4\n"
    result = cfcoach("content", "preview", "--plain", str(path), stdin=answers)
    assert result.returncode == 0, result.stderr
    assert "Preview: nothing is saved" in result.stdout
    assert "End of the preview. Nothing was saved." in result.stdout
    assert "intensity_before -> settle -> reply" in result.stdout
    assert "Your entry is saved" not in result.stdout
    assert entry_count(home) == 0


def test_preview_of_a_broken_file_says_what_to_change(cfcoach: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: bad\ntitle: Bad\n")
    result = cfcoach("content", "preview", "--plain", str(bad))
    assert result.returncode == 1
    assert f"{bad}:1:1: the exercise is missing 'steps'; add it" in result.stdout
    assert result.stderr.strip() == f"{bad} needs a change before it can be previewed (see above)."


def test_preview_in_the_coach_needs_a_terminal(cfcoach: Run, tmp_path: Path) -> None:
    result = cfcoach("content", "preview", str(starter(tmp_path, "try-me")))
    assert result.returncode == 2
    assert "add --plain" in result.stderr
