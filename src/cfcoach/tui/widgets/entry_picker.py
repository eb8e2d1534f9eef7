"""A list of entries, each with a tick box: space (or Enter) ticks one, ``a`` all or none.

The list only shows and asks; the screen decides. Space asks to tick an entry with
:class:`EntryPicker.ToggleAsked` (so a private one can be confirmed first), ``a`` asks with
:class:`EntryPicker.AllAsked`, and :class:`EntryPicker.NearEnd` says the next page is wanted.
Everything the person wrote goes on screen as plain ``Content`` (never markup).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cfcoach.content.library import Library
from cfcoach.content.models import Exercise
from cfcoach.insights import shown_steps
from cfcoach.store import Entry
from cfcoach.textsafety import printable

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TICKED = "[x]"
UNTICKED = "[ ]"
NEAR_END = 20
"""Ask for the next page when the highlight comes this close to the last entry."""


def moment_label(entry: Entry, today: date) -> str:
    """ "26 Nov 21:05" in the time zone the entry was written in (the year when not this one)."""
    moment = entry.started_at
    year = f" {moment.year}" if moment.year != today.year else ""
    return f"{moment.day:>2} {MONTHS[moment.month - 1]}{year} {moment:%H:%M}"


def first_words(entry: Entry, exercise: Exercise | None) -> str:
    """The first thing written in ``entry`` (as it would be shared), on one line; else ""."""
    for step in shown_steps(entry, exercise, include_private_steps=False):
        if not step.skipped and isinstance(step.value, str) and step.value.strip():
            return " ".join(printable(step.value).split())[:200]
    return ""


def number_label(entry: Entry, width: int = 0) -> str:
    """ "#12", right-aligned in ``width`` columns: the number `cfcoach export --ids` takes."""
    return f"#{entry.id}".rjust(width)


def entry_row(
    entry: Entry, title: str, ticked: bool, today: date, words: str = "", number_width: int = 0
) -> Content:
    """One line: the tick box, the entry's number, when, "private" if it is, the exercise,
    if it stopped early, and the first words written (cut short with "…" where it ends)."""
    parts: list[str | tuple[str, str]] = [
        (TICKED if ticked else UNTICKED, "bold" if ticked else ""),
        " ",
        (number_label(entry, number_width), "$text-muted"),
        " ",
        (moment_label(entry, today), ""),
        "  ",
    ]
    if entry.private:
        parts.append(("private", "italic $text-accent"))
        parts.append(" · ")
    parts.append((" ".join(printable(title).split()), ""))
    if entry.status == "stopped":
        parts.append((" · stopped early", "italic $text-muted"))
    if words:
        parts.append((f"  “{words}”", "$text-muted"))
    return Content.assemble(*parts)


class EntryPicker(OptionList):
    """Entries newest first, a page at a time; the ids of the ticked ones are in ``ticked``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_entry", "Tick"),
        Binding("a", "all_or_none", "All / none"),
    ]

    class ToggleAsked(Message):
        """The person wants this entry's tick changed."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

    class AllAsked(Message):
        """The person pressed ``a``: tick everything shown, or nothing if all is ticked."""

    class NearEnd(Message):
        """The highlight or the scroll came close to the last entry read."""

    def __init__(self, library: Library, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.today = today
        self.entries: list[Entry] = []
        self.ticked: set[int] = set()
        self.number_width = 0
        """Columns for the longest "#12" listed, so the dates line up."""

    # -- filling in ----------------------------------------------------------------------

    def row(self, entry: Entry) -> Content:
        exercise = self.library.get(entry.exercise_id)
        title = exercise.title if exercise is not None else entry.exercise_id
        words = first_words(entry, exercise)
        ticked = entry.id in self.ticked
        return entry_row(entry, title, ticked, self.today, words, self.number_width)

    def _option(self, entry: Entry) -> Option:
        return Option(self.row(entry), id=str(entry.id))

    def show(self, entries: Iterable[Entry]) -> None:
        """Start again with these entries (the first page)."""
        self.entries = [e for e in entries if e.id is not None]
        self.number_width = self._widest(self.entries)
        self.set_options(self._option(e) for e in self.entries)
        self.highlighted = 0 if self.entries else None

    def add(self, entries: Iterable[Entry]) -> None:
        """Add the next page."""
        more = [e for e in entries if e.id is not None]
        self.entries.extend(more)
        widest = self._widest(more)
        if widest > self.number_width:  # a longer number: line the rows read so far up again
            self.number_width = widest
            self.redraw()
        self.add_options([self._option(e) for e in more])

    @staticmethod
    def _widest(entries: Iterable[Entry]) -> int:
        return max((len(number_label(e)) for e in entries), default=0)

    def redraw(self, entry_ids: Iterable[int] | None = None) -> None:
        """Show the tick boxes as ``ticked`` says (of these entries, or all of them)."""
        wanted = None if entry_ids is None else set(entry_ids)
        for index, entry in enumerate(self.entries):
            if wanted is None or entry.id in wanted:
                self.replace_option_prompt_at_index(index, self.row(entry))

    @property
    def highlighted_entry(self) -> Entry | None:
        if self.highlighted is None or not 0 <= self.highlighted < len(self.entries):
            return None
        return self.entries[self.highlighted]

    # -- asking ----------------------------------------------------------------------------

    def action_toggle_entry(self) -> None:
        entry = self.highlighted_entry
        if entry is not None:
            self.post_message(self.ToggleAsked(entry))

    def action_all_or_none(self) -> None:
        self.post_message(self.AllAsked())

    def action_select(self) -> None:
        self.action_toggle_entry()  # Enter ticks too, as in a list of tick boxes

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is not None and highlighted >= len(self.entries) - NEAR_END:
            self.post_message(self.NearEnd())

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self.entries and self.max_scroll_y - new_value < self.size.height:
            self.post_message(self.NearEnd())
