"""Unfinished exercises: continue one where it was left, or discard it (into the trash)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from cfcoach.store import Entry, StoreError
from cfcoach.tui.entry_actions import move_to_trash
from cfcoach.tui.entry_text import one_line, preview, title_of
from cfcoach.tui.when_text import started_phrase

if TYPE_CHECKING:
    from cfcoach.tui.app import CoachApp

HERE = Path(__file__).parent


class DraftsTable(DataTable[Text]):
    """The drafts, a row each; Enter continues the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # DataTable's own Enter is hidden from the footer (and hides the screen's there).
        Binding("enter", "select_cursor", "Continue"),
    ]


class DraftsScreen(Screen[None]):
    """Every draft, the most recently worked on first."""

    CSS_PATH = HERE / "drafts.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("d,delete", "discard", "Discard"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.drafts: dict[int, Entry] = {}

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static("Unfinished", id="drafts-title")
        yield Static(
            "Enter continues the highlighted one where you left it; d discards it "
            "(into the trash, restorable for 30 days).",
            id="drafts-intro",
        )
        yield DraftsTable(id="drafts-table", cursor_type="row")
        yield Static("", id="drafts-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Started", key="started")
        table.add_column("Exercise", key="exercise")
        table.add_column("Where", key="where")
        table.add_column("What you wrote", key="words")
        self.fill()
        table.focus()

    def on_screen_resume(self) -> None:
        self.fill()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        self.drafts.clear()
        try:
            drafts = self.coach.entries.drafts()
        except StoreError as error:
            self.coach.report_store_error(error, "reading unfinished exercises")
            drafts = []
        library = self.coach.context.library
        now = self.coach.context.clock()
        words_width = max(10, self.app.size.width - 62)
        for entry in drafts:
            if entry.id is None:
                continue
            self.drafts[entry.id] = entry
            progress = self.coach.draft_progress(entry)
            where = f"step {progress[0]} of {progress[1]}" if progress else "can't continue"
            words = preview(entry, library)
            table.add_row(
                Text(started_phrase(entry.started_at, now)),
                Text(one_line(title_of(entry, library))[:22]),
                Text(where, style="" if progress else "dim"),
                Text(words if len(words) <= words_width else words[: words_width - 1] + "…"),
                key=str(entry.id),
            )
        empty = self.query_one("#drafts-empty", Static)
        empty.update("Nothing unfinished. Everything you started is complete or stopped.")
        empty.display = not table.row_count
        table.display = bool(table.row_count)

    def highlighted(self) -> Entry | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.drafts.get(int(key)) if key is not None else None

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_continue_draft()

    def action_continue_draft(self) -> None:
        entry = self.highlighted()
        if entry is None:
            return
        coach = self.coach
        coach.pop_screen()  # the runner goes over the home screen, so "home" leads home
        coach.resume_entry(entry)

    def action_discard(self) -> None:
        entry = self.highlighted()
        if entry is not None:
            move_to_trash(self.coach, entry, self.fill)

    def action_back(self) -> None:
        self.app.pop_screen()
