"""The catalogue (what lists show of the exercises) read from the cache alone is the same
as the one the library gives after checking every file, and is refused when it could not be."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cfcoach.content.catalog import read_catalog
from cfcoach.content.library import load_library
from cfcoach.paths import shipped_content_dir

SHIPPED = shipped_content_dir() / "exercises"
OWN = """\
id: {id}
version: 1
title: {title}
summary: A short pause of my own.
minutes: 2
tags: [self-criticism]
steps:
  - id: hello
    kind: info
    title: Hello
    text: Take a breath.
"""


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """(the person's exercise folder with two of their own, one broken and one taking a
    shipped id, and the cache file, filled by loading the library once)."""
    own = tmp_path / "exercises"
    own.mkdir()
    (own / "mine.yaml").write_text(OWN.format(id="my-pause", title="Mine"), encoding="utf-8")
    (own / "again.yaml").write_text(
        OWN.format(id="daily-checkin", title="Mine again"), encoding="utf-8"
    )
    (own / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    cache = tmp_path / "state" / "cache" / "exercises.json"
    load_library(SHIPPED, own, cache=cache)
    return own, cache


def test_the_cached_catalogue_is_the_librarys(folders: tuple[Path, Path]) -> None:
    own, cache = folders
    from_cache = read_catalog(SHIPPED, own, cache)
    library = load_library(SHIPPED, own, cache=cache)
    assert from_cache is not None
    assert from_cache == library.catalog()
    assert [c.id for c in from_cache.sorted()][-1] == "my-pause"  # the person's own come last
    assert from_cache.get("daily-checkin") is not None
    assert from_cache.get("daily-checkin").origin == "shipped"  # type: ignore[union-attr]
    assert {Path(p).name for p in from_cache.problem_files} == {"again.yaml", "broken.yaml"}


@pytest.mark.parametrize("change", ["edited", "added", "no cache"])
def test_a_file_the_cache_has_not_checked_means_no_catalogue(
    folders: tuple[Path, Path], change: str
) -> None:
    own, cache = folders
    if change == "edited":
        (own / "mine.yaml").write_text(OWN.format(id="my-pause", title="Renamed"), "utf-8")
    elif change == "added":
        (own / "new.yaml").write_text(OWN.format(id="new-one", title="New"), "utf-8")
    else:
        cache.unlink()
    assert read_catalog(SHIPPED, own, cache) is None


def test_a_removed_file_leaves_the_catalogue_as_the_library_sees_it(
    folders: tuple[Path, Path],
) -> None:
    own, cache = folders
    (own / "mine.yaml").unlink()
    from_cache = read_catalog(SHIPPED, own, cache)
    assert from_cache is not None and from_cache.get("my-pause") is None
    assert from_cache == load_library(SHIPPED, own, cache=cache).catalog()


def test_a_cached_exercise_of_the_wrong_shape_means_no_catalogue(
    folders: tuple[Path, Path],
) -> None:
    own, cache = folders
    text = cache.read_text(encoding="utf-8")
    assert '"minutes": 2,' in text  # the card of my-pause (the exercise is JSON text)
    cache.write_text(text.replace('"minutes": 2,', '"minutes": "two",'), "utf-8")
    assert read_catalog(SHIPPED, own, cache) is None


def test_a_cached_exercise_without_its_card_means_no_catalogue(
    folders: tuple[Path, Path],
) -> None:
    own, cache = folders
    document = json.loads(cache.read_text(encoding="utf-8"))
    for entry in document["files"].values():
        entry.pop("card")
    cache.write_text(json.dumps(document), "utf-8")
    assert read_catalog(SHIPPED, own, cache) is None


def test_reading_the_catalogue_builds_no_models(folders: tuple[Path, Path]) -> None:
    own, cache = folders
    code = (
        "import sys; from pathlib import Path\n"
        "from cfcoach.content.catalog import read_catalog\n"
        "from cfcoach.paths import shipped_content_dir\n"
        f"found = read_catalog(shipped_content_dir() / 'exercises', Path({str(own)!r}), "
        f"Path({str(cache)!r}))\n"
        "assert found is not None and found.get('my-pause') is not None\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'ruamel')))\n"
        "import cfcoach.content.library\n"  # the positive control: the library does load them
        "print('pydantic' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == ["[]", "True"]
