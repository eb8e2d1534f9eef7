"""Export: tick the entries to share, see exactly what goes, and write the file.

Entries are listed newest first, a page at a time (drafts are never offered; private ones
are shown unticked and ask before they go). The file name's extension picks the format and
the format list sets the extension. The preview follows the format, shown as plain text
(never markup): the Markdown report (for Markdown, and for HTML and PDF under a line saying
so), or the CSV or JSON text itself. Writing goes through the same core as
``cfcoach export`` (:mod:`cfcoach.export.writing`): atomic, readable only by the person,
never over an existing file without asking. The PDF library loads only when a PDF is written.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Button, Checkbox, Footer, Input, Select, Static, TextArea

from cfcoach.export.markdown_format import render
from cfcoach.export.registry import Paper, get_format
from cfcoach.export.report import build_report
from cfcoach.export.selection import Selection, parse_day, summary_line
from cfcoach.export.writing import (
    make_bundle,
    plan_goes_as_entries,
)
from cfcoach.safety_plan import SAFETY_PLAN_ID, SafetyPlan, current_plan
from cfcoach.store import Entry, StoreError
from cfcoach.store.entries import EntryQuery
from cfcoach.store.history import Cursor, HistoryItem
from cfcoach.tui.export_choices import (
    FORMAT_CHOICES,
    NO_PLAN_LABEL,
    NOTHING_TICKED,
    PAGE,
    PAPER_CHOICES,
    PERIODS,
    PLAN_LABEL,
    PREVIEW_DELAY,
    PREVIEW_NOTES,
    PRIVATE_QUESTION,
    REPORT_PREVIEW,
    ExportChoice,
    default_path,
    export_order,
    format_from_name,
    shortened,
    shortened_lines,
    shown_path,
    with_extension,
)
from cfcoach.tui.screens.confirm import ConfirmScreen
from cfcoach.tui.screens.export_writing import ExportWriting
from cfcoach.tui.widgets.entry_picker import EntryPicker
from cfcoach.tui.widgets.safe_text import SafeInput, SafeTextArea
from cfcoach.tui.widgets.tick_box import TickBox

if TYPE_CHECKING:
    pass

HERE = Path(__file__).parent


class ExportScreen(ExportWriting):
    """Choose entries, see them as they will be shared, and write the file."""

    CSS_PATH = HERE / "export.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("ctrl+s", "write", "Write file"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.known: dict[int, Entry] = {}
        """Every entry read so far, by id."""
        self.total = 0
        """How many entries the filter shows (over all pages)."""
        self.private_total = 0
        """How many of those are private."""
        self.plan: SafetyPlan | None = None
        self._next: Cursor | None = None
        self._preview_timer: Timer | None = None
        self._offered: tuple[str, ...] = ()

    @property
    def today(self) -> date:
        return self.coach.context.clock().astimezone().date()

    def compose(self) -> ComposeResult:
        today = self.today
        library = self.coach.context.library
        exercises = [
            (found.exercise.title, found.exercise.id)
            for found in library.sorted()
            if found.exercise.id != SAFETY_PLAN_ID
        ]
        with Vertical(id="export-body"):
            yield Static("Export for your therapist", id="export-title")
            with Horizontal(id="export-filters"):
                yield Select(
                    PERIODS, value="all", allow_blank=False, compact=True, id="export-period"
                )
                yield Select(exercises, prompt="All exercises", compact=True, id="export-exercise")
            with Horizontal(id="export-main"):
                with Vertical(id="export-left"):
                    yield EntryPicker(library, today, id="export-entries")
                    yield Static("", id="export-count")
                with Vertical(id="export-right"):
                    yield Static(PREVIEW_NOTES["md"], id="export-preview-note")
                    yield SafeTextArea(
                        NOTHING_TICKED,
                        read_only=True,
                        soft_wrap=True,
                        show_cursor=False,
                        highlight_cursor_line=False,
                        compact=True,
                        id="export-preview",
                    )
            with Horizontal(id="export-options"):
                yield Select(
                    FORMAT_CHOICES,
                    value="md",
                    allow_blank=False,
                    compact=True,
                    id="export-format",
                )
                yield Select(
                    PAPER_CHOICES, value="a4", allow_blank=False, compact=True, id="export-paper"
                )
                yield TickBox(PLAN_LABEL, compact=True, id="export-plan")
            yield Static("", id="export-summary")
            with Horizontal(id="export-write-row"):
                yield SafeInput(
                    shown_path(default_path(today, ".md")),
                    placeholder="Where to save the file",
                    compact=True,
                    id="export-path",
                )
                yield Button("Write file", compact=True, variant="primary", id="export-write")
            yield Static("", id="export-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#export-paper", Select).display = False
        self.query_one("#export-status", Static).display = False
        plan_box = self.query_one("#export-plan", Checkbox)
        try:
            store = self.coach.entries
            self.plan = current_plan(store, self.coach.context.library.get(SAFETY_PLAN_ID))
            stored = store.exercise_ids()
        except StoreError as error:
            self.coach.report_store_error(error, "opening the export screen")
            stored = set()
        if self.plan is None:
            plan_box.label = NO_PLAN_LABEL
            plan_box.disabled = True
        library = self.coach.context.library
        offered = set(library.exercises) | stored
        offered.discard(SAFETY_PLAN_ID)
        self._offered = tuple(sorted(offered))
        gone = sorted(offered - set(library.exercises))  # entries of exercises since removed
        if gone:
            choices = [
                (f.exercise.title, f.exercise.id)
                for f in library.sorted()
                if f.exercise.id != SAFETY_PLAN_ID
            ]
            self.query_one("#export-exercise", Select).set_options(
                choices + [(exercise_id, exercise_id) for exercise_id in gone]
            )
        self.reload()
        self.picker.focus()

    @property
    def picker(self) -> EntryPicker:
        return self.query_one(EntryPicker)

    # -- which entries are listed -----------------------------------------------------------

    @property
    def since(self) -> date | None:
        period = self.query_one("#export-period", Select).value
        if not isinstance(period, str) or period == "all":
            return None
        return parse_day(period, self.today, "since")

    @property
    def exercise_id(self) -> str | None:
        chosen = self.query_one("#export-exercise", Select).value
        return chosen if isinstance(chosen, str) else None

    def entry_query(self, *, include_private: bool = True) -> EntryQuery:
        """The entries the filter shows: finished or stopped, never drafts nor the safety plan."""
        exercise = self.exercise_id
        return EntryQuery(
            since=self.since,
            exercise_ids=(exercise,) if exercise else self._offered or ("",),
            include_private=include_private,
        )

    def shows(self, entry: Entry) -> bool:
        """Whether the filter shows ``entry`` (the same test as :meth:`entry_query`'s)."""
        since = self.since
        exercise = self.exercise_id
        if since is not None and entry.started_at.date() < since:
            return False
        if exercise is not None:
            return entry.exercise_id == exercise
        return entry.exercise_id in self._offered

    def reload(self) -> None:
        """Read the first page again (after a filter changed); ticks outside it are dropped."""
        picker = self.picker
        self._next = None
        try:
            store = self.coach.entries
            query = self.entry_query()
            self.total = store.history_count(query)
            self.private_total = self.total - store.history_count(
                self.entry_query(include_private=False)
            )
            page = store.history(query, limit=PAGE)
        except StoreError as error:
            self.total = self.private_total = 0
            picker.show([])
            self.coach.report_store_error(error, "reading entries to export")
            self.changed()
            return
        picker.ticked = {i for i in picker.ticked if i in self.known and self.shows(self.known[i])}
        picker.show(self._remember(page.items))
        self._next = page.next
        self.changed()

    def _remember(self, items: tuple[HistoryItem, ...]) -> list[Entry]:
        entries = [item.entry for item in items if item.entry.id is not None]
        for entry in entries:
            assert entry.id is not None
            self.known[entry.id] = entry
        return entries

    def load_more(self) -> None:
        """Add the next page to the list (if there is one)."""
        if self._next is None:
            return
        try:
            page = self.coach.entries.history(self.entry_query(), after=self._next, limit=PAGE)
        except StoreError as error:
            self._next = None
            self.coach.report_store_error(error, "reading more entries to export")
            return
        self._next = page.next
        self.picker.add(self._remember(page.items))
        self._show_count()

    def on_entry_picker_near_end(self, event: EntryPicker.NearEnd) -> None:
        event.stop()
        self.load_more()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id in ("export-period", "export-exercise"):
            self.reload()
        elif event.select.id == "export-format":
            name = str(event.value)
            self.query_one("#export-paper", Select).display = name == "pdf"
            path = self.query_one("#export-path", Input)
            if format_from_name(path.value) not in (None, name):  # picked in the list
                path.value = with_extension(path.value, get_format(name).extension)
            self.changed()
        elif event.select.id == "export-paper":
            self.changed()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A file name ending in a format's extension chooses that format in the list."""
        event.stop()
        if event.input.id == "export-path":
            named = format_from_name(event.value)
            if named is not None:
                self.use_format(named)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.changed()

    # -- ticking ----------------------------------------------------------------------------

    def on_entry_picker_toggle_asked(self, event: EntryPicker.ToggleAsked) -> None:
        event.stop()
        entry = event.entry
        if entry.id is None:
            return
        entry_id = entry.id
        if entry_id in self.picker.ticked:
            self._tick(entry_id, False)
        elif entry.private:

            def answered(share: bool | None) -> None:
                if share:
                    self._tick(entry_id, True)

            self.app.push_screen(
                ConfirmScreen(
                    "Share a private entry?",
                    PRIVATE_QUESTION,
                    yes_label="Share it",
                    no_label="Keep it private",
                ),
                answered,
            )
        else:
            self._tick(entry_id, True)

    def _tick(self, entry_id: int, ticked: bool) -> None:
        picker = self.picker
        if ticked:
            picker.ticked.add(entry_id)
        else:
            picker.ticked.discard(entry_id)
        picker.redraw([entry_id])
        self.changed()

    def on_entry_picker_all_asked(self, event: EntryPicker.AllAsked) -> None:
        """Tick every entry the filter shows (not the private ones), or none if all are."""
        event.stop()
        picker = self.picker
        try:
            query = self.entry_query(include_private=False)
            everything = list(self.coach.entries.select(query, with_state=False))  # to export
        except StoreError as error:
            self.coach.report_store_error(error, "ticking every entry")
            return
        ids = set()
        for entry in everything:
            if entry.id is not None:
                self.known[entry.id] = entry
                ids.add(entry.id)
        if ids and not ids <= picker.ticked:
            picker.ticked |= ids
        else:
            picker.ticked.clear()
        picker.redraw()
        self.changed()

    # -- what would be written ----------------------------------------------------------------

    @property
    def format_name(self) -> str:
        value = self.query_one("#export-format", Select).value
        return value if isinstance(value, str) else "md"

    def use_format(self, name: str) -> None:
        """Choose ``name`` in the format list (what is written follows it at once)."""
        formats = self.query_one("#export-format", Select)
        if formats.value != name:
            formats.value = name

    @property
    def paper(self) -> Paper:
        value = self.query_one("#export-paper", Select).value
        return "letter" if value == "letter" else "a4"

    @property
    def include_plan(self) -> bool:
        return self.plan is not None and self.query_one("#export-plan", Checkbox).value

    def ticked_entries(self) -> list[Entry]:
        """The ticked entries, in the order ``cfcoach export`` writes them."""
        return sorted(
            (self.known[i] for i in self.picker.ticked if i in self.known), key=export_order
        )

    def choice(self) -> ExportChoice:
        """The bundle the chosen format would write now."""
        name = self.format_name
        entries = self.ticked_entries()
        plan = self.plan if self.include_plan else None
        if plan is not None and plan_goes_as_entries(name, True):
            entries = sorted([*entries, plan.entry], key=export_order)
        bundle = make_bundle(
            entries,
            {k: f.exercise for k, f in self.coach.context.library.exercises.items()},
            format_name=name,
            generated_at=self.coach.context.clock(),
            paper=self.paper,
            plan=plan,
            include_safety_plan=plan is not None,
        )
        return ExportChoice(entries, bundle, name)

    def summary_text(self) -> str:
        """One line like the CLI's: how many entries, their dates, what private is left out."""
        entries = self.ticked_entries()
        ticked_private = sum(1 for e in entries if e.private and self.shows(e))
        if not entries and not self.include_plan:
            return "Nothing ticked yet: space ticks an entry, a ticks all shown."
        line = summary_line(
            Selection(entries, max(0, self.private_total - ticked_private), 0), self.today
        )
        if self.include_plan:
            line += " With your safety plan."
        return line

    def changed(self) -> None:
        """Something chosen changed: the summary now, the preview in a moment."""
        self._show_count()
        self.query_one("#export-summary", Static).update(self.summary_text())
        self.query_one("#export-preview-note", Static).update(PREVIEW_NOTES[self.format_name])
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self.refresh_preview)

    def _show_count(self) -> None:
        if self.total:
            text = (
                f"{self.total:,} entr{'y' if self.total == 1 else 'ies'} · "
                f"{len(self.picker.ticked):,} ticked"
            )
        elif self.since is not None or self.exercise_id is not None:
            text = "No entries here; try a wider filter."
        else:
            text = "No entries yet. Your check-ins will appear here."
        self.query_one("#export-count", Static).update(text)

    def nothing_chosen(self) -> bool:
        return not self.picker.ticked and not self.include_plan

    def preview_text(self) -> str:
        """What the chosen format would hold, as text (a PDF's or web page's as Markdown)."""
        if self.nothing_chosen():
            return NOTHING_TICKED
        choice = self.choice()
        if choice.format_name in REPORT_PREVIEW:
            return shortened(render(build_report(choice.bundle)), len(choice.entries))
        text = io.StringIO()
        get_format(choice.format_name).writer()(choice.bundle, text)
        return shortened_lines(text.getvalue(), len(choice.entries))

    def refresh_preview(self) -> None:
        """Show what would be shared now (as plain text: nothing in it is read as markup)."""
        self._preview_timer = None
        preview = self.query_one("#export-preview", TextArea)
        text = self.preview_text()
        if text != preview.text:
            preview.load_text(text)

    # -- writing ------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_write()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-write":
            self.action_write()

    def action_back(self) -> None:
        if not self.picker.has_focus:
            self.picker.focus()
            return
        self.app.pop_screen()
