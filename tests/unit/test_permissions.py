"""Folders 0700 and files 0600, checked at start: what is too open is fixed and told once."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from cfcoach.paths import AppPaths, app_paths
from cfcoach.permissions import PermissionFix, make_private, messages, take_held


@pytest.fixture(autouse=True)
def nothing_held() -> Iterator[None]:
    take_held()
    yield
    take_held()
    logger = logging.getLogger("cfcoach")
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


def made(home: Path) -> AppPaths:
    """Every folder and file cfcoach keeps, made private the way cfcoach makes them."""
    paths = app_paths()
    for folder in (paths.data_dir, paths.config_dir, paths.state_dir):
        folder.mkdir(parents=True, mode=0o700)
        folder.chmod(0o700)
    for file in (
        paths.database,
        paths.database.with_name(paths.database.name + "-wal"),
        paths.database.with_name(paths.database.name + "-shm"),
        paths.config_file,
        paths.log_file,
    ):
        file.write_text("")
        file.chmod(0o600)
    return paths


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_private_folders_and_files_give_nothing_to_say(home: Path) -> None:
    paths = made(home)
    assert make_private(paths) == []
    assert take_held() == []
    assert messages([]) == []


def test_nothing_there_yet_is_nothing_to_fix(home: Path) -> None:
    assert make_private(app_paths()) == []
    assert not app_paths().data_dir.exists()  # checking creates nothing


def test_an_open_data_folder_is_made_private_and_said_in_one_sentence(home: Path) -> None:
    paths = made(home)
    paths.data_dir.chmod(0o755)

    found = make_private(paths)

    assert mode(paths.data_dir) == 0o700
    assert [(fix.kind, fix.was, fix.fixed) for fix in found] == [("data folder", 0o755, True)]
    assert messages(found) == [
        "Your cfcoach data folder could be read by other users of this computer; "
        "it is now private to you (was 0755)."
    ]


def test_every_open_folder_and_file_is_fixed_and_told_together(home: Path) -> None:
    paths = made(home)
    for folder in (paths.data_dir, paths.config_dir, paths.state_dir):
        folder.chmod(0o755)
    opened = [
        paths.database,
        paths.database.with_name(paths.database.name + "-wal"),
        paths.database.with_name(paths.database.name + "-shm"),
        paths.config_file,
        paths.log_file,
    ]
    for file in opened:
        file.chmod(0o644)

    found = make_private(paths)

    assert all(mode(f) == 0o700 for f in (paths.data_dir, paths.config_dir, paths.state_dir))
    assert all(mode(file) == 0o600 for file in opened)
    assert len(found) == 8 and all(fix.fixed for fix in found)
    told = messages(found)
    assert len(told) == 1
    assert told[0].startswith("Some of your cfcoach files (data folder, settings folder, ")
    assert told[0].endswith(
        "could be read by other users of this computer; they are now private to you."
    )
    assert make_private(paths) == []  # told once: the next start finds nothing


def test_group_writable_alone_is_too_open(home: Path) -> None:
    paths = made(home)
    paths.database.chmod(0o620)
    assert [fix.was for fix in make_private(paths)] == [0o620]
    assert mode(paths.database) == 0o600


def test_stricter_than_private_is_left_alone(home: Path) -> None:
    paths = made(home)
    paths.database.chmod(0o400)
    assert make_private(paths) == []
    assert mode(paths.database) == 0o400


def test_fixes_are_held_for_the_front_end_until_taken(home: Path) -> None:
    paths = made(home)
    paths.config_file.chmod(0o644)
    found = make_private(paths)
    assert take_held() == found
    assert take_held() == []


def test_what_cannot_be_changed_is_said_with_what_to_do(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = made(home)
    paths.data_dir.chmod(0o755)

    def refuse(self: Path, mode: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(Path, "chmod", refuse)
    found = make_private(paths)  # never raises: cfcoach carries on
    monkeypatch.undo()

    assert found == [
        PermissionFix(paths.data_dir, "data folder", 0o755, 0o700, False, "Operation not permitted")
    ]
    assert messages(found) == [
        f"Your cfcoach data folder {paths.data_dir} can be read by other users of this computer "
        "and cfcoach could not change that (Operation not permitted); run "
        f"`chmod 700 '{paths.data_dir}'` as its owner to make it private."
    ]


def test_the_log_says_what_changed_without_paths(home: Path) -> None:
    paths = made(home)
    paths.database.chmod(0o644)
    make_private(paths)
    log = paths.log_file.read_text()
    assert "permissions: entries database was 0644, made 0600" in log
    assert str(home) not in log
