"""The safety screen's first words, fitted to what brought it up.

The screen itself (title, "cfcoach is not for crises", the crisis lines, the person's
plan) comes from :func:`cfcoach.safety.screen.safety_screen_text`; only its
acknowledgement changes with the occasion:

- ``words``: something the person wrote in an exercise (the screen's own words);
- ``asked``: "yes" or "sometimes" to the gentle safety question;
- ``safety_plan``: words in their own safety plan. Naming warning signs such as "when I
  think about killing myself" is what a plan asks for, so the screen says so, and still
  shows the lines, calmly, in case those thoughts are here now and not only planned for;
- ``note``: a note for the therapist. A note reaches the therapist only when it is
  exported and shared, so the screen says that, gently, with the lines.

Both front-ends take the words from here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final, Literal

from cfcoach.practice import THERAPIST_NOTE_STEP
from cfcoach.safety.assessment import Level
from cfcoach.safety.screen import SafetyScreenText, safety_screen_text
from cfcoach.safety_plan import SAFETY_PLAN_ID

Occasion = Literal["words", "asked", "safety_plan", "note"]

ASKED: Final = (
    "Thank you for telling me. Thoughts like these can be frightening or exhausting to "
    "carry, and many people have them when things are hard. You don't have to hold them "
    "on your own."
)

SAFETY_PLAN: Final = (
    "You've named something very hard here, which is just what a safety plan asks of you, "
    "and it is saved in your plan. If thoughts like these are with you right now, and not "
    "only something to plan for, the people below are there to listen."
)

NOTE: Final = (
    "A note reaches your therapist only when you export it and share it, so if you need "
    "someone now, please don't wait for them: the people below are there to listen."
)


def occasion_for(exercise_id: str, step_id: str) -> Occasion:
    """The occasion for words given on ``step_id`` of ``exercise_id``."""
    if exercise_id == SAFETY_PLAN_ID:
        return "safety_plan"
    if step_id == THERAPIST_NOTE_STEP:
        return "note"
    return "words"


def screen_text(
    occasion: Occasion, level: Level, country: str | None, plan_text: str | None
) -> SafetyScreenText:
    """The safety screen's words for ``occasion`` (``level`` is the assessment's, if any)."""
    text = safety_screen_text(level if level != "none" else "concern", country, plan_text)
    if occasion == "asked":
        return replace(text, acknowledgement=ASKED)
    if occasion == "safety_plan":
        return replace(text, acknowledgement=SAFETY_PLAN)
    if occasion == "note":
        return replace(text, acknowledgement=f"{text.acknowledgement} {NOTE}")
    return text
