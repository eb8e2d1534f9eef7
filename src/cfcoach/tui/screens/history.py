"""History: every entry, newest first, found by words, exercise or days, a page at a time.

The table holds only the pages read so far (a hundred rows each); the next page is read
when the cursor or the scroll comes near the end, so 10,000 entries open as fast as 10.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Static

from cfcoach.store import Entry, StoreError
from cfcoach.store.entries import EntryQuery
from cfcoach.store.history import Cursor, HistoryItem, search_terms
from cfcoach.tui.entry_actions import edit_note, move_to_trash, toggle_private
from cfcoach.tui.entry_text import (
    day_text,
    marks,
    one_line,
    preview,
    snippet_text,
    title_of,
    when_text,
)
from cfcoach.tui.screens.entry_view import EntryScreen
from cfcoach.tui.screens.history_filter import FilterScreen, HistoryFilter
from cfcoach.tui.screens.trash import TrashScreen
from cfcoach.tui.widgets.safe_text import SafeInput

if TYPE_CHECKING:
    from cfcoach.tui.app import CoachApp

HERE = Path(__file__).parent
PAGE = 100
"""Rows read at a time."""
NEAR_END = 20
"""Read the next page when the cursor comes this close to the last row read."""
SEARCH_DELAY = 0.3
"""Seconds after the last key before a search runs (Enter runs it at once)."""
WHEN_WIDTH = 17
TITLE_WIDTH = 18
ID_WIDTH = 2
"""The least room for an entry's number (`cfcoach show 7`, `export --ids 7`); the column
widens to the longest number read."""


class HistoryTable(DataTable[Text]):
    """The entries table; says when it is scrolled near its end (to read the next page)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # DataTable's own Enter is hidden from the footer; this one says what it does.
        Binding("enter", "select_cursor", "Open"),
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last read", show=False),
    ]

    class NearEnd(Message):
        """The table is scrolled close to its last row."""

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.row_count and new_value + 2 * self.size.height >= self.row_count:
            self.post_message(self.NearEnd())


