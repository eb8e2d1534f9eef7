"""The safety screen: calm words, crisis lines for the person's country, their safety plan.

Shown after an answer that suggests the person may be in danger. The answer is already
saved; the screen offers three ways on and never loses anything.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cfcoach.safety.screen import CHOICE_CONTINUE, CHOICE_GROUND, CHOICE_PAUSE, SafetyScreenText

HERE = Path(__file__).parent

CHOICES = (("continue", CHOICE_CONTINUE), ("pause", CHOICE_PAUSE), ("ground", CHOICE_GROUND))


class SafetyScreen(ModalScreen[str]):
    """Dismisses with ``continue``, ``pause`` or ``ground``."""

    CSS_PATH = HERE / "safety.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "choose('continue')", "Continue", show=False),
    ]

    def __init__(self, text: SafetyScreenText) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="safety-dialog"):
            yield Static(self.text.title, classes="dialog-title")
            with VerticalScroll(id="safety-body"):
                yield Static(self.text.acknowledgement, markup=False, classes="dialog-text")
                yield Static(self.text.not_for_crises, markup=False, classes="dialog-text")
                yield Static(self.text.resources, markup=False, id="safety-resources")
                if self.text.plan:
                    yield Static("Your safety plan", classes="dialog-title", id="plan-title")
                    yield Static(self.text.plan, markup=False, id="safety-plan")
            yield OptionList(
                *(Option(label, id=key) for key, label in CHOICES), id="safety-choices"
            )
            yield Static(
                "↑ ↓ to choose, Enter to go ahead; Tab to scroll the help above.",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 0
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id or "continue")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
