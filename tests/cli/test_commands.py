"""The shell commands: version, help, content list / validate, export, and their errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pytest

from cfcoach.paths import app_paths
from cfcoach.store import EntryStore
from tests.cli.conftest import Run
from tests.cli.test_plain_mode import CALM_ANSWERS


def imported_modules(home: Path, *args: str) -> set[str]:
    """The modules loaded by running ``cfcoach ARGS`` in-process (in a fresh interpreter)."""
    code = dedent(
        f"""
        import sys
        sys.argv = ["cfcoach", *{list(args)!r}]
        from cfcoach.cli.entry import run
        try:
            run()
        except SystemExit:
            pass
        sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)))
        """
    )
    env = {**os.environ, "CFCOACH_HOME": str(home)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    return set(result.stderr.rsplit("MODULES ", 1)[1].split())


def test_version(cfcoach: Run) -> None:
    result = cfcoach("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == "cfcoach 0.1.0"


@pytest.mark.parametrize(
    "args",
    [("--version",), ("--help",), ("export", "--format", "json"), ("content", "validate")],
)
def test_quick_commands_never_import_textual(home: Path, args: tuple[str, ...]) -> None:
    modules = imported_modules(home, *args)
    assert "cfcoach.cli.entry" in modules  # the probe really ran the command
    assert "textual" not in modules


def test_version_does_not_even_load_typer(home: Path) -> None:
    assert "typer" not in imported_modules(home, "--version")


def test_help_names_every_command_and_says_what_cfcoach_is_not(cfcoach: Run) -> None:
    result = cfcoach("--help")
    assert result.returncode == 0
    for command in ("run", "export", "content"):
        assert command in result.stdout
    assert "not therapy" in result.stdout


def test_no_terminal_means_a_pointer_to_plain_mode(cfcoach: Run) -> None:
    result = cfcoach()
    assert result.returncode == 2
    assert "--plain" in result.stderr
    assert "Traceback" not in result.stderr


def test_content_list_shows_shipped_and_own_exercises(cfcoach: Run, home: Path) -> None:
    own = app_paths().user_exercises
    own.mkdir(parents=True)
    shipped = (
        Path(__file__).parents[2] / "content" / "exercises" / "daily-checkin.yaml"
    ).read_text()
    (own / "mine.yaml").write_text(
        shipped.replace("id: daily-checkin", "id: my-checkin").replace(
            "title: Daily check-in", "title: My check-in"
        )
    )
    (own / "broken.yaml").write_text("id: [\n")

    result = cfcoach("content", "list")

    assert result.returncode == 0
    assert "daily-checkin" in result.stdout
    assert "my-checkin" in result.stdout and "(yours)" in result.stdout
    assert "1 exercise file(s) could not be loaded" in result.stderr


def test_content_validate_all_is_clean(cfcoach: Run) -> None:
    result = cfcoach("content", "validate")
    assert result.returncode == 0, result.stdout
    assert "all valid" in result.stderr


def test_content_validate_reports_file_line_col_per_problem(cfcoach: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        dedent(
            """\
            id: bad-one
            title: Bad
            summary: A broken exercise.
            minutes: 3
            version: 1
            steps:
              - id: first
                kind: info
                title: Hello
                colour: blue
                next: nowhere
            """
        )
    )
    missing = tmp_path / "missing.yaml"

    result = cfcoach("content", "validate", str(bad), str(missing))

    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert f"{bad}:10:5: unknown key 'colour' in steps[0]; remove it or check its spelling" in lines
    assert any(line.startswith(f"{missing}:1:1: ") and "does not exist" in line for line in lines)
    assert "Traceback" not in result.stdout + result.stderr


def test_export_json_leaves_out_private_and_unfinished_entries(cfcoach: Run, home: Path) -> None:
    cfcoach("run", "daily-checkin", "--plain", stdin="\n".join(CALM_ANSWERS) + "\n")
    cfcoach("run", "daily-checkin", "--plain", stdin="\n".join(CALM_ANSWERS) + "\n")
    cfcoach("run", "daily-checkin", "--plain", stdin="unfinished\n")
    with EntryStore(app_paths().database) as store:
        first = next(store.iter_entries())
        store.set_private(first.id or 0, True)

    result = cfcoach("export", "--format", "json")

    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    assert len(data["entries"]) == 1
    assert data["entries"][0]["id"] != first.id
    assert "Exporting 1 entry (2 private or unfinished left out)." in result.stderr

    everything = json.loads(cfcoach("export", "--include-private", "--include-drafts").stdout)
    assert len(everything["entries"]) == 3


def test_export_to_a_file_is_private_and_never_overwrites_without_force(
    cfcoach: Run, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "notes.json"

    first = cfcoach("export", "--output", str(target))
    assert first.returncode == 0
    assert json.loads(target.read_text())["entries"] == []
    assert target.stat().st_mode & 0o777 == 0o600

    target.write_text("keep me")
    again = cfcoach("export", "--output", str(target))
    assert again.returncode == 1
    assert "--force" in again.stderr
    assert target.read_text() == "keep me"

    forced = cfcoach("export", "--output", str(target), "--force")
    assert forced.returncode == 0
    assert json.loads(target.read_text())["schema_version"] == 1
    assert [p.name for p in folder.iterdir()] == ["notes.json"]  # no temp file left behind


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "--format", "docx"), "cannot export as 'docx'"),
        (("export", "--output", "/no/such/folder/x.json"), "does not exist"),
        (("export", "--output", "/tmp"), "is a folder"),
    ],
)
def test_export_mistakes_get_one_clear_sentence(
    cfcoach: Run, args: tuple[str, ...], message: str
) -> None:
    result = cfcoach(*args)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_damaged_database_is_explained_and_left_untouched(cfcoach: Run, home: Path) -> None:
    database = app_paths().database
    database.parent.mkdir(parents=True, mode=0o700)  # private: no permission note as well
    database.write_bytes(b"this is not a database at all" * 10)
    database.chmod(0o600)
    before = database.read_bytes()

    result = cfcoach("export")

    assert result.returncode == 1
    assert "not a cfcoach database" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert database.read_bytes() == before
