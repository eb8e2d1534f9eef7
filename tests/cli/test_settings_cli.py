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
