"""One entry in full: every answer under the exercise's own labels, the marks and the note."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from cfcoach.insights import shown_steps, value_text
from cfcoach.store import Entry, StoreError
from cfcoach.textsafety import printable
from cfcoach.tui.entry_actions import edit_note, move_to_trash, toggle_private
from cfcoach.tui.entry_text import STATUS_WORDS, day_text, title_of, when_text

if TYPE_CHECKING:
    from cfcoach.tui.app import CoachApp

HERE = Path(__file__).parent


def answers_text(entry: Entry, coach: CoachApp) -> Text:
    """Each answered or skipped step: its label in bold, then the answer (or "skipped")."""
    exercise = coach.context.library.get(entry.exercise_id)
    steps = shown_steps(entry, exercise, include_private_steps=True)
    if not steps:
        return Text("Nothing was written in this one, and that's all right.", style="dim")
    text = Text()
    for index, step in enumerate(steps):
        if index:
            text.append("\n\n")
        text.append(printable(step.label), style="bold")
        text.append("\n")
        if step.skipped:
            text.append("skipped", style="dim italic")
        else:
            text.append(printable(value_text(step)))
    return text


class EntryScreen(Screen[bool]):
    """Dismisses with ``True`` when the entry was changed (a mark, the note, the trash)."""

    CSS_PATH = HERE / "entry_view.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,backspace", "back", "Back"),
        Binding("p", "toggle_private", "Private"),
        Binding("n", "note", "Note"),
        Binding("d,delete", "delete", "Delete"),
    ]

    def __init__(self, entry_id: int) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.entry: Entry | None = None
        self.changed = False

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="entry-body"):
            yield Static("", id="entry-title")
            yield Static("", id="entry-meta")
            yield Static("", id="entry-note", classes="entry-box")
            yield Static("", id="entry-answers", classes="entry-box")
        yield Footer()

    def on_mount(self) -> None:
        self.load()
        self.query_one("#entry-body").focus()

    def load(self) -> None:
        try:
            self.entry = self.coach.entries.get(self.entry_id)
        except StoreError as error:
            self.coach.report_store_error(error, "opening an entry")
            self.entry = None
            return
        entry = self.entry
        self.query_one("#entry-title", Static).update(
            Text(title_of(entry, self.coach.context.library))
        )
        # Its number first: what `cfcoach show` and `cfcoach export --ids` take.
        meta = Text(f"#{entry.id} · ")
        meta.append(when_text(entry.started_at))
        meta.append(f" · {STATUS_WORDS.get(entry.status, entry.status)}")
        if entry.private:
            meta.append(" · private (left out of exports unless you ask)")
        if entry.deleted_at is not None:
            meta.append(f" · in the trash since {day_text(entry.deleted_at)}")
        answers = self.query_one("#entry-answers", Static)
        answers.update(answers_text(entry, self.coach))
        answers.border_title = "What you wrote"
        note = self.query_one("#entry-note", Static)
        note.border_title = "Note for your therapist"
        note.update(Text(printable(entry.therapist_note or "")))
        note.display = bool(entry.therapist_note)
        if not entry.therapist_note:
            meta.append("\nNo note for your therapist yet: n writes one.")
        self.query_one("#entry-meta", Static).update(meta)

    def _changed(self) -> None:
        self.changed = True
        self.load()

    def action_toggle_private(self) -> None:
        if self.entry is not None:
            toggle_private(self.coach, self.entry, self._changed)

    def action_note(self) -> None:
        if self.entry is not None:
            edit_note(self.coach, self.entry, self._changed)

    def action_delete(self) -> None:
        if self.entry is not None and self.entry.deleted_at is None:
            move_to_trash(self.coach, self.entry, self._gone)

    def _gone(self) -> None:
        self.dismiss(True)

    def action_back(self) -> None:
        self.dismiss(self.changed)
