"""Focus areas: the vocabulary, the shipped exercises tagged with it, and the settings."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from cfcoach.config import (
    Settings,
    SettingsError,
    load_settings,
    load_settings_with_warning,
    save_settings,
)
from cfcoach.content import load_exercise_file
from cfcoach.focus import (
    FOCUS_AREAS,
    FOCUS_IDS,
    focus_area,
    near_focus_id,
    parse_focus_choice,
    tidy_focus_ids,
)
from cfcoach.paths import AppPaths, app_paths, shipped_content_dir

SHIPPED = [
    load_exercise_file(path)
    for path in sorted((shipped_content_dir() / "exercises").glob("*.y*ml"))
]
AUTHORING = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"


@pytest.fixture
def paths(home: Path) -> AppPaths:
    return app_paths()


# -- the vocabulary -------------------------------------------------------------------------


def test_the_nine_focus_areas_the_issue_names() -> None:
    assert FOCUS_IDS == (
        "chronic-self-criticism",
        "perfectionism",
        "shame",
        "social-anxiety",
        "anger",
        "low-self-worth",
        "relationship-difficulties",
        "low-mood",
        "anxiety",
    )
    for area in FOCUS_AREAS:
        assert area.label == area.label.lower()
        assert area.label.replace(" ", "-") == area.id  # the label reads as the id does
        assert area.title[0].isupper() and area.title[1:] == area.label[1:]
    assert focus_area("shame") is FOCUS_AREAS[2]
    assert focus_area("boredom") is None


@pytest.mark.parametrize(
    ("tag", "near"),
    [
        ("perfectionist", "perfectionism"),
        ("Low_Mood", "low-mood"),
        ("socialanxiety", "social-anxiety"),
        ("relationship-difficulty", "relationship-difficulties"),
        ("perfectionism", None),
        ("soothe", None),
        ("critic", None),
        ("anxious", None),
    ],
)
def test_near_focus_id_catches_misspellings_only(tag: str, near: str | None) -> None:
    assert near_focus_id(tag) == near


def test_parse_focus_choice() -> None:
    assert parse_focus_choice("shame, perfectionism") == ["perfectionism", "shame"]
    assert parse_focus_choice("Low self-worth,low_mood,shame,shame") == [
        "shame",
        "low-self-worth",
        "low-mood",
    ]
    for cleared in ("none", "None", "", " - "):
        assert parse_focus_choice(cleared) == []


@pytest.mark.parametrize("text", ["perfectionist", "shame,boredom", "anger;shame"])
def test_parse_focus_choice_says_what_is_wrong_in_one_sentence(text: str) -> None:
    with pytest.raises(ValueError, match="not a focus area cfcoach knows") as raised:
        parse_focus_choice(text)
    message = str(raised.value)
    assert "chronic-self-criticism" in message and "\n" not in message
    if text == "perfectionist":
        assert "perhaps perfectionism?" in message


def test_tidy_focus_ids_keeps_unknown_ids_and_refuses_nonsense() -> None:
    assert tidy_focus_ids(["future-area", "anxiety", "shame"]) == [
        "shame",
        "anxiety",
        "future-area",
    ]
    for bad in (["!!"], ["x" * 80], [f"area-{n}" for n in range(40)]):
        with pytest.raises(ValueError):
            tidy_focus_ids(bad)


def test_the_focus_module_loads_no_ui_library() -> None:
    code = (
        "import sys, cfcoach.focus, cfcoach.focus.suggest, cfcoach.config; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


# -- the shipped exercises ------------------------------------------------------------------


@pytest.mark.parametrize("focus_id", FOCUS_IDS)
def test_every_focus_area_is_served_by_at_least_two_shipped_exercises(focus_id: str) -> None:
    serving = [exercise.id for exercise in SHIPPED if focus_id in exercise.tags]
    assert len(serving) >= 2, f"only {serving} are tagged {focus_id}"


def test_every_focus_like_tag_is_spelled_as_the_vocabulary_spells_it() -> None:
    misspelled = [
        (exercise.id, tag, near)
        for exercise in SHIPPED
        for tag in exercise.tags
        if (near := near_focus_id(tag)) is not None
    ]
    assert misspelled == []


def test_the_authoring_guide_lists_the_focus_tags() -> None:
    guide = AUTHORING.read_text(encoding="utf-8")
    for focus_id in FOCUS_IDS:
        assert f"`{focus_id}`" in guide


# -- settings -------------------------------------------------------------------------------


def test_focus_areas_round_trip_in_the_vocabulary_order(paths: AppPaths) -> None:
    assert Settings().focus_areas == []
    saved = Settings(focus_areas=["Anxiety", "perfectionism", "anxiety"])
    assert saved.focus_areas == ["perfectionism", "anxiety"]
    save_settings(paths, saved)
    assert load_settings(paths).focus_areas == ["perfectionism", "anxiety"]
    on_disk = json.loads(paths.config_file.read_text(encoding="utf-8"))
    assert on_disk["focus_areas"] == ["perfectionism", "anxiety"]


def test_focus_areas_from_a_newer_version_are_kept_and_do_nothing(paths: AppPaths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.config_file.write_text(json.dumps({"focus_areas": ["loneliness", "shame"]}))
    settings, warning = load_settings_with_warning(paths)
    assert warning is None
    assert settings.focus_areas == ["shame", "loneliness"]
    assert settings.known_focus_areas == ["shame"]
    changed = settings.with_focus_areas(["anger"])
    assert changed.focus_areas == ["anger", "loneliness"]
    assert changed.with_focus_areas([]).known_focus_areas == []


@pytest.mark.parametrize("value", ['"shame"', '["$$$"]', "[1, 2]", '{"a": 1}'])
def test_broken_focus_areas_are_dropped_with_a_warning_keeping_the_rest(
    paths: AppPaths, value: str
) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.config_file.write_text(f'{{"country": "IE", "focus_areas": {value}}}')
    settings, warning = load_settings_with_warning(paths)
    assert settings.country == "IE" and settings.focus_areas == []
    assert warning is not None and "focus_areas" in warning


def test_changing_focus_areas_is_validated() -> None:
    settings = replace(Settings(), focus_areas=["shame", "perfectionism"])
    assert settings.focus_areas == ["perfectionism", "shame"]
    with pytest.raises(SettingsError, match=r"^focus_areas: "):
        replace(settings, focus_areas=["not an id!"])
