"""Help now: crisis lines at once, from any screen (the same text as `cfcoach help-now`)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

HERE = Path(__file__).parent


class HelpNowScreen(ModalScreen[None]):
    """Shows the help-now text over whatever was on screen; Escape goes back to it."""

    CSS_PATH = HERE / "help_now.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back"),
        Binding("enter", "close", "Back", show=False),
    ]

    def __init__(self, text: str, plan: str | None = None) -> None:
        super().__init__()
        self.text = text
        self.plan = plan

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help-now-dialog"):
            yield Static("Help now", classes="dialog-title")
            with VerticalScroll(id="help-now-body"):
                yield Static(self.text, markup=False, id="help-now-text")
                if self.plan:
                    yield Static("Your safety plan", classes="dialog-title", id="plan-title")
                    yield Static(self.plan, markup=False, id="help-now-plan")
            yield Static(
                "Escape goes back to where you were; nothing is lost.", classes="dialog-hint"
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-now-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
