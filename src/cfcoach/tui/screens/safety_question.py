"""The gentle safety question, as a small dialog: asked once, directly and calmly.

It follows an answer the exercise marks (a "Hopeless" ticked, say). The words and the
four answers come from :mod:`cfcoach.safety_question`, as in plain mode.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cfcoach.engine import SafetyReply
from cfcoach.safety_question import QUESTION, REPLIES, TITLE

HERE = Path(__file__).parent


class SafetyQuestionScreen(ModalScreen[SafetyReply]):
    """Dismisses with ``yes``, ``sometimes``, ``no`` or ``rather_not_say`` (Escape)."""

    CSS_PATH = HERE / "safety_question.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "rather_not_say", "I'd rather not say"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="safety-question-dialog"):
            yield Static(TITLE, classes="dialog-title")
            yield Static(QUESTION, markup=False, classes="dialog-text")
            yield OptionList(
                *(Option(label, id=reply) for reply, label in REPLIES),
                id="safety-question-choices",
            )
            yield Static(
                "↑ ↓ to choose, Enter to answer, Escape if you'd rather not say.",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 0
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen: SafetyReply = "rather_not_say"
        for reply, _ in REPLIES:
            if reply == event.option_id:
                chosen = reply
        self.dismiss(chosen)

    def action_rather_not_say(self) -> None:
        self.dismiss("rather_not_say")
