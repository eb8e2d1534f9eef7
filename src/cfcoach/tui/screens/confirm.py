"""Ask before doing something that changes what is kept: "Keep it" is the first choice."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cfcoach.tui.widgets.choice_list import ChoiceList

HERE = Path(__file__).parent


class ConfirmScreen(ModalScreen[bool]):
    """A question with two answers; dismisses with ``True`` only for ``yes_label``."""

    CSS_PATH = HERE / "confirm.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "keep", "Keep it")]

    def __init__(self, title: str, message: str, yes_label: str, no_label: str = "Keep it") -> None:
        super().__init__()
        self.question = title
        self.message = message
        self.yes_label = yes_label
        self.no_label = no_label

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False, classes="dialog-title")
            yield Static(self.message, markup=False, classes="dialog-text")
            yield ChoiceList(
                Option(self.no_label, id="no"),
                Option(self.yes_label, id="yes"),
                id="confirm-choices",
            )
            yield Static(
                "↑ ↓ to choose, Enter to go ahead, Escape to keep it.", classes="dialog-hint"
            )

    def on_mount(self) -> None:
        self.query_one(ChoiceList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id == "yes")

    def action_keep(self) -> None:
        self.dismiss(False)
