"""The first-run welcome and the country choice, as steps the app takes (no widgets here)."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from cfcoach.config import Settings, guess_country, load_settings, save_settings
from cfcoach.errorlog import log_exception
from cfcoach.tui.screens.welcome import ELSEWHERE, OfferPlanScreen, WelcomeScreen, country_label

if TYPE_CHECKING:
    from cfcoach.tui.app import CoachApp


def known_countries() -> list[tuple[str, str]]:
    """(code, name) for every country with stored crisis lines, by name."""
    from cfcoach.safety.crisis_lines import CrisisLinesError, shipped_crisis_directory

    try:
        directory = shipped_crisis_directory()
    except CrisisLinesError:
        return []
    pairs = [(code, country_label(country.name)) for code, country in directory.countries.items()]
    return sorted(pairs, key=lambda pair: pair[1])


def needs_welcome(app: CoachApp) -> bool:
    return not load_settings(app.context.paths).first_run_done


def choose_country(
    app: CoachApp, *, first_run: bool, then: Callable[[], None] | None = None
) -> None:
    """Show the welcome (first run) or the country choice; save what is chosen."""
    settings = load_settings(app.context.paths)
    current = settings.country or guess_country(os.environ)

    def chosen(choice: str | None) -> None:
        updated: Settings = settings
        if choice is not None:
            updated = settings.model_copy(
                update={"country": None if choice == ELSEWHERE else choice}
            )
        if first_run:
            updated = updated.model_copy(update={"first_run_done": True})
        try:
            save_settings(app.context.paths, Settings.model_validate(updated.model_dump()))
        except OSError as error:
            log_exception("tui: saving settings", error)
            app.notice(
                "Your choice wasn't saved",
                "The settings file could not be written; cfcoach will ask again next time.",
            )
        if first_run:
            app.push_screen(OfferPlanScreen(), plan_chosen)
        elif then is not None:
            then()

    def plan_chosen(now: bool | None) -> None:
        if now:
            app.open_exercise("safety-plan")
        elif then is not None:
            then()

    app.push_screen(WelcomeScreen(known_countries(), current, first_run=first_run), chosen)
