"""The safety screen in plain mode: calm words, crisis lines, the plan, three ways on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cfcoach.practice import Practice
from cfcoach.safety import Assessment
from cfcoach.safety.screen import (
    CHOICE_CONTINUE,
    CHOICE_GROUND,
    CHOICE_PAUSE,
    country_for,
    safety_screen_text,
)
from cfcoach.safety_plan import SAFETY_PLAN_ID, current_plan

if TYPE_CHECKING:
    from cfcoach.cli.plain import PlainRunner


class PausedHere(Exception):
    """The person chose to pause at the safety screen (everything is saved)."""


def show_safety_screen(
    runner: PlainRunner, practice: Practice, step_id: str, assessment: Assessment
) -> None:
    """Show the safety screen after a flagged answer; raise :class:`PausedHere` to pause."""
    plan = current_plan(practice.store, runner.context.library.get(SAFETY_PLAN_ID))
    text = safety_screen_text(
        assessment.level, country_for(runner.context.paths), plan.as_text() if plan else None
    )
    practice.safety_screen_shown(step_id)
    runner.say()
    runner.say("-" * 40)
    runner.say(text.title)
    runner.say()
    runner.para(text.acknowledgement)
    runner.say()
    runner.para(text.not_for_crises)
    runner.say()
    runner.say(text.resources)
    if text.plan:
        runner.say()
        runner.say("Your safety plan:")
        runner.say(text.plan)
    runner.say("-" * 40)
    if not runner.interactive:
        return
    runner.say(f"  1. {CHOICE_CONTINUE}")
    runner.say(f"  2. {CHOICE_PAUSE}")
    runner.say(f"  3. {CHOICE_GROUND}")
    choice = runner.ask("Your choice (a number): ").strip()
    if choice == "2":
        raise PausedHere
    if choice == "3":
        grounding = practice.exercise.grounding
        runner.say()
        runner.para(grounding.text, indent="  ")
        runner.para(f"Take about {grounding.seconds} seconds, or as long as you need.", indent="  ")
        runner.wait("Press Enter when you're ready to go on. ")
