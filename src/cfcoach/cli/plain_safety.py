"""The safety screen in plain mode (calm words, crisis lines, the plan, three ways on),
and the gentle safety question that can lead to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cfcoach.engine import SafetyReply
from cfcoach.practice import Practice
from cfcoach.safety import Assessment
from cfcoach.safety.screen import (
    CHOICE_CONTINUE,
    CHOICE_GROUND,
    CHOICE_PAUSE,
    country_for,
)
from cfcoach.safety_occasions import Occasion, occasion_for, screen_text
from cfcoach.safety_plan import SAFETY_PLAN_ID, current_plan
from cfcoach.safety_question import AFTER_REPLY, QUESTION, REPLIES, TITLE, read_reply

if TYPE_CHECKING:
    from cfcoach.cli.plain import PlainRunner

NOT_SAYING_TAKEN = '(Taken as "I\'d rather not say".)'


class PausedHere(Exception):
    """The person chose to pause at the safety screen (everything is saved)."""


def show_safety_screen(
    runner: PlainRunner,
    practice: Practice,
    step_id: str,
    assessment: Assessment | None,
    occasion: Occasion | None = None,
) -> None:
    """Show the safety screen after a flagged answer (or "yes" to the safety question);
    raise :class:`PausedHere` to pause."""
    plan = current_plan(practice.store, runner.context.library.get(SAFETY_PLAN_ID))
    text = screen_text(
        occasion or occasion_for(practice.exercise.id, step_id),
        assessment.level if assessment is not None else "concern",
        country_for(runner.context.paths),
        plan.as_text() if plan else None,
    )
    runner.saved(lambda: practice.safety_screen_shown(step_id))
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


def ask_safety_question(runner: PlainRunner, practice: Practice, step_id: str) -> None:
    """Ask the gentle safety question once (after an answer the exercise marks); "yes" or
    "sometimes" brings the safety screen, "no" and "I'd rather not say" go on.

    An answer that is not one of the four is asked again in a terminal. In a pipe it is
    taken as "I'd rather not say", and the line is left for the next question, so a
    script written without this question still answers every step as it meant to.
    """
    runner.saved(lambda: practice.ask_about_safety(step_id))
    runner.say()
    runner.say(TITLE)
    runner.para(QUESTION)
    for number, (_, label) in enumerate(REPLIES, start=1):
        runner.say(f"  {number}. {label}")
    reply = _reply(runner)
    if runner.saved(lambda: practice.safety_question_answered(reply)):
        show_safety_screen(runner, practice, step_id, None, occasion="asked")
    else:
        runner.para(AFTER_REPLY[reply])


def _reply(runner: PlainRunner) -> SafetyReply:
    while True:
        line = runner.ask("Your answer (a number, or the words): ")
        reply = read_reply(line)
        if reply is not None:
            return reply
        typed = line.strip()
        if runner.interactive and typed and not typed.startswith("/"):
            runner.para(
                "Please type a number from 1 to 4, or the words: yes, sometimes, no, "
                "or rather not say."
            )
            continue
        if not runner.interactive or typed.startswith("/"):
            # Not an answer to this question: it is kept for the next prompt.
            runner.unread(line)
        runner.say(NOT_SAYING_TAKEN)
        return "rather_not_say"
