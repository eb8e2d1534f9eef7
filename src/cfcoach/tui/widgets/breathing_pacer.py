"""A breathing pacer: "Breathe in… / Hold… / Breathe out…" with a bar that grows and shrinks."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from cfcoach.content.models import Breathing

BAR_WIDTH = 30
PHASE_WORDS = {"in": "Breathe in…", "hold": "Hold…", "out": "Breathe out…"}


def breath_phase(breathing: Breathing, elapsed: float) -> tuple[str, float]:
    """The phase ("in", "hold" or "out") at ``elapsed`` seconds, and how full the lungs are (0–1)."""
    cycle = breathing.inhale + breathing.hold + breathing.exhale
    moment = elapsed % cycle
    if moment < breathing.inhale:
        return "in", moment / breathing.inhale
    moment -= breathing.inhale
    if moment < breathing.hold:
        return "hold", 1.0
    moment -= breathing.hold
    return "out", 1.0 - moment / breathing.exhale


class BreathingPacer(Static):
    """Paces the breath; with reduced motion only the words change (no moving bar)."""

    def __init__(self, breathing: Breathing, *, reduced_motion: bool = False) -> None:
        super().__init__(classes="breathing-pacer")
        self.breathing = breathing
        self.reduced_motion = reduced_motion

    def on_mount(self) -> None:
        self.show_moment(0.0)

    def show_moment(self, elapsed: float) -> None:
        phase, fullness = breath_phase(self.breathing, elapsed)
        words = PHASE_WORDS[phase]
        if self.reduced_motion:
            self.update(Content.assemble((words, "bold")))
            return
        filled = round(fullness * BAR_WIDTH)
        bar = Content.assemble(("━" * filled, "bold"), ("─" * (BAR_WIDTH - filled), "dim"))
        self.update(Content.assemble((f"{words:<14}", "bold"), bar))

    def show_at_rest(self) -> None:
        self.update(Content.assemble(("Breathe at your own pace.", "bold")))
