"""A short grounding pause over the step: calm words and a countdown; ctrl+n goes back."""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from cfcoach.content.models import Grounding
from cfcoach.tui.widgets import STEPS_TCSS
from cfcoach.tui.widgets.pause_timer import PauseTimer

HERE = Path(__file__).parent


class GroundingScreen(ModalScreen[None]):
    """Shows the exercise's grounding text with a countdown; never moves on by itself."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [HERE / "grounding.tcss", STEPS_TCSS]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "done", "Back to the step", priority=True),
        Binding("escape", "done", "Back to the step", show=False),
    ]

    def __init__(
        self, grounding: Grounding, *, reduced_motion: bool = False, running: bool = True
    ) -> None:
        super().__init__()
        self.grounding = grounding
        self.reduced_motion = reduced_motion
        self.running = running

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("A short grounding pause", classes="dialog-title")
            yield Static(self.grounding.text, markup=False, classes="dialog-text")
            yield PauseTimer(
                self.grounding.seconds,
                reduced_motion=self.reduced_motion,
                running=self.running,
                finished_text="The time is up. Whenever you're ready, press ctrl+n to go back to the step.",
            )
            yield Static(
                "You can go back to the step at any time with ctrl+n.", classes="dialog-hint"
            )
        yield Footer()

    def action_done(self) -> None:
        self.dismiss(None)
