"""`cfcoach settings`: the country for crisis lines, theme and motion, saved privately."""

from __future__ import annotations

import json
from pathlib import Path

from cfcoach.paths import app_paths
from tests.cli.conftest import Run


def test_setting_the_country_changes_the_crisis_lines_shown(cfcoach: Run, home: Path) -> None:
    result = cfcoach("settings", "--country", "uk")
    assert result.returncode == 0, result.stderr
    assert "country         GB" in result.stdout
    config = app_paths().config_file
    assert json.loads(config.read_text())["country"] == "GB"
    assert config.stat().st_mode & 0o777 == 0o600

    assert "Samaritans" in cfcoach("help-now", env={"LANG": "C"}).stdout


def test_clearing_the_country_and_changing_motion(cfcoach: Run) -> None:
    cfcoach("settings", "--country", "DE")
    result = cfcoach("settings", "--country", "none", "--reduced-motion")
    assert "not set" in result.stdout
    assert "reduced motion  on" in result.stdout


def test_bad_settings_get_one_clear_sentence_and_change_nothing(cfcoach: Run) -> None:
    cfcoach("settings", "--theme", "light")
    for args in (("--country", "12"), ("--theme", "")):
        result = cfcoach("settings", *args)
        assert result.returncode == 2
        assert len(result.stderr.strip().splitlines()) == 1
        assert "pydantic" not in result.stderr
    assert "theme           light" in cfcoach("settings").stdout


def test_focus_areas_are_set_shown_and_cleared(cfcoach: Run) -> None:
    assert "focus           (none chosen" in cfcoach("settings").stdout
    result = cfcoach("settings", "--focus", "shame, Perfectionism")
    assert result.returncode == 0, result.stderr
    assert "focus           perfectionism, shame" in result.stdout
    assert json.loads(app_paths().config_file.read_text())["focus_areas"] == [
        "perfectionism",
        "shame",
    ]
    assert "focus           perfectionism, shame" in cfcoach("settings").stdout

    cleared = cfcoach("settings", "--focus", "none")
    assert "focus           (none chosen" in cleared.stdout
    assert json.loads(app_paths().config_file.read_text())["focus_areas"] == []


def test_an_unknown_focus_area_gets_one_sentence_and_changes_nothing(cfcoach: Run) -> None:
    cfcoach("settings", "--focus", "anger")
    result = cfcoach("settings", "--focus", "anger,perfectionist")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "'perfectionist' is not a focus area cfcoach knows (perhaps perfectionism?); choose "
        "from chronic-self-criticism, perfectionism, shame, social-anxiety, anger, "
        "low-self-worth, relationship-difficulties, low-mood, anxiety, or none."
    ]
    assert "focus           anger" in cfcoach("settings").stdout


def test_focus_areas_from_a_newer_version_are_kept_by_changes(cfcoach: Run) -> None:
    config = app_paths().config_file
    config.parent.mkdir(parents=True)
    config.write_text(json.dumps({"focus_areas": ["loneliness", "shame"]}))
    shown = cfcoach("settings").stdout
    assert "focus           shame (and 1 from a newer cfcoach, kept)" in shown
    cfcoach("settings", "--focus", "anger")
    assert json.loads(config.read_text())["focus_areas"] == ["anger", "loneliness"]


def test_a_code_that_names_no_country_is_one_sentence_and_never_saved(cfcoach: Run) -> None:
    """Issue 17: `settings --country XX` was saved, as if XX were a country."""
    cfcoach("settings", "--country", "IE")
    for code in ("XX", "en", "QZ"):
        result = cfcoach("settings", "--country", code)
        assert result.returncode == 2
        assert result.stderr.strip() == (
            f"'{code}' is not a country's two-letter code (ISO 3166), so nothing was changed; "
            "use one such as GB, US or DE, or 'none' to clear it."
        )
    assert json.loads(app_paths().config_file.read_text())["country"] == "IE"
    assert "country         IE (Ireland)" in cfcoach("settings").stdout


def test_every_country_with_crisis_lines_is_a_country() -> None:
    from cfcoach.countries import COUNTRIES
    from cfcoach.safety import resources_for

    assert len(COUNTRIES) == 249
    assert set(resources_for(None).known_codes) <= set(COUNTRIES)
