"""A calm message in a box: something got in the way, or something changed. Enter closes it."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

HERE = Path(__file__).parent


class NoticeScreen(ModalScreen[None]):
    """A title, one or two plain sentences, and "Enter to go on"."""

    CSS_PATH = HERE / "notice.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "close", "Go on"),
    ]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.notice_title = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.notice_title, markup=False, classes="dialog-title")
            yield Static(self.message, markup=False, classes="dialog-text")
            yield Static("Press Enter to go on.", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
