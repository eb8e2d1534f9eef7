"""A breathing pacer: "Breathe in… / Hold… / Breathe out…" with a bar that grows and shrinks.

With reduced motion nothing moves: the words count the seconds of each part of the breath.
"""

from __future__ import annotations

import math

from textual.content import Content
from textual.widgets import Static

from cfcoach.content.models import Breathing
from cfcoach.content.step_words import rhythm_words

BAR_WIDTH = 30
PHASE_WORDS = {"in": "Breathe in…", "hold": "Hold…", "out": "Breathe out…"}


def breath_moment(breathing: Breathing, elapsed: float) -> tuple[str, float, float]:
    """The phase at ``elapsed`` seconds, the seconds spent in it so far, and its length."""
    cycle = breathing.inhale + breathing.hold + breathing.exhale
    moment = elapsed % cycle
    if moment < breathing.inhale:
        return "in", moment, breathing.inhale
    moment -= breathing.inhale
    if moment < breathing.hold:
        return "hold", moment, breathing.hold
    moment -= breathing.hold
    return "out", moment, breathing.exhale


def breath_phase(breathing: Breathing, elapsed: float) -> tuple[str, float]:
    """The phase ("in", "hold" or "out") at ``elapsed`` seconds, and how full the lungs are (0–1)."""
    phase, into, length = breath_moment(breathing, elapsed)
    if phase == "in":
        return phase, into / length
    if phase == "hold":
        return phase, 1.0
    return phase, 1.0 - into / length


def counted_words(breathing: Breathing, elapsed: float) -> str:
    """The phase in words with its seconds counted: "Breathe in… 2 of 4"."""
    phase, into, length = breath_moment(breathing, elapsed)
    whole = max(1, math.ceil(length))
    count = min(whole, math.floor(into) + 1)
    return f"{PHASE_WORDS[phase]} {count} of {whole}"


class BreathingPacer(Static):
    """Paces the breath; with reduced motion only the words change (no moving bar)."""

    def __init__(self, breathing: Breathing, *, reduced_motion: bool = False) -> None:
        super().__init__(classes="breathing-pacer")
        self.breathing = breathing
        self.reduced_motion = reduced_motion

    def on_mount(self) -> None:
        self.show_moment(0.0)

    def show_moment(self, elapsed: float) -> None:
        """Show the breath as it is ``elapsed`` seconds into the rhythm."""
        if self.reduced_motion:
            self.update(Content.assemble((counted_words(self.breathing, elapsed), "bold")))
            return
        phase, fullness = breath_phase(self.breathing, elapsed)
        filled = round(fullness * BAR_WIDTH)
        bar = Content.assemble(("━" * filled, "bold"), ("─" * (BAR_WIDTH - filled), "dim"))
        self.update(Content.assemble((f"{PHASE_WORDS[phase]:<14}", "bold"), bar))

    def show_waiting(self) -> None:
        """Before an adjustable pause begins: the rhythm in words, nothing moving yet."""
        self.update(Content.assemble((rhythm_words(self.breathing), "bold")))

    def show_at_rest(self) -> None:
        self.update(Content.assemble(("Breathe at your own pace.", "bold")))
