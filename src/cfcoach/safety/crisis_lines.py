"""Crisis lines by country: content/safety/crisis-lines.yaml, read and validated.

No line reaches the screen without the address it was confirmed on (``source``) and the
date (``verified_on``): the loader refuses the whole file, with FILE:LINE: messages, if
any line or emergency number lacks them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import ErrorDetails

from cfcoach.config import normalise_country_code
from cfcoach.content.yaml_source import YamlReadError, read_yaml
from cfcoach.paths import shipped_content_dir

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
_EARLIEST = dt.date(2020, 1, 1)


class CrisisLinesError(Exception):
    """crisis-lines.yaml cannot be used; the message names the file, the line and the problem."""


def _check_url(value: str, what: str) -> str:
    if not _URL.match(value):
        raise ValueError(f"{what} must be a web address starting with https:// (got {value!r})")
    return value


def _check_date(value: dt.date) -> dt.date:
    if value < _EARLIEST:
        raise ValueError(f"{value} is too long ago to count as verified; check the line again")
    return value


class _Sourced(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, defer_build=True
    )

    source: str
    """The address where this was confirmed (required: no source, no line)."""
    verified_on: dt.date
    """The date it was confirmed at ``source`` (required)."""
    also_confirmed_on: tuple[str, ...] = ()
    """Further addresses that agree."""
    note: str | None = None
    """What could not be confirmed, or where the confirmation came from, in plain words."""

    @field_validator("source")
    @classmethod
    def _source_is_url(cls, value: str) -> str:
        return _check_url(value, "source")

    @field_validator("also_confirmed_on")
    @classmethod
    def _also_are_urls(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            _check_url(item, "also_confirmed_on")
        return value

    @field_validator("verified_on")
    @classmethod
    def _recent(cls, value: dt.date) -> dt.date:
        return _check_date(value)


class EmergencyNumber(_Sourced):
    """The number for emergency services (ambulance, police) in one country."""

    number: str = Field(min_length=1)
    """The number to dial, as people write it (e.g. ``999``, ``112 or 999``)."""


class CrisisLine(_Sourced):
    """One helpline: how to reach it, when, and where that was confirmed."""

    name: str = Field(min_length=1)
    """The service's name (e.g. ``Samaritans``)."""
    phone: str | None = None
    """The number to call, as the service writes it (e.g. ``116 123``)."""
    text: str | None = None
    """What to send a text message to: a number, or ``WORD to number``."""
    web: str | None = None
    """The service's website (often with online chat)."""
    email: str | None = None
    """An email address, where the service answers email."""
    hours: str | None = None
    """When it is open, in plain words (e.g. ``24 hours a day, every day``)."""
    about: str | None = None
    """One short sentence: cost, languages, who it is for."""
    steps: tuple[str, ...] = ()
    """What to press or expect once through, one short line each (e.g. a phone menu's options)."""

    @field_validator("web")
    @classmethod
    def _web_is_url(cls, value: str | None) -> str | None:
        return None if value is None else _check_url(value, "web")

    @model_validator(mode="after")
    def _reachable(self) -> CrisisLine:
        if not (self.phone or self.text or self.web):
            raise ValueError(f"'{self.name}' needs a phone number, a text number or a web address")
        return self


class Country(BaseModel):
    """The emergency number and crisis lines of one country."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, defer_build=True
    )

    name: str = Field(min_length=1)
    """The country's name as it reads after "in" (e.g. ``the United Kingdom``)."""
    emergency: EmergencyNumber
    """Its emergency number."""
    lines: tuple[CrisisLine, ...] = Field(min_length=1)
    """Its crisis lines, the first one most general."""


class International(_Sourced):
    """What to show for a country with no lines in this file."""

    advice: str = Field(min_length=1)
    """What to do in danger, anywhere (call the local emergency number)."""
    lines: tuple[CrisisLine, ...] = Field(min_length=1)
    """Directories of helplines that cover many countries."""


class CrisisDirectory(BaseModel):
    """The whole of crisis-lines.yaml."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, defer_build=True
    )

    version: int = Field(ge=1, le=1)
    """The format of this file; 1 is the only one so far."""
    countries: dict[str, Country]
    """Countries by ISO 3166 alpha-2 code in capitals (``GB``, not ``UK``)."""
    international: International
    """The fallback for every other country."""

    @field_validator("countries")
    @classmethod
    def _codes(cls, value: dict[str, Country]) -> dict[str, Country]:
        for code in value:
            if not re.fullmatch(r"[A-Z]{2}", code):
                raise ValueError(f"'{code}' is not a two-letter country code in capitals (e.g. GB)")
            if normalise_country_code(code) != code:
                raise ValueError(
                    f"'{code}' is not the two-letter country code; use {normalise_country_code(code)}"
                )
        return value

    @property
    def codes(self) -> tuple[str, ...]:
        """The country codes this file has lines for, sorted."""
        return tuple(sorted(self.countries))

    def all_lines(self) -> list[CrisisLine]:
        """Every line in the file (countries and international)."""
        lines = [line for country in self.countries.values() for line in country.lines]
        return lines + list(self.international.lines)


def shipped_crisis_lines_path() -> Path:
    """content/safety/crisis-lines.yaml as shipped with cfcoach."""
    return shipped_content_dir() / "safety" / "crisis-lines.yaml"


def _message(error: ErrorDetails) -> str:
    location = tuple(error["loc"])
    field = str(location[-1]) if location else ""
    if error["type"] == "missing" and field in ("source", "verified_on"):
        return (
            f"{field} is missing: every crisis line and emergency number needs the address it "
            "was confirmed on (source) and the date (verified_on)"
        )
    return error["msg"]


def parse_crisis_lines(text: str, path: Path) -> CrisisDirectory:
    """Read and validate the text of a crisis-lines file (``path`` is only used in messages)."""
    try:
        data, source = read_yaml(text)
    except YamlReadError as exc:
        raise CrisisLinesError(f"{path}:{exc.line}:{exc.column}: {exc.message}") from exc
    try:
        return CrisisDirectory.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors()[:8]:
            location = tuple(error["loc"])
            line, column = source.locate(location)
            where = ".".join(str(part) for part in location) or "the file"
            problems.append(f"{path}:{line}:{column}: {where}: {_message(error)}")
        raise CrisisLinesError("\n".join(problems)) from exc


def load_crisis_directory(path: Path | None = None) -> CrisisDirectory:
    """Read and validate a crisis-lines file (default: the shipped one)."""
    path = path or shipped_crisis_lines_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CrisisLinesError(f"{path}: the crisis lines cannot be read ({exc})") from exc
    return parse_crisis_lines(text, path)


@functools.cache
def shipped_crisis_directory() -> CrisisDirectory:
    """The shipped crisis lines, read once."""
    return load_crisis_directory()
