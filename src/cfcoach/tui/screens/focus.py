"""What the person would like to work on: tick any focus areas, or none.

Shown once on first run (after the country) and from the home screen with f. The home
screen suggests an exercise or two for the ticked areas; ticking none is fine and means
no suggestions. Nothing is asked again and nothing is counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from cfcoach.content.models import Option as ChoiceOption
from cfcoach.focus import FOCUS_AREAS
from cfcoach.tui.widgets.choice_answer import MultipleChoice
from cfcoach.tui.widgets.key_bar import HELP_NOW_KEY
from cfcoach.tui.widgets.submit import SubmitRequested

HERE = Path(__file__).parent

FIRST_RUN_TEXT = (
    "Tick any that fit, and the home screen will suggest an exercise or two for them. "
    "Not sure yet? That's fine: just press Enter."
)
LATER_TEXT = (
    "Tick any that fit, and the home screen will suggest an exercise or two for them. "
    "With none ticked, it suggests nothing."
)
FIRST_RUN_HINT = (
    "Space ticks or unticks, Enter saves. Change it any time with f on the home screen, "
    "or `cfcoach settings --focus`."
)
LATER_HINT = "Space ticks or unticks, Enter saves, Esc leaves it as it was."


class FocusScreen(ModalScreen[list[str] | None]):
    """Dismisses with the ticked focus ids (maybe none), or ``None`` to keep them as they were."""

    CSS_PATH = HERE / "focus.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "skip", "Not now"),  # first run: nothing chosen yet
        Binding("escape", "keep", "Keep as it is"),
        HELP_NOW_KEY,
    ]

    def __init__(self, chosen: Sequence[str], *, first_run: bool = False) -> None:
        super().__init__()
        self.chosen = list(chosen)
        self.first_run = first_run
        self._answered = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="focus-dialog"):
            yield Static("What would you like to work on?", classes="dialog-title")
            yield Static(FIRST_RUN_TEXT if self.first_run else LATER_TEXT, classes="dialog-text")
            yield MultipleChoice(
                [ChoiceOption(value=area.id, label=area.title) for area in FOCUS_AREAS],
                self.chosen,
                id="focus-areas",
            )
            yield Static(FIRST_RUN_HINT if self.first_run else LATER_HINT, classes="dialog-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(MultipleChoice).focus()

    def on_submit_requested(self, event: SubmitRequested) -> None:
        event.stop()
        self._answer(self.query_one(MultipleChoice).answer_value())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip":
            return self.first_run
        if action == "keep":
            return not self.first_run
        return True

    def action_skip(self) -> None:
        self._answer(None)

    def action_keep(self) -> None:
        self._answer(None)

    def _answer(self, result: list[str] | None) -> None:
        # Keys that arrive while the screen is closing must not answer it twice.
        if not self._answered:
            self._answered = True
            self.dismiss(result)
