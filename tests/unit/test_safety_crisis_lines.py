"""content/safety/crisis-lines.yaml: every line has a source and a verified-on date, and
the loader refuses a file where one does not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from cfcoach.safety.crisis_lines import (
    CrisisLine,
    CrisisLinesError,
    load_crisis_directory,
    shipped_crisis_lines_path,
)

REQUIRED_COUNTRIES = {"US", "CA", "GB", "IE", "AU", "NZ", "IN", "DE"}


def raw_data() -> dict[str, Any]:
    data = YAML(typ="safe").load(shipped_crisis_lines_path().read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def raw_entries() -> list[tuple[str, dict[str, Any]]]:
    """Every line and emergency number in the shipped file, read as plain YAML."""
    data = raw_data()
    entries: list[tuple[str, dict[str, Any]]] = []
    for code, country in data["countries"].items():
        entries.append((f"{code} emergency", country["emergency"]))
        entries += [(f"{code} {line['name']}", line) for line in country["lines"]]
    entries += [(f"international {line['name']}", line) for line in data["international"]["lines"]]
    entries.append(("international advice", data["international"]))
    return entries


def test_shipped_file_loads_with_the_required_countries() -> None:
    directory = load_crisis_directory()
    assert set(directory.codes) >= REQUIRED_COUNTRIES
    assert directory.international.lines


@pytest.mark.parametrize(("label", "entry"), raw_entries())
def test_no_line_lacks_a_source_or_a_verified_on_date(label: str, entry: dict[str, Any]) -> None:
    assert str(entry.get("source", "")).startswith(("https://", "http://")), label
    verified = entry.get("verified_on")
    assert isinstance(verified, dt.date), label
    assert dt.date(2020, 1, 1) <= verified <= dt.date.today(), label


def test_every_line_can_be_reached() -> None:
    for line in load_crisis_directory().all_lines():
        assert line.phone or line.text or line.web, line.name


def lines_of(code: str) -> dict[str, CrisisLine]:
    return {line.name: line for line in load_crisis_directory().countries[code].lines}


def test_issue_14_additions_are_present_and_sourced() -> None:
    ie, gb, au, us, ca, india = (lines_of(c) for c in ("IE", "GB", "AU", "US", "CA", "IN"))
    assert ie["50808"].text == "50808" and "Free" in (ie["50808"].about or "")
    assert "standard rate" in (ie["Pieta"].about or "")
    assert gb["Shout"].source.startswith("https://giveusashout.org/")
    assert gb["Shout"].text == "SHOUT to 85258"
    assert gb["NHS 111 (England)"].phone == "111"
    assert any("mental health option" in step for step in gb["NHS 111 (England)"].steps)
    assert au["Beyond Blue"].phone == "1300 224 636"
    assert au["Beyond Blue"].source.startswith("https://beyondblue.org.au/")
    assert us["988 Suicide & Crisis Lifeline"].source.startswith("https://988lifeline.org/")
    assert ca["9-8-8 Suicide Crisis Helpline"].source.startswith(
        "https://www.newswire.ca/news-releases/government-of-canada-"
    )
    tele_manas = next(iter(india.values()))
    assert any("calls you back" in step for step in tele_manas.steps)
    for line in [*ie.values(), *gb.values(), *au.values(), *us.values(), *ca.values()]:
        assert line.source and line.verified_on, line.name


def test_uk_emergency_number_is_sourced_on_an_nhs_page() -> None:
    emergency = load_crisis_directory().countries["GB"].emergency
    assert emergency.number == "999"
    assert ".nhs.uk/" in emergency.source


def test_steps_must_be_a_list_of_text(tmp_path: Path) -> None:
    text = GOOD.replace(
        "        phone: 116 123\n", "        phone: 116 123\n        steps:\n          - Press 1.\n"
    )
    assert load_crisis_directory(write(tmp_path, text)).countries["GB"].lines[0].steps == (
        "Press 1.",
    )
    bad = GOOD.replace(
        "        phone: 116 123\n", "        phone: 116 123\n        steps: {a: 1}\n"
    )
    with pytest.raises(CrisisLinesError, match="steps"):
        load_crisis_directory(write(tmp_path, bad))


def test_every_country_has_an_emergency_number_and_a_line() -> None:
    for code, country in load_crisis_directory().countries.items():
        assert country.emergency.number, code
        assert country.lines, code


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "crisis-lines.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
version: 1
countries:
  GB:
    name: the United Kingdom
    emergency:
      number: "999"
      source: https://example.org/emergency
      verified_on: 2026-11-26
    lines:
      - name: Samaritans
        phone: 116 123
        source: https://example.org/samaritans
        verified_on: 2026-11-26
international:
  advice: Call your local emergency number.
  source: https://example.org/advice
  verified_on: 2026-11-26
  lines:
    - name: Directory
      web: https://example.org
      source: https://example.org/directory
      verified_on: 2026-11-26
"""


def test_a_good_file_loads(tmp_path: Path) -> None:
    directory = load_crisis_directory(write(tmp_path, GOOD))
    assert directory.countries["GB"].lines[0].phone == "116 123"


def test_a_line_without_source_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace("        source: https://example.org/samaritans\n", "")
    with pytest.raises(CrisisLinesError) as caught:
        load_crisis_directory(write(tmp_path, text))
    message = str(caught.value)
    assert "crisis-lines.yaml:" in message
    assert "countries.GB.lines.0.source" in message
    assert "source is missing" in message


def test_a_line_without_verified_on_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace("        verified_on: 2026-11-26\n", "", 1)
    with pytest.raises(CrisisLinesError, match="verified_on is missing"):
        load_crisis_directory(write(tmp_path, text))


def test_an_emergency_number_without_source_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace("      source: https://example.org/emergency\n", "")
    with pytest.raises(CrisisLinesError, match=r"emergency\.source: source is missing"):
        load_crisis_directory(write(tmp_path, text))


def test_an_international_line_without_source_is_refused(tmp_path: Path) -> None:
    text = GOOD.replace("      source: https://example.org/directory\n", "")
    with pytest.raises(CrisisLinesError, match=r"international\.lines\.0\.source"):
        load_crisis_directory(write(tmp_path, text))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("source: https://example.org/samaritans", "source: somewhere", "web address"),
        ("verified_on: 2026-11-26", "verified_on: yesterday", "verified_on"),
        ("verified_on: 2026-11-26", "verified_on: 2001-01-01", "too long ago"),
        ("        phone: 116 123\n", "", "needs a phone number"),
        ("  GB:\n", "  UK:\n", "use GB"),
        ("  GB:\n", "  gb:\n", "two-letter country code"),
        ("        phone: 116 123\n", "        phone: 116 123\n        fax: 1\n", "fax"),
    ],
)
def test_bad_entries_are_refused_with_a_line_number(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    with pytest.raises(CrisisLinesError, match=message) as caught:
        load_crisis_directory(write(tmp_path, GOOD.replace(old, new, 1)))
    assert "crisis-lines.yaml:" in str(caught.value)


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(CrisisLinesError, match=r"crisis-lines\.yaml:\d+:\d+: YAML syntax"):
        load_crisis_directory(write(tmp_path, GOOD + "  - [unclosed\n"))


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CrisisLinesError, match="cannot be read"):
        load_crisis_directory(tmp_path / "nope.yaml")
