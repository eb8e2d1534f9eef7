"""Write or change the note for the therapist that goes with an entry."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from cfcoach.tui.widgets.safe_text import SafeTextArea

HERE = Path(__file__).parent


class NoteScreen(ModalScreen[str | None]):
    """Dismisses with the note's new text (empty removes it), or ``None`` to leave it."""

    CSS_PATH = HERE / "note.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save the note", priority=True),
        Binding("escape", "cancel", "Leave it as it was"),
    ]

    def __init__(self, note: str | None, about: str) -> None:
        super().__init__()
        self.note = note or ""
        self.about = about

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("A note for your therapist", classes="dialog-title")
            yield Static(self.about, markup=False, classes="dialog-text")
            area = SafeTextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)
            area.cursor_blink = False
            yield area
            yield Static(
                "Ctrl+S to save (an empty note is removed), Escape to leave it as it was.",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        # Kept whole, however long: an answer can be 100 KB, and so can a note.
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
