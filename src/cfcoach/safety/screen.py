"""The words of the safety screen, shared by the TUI and the plain front-end.

The screen is calm, not an alarm: it acknowledges what was written, says plainly that
cfcoach is not for crises, shows the crisis lines for the person's country and their own
safety plan, and offers three ways on. Nothing here touches the screen or the store.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from cfcoach.config import guess_country, load_settings
from cfcoach.paths import AppPaths
from cfcoach.safety.assessment import Level
from cfcoach.safety.crisis_lines import CrisisLinesError
from cfcoach.safety.resources import format_resources, resources_for

TITLE = "Let's pause for a moment"

ACKNOWLEDGE: dict[Level, str] = {
    "none": "",
    "concern": (
        "What you just wrote sounds really painful. Thank you for putting it into words; "
        "it is saved, like everything else you write here."
    ),
    "crisis": (
        "What you just wrote sounds like you might be in danger, or thinking about hurting "
        "yourself. Thank you for writing it down; it is saved, like everything else here."
    ),
}

NOT_FOR_CRISES = (
    "cfcoach is a self-help tool for practising between sessions. It can't give you the "
    "help you deserve when things are this hard, but people can: the lines below are free, "
    "and they are there to listen. You don't have to be sure it's 'bad enough' to call."
)

CHOICE_CONTINUE = "I'm safe — continue"
CHOICE_PAUSE = "Pause here (everything is saved)"
CHOICE_GROUND = "A grounding exercise now"

NO_LINES = (
    "The list of crisis lines could not be loaded. Please call your local emergency number, "
    "or search for a crisis line in your country."
)


@dataclass(frozen=True)
class SafetyScreenText:
    """Everything the safety screen says, in order."""

    title: str
    acknowledgement: str
    not_for_crises: str
    resources: str
    plan: str | None

    def as_plain_text(self) -> str:
        """The whole screen as plain text (for the plain front-end)."""
        parts = [self.title, "", self.acknowledgement, "", self.not_for_crises, "", self.resources]
        if self.plan:
            parts += ["", "Your safety plan:", self.plan]
        return "\n".join(parts)


def country_for(paths: AppPaths | None, environ: Mapping[str, str] | None = None) -> str | None:
    """The person's country: from the settings, else guessed from the locale."""
    if paths is not None:
        configured = load_settings(paths).country
        if configured:
            return configured
    return guess_country(os.environ if environ is None else environ)


def resources_text(country: str | None) -> str:
    """The crisis lines (with the emergency number) for ``country``, as plain text."""
    try:
        return format_resources(resources_for(country))
    except CrisisLinesError:
        return NO_LINES


def safety_screen_text(
    level: Level, country: str | None, plan_text: str | None
) -> SafetyScreenText:
    """The safety screen's words for an assessment at ``level``."""
    return SafetyScreenText(
        title=TITLE,
        acknowledgement=ACKNOWLEDGE[level] or ACKNOWLEDGE["concern"],
        not_for_crises=NOT_FOR_CRISES,
        resources=resources_text(country),
        plan=plan_text,
    )
