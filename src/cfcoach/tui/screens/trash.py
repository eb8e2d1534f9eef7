"""The trash: entries deleted in the last 30 days, each restorable as it was."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from cfcoach.store import StoreError
from cfcoach.store.entries import TRASH_DAYS
from cfcoach.tui.entry_text import day_text, one_line, title_of, when_text

if TYPE_CHECKING:
    from cfcoach.tui.app import CoachApp

HERE = Path(__file__).parent


class TrashScreen(Screen[bool]):
    """Dismisses with ``True`` when something was restored."""

    CSS_PATH = HERE / "trash.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("r", "restore", "Restore"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.restored = False

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static("Trash", id="trash-title")
        yield Static(
            f"Deleted entries stay here for {TRASH_DAYS} days, then they are gone for good. "
            "r restores the highlighted one.",
            id="trash-intro",
        )
        yield DataTable(id="trash-table", cursor_type="row")
        yield Static("", id="trash-empty")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Written", key="when")
        table.add_column("Exercise", key="exercise")
        table.add_column("Deleted", key="deleted")
        table.add_column("Kept until", key="until")
        self.fill()
        table.focus()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        try:
            trashed = self.coach.entries.in_trash()
        except StoreError as error:
            self.coach.report_store_error(error, "reading the trash")
            trashed = []
        library = self.coach.context.library
        for entry in trashed:
            if entry.id is None or entry.deleted_at is None:
                continue
            deleted = entry.deleted_at.astimezone()
            table.add_row(
                Text(when_text(entry.started_at)[4:]),
                Text(one_line(title_of(entry, library))),
                Text(day_text(deleted)),
                Text(day_text(deleted + timedelta(days=TRASH_DAYS))),
                key=str(entry.id),
            )
        empty = self.query_one("#trash-empty", Static)
        empty.update("The trash is empty." if not table.row_count else "")
        empty.display = not table.row_count
        table.display = bool(table.row_count)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_restore()

    def action_restore(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is None:
            return
        try:
            self.coach.entries.restore(int(key))
        except StoreError as error:
            self.coach.report_store_error(error, "restoring an entry")
            return
        self.restored = True
        self.fill()
        self.notify("Restored: it is back in your history.", timeout=4)

    def action_back(self) -> None:
        self.dismiss(self.restored)
