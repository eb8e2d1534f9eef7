"""The help-now text: what to do in danger, and the crisis lines for the person's country.

Shared by `cfcoach help-now` and the TUI's help-now key. Loads no UI and no database.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Protocol

from cfcoach.config import guess_country, load_settings
from cfcoach.paths import AppPaths

DANGER = "If you are in danger right now, call your local emergency number."
CALM = (
    "cfcoach is a self-help practice tool, not crisis care. If things feel too much, "
    "these people are there to listen, day or night. You do not have to be suicidal to call."
)
PREFACE = f"{DANGER}\n{CALM}"


class HasPaths(Protocol):
    """Anything with cfcoach's folders (such as the app context)."""

    @property
    def paths(self) -> AppPaths: ...


def _country_and_origin(
    paths: AppPaths | None, country: str | None, environ: Mapping[str, str]
) -> tuple[str | None, str]:
    if country:
        return country, "as asked"
    if paths is not None:
        configured = load_settings(paths).country
        if configured:
            return configured, "from your settings"
    guessed = guess_country(environ)
    if guessed:
        return guessed, "guessed from your system language"
    return None, ""


def help_now_text(
    context_or_paths: HasPaths | AppPaths | None = None,
    *,
    country: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> str:
    """The whole help-now text: the preface, the crisis lines, how to change the country.

    The country is ``country`` if given, else the one in the settings, else the one in
    the locale (LC_ALL / LC_MESSAGES / LANG); with none, the international directory.
    """
    from cfcoach.safety.crisis_lines import CrisisLinesError
    from cfcoach.safety.resources import emergency_sentence, format_resources, resources_for

    paths: AppPaths | None
    if context_or_paths is None or isinstance(context_or_paths, AppPaths):
        paths = context_or_paths
    else:
        paths = context_or_paths.paths
    code, origin = _country_and_origin(paths, country, os.environ if environ is None else environ)
    try:
        resources = resources_for(code)
    except CrisisLinesError:
        parts = [PREFACE, ""]
        parts.append(
            "The list of crisis lines could not be loaded (cfcoach's files may be damaged). "
            "Please call your local emergency number, or search the web for a crisis line "
            "in your country."
        )
        return "\n".join(parts)
    known = ", ".join(resources.known_codes)
    if resources.is_international:
        # Its advice already says to call the local emergency number: say it once, first.
        parts = [emergency_sentence(resources), CALM, ""]
    else:
        parts = [PREFACE, ""]
    if resources.unknown_request:
        parts.append(
            f"cfcoach has no crisis lines stored for '{resources.requested}' (it has lines for "
            f"{known}), so here is the international directory."
        )
        parts.append("")
    parts.append(format_resources(resources, include_emergency=not resources.is_international))
    parts.append("")
    if resources.is_international:
        if not resources.unknown_request:
            parts.append("No country is set, so these are international.")
        parts.append(f"For a country's own lines: cfcoach help-now --country CC ({known}).")
    else:
        parts.append(f"Showing lines for {resources.name} ({resources.code}), {origin}.")
        parts.append(f"For another country: cfcoach help-now --country CC ({known}).")
    return "\n".join(parts)
