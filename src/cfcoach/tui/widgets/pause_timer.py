"""A calm countdown for pauses: cues one after another, an optional breathing pacer.

It never moves on by itself: when the time is up it says so and waits for the person.
An adjustable pause waits for Space before it begins, and its length (30 s to 5 min) and
breathing rhythm can be changed before or during it.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from time import monotonic
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from cfcoach.content.models import Breathing
from cfcoach.content.step_words import length_in_words
from cfcoach.tui.widgets.breathing_pacer import BreathingPacer
from cfcoach.tui.widgets.keys_in_order import OwnBindingsInOrder

LENGTH_STEP = 30
LENGTH_MIN = 30
LENGTH_MAX = 300
BREATH_LIMITS = {"inhale": (1.0, 15.0), "hold": (0.0, 15.0), "exhale": (1.0, 15.0)}
ADJUST = Binding.Group("Adjust", compact=True)
SETTING_NAMES = {"length": "Length", "inhale": "In", "hold": "Hold", "exhale": "Out"}


def time_left_phrase(seconds: float) -> str:
    """ "45 seconds left", "1:30 left"."""
    return f"{duration_phrase(seconds)} left"


def duration_phrase(seconds: float) -> str:
    """ "45 seconds", "1:30"."""
    whole = max(0, math.ceil(seconds))
    if whole >= 60:
        return f"{whole // 60}:{whole % 60:02d}"
    return f"{whole} second{'s' if whole != 1 else ''}"


def cue_at(cues: Sequence[str], seconds: float, elapsed: float) -> str:
    """The cue to show at ``elapsed``: the cues share the pause evenly, in order."""
    if not cues:
        return ""
    index = int(elapsed / (seconds / len(cues)))
    return cues[min(index, len(cues) - 1)]


def adjusted_length(seconds: float, direction: int) -> int:
    """One 30-second step longer or shorter, on the 30-second grid, within 30 s – 5 min."""
    if direction > 0:
        wanted = (math.floor(seconds / LENGTH_STEP) + 1) * LENGTH_STEP
    else:
        wanted = (math.ceil(seconds / LENGTH_STEP) - 1) * LENGTH_STEP
    return int(min(LENGTH_MAX, max(LENGTH_MIN, wanted)))


def adjusted_breathing(breathing: Breathing, part: str, direction: int) -> Breathing:
    """``breathing`` with one part (inhale, hold or exhale) a second longer or shorter."""
    low, high = BREATH_LIMITS[part]
    now = float(getattr(breathing, part))
    wanted = math.floor(now) + 1 if direction > 0 else math.ceil(now) - 1
    return breathing.model_copy(update={part: min(high, max(low, float(wanted)))})


class PauseTimer(OwnBindingsInOrder, Vertical):
    """Counts down ``seconds``; ``running=False`` keeps it still (tests and snapshots).

    With ``adjustable`` it waits for Space, and ← → choose a setting, + − change it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # Space is named on screen beside the clock; the footer shows the adjusting keys.
        Binding("space", "start_or_pause", "Start or pause", show=False),
        Binding("left,left_square_bracket", "choose(-1)", "Choose", group=ADJUST, key_display="←"),
        Binding("right,right_square_bracket", "choose(1)", "Choose", group=ADJUST, key_display="→"),
        Binding("minus,down", "change(-1)", "Less", group=ADJUST, key_display="−"),
        Binding("plus,equals_sign,up", "change(1)", "More", group=ADJUST, key_display="+"),
    ]

    def __init__(
        self,
        seconds: float,
        *,
        cues: Sequence[str] = (),
        breathing: Breathing | None = None,
        reduced_motion: bool = False,
        running: bool = True,
        adjustable: bool = False,
        finished_text: str = "The time is up. Take as long as you like; press ctrl+n when you're ready.",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="pause-timer")
        self.seconds = seconds
        self.cues = list(cues)
        self.breathing = breathing
        self.reduced_motion = reduced_motion
        self.running = running
        """False keeps the clock still: nothing advances unless show_moment() is called."""
        self.adjustable = adjustable
        self.can_focus = adjustable
        self.finished_text = finished_text
        self.finished = False
        self.started = not adjustable
        """An adjustable pause begins when the person presses Space."""
        self.paused = False
        self.covered = False
        """Another screen is over this one (help, a dialog): the clock waits until it goes."""
        self.settings = ["length"] + (["inhale", "hold", "exhale"] if breathing else [])
        self.chosen = 0
        self._elapsed_before = 0.0  # seconds counted before the latest (re)start
        self._since = 0.0  # monotonic time of the latest (re)start
        self._breath_origin = 0.0  # elapsed time at which the rhythm last changed
        self._shown = 0.0  # the elapsed time on screen
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        if self.breathing is not None:
            yield BreathingPacer(self.breathing, reduced_motion=self.reduced_motion)
        if self.cues:
            yield Static(self.cues[0], markup=False, classes="pause-cue")
        yield Static(self._clock_text(0.0), classes="pause-clock")
        if self.adjustable:
            yield Static(self._settings_content(), classes="pause-settings")

    def on_resize(self) -> None:
        """Keep room for the longest cue, so the clock below stays put as the cues change."""
        if not self.cues:
            return
        cue = self.query_one(".pause-cue", Static)
        width = cue.content_region.width or self.content_region.width
        if width > 0:
            cue.styles.min_height = max(len(textwrap.wrap(c, width)) or 1 for c in self.cues)

    def on_mount(self) -> None:
        # Whatever comes over the pause (F1's help, "too much", a grounding pause, the
        # safety screen or question) stops the clock at once, and it goes on after.
        self.app.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)
        self.covered = self.app.screen is not self.screen
        if self.started:
            self._run()
        elif self.breathing is not None:
            self.query_one(BreathingPacer).show_waiting()

    # -- time --------------------------------------------------------------------------

    def _counting(self) -> bool:
        """True while the time passes: begun, not paused, nothing over it, not yet up."""
        return self.started and not self.paused and not self.covered and not self.finished

    def _screen_changed(self, screen: object) -> None:
        covered = screen is not self.screen
        if covered == self.covered or not self.is_attached:
            return
        if covered:
            if self._counting():
                self._elapsed_before = self.elapsed()
            self.covered = True
            self._halt()
        else:
            self.covered = False
            if self._counting():
                self._run()

    def _run(self) -> None:
        self._since = monotonic()
        if self.covered:
            return  # goes on when what is over it goes
        if self.running and self._timer is None:
            smooth = self.breathing is not None and not self.reduced_motion
            self._timer = self.set_interval(0.2 if smooth else 0.5, self._tick)

    def _halt(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def elapsed(self) -> float:
        """Seconds of the pause that have passed (not counting time paused or before Space)."""
        if not self.started or self.paused or self.covered or not self.running:
            return self._elapsed_before if self.running else self._shown
        return self._elapsed_before + monotonic() - self._since

    def _tick(self) -> None:
        self.show_moment(self.elapsed())

    def show_moment(self, elapsed: float) -> None:
        """Show the pause as it is ``elapsed`` seconds in."""
        if self.finished:
            return
        self._shown = elapsed
        if elapsed >= self.seconds:
            self._finish()
            return
        if not self.started:
            return
        if self.breathing is not None and not self.paused:
            self.query_one(BreathingPacer).show_moment(elapsed - self._breath_origin)
        if self.cues:
            self.query_one(".pause-cue", Static).update(cue_at(self.cues, self.seconds, elapsed))
        self.query_one(".pause-clock", Static).update(self._clock_text(elapsed))

    def _clock_text(self, elapsed: float) -> str:
        if not self.started:
            return (
                f"It lasts {length_in_words(self.seconds)}. Press space to begin when you're ready."
            )
        if self.paused:
            return (
                f"Paused, with {time_left_phrase(self.seconds - elapsed)}. Press space to carry on."
            )
        return time_left_phrase(self.seconds - elapsed)

    def _finish(self) -> None:
        self.finished = True
        self._halt()
        if self.breathing is not None:
            self.query_one(BreathingPacer).show_at_rest()
        clock = self.query_one(".pause-clock", Static)
        clock.update(self.finished_text)
        clock.add_class("-finished")
        self.refresh_bindings()

    # -- adjusting ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.adjustable:
            return False
        if action == "start_or_pause":
            return not self.finished
        if action == "choose":
            return len(self.settings) > 1
        return True

    def action_start_or_pause(self) -> None:
        """Space: begin the pause, or pause and carry on."""
        if self.finished:
            return
        now = self.elapsed()
        if not self.started:
            self.started = True
            self._run()
        elif self.paused:
            self.paused = False
            self._run()
        else:
            self._elapsed_before = now
            self.paused = True
            self._halt()
        self.show_moment(now)

    def action_choose(self, direction: int) -> None:
        self.chosen = (self.chosen + direction) % len(self.settings)
        self._show_settings()

    def action_change(self, direction: int) -> None:
        setting = self.settings[self.chosen]
        elapsed = self.elapsed()
        if setting == "length":
            self.seconds = adjusted_length(self.seconds, direction)
            if self.finished and self.seconds > elapsed:
                self._carry_on_after_finish()
        elif self.breathing is not None:
            self.breathing = adjusted_breathing(self.breathing, setting, direction)
            pacer = self.query_one(BreathingPacer)
            pacer.breathing = self.breathing
            self._breath_origin = elapsed  # the new rhythm starts with a fresh breath in
            if not self.started:
                pacer.show_waiting()
        self._show_settings()
        if self.started:
            self.show_moment(elapsed)
        else:
            self.query_one(".pause-clock", Static).update(self._clock_text(0.0))

    def _carry_on_after_finish(self) -> None:
        """A pause made longer after its time was up goes on counting."""
        self.finished = False
        self.query_one(".pause-clock", Static).remove_class("-finished")
        if not self.paused:
            self._elapsed_before = self._shown
            self._run()
        self.refresh_bindings()

    def _show_settings(self) -> None:
        self.query_one(".pause-settings", Static).update(self._settings_content())

    def setting_value(self, name: str) -> float:
        if name == "length":
            return self.seconds
        assert self.breathing is not None
        return float(getattr(self.breathing, name))

    def _settings_content(self) -> Content:
        parts: list[Content] = []
        for index, name in enumerate(self.settings):
            value = self.setting_value(name)
            shown = duration_phrase(value) if name == "length" else f"{value:g} s"
            text = f" {SETTING_NAMES[name]} {shown} "
            parts.append(Content.styled(text, "reverse bold" if index == self.chosen else ""))
        keys = "← → choose, + − change" if len(self.settings) > 1 else "+ − change the length"
        return Content.assemble(
            Content(" ").join(parts), "\n", Content.styled(keys + ", space starts or pauses", "dim")
        )