class HistoryScreen(Screen[None]):
    """Entries newest first; search, filter, open, mark private, note, delete, the trash."""

    CSS_PATH = HERE / "history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("slash", "search", "Search"),
        Binding("f", "filter", "Filter"),
        Binding("p", "toggle_private", "Private"),
        Binding("n", "note", "Note"),
        Binding("d,delete", "delete", "Delete"),
        Binding("t", "trash", "Trash"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.history_filter = HistoryFilter()
        self.search_text = ""
        self.total = 0
        self.entries: dict[int, Entry] = {}
        """The entries in the table, by id."""
        self.snippets: dict[int, str | None] = {}
        """The words around each entry's search match (while searching)."""
        self._next: Cursor | None = None
        self._search_timer: Timer | None = None
        self._slash_pending = False
        self._width = 0
        self._id_width = ID_WIDTH

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static("History", id="history-title")
        yield SafeInput(
            placeholder="Search what you wrote ( / )", id="history-search", compact=True
        )
        yield HistoryTable(id="history-table", cursor_type="row", zebra_stripes=False)
        yield Static("", id="history-status")
        yield Footer(compact=True)  # closed up, so every key fits in 80 columns

    def on_mount(self) -> None:
        self._width = self.app.size.width
        self._make_columns()
        self.reload()
        self.table.focus()

    @property
    def table(self) -> HistoryTable:
        return self.query_one(HistoryTable)

    # -- reading -------------------------------------------------------------------------

    def entry_query(self) -> EntryQuery:
        chosen = self.history_filter
        return EntryQuery(
            since=chosen.since,
            until=chosen.until,
            exercise_ids=(chosen.exercise_id,) if chosen.exercise_id else (),
            include_private=True,
        )

    def reload(self, keep: int | None = None) -> None:
        """Read the first page again (after a search, a filter, or a change elsewhere)."""
        table = self.table
        table.clear()
        self.entries.clear()
        self.snippets.clear()
        self._next = None
        search = self.search_text if search_terms(self.search_text) else None
        try:
            self.total = self.coach.entries.history_count(self.entry_query(), search=search)
            page = self.coach.entries.history(self.entry_query(), search=search, limit=PAGE)
        except StoreError as error:
            self.total = 0
            self._show_status()
            self.coach.report_store_error(error, "reading history")
            return
        longest = max((len(str(item.entry.id)) for item in page.items), default=ID_WIDTH)
        if longest > self._id_width:  # no rows yet: make the columns again, with room for it
            self._id_width = longest
            table.clear(columns=True)
            self._make_columns()
        self._add(page.items)
        self._next = page.next
        self._show_status()
        if keep is not None:
            while keep not in self.entries and self._next is not None and self._load_more():
                pass
            if keep in self.entries:
                table.move_cursor(row=table.get_row_index(str(keep)), animate=False)

    def _load_more(self) -> bool:
        """Add the next page to the table; ``False`` when there is none (or it failed)."""
        if self._next is None:
            return False
        search = self.search_text if search_terms(self.search_text) else None
        try:
            page = self.coach.entries.history(
                self.entry_query(), search=search, after=self._next, limit=PAGE
            )
        except StoreError as error:
            self._next = None
            self.coach.report_store_error(error, "reading more history")
            return False
        self._add(page.items)
        self._next = page.next
        return True

    def _add(self, items: tuple[HistoryItem, ...]) -> None:
        table = self.table
        for item in items:
            entry = item.entry
            if entry.id is None:
                continue
            self.entries[entry.id] = entry
            self.snippets[entry.id] = item.snippet
            number = Text(str(entry.id), style="dim", justify="right")
            table.add_row(number, *self._cells(entry, item.snippet), key=str(entry.id))

    def _cells(self, entry: Entry, snippet: str | None) -> tuple[Text, Text, Text]:
        library = self.coach.context.library
        title = title_of(entry, library)
        if len(title) > self._title_width:
            title = title[: self._title_width - 1] + "…"
        words = Text(no_wrap=True, overflow="ellipsis")
        found = marks(entry)
        if found:
            words.append(f"{found}  ", style="italic")
        if snippet:
            words.append_text(snippet_text(snippet))
        else:
            words.append(preview(entry, library)[: self._words_width * 2])
        words.truncate(self._words_width, overflow="ellipsis")
        return (Text(when_text(entry.started_at)[4:]), Text(one_line(title)), words)

    # -- the table's shape ----------------------------------------------------------------

    @property
    def _title_width(self) -> int:
        return TITLE_WIDTH if self._width >= 70 else 12

    @property
    def _words_width(self) -> int:
        # Each column's padding (2), the margins (2) and the scroll bar (2) take 12 more.
        return max(10, self._width - self._id_width - WHEN_WIDTH - self._title_width - 12)

    def _make_columns(self) -> None:
        table = self.table
        # The number `cfcoach show` and `export --ids` take; no width, so a longer number
        # on a later page widens the column rather than being cut.
        table.add_column(Text("#", justify="right"), key="id")
        table.add_column("When", width=WHEN_WIDTH, key="when")
        table.add_column("Exercise", width=self._title_width, key="exercise")
        table.add_column("What you wrote", width=self._words_width, key="words")

    def on_resize(self, event: Resize) -> None:
        if event.size.width == self._width:
            return
        self._width = event.size.width
        keep = self.highlighted_id()
        self.table.clear(columns=True)
        self._make_columns()
        self.reload(keep=keep)

    def _show_status(self) -> None:
        status = self.query_one("#history-status", Static)
        status.update(self.status_text())

    def status_text(self) -> Text:
        """ "1,204 entries with “lazy” · Daily check-in · 1 Mar – 31 Mar 2026"."""
        count = f"{self.total:,} entr{'y' if self.total == 1 else 'ies'}"
        words = search_terms(self.search_text)
        parts = [count + (f" with “{one_line(self.search_text)}”" if words else "")]
        chosen = self.history_filter
        if chosen.exercise_id:
            exercise = self.coach.context.library.get(chosen.exercise_id)
            parts.append(exercise.title if exercise else chosen.exercise_id)
        if chosen.since or chosen.until:
            first = day_text(chosen.since) if chosen.since else "the start"
            last = day_text(chosen.until) if chosen.until else "today"
            parts.append(f"{first} – {last}")
        text = Text(" · ".join(parts))
        if self.total == 0:
            if words or chosen.active:
                text.append(" · nothing here: try fewer words, or f to widen the filter.", "dim")
            else:
                text.append(" · your check-ins will appear here.", "dim")
        else:
            text.append(" · newest first", "dim")
        return text

    # -- finding -------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._slash_pending:
            self._slash_pending = False
            if event.value.endswith("/") and event.value[:-1] == self.search_text:
                # In some terminals the "/" that opened the search arrives in it too.
                event.input.value = event.value[:-1]
                return
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, lambda: self._run_search(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._search_timer is not None:
            self._search_timer.stop()
        self._run_search(event.value)
        self.table.focus()

    def _run_search(self, text: str) -> None:
        if text == self.search_text:
            return
        self.search_text = text
        self.reload()

    def action_search(self) -> None:
        box = self.query_one(Input)
        if not box.has_focus:
            self._slash_pending = True
            box.focus()

    def action_filter(self) -> None:
        library = self.coach.context.library
        offered = {found.exercise.id: found.exercise.title for found in library.sorted()}
        try:
            for exercise_id in sorted(self.coach.entries.exercise_ids()):
                offered.setdefault(exercise_id, exercise_id)
        except StoreError:
            pass
        choices = [(title, exercise_id) for exercise_id, title in offered.items()]

        def chosen(result: HistoryFilter | None) -> None:
            if result is not None and result != self.history_filter:
                self.history_filter = result
                self.reload()

        today = self.coach.context.clock().astimezone().date()
        self.app.push_screen(FilterScreen(self.history_filter, choices, today), chosen)

    # -- acting on the highlighted entry ----------------------------------------------------

    def highlighted_id(self) -> int | None:
        table = self.table
        if not table.row_count:
            return None
        row_key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
        return int(row_key.value) if row_key.value is not None else None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= self.table.row_count - NEAR_END:
            self._load_more()

    def on_history_table_near_end(self, event: HistoryTable.NearEnd) -> None:
        event.stop()
        table = self.table
        # Rows are one line each; the table's own sizes lag behind rows just added.
        if table.scroll_y + 2 * table.size.height >= table.row_count:
            self._load_more()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.open_entry(int(event.row_key.value))

    def open_entry(self, entry_id: int) -> None:
        def closed(changed: bool | None) -> None:
            if changed:
                self.refresh_entry(entry_id)

        self.app.push_screen(EntryScreen(entry_id), closed)

    def refresh_entry(self, entry_id: int) -> None:
        """Show an entry's row as it is now (gone from the table when it went to the trash)."""
        try:
            entry = self.coach.entries.get(entry_id)
        except StoreError:
            entry = None
        if entry is None or entry.deleted_at is not None:
            self._remove_row(entry_id)
            return
        self.entries[entry_id] = entry
        if str(entry_id) in self.table.rows:
            for column, cell in zip(
                ("when", "exercise", "words"),
                self._cells(entry, self.snippets.get(entry_id)),
                strict=True,
            ):
                self.table.update_cell(str(entry_id), column, cell)

    def _remove_row(self, entry_id: int) -> None:
        if str(entry_id) in self.table.rows:
            self.table.remove_row(str(entry_id))
            self.total = max(0, self.total - 1)
            self._show_status()
        self.entries.pop(entry_id, None)

    def action_toggle_private(self) -> None:
        entry_id = self.highlighted_id()
        if entry_id is not None:
            toggle_private(self.coach, self.entries[entry_id], lambda: self.refresh_entry(entry_id))

    def action_note(self) -> None:
        entry_id = self.highlighted_id()
        if entry_id is None:
            return
        entry = self.entries[entry_id]
        edit_note(self.coach, entry, lambda: self.refresh_entry(entry_id))

    def action_delete(self) -> None:
        entry_id = self.highlighted_id()
        if entry_id is None:
            return
        entry = self.entries[entry_id]
        move_to_trash(self.coach, entry, lambda: self._remove_row(entry_id))

    def action_trash(self) -> None:
        def closed(restored: bool | None) -> None:
            if restored:
                self.reload(keep=self.highlighted_id())

        self.app.push_screen(TrashScreen(), closed)

    def action_back(self) -> None:
        if self.query_one(Input).has_focus:
            self.table.focus()
            return
        self.app.pop_screen()
