"""resources_for(country) and format_resources(...): the same plain text everywhere."""

from __future__ import annotations

import pytest

from cfcoach.safety.crisis_lines import load_crisis_directory
from cfcoach.safety.resources import format_date, format_resources, resources_for

DIRECTORY = load_crisis_directory()


@pytest.mark.parametrize("code", ["GB", "gb", " uk ", "Gb"])
def test_country_codes_are_tidied(code: str) -> None:
    resources = resources_for(code)
    assert resources.code == "GB"
    assert resources.emergency is not None and resources.emergency.number == "999"
    assert resources.lines[0].name == "Samaritans"
    assert not resources.is_international


@pytest.mark.parametrize("code", ["FR", "zz", "France", "123!!", "\x1b[31m"])
def test_unknown_or_malformed_codes_fall_back_to_the_international_directory(code: str) -> None:
    resources = resources_for(code)
    assert resources.is_international
    assert resources.unknown_request
    assert resources.lines == DIRECTORY.international.lines
    assert resources.known_codes == DIRECTORY.codes


def test_no_code_is_international_but_not_unknown() -> None:
    resources = resources_for(None)
    assert resources.is_international and not resources.unknown_request


@pytest.mark.parametrize("code", sorted(DIRECTORY.codes))
def test_each_country_text_has_its_numbers(code: str) -> None:
    resources = resources_for(code)
    text = format_resources(resources)
    assert resources.emergency is not None
    assert resources.emergency.number in text
    for line in resources.lines:
        assert line.name in text
        for way in (line.phone, line.text):
            if way:
                assert way in text
    assert "checked on" in text


def test_international_text_says_to_call_local_emergency_services() -> None:
    text = format_resources(resources_for("FR"))
    assert "local emergency number" in text
    for line in DIRECTORY.international.lines:
        assert line.web and line.web in text


def test_text_is_plain() -> None:
    for code in [*DIRECTORY.codes, "FR"]:
        text = format_resources(resources_for(code))
        assert "\x1b" not in text
        assert "[/" not in text and "[b]" not in text  # no Rich markup
        assert text == text.strip()


def test_emergency_sentence_can_be_left_out() -> None:
    resources = resources_for("AU")
    assert "000" in format_resources(resources)
    assert "Emergency services" not in format_resources(resources, include_emergency=False)


def test_dates_read_the_same_everywhere() -> None:
    import datetime as dt

    assert format_date(dt.date(2026, 11, 26)) == "26 November 2026"


def test_steps_are_shown_on_their_own_lines_after_about() -> None:
    text = format_resources(resources_for("US"))
    rows = text.splitlines()
    about = rows.index("    Free and confidential; also online chat on the website.")
    assert "press 1 for the Veterans Crisis Line" in rows[about + 1]
    assert "2 for Spanish" in rows[about + 1]
    assert rows[about + 2] == "    To text in Spanish, send AYUDA to 988."


@pytest.mark.parametrize(
    ("code", "wanted"),
    [
        ("IE", ["50808", "HELP to 51444", "standard rate"]),
        ("GB", ["SHOUT to 85258", "giveusashout.org", "call 111", "mental health option"]),
        ("AU", ["Beyond Blue", "1300 224 636"]),
        ("IN", ["14416", "choose a language", "calls you back"]),
        ("CA", ["988", "English and French"]),
    ],
)
def test_issue_14_additions_reach_the_text(code: str, wanted: list[str]) -> None:
    text = format_resources(resources_for(code))
    for item in wanted:
        assert item in text, (code, item)
