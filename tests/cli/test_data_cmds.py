"""`cfcoach backup`, `restore` and `doctor`: copies that check out, nothing replaced silently."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from cfcoach.paths import app_paths
from cfcoach.store import EntryStore, new_entry
from tests.cli.conftest import Run
from tests.cli.test_plain_mode import CALM_ANSWERS
from tests.conftest import FIXED_NOW


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


# --- issue 17: restore checks everything first; paths with # in them; partial files ------


def made(path: Path, *words: str) -> Path:
    """A cfcoach database at ``path`` holding one entry per critic in ``words``."""
    with EntryStore(path) as store:
        for critic in words:
            entry = new_entry("daily-checkin", 1, FIXED_NOW)
            store.save(
                replace(
                    entry, answers={"critic": critic}, status="completed", finished_at=FIXED_NOW
                )
            )
    return path


def sql(path: Path, *statements: str) -> None:
    with closing(sqlite3.connect(path)) as connection:
        for statement in statements:
            connection.execute(statement)
        connection.commit()


def refused_alone(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """Refused in one sentence on stderr, with no traceback."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


def test_restore_refuses_another_apps_database_with_an_entries_table_before_touching_anything(
    cfcoach: Run, tmp_path: Path
) -> None:
    made(app_paths().database, "mine")
    before = app_paths().database.read_bytes()
    plain = tmp_path / "other.sqlite3"
    sql(plain, "CREATE TABLE entries (a, b)", "INSERT INTO entries VALUES (1, 2)")
    versioned = tmp_path / "versioned.sqlite3"
    sql(versioned, "CREATE TABLE entries (a, b)", "PRAGMA user_version = 3")

    refused_alone(cfcoach("restore", "--yes", str(plain)), "not a cfcoach backup", "schema version")
    refused_alone(
        cfcoach("restore", "--yes", str(versioned)), "table called 'entries'", "not the one"
    )

    assert app_paths().database.read_bytes() == before
    assert not [p for p in app_paths().data_dir.iterdir() if "before-restore" in p.name]
    assert critics(cfcoach) == ["mine"]
    assert cfcoach("doctor").returncode == 0


def test_restore_refuses_a_backup_holding_a_trigger_cfcoach_does_not_make(
    cfcoach: Run, tmp_path: Path
) -> None:
    made(app_paths().database, "mine")
    crafted = made(tmp_path / "crafted.sqlite3", "theirs")
    sql(
        crafted,
        "CREATE TRIGGER vanish AFTER INSERT ON entries BEGIN DELETE FROM entries WHERE id = NEW.id; END",
    )

    refused_alone(cfcoach("restore", "--yes", str(crafted)), "trigger called 'vanish'")

    checkin(cfcoach, "saved after")
    assert critics(cfcoach) == ["mine", "saved after"]


def test_doctor_finds_a_trigger_cfcoach_does_not_make_in_the_entries_database(
    cfcoach: Run,
) -> None:
    made(app_paths().database, "mine")
    sql(
        app_paths().database,
        "CREATE TRIGGER vanish AFTER INSERT ON entries BEGIN DELETE FROM entries WHERE id = NEW.id; END",
    )
    result = cfcoach("doctor")
    assert result.returncode == 1
    assert "All is well" not in result.stdout
    assert "trigger called 'vanish' that cfcoach does not make" in result.stdout


def test_restore_of_a_cut_short_or_unfinished_backup_says_exactly_that(
    cfcoach: Run, tmp_path: Path
) -> None:
    made(app_paths().database, "mine")
    whole = made(tmp_path / "whole.sqlite3", "theirs")
    cut = tmp_path / "cut.sqlite3"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    unfinished = tmp_path / "unfinished.sqlite3"
    unfinished.write_bytes(whole.read_bytes())
    (tmp_path / "unfinished.sqlite3-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" * 64)
    before = app_paths().database.read_bytes()

    refused_alone(cfcoach("restore", "--yes", str(cut)), "is cut short", "not a whole backup")
    refused_alone(cfcoach("restore", "--yes", str(unfinished)), "was never finished")
    assert app_paths().database.read_bytes() == before


