"""`cfcoach backup`, `restore` and `doctor`: copies that check out, nothing replaced silently."""

from __future__ import annotations

import json
from pathlib import Path

from cfcoach.paths import app_paths
from tests.cli.conftest import Run
from tests.cli.test_plain_mode import CALM_ANSWERS


def checkin(cfcoach: Run, critic: str) -> None:
    answers = [critic, *CALM_ANSWERS[1:]]
    assert (
        cfcoach("run", "daily-checkin", "--plain", stdin="\n".join(answers) + "\n").returncode == 0
    )


def critics(cfcoach: Run) -> list[str]:
    data = json.loads(cfcoach("export").stdout)
    return [
        next(a["value"] for a in e["answers"] if a["step"] == "critic") for e in data["entries"]
    ]


def test_backup_then_restore_brings_back_exactly_what_was_saved(
    cfcoach: Run, tmp_path: Path
) -> None:
    checkin(cfcoach, "first")
    copy = tmp_path / "copy.sqlite3"
    made = cfcoach("backup", str(copy))
    assert made.returncode == 0, made.stderr
    assert copy.stat().st_mode & 0o777 == 0o600

    checkin(cfcoach, "second")
    assert critics(cfcoach) == ["first", "second"]

    restored = cfcoach("restore", "--yes", str(copy))
    assert restored.returncode == 0, restored.stderr
    assert critics(cfcoach) == ["first"]
    kept = [p for p in app_paths().data_dir.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1 and kept[0].stat().st_mode & 0o777 == 0o600


def test_backup_goes_to_the_backups_folder_by_default_and_never_overwrites(
    cfcoach: Run, tmp_path: Path
) -> None:
    checkin(cfcoach, "first")
    result = cfcoach("backup")
    assert result.returncode == 0
    [made] = (app_paths().data_dir / "backups").iterdir()
    assert str(made) in result.stdout

    target = tmp_path / "taken.sqlite3"
    target.write_text("mine")
    refused = cfcoach("backup", str(target))
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert target.read_text() == "mine"


def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(
    cfcoach: Run, tmp_path: Path
) -> None:
    checkin(cfcoach, "first")
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a database")
    before = app_paths().database.read_bytes()

    for args in (
        ("restore", "--yes", str(junk)),
        ("restore", "--yes", str(tmp_path / "none.sqlite3")),
    ):
        result = cfcoach(*args)
        assert result.returncode == 1
        assert len(result.stderr.strip().splitlines()) == 1
    assert app_paths().database.read_bytes() == before
    assert critics(cfcoach) == ["first"]


def test_restore_asks_first_and_a_pipe_must_say_yes(cfcoach: Run, tmp_path: Path) -> None:
    checkin(cfcoach, "first")
    copy = tmp_path / "copy.sqlite3"
    cfcoach("backup", str(copy))
    result = cfcoach("restore", str(copy))
    assert result.returncode == 2
    assert "--yes" in result.stderr


def test_doctor_makes_an_open_folder_private_and_reports_a_sound_database(cfcoach: Run) -> None:
    checkin(cfcoach, "first")
    data = app_paths().data_dir
    data.chmod(0o755)
    app_paths().database.chmod(0o644)

    result = cfcoach("doctor")

    assert result.returncode == 0, result.stdout
    assert "integrity check passed" in result.stdout
    assert data.stat().st_mode & 0o777 == 0o700
    assert app_paths().database.stat().st_mode & 0o777 == 0o600
    assert "it is now private" in result.stdout


def test_doctor_reports_a_damaged_database(cfcoach: Run) -> None:
    database = app_paths().database
    database.parent.mkdir(parents=True)
    database.write_bytes(b"garbage" * 100)
    result = cfcoach("doctor")
    assert result.returncode == 1
    assert "problem" in result.stdout and "not a cfcoach database" in result.stdout
