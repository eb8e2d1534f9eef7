"""The exercise cache: as fast as a cache, as correct as reading every file."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from cfcoach.content import library as library_module
from cfcoach.content.library import load_library
from cfcoach.content.library_cache import FORMAT, LibraryCache
from cfcoach.paths import AppPaths, shipped_content_dir

SHIPPED = shipped_content_dir() / "exercises"
OWN = """\
id: my-pause
version: 1
title: {title}
summary: A short pause of my own.
minutes: 2
steps:
  - id: hello
    kind: info
    title: Hello
    text: Take a breath.
"""


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """(the person's exercise folder, the cache file)."""
    own = tmp_path / "exercises"
    own.mkdir()
    return own, tmp_path / "state" / "cache" / "exercises.json"


def titles(own: Path, cache: Path) -> dict[str, str]:
    found = load_library(SHIPPED, own, cache=cache)
    return {key: f.exercise.title for key, f in found.exercises.items()}


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    parsed: list[Path] = []
    real = library_module.load_exercise_file  # type: ignore[attr-defined]

    def counting(path: Path):  # type: ignore[no-untyped-def]
        parsed.append(path)
        return real(path)

    monkeypatch.setattr(library_module, "load_exercise_file", counting)
    return parsed


def test_a_cached_library_equals_a_freshly_read_one(folders: tuple[Path, Path]) -> None:
    own, cache = folders
    (own / "mine.yaml").write_text(OWN.format(title="Mine"), encoding="utf-8")
    (own / "broken.yaml").write_text("id: [\n", encoding="utf-8")
    fresh = load_library(SHIPPED, own)
    first = load_library(SHIPPED, own, cache=cache)
    assert cache.exists()
    second = load_library(SHIPPED, own, cache=cache)
    for found in (first, second):
        assert found.exercises == fresh.exercises
        assert found.problems == fresh.problems
    assert fresh.problems  # the broken file is reported from the cache too


def test_the_second_load_parses_nothing(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    own, cache = folders
    load_library(SHIPPED, own, cache=cache)
    parsed = count_parses(monkeypatch)
    load_library(SHIPPED, own, cache=cache)
    assert parsed == []


def test_new_changed_and_removed_files_are_noticed(folders: tuple[Path, Path]) -> None:
    own, cache = folders
    assert "my-pause" not in titles(own, cache)
    mine = own / "mine.yaml"
    mine.write_text(OWN.format(title="First"), encoding="utf-8")
    assert titles(own, cache)["my-pause"] == "First"
    # Same size and the same modification time: only the bytes say it changed.
    before = mine.stat()
    mine.write_text(OWN.format(title="Other"), encoding="utf-8")
    os.utime(mine, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert titles(own, cache)["my-pause"] == "Other"
    mine.unlink()
    assert "my-pause" not in titles(own, cache)
    assert str(mine) not in json.loads(cache.read_text(encoding="utf-8"))["files"]


def test_a_file_fixed_after_a_problem_is_loaded(folders: tuple[Path, Path]) -> None:
    own, cache = folders
    mine = own / "mine.yaml"
    mine.write_text("title: no id\n", encoding="utf-8")
    assert load_library(SHIPPED, own, cache=cache).problems
    mine.write_text(OWN.format(title="Fixed"), encoding="utf-8")
    found = load_library(SHIPPED, own, cache=cache)
    assert found.problems == []
    assert found.exercises["my-pause"].exercise.title == "Fixed"


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"\xff\xfe", b"[]", b'{"format": 1}', b'{"format": 999, "files": {}}'],
)
def test_a_broken_cache_is_ignored_and_replaced(folders: tuple[Path, Path], content: bytes) -> None:
    own, cache = folders
    cache.parent.mkdir(parents=True)
    cache.write_bytes(content)
    assert titles(own, cache) == titles(own, None)  # type: ignore[arg-type]
    assert json.loads(cache.read_text(encoding="utf-8"))["format"] == FORMAT


def test_a_cache_with_wrong_entries_is_ignored(folders: tuple[Path, Path]) -> None:
    own, cache = folders
    (own / "mine.yaml").write_text(OWN.format(title="Mine"), encoding="utf-8")
    load_library(SHIPPED, own, cache=cache)
    document = json.loads(cache.read_text(encoding="utf-8"))
    for entry in document["files"].values():
        entry["exercise"] = '{"id": "not an exercise"}' if entry["exercise"] else None
    cache.write_text(json.dumps(document), encoding="utf-8")
    assert titles(own, cache) == titles(own, None)  # type: ignore[arg-type]


def test_a_cache_from_another_version_is_not_used(
    folders: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    own, cache = folders
    load_library(SHIPPED, own, cache=cache)
    document = json.loads(cache.read_text(encoding="utf-8"))
    document["stamp"] = document["stamp"].replace("cfcoach=", "cfcoach=0.0.0-old-")
    cache.write_text(json.dumps(document), encoding="utf-8")
    parsed = count_parses(monkeypatch)
    load_library(SHIPPED, own, cache=cache)
    assert len(parsed) == len(list(SHIPPED.glob("*.yaml")))


def test_the_cache_is_private(folders: tuple[Path, Path]) -> None:
    own, cache = folders
    load_library(SHIPPED, own, cache=cache)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    assert [p.name for p in cache.parent.iterdir()] == ["exercises.json"]  # no temporary left


def test_an_unwritable_cache_folder_only_means_no_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would go", encoding="utf-8")
    found = load_library(SHIPPED, None, cache=blocked / "cache" / "exercises.json")
    assert found.exercises.keys() == load_library(SHIPPED, None).exercises.keys()


def test_an_unchanged_library_does_not_rewrite_the_cache(folders: tuple[Path, Path]) -> None:
    own, cache = folders
    load_library(SHIPPED, own, cache=cache)
    before = cache.stat().st_mtime_ns
    cache.chmod(0o400)  # a rewrite would replace the file (and so its mode)
    load_library(SHIPPED, own, cache=cache)
    assert cache.stat().st_mtime_ns == before
    assert stat.S_IMODE(cache.stat().st_mode) == 0o400


def test_the_shipped_exercises_read_back_equal(tmp_path: Path) -> None:
    cache = LibraryCache.open(tmp_path / "c.json")
    for found in load_library(SHIPPED, None).exercises.values():
        cache.remember_exercise(found.path, "digest", found.exercise)
        assert cache.exercise(found.path, "digest") == found.exercise
        assert cache.exercise(found.path, "other digest") is None


def test_the_app_context_uses_a_cache_in_the_state_folder(tmp_path: Path) -> None:
    from cfcoach.context import AppContext

    paths = AppPaths(tmp_path / "data", tmp_path / "config", tmp_path / "state")
    shutil.rmtree(tmp_path / "state", ignore_errors=True)
    context = AppContext(paths=paths)
    assert context.library.exercises
    assert context.library_cache.is_file()
    assert context.library_cache.is_relative_to(paths.state_dir)
