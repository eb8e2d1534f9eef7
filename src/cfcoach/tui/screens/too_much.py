"""'This is too much right now': the ways to take care of yourself, none of them a dead end."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

HERE = Path(__file__).parent

CHOICES = (
    ("ground", "A short grounding pause"),
    ("skip", "Skip this step"),
    ("stop", "Stop here and keep what I wrote"),
    ("back", "Go back to the step"),
)


class TooMuchScreen(ModalScreen[str]):
    """Offers grounding, skipping, stopping or going back; dismisses with the choice's id."""

    CSS_PATH = HERE / "too_much.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back to the step")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("That's OK. What would help right now?", classes="dialog-title")
            yield OptionList(
                *(Option(label, id=choice) for choice, label in CHOICES), id="too-much-choices"
            )
            yield Static(
                "↑ ↓ to choose, Enter to go ahead, Escape to go back.", classes="dialog-hint"
            )

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 0
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id or "back")

    def action_back(self) -> None:
        self.dismiss("back")
