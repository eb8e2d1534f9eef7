"""Settings: defaults, atomic private saving, bad files kept aside, never a crash."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from pathlib import Path

import pytest

from cfcoach.config import (
    Settings,
    SettingsError,
    guess_country,
    load_settings,
    load_settings_with_warning,
    normalise_country_code,
    save_settings,
)
from cfcoach.paths import AppPaths, app_paths


@pytest.fixture
def paths(home: Path) -> AppPaths:
    return app_paths()


def bad_copies(paths: AppPaths) -> list[Path]:
    return sorted(paths.config_dir.glob("config.json.bad-*"))


def write_config(paths: AppPaths, content: str | bytes) -> None:
    paths.config_dir.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    paths.config_file.write_bytes(data)


def test_missing_file_gives_defaults(paths: AppPaths) -> None:
    settings, warning = load_settings_with_warning(paths)
    assert settings == Settings()
    assert settings.country is None and settings.theme == "dark"
    assert settings.reduced_motion is False and settings.first_run_done is False
    assert warning is None
    assert not paths.config_dir.exists()  # loading creates nothing


def test_save_and_load_round_trip(paths: AppPaths) -> None:
    saved = Settings(country="gb", theme="light", reduced_motion=True, first_run_done=True)
    assert saved.country == "GB"
    path = save_settings(paths, saved)
    assert path == paths.config_file
    assert load_settings(paths) == saved
    assert json.loads(path.read_text(encoding="utf-8"))["country"] == "GB"


def test_saved_file_is_private_and_nothing_is_left_behind(paths: AppPaths) -> None:
    save_settings(paths, Settings(country="IE"))
    save_settings(paths, Settings(country="DE"))
    assert stat.S_IMODE(paths.config_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.config_dir.stat().st_mode) == 0o700
    assert [p.name for p in paths.config_dir.iterdir()] == ["config.json"]


def test_invalid_json_gives_defaults_a_warning_and_is_kept(paths: AppPaths) -> None:
    write_config(paths, '{"country": "GB", ')
    settings, warning = load_settings_with_warning(paths)
    assert settings == Settings()
    assert warning is not None and "not valid JSON" in warning and str(paths.config_file) in warning
    assert paths.config_file.read_text(encoding="utf-8") == '{"country": "GB", '  # untouched
    save_settings(paths, Settings(country="US"))
    copies = bad_copies(paths)
    assert len(copies) == 1
    assert copies[0].read_text(encoding="utf-8") == '{"country": "GB", '
    assert load_settings(paths).country == "US"


def test_invalid_values_keep_the_valid_ones(paths: AppPaths) -> None:
    write_config(paths, json.dumps({"country": "Narnia", "theme": "light", "reduced_motion": True}))
    settings, warning = load_settings_with_warning(paths)
    assert settings.country is None
    assert settings.theme == "light" and settings.reduced_motion is True
    assert warning is not None and "country" in warning


@pytest.mark.parametrize(
    "content",
    ["[1, 2]", '"GB"', "null", "", "\x00\xff", '{"theme": ""}', '{"reduced_motion": "maybe"}'],
)
def test_odd_files_never_crash(paths: AppPaths, content: str) -> None:
    write_config(paths, content)
    settings, warning = load_settings_with_warning(paths)
    assert isinstance(settings, Settings)
    assert warning is not None


def test_binary_garbage_never_crashes(paths: AppPaths) -> None:
    write_config(paths, bytes(range(256)))
    assert load_settings(paths) == Settings()


def test_a_huge_file_is_not_read(paths: AppPaths) -> None:
    write_config(paths, '{"theme": "' + "x" * 100_000 + '"}')
    settings, warning = load_settings_with_warning(paths)
    assert settings == Settings() and warning is not None and "larger" in warning


def test_a_folder_in_place_of_the_file(paths: AppPaths) -> None:
    paths.config_file.mkdir(parents=True)
    settings, warning = load_settings_with_warning(paths)
    assert settings == Settings() and warning is not None
    save_settings(paths, Settings(theme="light"))
    assert paths.config_file.is_file()
    assert len(bad_copies(paths)) == 1 and bad_copies(paths)[0].is_dir()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_an_unreadable_file(paths: AppPaths) -> None:
    write_config(paths, '{"country": "GB"}')
    paths.config_file.chmod(0)
    settings, warning = load_settings_with_warning(paths)
    assert settings == Settings() and warning is not None and "cannot be read" in warning


def test_a_file_that_cannot_be_read_is_kept_aside_on_save(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(paths, '{"country": "GB"}')
    real_read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == paths.config_file:
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    settings, warning = load_settings_with_warning(paths)
    assert settings == Settings()
    assert warning is not None and "cannot be read (Permission denied)" in warning
    save_settings(paths, Settings(country="US"))
    monkeypatch.undo()
    assert [p.read_text(encoding="utf-8") for p in bad_copies(paths)] == ['{"country": "GB"}']
    assert load_settings(paths).country == "US"


def test_a_valid_file_is_replaced_without_a_bad_copy(paths: AppPaths) -> None:
    save_settings(paths, Settings(country="GB"))
    save_settings(paths, Settings(country="AU"))
    assert bad_copies(paths) == []


def test_two_bad_files_in_the_same_second_both_kept(paths: AppPaths) -> None:
    write_config(paths, "one")
    save_settings(paths, Settings())
    write_config(paths, "two")
    save_settings(paths, Settings())
    contents = sorted(p.read_text(encoding="utf-8") for p in bad_copies(paths))
    assert contents == ["one", "two"]


def test_settings_from_a_newer_version_are_kept(paths: AppPaths) -> None:
    write_config(paths, json.dumps({"country": "NZ", "future_option": [1, 2]}))
    settings = load_settings(paths)
    assert settings.country == "NZ"
    save_settings(paths, settings)
    assert json.loads(paths.config_file.read_text(encoding="utf-8"))["future_option"] == [1, 2]


def test_a_failed_save_leaves_no_temporary_file_and_the_old_file_whole(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(paths, Settings(country="GB"))

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("cfcoach.config.os.replace", fail)
    with pytest.raises(OSError):
        save_settings(paths, Settings(country="AU"))
    monkeypatch.undo()
    assert [p.name for p in paths.config_dir.iterdir()] == ["config.json"]
    assert load_settings(paths).country == "GB"


def test_a_config_folder_that_is_a_file_raises_os_error(home: Path) -> None:
    paths = app_paths()
    paths.config_dir.parent.mkdir(parents=True, exist_ok=True)
    paths.config_dir.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OSError):
        save_settings(paths, Settings())
    assert load_settings(paths) == Settings()


def test_settings_are_frozen_and_changes_are_validated() -> None:
    settings = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.country = "GB"  # type: ignore[misc]
    changed = dataclasses.replace(settings, country="uk")
    assert changed.country == "GB" and settings.country is None
    with pytest.raises(SettingsError, match=r"^country: 'United Kingdom' is not a two-letter"):
        dataclasses.replace(settings, country="United Kingdom")


@pytest.mark.parametrize(
    ("data", "key"),
    [
        ({"country": 44}, "country"),
        ({"country": "Narnia"}, "country"),
        ({"theme": "  "}, "theme"),
        ({"theme": "x" * 65}, "theme"),
        ({"theme": None}, "theme"),
        ({"reduced_motion": "yes"}, "reduced_motion"),
        ({"reduced_motion": 1}, "reduced_motion"),
        ({"first_run_done": "true"}, "first_run_done"),
        ({"first_run_done": None}, "first_run_done"),
        ({"focus_areas": "shame"}, "focus_areas"),
        ({"focus_areas": ["shame", 3]}, "focus_areas"),
        ({"focus_areas": ["not an id!"]}, "focus_areas"),
    ],
)
def test_a_bad_value_names_its_setting(data: dict[str, object], key: str) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_dict(data)
    assert raised.value.key == key
    assert str(raised.value).startswith(f"{key}: ") and raised.value.reason
    assert "\n" not in str(raised.value)


def test_from_dict_tidies_values_and_keeps_unknown_keys() -> None:
    data = {
        "country": " ie ",
        "theme": " light ",
        "reduced_motion": True,
        "focus_areas": ["Shame", "anger", "loneliness"],
        "future_option": {"nested": [1, 2]},
        "extra": "a newer setting that happens to be called extra",
    }
    settings = Settings.from_dict(data)
    assert settings.country == "IE" and settings.theme == "light"
    assert settings.focus_areas == ["shame", "anger", "loneliness"]
    assert settings.extra == {
        "future_option": {"nested": [1, 2]},
        "extra": "a newer setting that happens to be called extra",
    }
    written = settings.to_dict()
    assert written == {
        "country": "IE",
        "theme": "light",
        "reduced_motion": True,
        "first_run_done": False,
        "focus_areas": ["shame", "anger", "loneliness"],
        "future_option": {"nested": [1, 2]},
        "extra": "a newer setting that happens to be called extra",
    }
    assert Settings.from_dict(written) == settings
    assert dataclasses.replace(settings, theme="dark").extra == settings.extra


def test_unknown_keys_cannot_shadow_known_ones() -> None:
    with pytest.raises(SettingsError, match=r"^theme: "):
        Settings(extra={"theme": "light"})


def test_defaults_are_not_shared_between_settings() -> None:
    first, second = Settings(), Settings()
    first.focus_areas.append("shame")
    assert second.focus_areas == [] and Settings().focus_areas == []
    assert Settings().to_dict() == {
        "country": None,
        "theme": "dark",
        "reduced_motion": False,
        "first_run_done": False,
        "focus_areas": [],
    }


def test_a_yes_for_a_flag_is_dropped_with_a_warning(paths: AppPaths) -> None:
    write_config(paths, json.dumps({"reduced_motion": "yes", "theme": "light", "new": 1}))
    settings, warning = load_settings_with_warning(paths)
    assert settings.reduced_motion is False and settings.theme == "light"
    assert settings.extra == {"new": 1}
    assert warning is not None and "(reduced_motion)" in warning
    save_settings(paths, settings)
    assert [json.loads(p.read_text(encoding="utf-8")) for p in bad_copies(paths)] == [
        {"reduced_motion": "yes", "theme": "light", "new": 1}
    ]
    assert json.loads(paths.config_file.read_text(encoding="utf-8"))["new"] == 1


@pytest.mark.parametrize(
    ("value", "expected"),
    [("gb", "GB"), (" de ", "DE"), ("UK", "GB"), ("uk", "GB"), ("us", "US")],
)
def test_normalise_country_code(value: str, expected: str) -> None:
    assert normalise_country_code(value) == expected


@pytest.mark.parametrize("value", ["", "G", "GBR", "Germany", "1A", "G B"])
def test_normalise_country_code_refuses(value: str) -> None:
    with pytest.raises(ValueError, match="two-letter"):
        normalise_country_code(value)


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "en_GB.UTF-8"}, "GB"),
        ({"LANG": "de_DE"}, "DE"),
        ({"LANG": "fr_CA.utf8"}, "CA"),
        ({"LANG": "sr_RS@latin"}, "RS"),
        ({"LANG": "ast_ES.UTF-8"}, "ES"),
        ({"LANG": "C"}, None),
        ({"LANG": "POSIX"}, None),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "en"}, None),
        ({}, None),
        ({"LC_ALL": "en_IE.UTF-8", "LANG": "en_US.UTF-8"}, "IE"),
        ({"LC_ALL": "", "LC_MESSAGES": "en_NZ.UTF-8", "LANG": "en_US.UTF-8"}, "NZ"),
        ({"LC_ALL": "C", "LANG": "en_GB.UTF-8"}, None),  # LC_ALL wins, even as C
    ],
)
def test_guess_country(environ: dict[str, str], expected: str | None) -> None:
    assert guess_country(environ) == expected