def test_file_names_with_a_hash_are_the_files_used(cfcoach: Run, tmp_path: Path) -> None:
    made(app_paths().database, "mine")
    (tmp_path / "x").write_text("not this one")
    made(tmp_path / "x#y.sqlite3", "from x#y")

    restored = cfcoach("restore", "--yes", str(tmp_path / "x#y.sqlite3"))
    assert restored.returncode == 0, restored.stderr
    assert critics(cfcoach) == ["from x#y"]

    folder = tmp_path / "copies"
    folder.mkdir()
    made_copy = cfcoach("backup", str(folder / "new#1.sqlite3"))
    assert made_copy.returncode == 0, made_copy.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["new#1.sqlite3"]


def test_doctor_checks_the_database_in_a_home_with_a_hash_in_its_name(
    cfcoach: Run, tmp_path: Path
) -> None:
    home = tmp_path / "hh#4"
    made(home / "data" / "entries.sqlite3", "mine")
    result = cfcoach("doctor", env={"CFCOACH_HOME": str(home)})
    assert not (tmp_path / "hh").exists()  # the name cut at "#": another file, made empty
    assert result.returncode == 0, result.stdout
    assert "1 entries, schema and integrity check passed" in result.stdout


def test_restore_and_import_of_a_named_pipe_say_so_at_once(cfcoach: Run, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.sqlite3"
    os.mkfifo(pipe)
    refused_alone(cfcoach("restore", "--yes", str(pipe)), "is a named pipe, not a backup file")
    refused_alone(cfcoach("import", str(pipe)), "is a named pipe, not a file")


def test_a_backup_left_unfinished_by_a_kill_is_removed_by_the_next_backup(
    cfcoach: Run, tmp_path: Path
) -> None:
    made(app_paths().database, "mine")
    finished = subprocess.Popen(["true"])
    finished.wait()  # a cfcoach killed with -9: its process id is no one's now
    left = tmp_path / f".old.sqlite3.{finished.pid}.cfcoach-partial"
    left.write_bytes(b"SQLite format 3\x00half")
    Path(f"{left}-journal").write_bytes(b"journal")
    running = tmp_path / f".busy.sqlite3.{os.getpid()}.cfcoach-partial"
    running.write_bytes(b"being written")

    result = cfcoach("backup", str(tmp_path / "new.sqlite3"))

    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"Removed 1 unfinished backup file(s) a stopped cfcoach left behind ({left.name})."
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [running.name, "new.sqlite3", "cfcoach-home"]
    )


def test_restore_keeps_a_damaged_database_byte_for_byte_and_replaces_it(
    cfcoach: Run, tmp_path: Path
) -> None:
    database = app_paths().database
    database.parent.mkdir(parents=True)
    database.write_bytes(b"garbage" * 1000)
    backup = made(tmp_path / "good.sqlite3", "from the backup")

    result = cfcoach("restore", "--yes", str(backup))

    assert result.returncode == 0, result.stderr
    assert critics(cfcoach) == ["from the backup"]
    [kept] = [p for p in database.parent.iterdir() if ".before-restore-" in p.name]
    assert kept.read_bytes() == b"garbage" * 1000
    assert kept.stat().st_mode & 0o777 == 0o600


def test_a_data_folder_made_read_only_stays_read_only_and_doctor_says_so(cfcoach: Run) -> None:
    database = made(app_paths().database, "mine")
    folder = database.parent
    database.chmod(0o400)
    folder.chmod(0o500)
    try:
        result = cfcoach("doctor")
        modes = (folder.stat().st_mode & 0o777, database.stat().st_mode & 0o777)
    finally:
        folder.chmod(0o700)
        database.chmod(0o600)
    assert modes == (0o500, 0o400)
    assert result.returncode == 1
    assert "All is well" not in result.stdout
    assert f"data folder {folder} is read-only" in result.stdout
    assert f"chmod u+w '{folder}'" in result.stdout


def test_a_data_folder_open_to_others_loses_only_what_others_may_do(cfcoach: Run) -> None:
    database = made(app_paths().database, "mine")
    database.parent.chmod(0o555)
    try:
        cfcoach("doctor")
        mode = database.parent.stat().st_mode & 0o777
    finally:
        database.parent.chmod(0o700)
    assert mode == 0o500
