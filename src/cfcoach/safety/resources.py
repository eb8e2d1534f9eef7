"""Which crisis lines to show, and the same plain text for the shell and the TUI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cfcoach.config import normalise_country_code
from cfcoach.datetext import day_text
from cfcoach.safety.crisis_lines import (
    CrisisDirectory,
    CrisisLine,
    EmergencyNumber,
    International,
    shipped_crisis_directory,
)


@dataclass(frozen=True)
class CountryResources:
    """The help to show for one country, or the international directory."""

    requested: str | None
    """The country code asked for, tidied (``uk`` -> ``GB``); None if none was given."""
    code: str | None
    """The country whose lines these are; None when showing the international directory."""
    name: str | None
    """That country's name as it reads after "in" (``the United Kingdom``)."""
    emergency: EmergencyNumber | None
    """Its emergency number (None for the international directory)."""
    lines: tuple[CrisisLine, ...]
    """The lines to show, most general first."""
    international: International
    """The international directory (shown in full when there is no country)."""
    known_codes: tuple[str, ...]
    """Every country code with stored lines, sorted."""

    @property
    def is_international(self) -> bool:
        """True when no country's lines are shown, only the international directory."""
        return self.code is None

    @property
    def unknown_request(self) -> bool:
        """True when a country was asked for that has no stored lines."""
        return self.requested is not None and self.code is None

    @property
    def checked_on(self) -> dt.date:
        """The oldest verification date among what is shown."""
        dates = [line.verified_on for line in self.lines]
        if self.emergency is not None:
            dates.append(self.emergency.verified_on)
        else:
            dates.append(self.international.verified_on)
        return min(dates)


def resources_for(
    country_code: str | None, directory: CrisisDirectory | None = None
) -> CountryResources:
    """The lines for ``country_code`` (ISO 3166 alpha-2, any case; ``UK`` means GB).

    An unknown, malformed or missing code gives the international directory, which says
    to call the local emergency number. Never raises for a bad code.
    """
    directory = directory or shipped_crisis_directory()
    try:
        requested = normalise_country_code(country_code) if country_code else None
    except ValueError:
        requested = (country_code or "").strip().upper()[:12] or None
    country = directory.countries.get(requested) if requested else None
    if country is None:
        return CountryResources(
            requested=requested,
            code=None,
            name=None,
            emergency=None,
            lines=directory.international.lines,
            international=directory.international,
            known_codes=directory.codes,
        )
    return CountryResources(
        requested=requested,
        code=requested,
        name=country.name,
        emergency=country.emergency,
        lines=country.lines,
        international=directory.international,
        known_codes=directory.codes,
    )


def format_date(day: dt.date) -> str:
    """``26 November 2026``: the same in every locale, and never ambiguous."""
    return day_text(day)


def _ways(line: CrisisLine) -> str:
    ways = []
    if line.phone:
        ways.append(f"call {line.phone}")
    if line.text:
        ways.append(f"text {line.text}")
    if not ways and line.web:
        ways.append(line.web)
    return ", or ".join(ways)


def format_line(line: CrisisLine, indent: str = "  ") -> list[str]:
    """One crisis line as plain text lines."""
    head = f"{indent}{line.name}: {_ways(line)}"
    if line.hours:
        head += f" ({line.hours})"
    rows = [head]
    if line.about:
        rows.append(f"{indent}  {line.about}")
    rows.extend(f"{indent}  {step}" for step in line.steps)
    contact = [
        item for item in (line.web if (line.phone or line.text) else None, line.email) if item
    ]
    if contact:
        rows.append(f"{indent}  " + "   ".join(contact))
    return rows


def emergency_sentence(resources: CountryResources) -> str:
    """What to do in danger: the country's emergency number, or the international advice."""
    if resources.emergency is None:
        return resources.international.advice
    return f"Emergency services in {resources.name}: {resources.emergency.number}."


def format_resources(resources: CountryResources, *, include_emergency: bool = True) -> str:
    """The crisis lines as plain text (no markup), for the shell and the TUI alike.

    It begins with :func:`emergency_sentence` unless ``include_emergency`` is False (for a
    caller that has already said it).
    """
    rows: list[str] = []
    if include_emergency:
        rows.append(emergency_sentence(resources))
        rows.append("")
    if resources.is_international:
        rows.append("To find a helpline where you are:")
    else:
        rows.append(f"To talk to someone in {resources.name}:")
    for line in resources.lines:
        rows.extend(format_line(line))
    if not resources.is_international and resources.international.lines:
        directory = resources.international.lines[0]
        rows.append("")
        rows.append(f"Elsewhere: {directory.name}, {directory.web or ''}".rstrip(", "))
    rows.append("")
    rows.append(f"(These details were checked on {format_date(resources.checked_on)}.)")
    return "\n".join(rows)
