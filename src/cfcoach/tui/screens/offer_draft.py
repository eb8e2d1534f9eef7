"""Before starting an exercise that has a draft: continue it, or begin afresh?"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cfcoach.content.models import Exercise
from cfcoach.store import Entry
from cfcoach.tui.when_text import started_phrase
from cfcoach.tui.widgets.choice_list import ChoiceList

HERE = Path(__file__).parent


class OfferDraftScreen(ModalScreen[str | None]):
    """Dismisses with "continue", "fresh", or ``None`` (Escape: neither, for now)."""

    CSS_PATH = HERE / "offer_draft.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Not now")]

    def __init__(
        self, exercise: Exercise, draft: Entry, progress: tuple[int, int] | None, now: datetime
    ) -> None:
        super().__init__()
        self.exercise = exercise
        self.draft = draft
        self.progress = progress
        self.now = now

    def compose(self) -> ComposeResult:
        where = f", at step {self.progress[0]} of {self.progress[1]}" if self.progress else ""
        text = (
            f"You started {self.exercise.title} {started_phrase(self.draft.started_at, self.now)}"
            f"{where}. Would you like to carry on from there?"
        )
        with Vertical(classes="dialog"):
            yield Static("Welcome back", classes="dialog-title")
            yield Static(text, markup=False, classes="dialog-text")
            yield ChoiceList(
                Option("Continue where I left off", id="continue"),
                Option("Start afresh (what you wrote before is kept)", id="fresh"),
                id="offer-choices",
            )

    def on_mount(self) -> None:
        self.query_one(ChoiceList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
