"""help-now: crisis lines at once, for the configured, guessed or asked-for country."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import cfcoach.cli.help_now as help_now
from cfcoach.cli.help_now import PREFACE, help_now_text, print_help_now
from cfcoach.config import Settings, save_settings
from cfcoach.context import AppContext
from cfcoach.paths import AppPaths, app_paths
from cfcoach.safety.crisis_lines import CrisisLinesError, load_crisis_directory

KNOWN = ", ".join(load_crisis_directory().codes)
NO_LOCALE: dict[str, str] = {}


@pytest.fixture
def paths(home: Path) -> AppPaths:
    return app_paths()


def test_asked_for_country(paths: AppPaths) -> None:
    text = help_now_text(paths, country="gb", environ=NO_LOCALE)
    assert text.startswith("If you are in danger right now, call your local emergency number.")
    assert "not crisis care" in text
    assert "999" in text and "116 123" in text and "Samaritans" in text
    assert "the United Kingdom (GB), as asked" in text
    assert "cfcoach help-now --country CC" in text


def test_country_from_settings(paths: AppPaths) -> None:
    save_settings(paths, Settings(country="IE"))
    text = help_now_text(paths, environ={"LANG": "en_US.UTF-8"})
    assert "Pieta" in text and "Ireland (IE), from your settings" in text


def test_settings_through_the_app_context(context: AppContext) -> None:
    save_settings(context.paths, Settings(country="AU"))
    text = help_now_text(context, environ=NO_LOCALE)
    assert "13 11 14" in text and "000" in text


def test_country_guessed_from_the_locale(paths: AppPaths) -> None:
    text = help_now_text(paths, environ={"LANG": "en_NZ.UTF-8"})
    assert "1737" in text and "New Zealand (NZ), guessed from your system language" in text


def test_asked_for_country_beats_settings_and_locale(paths: AppPaths) -> None:
    save_settings(paths, Settings(country="IE"))
    text = help_now_text(paths, country="DE", environ={"LANG": "en_US.UTF-8"})
    assert "TelefonSeelsorge" in text and "Pieta" not in text


def test_no_country_anywhere_gives_the_international_directory(paths: AppPaths) -> None:
    text = help_now_text(paths, environ={"LANG": "C.UTF-8"})
    assert text.startswith("If you are in danger right now, call your local emergency number.")
    assert text.count("call your local emergency number") == 1
    assert "findahelpline.com" in text and "befrienders.org" in text
    assert "No country is set" in text
    assert f"({KNOWN})" in text


def test_unknown_country_names_the_known_ones_and_still_helps(paths: AppPaths) -> None:
    text = help_now_text(paths, country="FR", environ=NO_LOCALE)
    notice = [line for line in text.splitlines() if "'FR'" in line]
    assert notice == [
        f"cfcoach has no crisis lines stored for 'FR' (it has lines for {KNOWN}), "
        "so here is the international directory."
    ]
    assert "findahelpline.com" in text and "local emergency number" in text


def test_a_bad_settings_file_does_not_stop_help(paths: AppPaths) -> None:
    paths.config_dir.mkdir(parents=True)
    paths.config_file.write_text("{not json", encoding="utf-8")
    text = help_now_text(paths, environ={"LANG": "en_CA.UTF-8"})
    assert "9-8-8" in text


def test_without_any_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    text = help_now_text(None, environ={"LANG": "de_DE.UTF-8"})
    assert "TelefonSeelsorge" in text


def test_damaged_crisis_lines_still_say_what_to_do(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_code: str | None) -> object:
        raise CrisisLinesError("crisis-lines.yaml:3:1: broken")

    monkeypatch.setattr("cfcoach.safety.resources.resources_for", broken)
    text = help_now_text(paths, country="GB", environ=NO_LOCALE)
    assert text.startswith(PREFACE)
    assert "could not be loaded" in text


def test_print_help_now_prints_and_returns_zero(home: Path) -> None:
    out = io.StringIO()
    assert print_help_now("US", stream=out) == 0
    assert "988" in out.getvalue() and out.getvalue().endswith("\n")


def test_print_help_now_never_raises(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    def explode(*_args: object, **_kwargs: object) -> str:
        raise RuntimeError("something unexpected")

    monkeypatch.setattr(help_now, "help_now_text", explode)
    out = io.StringIO()
    assert print_help_now("GB", stream=out) == 1
    assert out.getvalue() == PREFACE + "\n"


def test_print_help_now_survives_an_ascii_only_terminal(home: Path) -> None:
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    assert print_help_now("DE", stream=out) == 0
    assert b"TelefonSeelsorge" in raw.getvalue()


def test_help_now_loads_no_ui_and_no_database(home: Path) -> None:
    code = (
        "import sys\n"
        "from cfcoach.cli.help_now import print_help_now\n"
        "print_help_now('GB')\n"
        "bad = [m for m in ('textual', 'rich', 'typer', 'sqlite3', 'cfcoach.store') if m in sys.modules]\n"
        "sys.stderr.write(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env={"CFCOACH_HOME": str(home), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert "116 123" in result.stdout
    assert result.stderr == ""


def test_the_help_now_command_prints_lines_for_the_asked_country(home: Path) -> None:
    import os

    result = subprocess.run(
        [sys.executable, "-m", "cfcoach", "help-now", "--country", "ie"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CFCOACH_HOME": str(home)},
    )
    assert result.returncode == 0, result.stderr
    assert "Samaritans" in result.stdout and "116 123" in result.stdout
    assert "Ireland" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("country", "wanted"),
    [
        ("ie", ["50808", "anonymous", "a text costs your standard rate"]),
        ("gb", ["SHOUT to 85258", "NHS 111 (England)", "mental health option"]),
        ("au", ["Beyond Blue", "1300 224 636", "13 11 14"]),
        ("in", ["14416", "recorded menu", "calls you back"]),
        ("us", ["988", "Veterans Crisis Line", "Spanish", "AYUDA"]),
        ("ca", ["9-8-8", "English and French"]),
    ],
)
def test_the_help_now_command_shows_the_issue_14_lines(
    home: Path, country: str, wanted: list[str]
) -> None:
    import os

    result = subprocess.run(
        [sys.executable, "-m", "cfcoach", "help-now", "--country", country],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "CFCOACH_HOME": str(home)},
    )
    assert result.returncode == 0, result.stderr
    for item in wanted:
        assert item in result.stdout, (country, item)
    assert "could not be loaded" not in result.stdout
