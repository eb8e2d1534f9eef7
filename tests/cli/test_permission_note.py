"""Every command that opens the data folder makes it private first and says so on stderr."""

from __future__ import annotations

from pathlib import Path

from cfcoach.paths import app_paths
from tests.cli.conftest import Run

NOTE = (
    "Your cfcoach data folder could be read by other users of this computer; "
    "it is now private to you (was 0755)."
)


def test_an_open_data_folder_is_made_private_with_one_note_on_stderr(
    cfcoach: Run, home: Path
) -> None:
    assert cfcoach("history").returncode == 0  # makes the folders, privately
    data = app_paths().data_dir
    assert data.stat().st_mode & 0o777 == 0o700
    data.chmod(0o755)

    result = cfcoach("history")

    assert result.returncode == 0
    assert result.stderr.strip() == NOTE
    assert NOTE not in result.stdout  # stdout stays clean for pipes
    assert data.stat().st_mode & 0o777 == 0o700
    again = cfcoach("history")
    assert again.stderr == ""  # told once


def test_an_open_database_file_is_named_in_the_note(cfcoach: Run) -> None:
    assert cfcoach("history").returncode == 0
    database = app_paths().database
    database.chmod(0o644)
    result = cfcoach("export", "--format", "json")
    assert result.returncode == 0
    assert "Your cfcoach entries database could be read by other users" in result.stderr
    assert database.stat().st_mode & 0o777 == 0o600
