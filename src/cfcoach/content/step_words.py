"""How a step is put into words, the same in every front-end (the coach and plain mode):
where it is in the exercise, how long a pause lasts, and its breathing rhythm."""

from __future__ import annotations

import math

from cfcoach.content.models import END, Breathing, Exercise, StepBase


def place_words(number: int, total: int, *, surely_last: bool = False) -> str:
    """Where a step is: "Step 4 · about 8 to go".

    ``total`` is the engine's guess at the whole length (the way on can branch on answers
    not given yet), so the steps still to come are said as a guess, and the step's own
    number is never put against a total that may grow ("Step 3 of 16", then "4 of 17").
    ``surely_last``: nothing can come after this step (see :func:`surely_last`).
    """
    to_go = max(0, total - number)
    if to_go == 0:
        return f"Step {number} · {'the last step' if surely_last else 'perhaps the last'}"
    return f"Step {number} · about {'one more' if to_go == 1 else to_go} to go"


def surely_last(exercise: Exercise, step: StepBase) -> bool:
    """True when every way on from ``step`` ends the exercise."""
    return all(branch.goto == END for branch in exercise.branches(step))


def length_in_words(seconds: float) -> str:
    """How long a pause lasts, as said aloud: "45 seconds", "a minute", "1 minute 30 seconds"."""
    whole = max(0, math.ceil(seconds))
    minutes, rest = divmod(whole, 60)
    if not minutes:
        return f"{rest} second{'s' if rest != 1 else ''}"
    said = (
        "a minute"
        if minutes == 1 and not rest
        else f"{minutes} minute{'s' if minutes != 1 else ''}"
    )
    return said + (f" {rest} second{'s' if rest != 1 else ''}" if rest else "")


def rhythm_words(breathing: Breathing) -> str:
    """A breathing rhythm as one sentence: "Breathe in for 4, hold for 1, out for 6 seconds."."""
    parts = [f"in for {breathing.inhale:g}"]
    if breathing.hold:
        parts.append(f"hold for {breathing.hold:g}")
    parts.append(f"out for {breathing.exhale:g} seconds")
    return "Breathe " + ", ".join(parts) + "."
