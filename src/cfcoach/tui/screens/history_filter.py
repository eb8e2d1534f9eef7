"""Choose which entries history lists: one exercise, and a span of days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from cfcoach.datetext import day_text
from cfcoach.export.selection import SelectionError, parse_day
from cfcoach.tui.widgets.safe_text import SafeInput

HERE = Path(__file__).parent
DATE_HINT = "e.g. 2026-11-01, 7d, 3m"


@dataclass(frozen=True)
class HistoryFilter:
    """Which entries to list (``None`` everywhere: all of them)."""

    exercise_id: str | None = None
    since: date | None = None
    until: date | None = None

    @property
    def active(self) -> bool:
        return self != HistoryFilter()


class FilterScreen(ModalScreen[HistoryFilter | None]):
    """Dismisses with the new filter, or ``None`` to keep the one there was."""

    CSS_PATH = HERE / "history_filter.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", "Show these", priority=True),
        Binding("ctrl+r", "clear", "Show everything", priority=True),
        Binding("escape", "cancel", "Leave as it was"),
    ]

    def __init__(
        self, current: HistoryFilter, exercises: list[tuple[str, str]], today: date
    ) -> None:
        super().__init__()
        self.current = current
        self.exercises = exercises
        """(title, id) of each exercise to offer."""
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Which entries?", classes="dialog-title")
            yield Select(
                self.exercises,
                prompt="All exercises",
                value=self.current.exercise_id
                if self.current.exercise_id in {i for _, i in self.exercises}
                else Select.NULL,
                id="filter-exercise",
            )
            with Horizontal(id="filter-days"):
                with Vertical():
                    yield Label("From")
                    yield SafeInput(
                        self.current.since.isoformat() if self.current.since else "",
                        placeholder=DATE_HINT,
                        id="filter-since",
                    )
                with Vertical():
                    yield Label("To")
                    yield SafeInput(
                        self.current.until.isoformat() if self.current.until else "",
                        placeholder=DATE_HINT,
                        id="filter-until",
                    )
            yield Static("", id="filter-problem", markup=False)
            yield Static(
                "Ctrl+S (or Enter in a date) shows these, Ctrl+R shows everything, "
                "Escape goes back.",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one("#filter-problem", Static).display = False
        self.query_one(Select).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply()

    def action_apply(self) -> None:
        try:
            since = self._day("#filter-since", "From")
            until = self._day("#filter-until", "To")
        except SelectionError as problem:
            self._problem(str(problem))
            return
        if since is not None and until is not None and since > until:
            self._problem(
                f"From ({day_text(since)}) is after To ({day_text(until)}); swap them to see "
                "the days between."
            )
            return
        choice = self.query_one(Select).value
        exercise = choice if isinstance(choice, str) else None
        self.dismiss(HistoryFilter(exercise, since, until))

    def action_clear(self) -> None:
        self.dismiss(HistoryFilter())

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _day(self, selector: str, name: str) -> date | None:
        text = self.query_one(selector, Input).value.strip()
        return parse_day(text, self.today, name) if text else None

    def _problem(self, message: str) -> None:
        problem = self.query_one("#filter-problem", Static)
        problem.update(message)
        problem.display = True
