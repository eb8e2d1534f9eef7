"""A calm countdown for pauses: cues one after another, an optional breathing pacer.

It never moves on by itself: when the time is up it says so and waits for the person.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from time import monotonic

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Static

from cfcoach.content.models import Breathing
from cfcoach.tui.widgets.breathing_pacer import BreathingPacer


def time_left_phrase(seconds: float) -> str:
    """ "45 seconds left", "1:30 left"."""
    whole = max(0, math.ceil(seconds))
    if whole >= 60:
        return f"{whole // 60}:{whole % 60:02d} left"
    return f"{whole} second{'s' if whole != 1 else ''} left"


def cue_at(cues: Sequence[str], seconds: float, elapsed: float) -> str:
    """The cue to show at ``elapsed``: the cues share the pause evenly, in order."""
    if not cues:
        return ""
    index = int(elapsed / (seconds / len(cues)))
    return cues[min(index, len(cues) - 1)]


class PauseTimer(Vertical):
    """Counts down ``seconds``; ``running=False`` keeps it still (tests and snapshots)."""

    def __init__(
        self,
        seconds: float,
        *,
        cues: Sequence[str] = (),
        breathing: Breathing | None = None,
        reduced_motion: bool = False,
        running: bool = True,
        finished_text: str = "The time is up. Take as long as you like; press ctrl+n when you're ready.",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="pause-timer")
        self.seconds = seconds
        self.cues = list(cues)
        self.breathing = breathing
        self.reduced_motion = reduced_motion
        self.running = running
        self.finished_text = finished_text
        self.finished = False
        self._started = 0.0
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        if self.breathing is not None:
            yield BreathingPacer(self.breathing, reduced_motion=self.reduced_motion)
        if self.cues:
            yield Static(self.cues[0], markup=False, classes="pause-cue")
        yield Static(time_left_phrase(self.seconds), classes="pause-clock")

    def on_mount(self) -> None:
        self._started = monotonic()
        if self.running:
            smooth = self.breathing is not None and not self.reduced_motion
            self._timer = self.set_interval(0.2 if smooth else 0.5, self._tick)

    def _tick(self) -> None:
        self.show_moment(monotonic() - self._started)

    def show_moment(self, elapsed: float) -> None:
        """Show the pause as it is ``elapsed`` seconds in."""
        if self.finished:
            return
        if elapsed >= self.seconds:
            self._finish()
            return
        if self.breathing is not None:
            self.query_one(BreathingPacer).show_moment(elapsed)
        if self.cues:
            self.query_one(".pause-cue", Static).update(cue_at(self.cues, self.seconds, elapsed))
        self.query_one(".pause-clock", Static).update(time_left_phrase(self.seconds - elapsed))

    def _finish(self) -> None:
        self.finished = True
        if self._timer is not None:
            self._timer.stop()
        if self.breathing is not None:
            self.query_one(BreathingPacer).show_at_rest()
        clock = self.query_one(".pause-clock", Static)
        clock.update(self.finished_text)
        clock.add_class("-finished")
