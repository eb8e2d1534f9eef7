"""The first-run welcome, the country and the focus areas, as steps the app takes (no widgets here).

First run: what cfcoach is and is not -> the country -> what you'd like to work on -> a
safety plan now or later. The country (w) and the focus areas (f) can be changed later
from the home screen.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from cfcoach.config import Settings, guess_country, load_settings, save_settings
from cfcoach.errorlog import log_exception

# Kept light: this module is imported on every TUI start for ``needs_welcome``, so the
# screens (the focus screen brings the pydantic content models) and the crisis-line
# directory are imported inside the functions that show them.

if TYPE_CHECKING:
    from cfcoach.tui.app import CoachApp


def known_countries() -> list[tuple[str, str]]:
    """(code, name) for every country with stored crisis lines, by name."""
    from cfcoach.safety.crisis_lines import CrisisLinesError, shipped_crisis_directory
    from cfcoach.tui.screens.welcome import country_label

    try:
        directory = shipped_crisis_directory()
    except CrisisLinesError:
        return []
    pairs = [(code, country_label(country.name)) for code, country in directory.countries.items()]
    return sorted(pairs, key=lambda pair: pair[1])


def needs_welcome(app: CoachApp) -> bool:
    """True until the first-run welcome was seen (reads only the small settings file)."""
    return not load_settings(app.context.paths).first_run_done


ASK_AGAIN = "The settings file could not be written; cfcoach will ask again next time."
NOT_KEPT = "The settings file could not be written, so this choice wasn't kept."


def _save(app: CoachApp, settings: Settings, problem: str = ASK_AGAIN) -> bool:
    """Save ``settings``; on failure, say ``problem`` calmly and return False."""
    try:
        save_settings(app.context.paths, settings)
    except OSError as error:
        log_exception("tui: saving settings", error)
        app.notice("Your choice wasn't saved", problem)
        return False
    return True


def choose_focus(
    app: CoachApp, *, first_run: bool = False, then: Callable[[], None] | None = None
) -> None:
    """Ask what the person would like to work on; save what is ticked (none is fine)."""
    from cfcoach.tui.screens.focus import FocusScreen

    current = load_settings(app.context.paths).known_focus_areas

    def chosen(choice: list[str] | None) -> None:
        if choice is not None:
            # Read again: other settings may have changed while the screen was open.
            settings = load_settings(app.context.paths)
            _save(app, settings.with_focus_areas(choice), NOT_KEPT)
        if then is not None:
            then()

    app.push_screen(FocusScreen(current, first_run=first_run), chosen)


def choose_country(
    app: CoachApp, *, first_run: bool, then: Callable[[], None] | None = None
) -> None:
    """Show the welcome (first run) or the country choice; save what is chosen."""
    from cfcoach.tui.screens.welcome import ELSEWHERE, OfferPlanScreen, WelcomeScreen

    settings = load_settings(app.context.paths)
    current = settings.country or guess_country(os.environ)

    def chosen(choice: str | None) -> None:
        updated: Settings = settings
        if choice is not None:
            updated = replace(settings, country=None if choice == ELSEWHERE else choice)
        if first_run:
            updated = replace(updated, first_run_done=True)
        _save(app, updated)
        if first_run:
            choose_focus(app, first_run=True, then=offer_plan)
        elif then is not None:
            then()

    def offer_plan() -> None:
        app.push_screen(OfferPlanScreen(), plan_chosen)

    def plan_chosen(now: bool | None) -> None:
        if now:
            app.open_exercise("safety-plan")
        elif then is not None:
            then()

    app.push_screen(WelcomeScreen(known_countries(), current, first_run=first_run), chosen)
