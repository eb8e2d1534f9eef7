"""`cfcoach settings`: show or change the country, theme, reduced motion and focus areas."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import typer

from cfcoach.cli.common import context_or_fail, fail
from cfcoach.config import (
    Settings,
    SettingsError,
    load_settings_with_warning,
    normalise_country_code,
    save_settings,
)
from cfcoach.countries import country_name
from cfcoach.focus import parse_focus_choice


def focus_line(settings: Settings) -> str:
    """The focus areas as ``cfcoach settings`` shows them (ids, to type back in)."""
    known = settings.known_focus_areas
    shown = ", ".join(known) if known else "(none chosen: the home screen suggests nothing)"
    others = len(settings.focus_areas) - len(known)
    if others:
        shown += f" (and {others} from a newer cfcoach, kept)"
    return shown


def country_line(code: str | None) -> str:
    """The country as `cfcoach settings` shows it: ``GB (United Kingdom)``."""
    if code is None:
        return "(not set: crisis lines are international)"
    name = country_name(code)
    return f"{code} ({name})" if name else code


def settings(
    country: str | None, theme: str | None, reduced_motion: bool | None, focus: str | None = None
) -> None:
    """Print the settings; with options, change them first (saved atomically, 0600)."""
    context = context_or_fail()
    current, warning = load_settings_with_warning(context.paths)
    if warning:
        typer.echo(warning, err=True)
    changes: dict[str, Any] = {}
    if country is not None:
        if country.strip().lower() in ("", "none", "-"):
            changes["country"] = None
        else:
            from cfcoach.safety import resources_for

            try:
                code = normalise_country_code(country)
            except ValueError:
                fail(f"'{country}' is not a two-letter country code such as GB, US or DE.", 2)
            if country_name(code) is None:
                fail(
                    f"'{country.strip()}' is not a country's two-letter code (ISO 3166), so "
                    "nothing was changed; use one such as GB, US or DE, or 'none' to clear it.",
                    2,
                )
            resources = resources_for(code)
            if resources.unknown_request:
                known = ", ".join(resources.known_codes)
                typer.echo(
                    f"cfcoach has no crisis lines stored for {code} yet ({known} are there); "
                    "it will show the international directory.",
                    err=True,
                )
            changes["country"] = code
    if theme is not None:
        changes["theme"] = theme
    if reduced_motion is not None:
        changes["reduced_motion"] = reduced_motion
    chosen_focus: list[str] | None = None
    if focus is not None:
        try:
            chosen_focus = parse_focus_choice(focus)
        except ValueError as error:
            fail(f"{error}.", 2)
    if changes or chosen_focus is not None:
        try:
            current = replace(current, **changes)
            if chosen_focus is not None:
                current = current.with_focus_areas(chosen_focus)
            path = save_settings(context.paths, current)
        except SettingsError as error:
            fail(f"That setting can't be used: {error.reason}.", 2)
        except OSError as exc:
            fail(f"The settings could not be saved ({exc.strerror}); nothing was changed.")
        typer.echo(f"Saved to {path}", err=True)
    typer.echo(f"country         {country_line(current.country)}")
    typer.echo(f"theme           {current.theme}")
    typer.echo(f"reduced motion  {'on' if current.reduced_motion else 'off'}")
    typer.echo(f"focus           {focus_line(current)}")
