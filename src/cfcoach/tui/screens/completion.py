"""The end of an exercise: a warm thank-you, where it was saved, and what was written."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from cfcoach.practice import Practice
from cfcoach.tui.answer_text import answered_lines
from cfcoach.tui.widgets.answer_list import AnswerList

HERE = Path(__file__).parent

THANKS = {
    "completed": "Thank you for taking this time for yourself.",
    "stopped": "You stopped here, and that's a fine choice.",
}
SAVED = {
    "completed": "Saved on this computer.",
    "stopped": "What you wrote is saved on this computer.",
}


class CompletionScreen(Screen[None]):
    """Shown after the last step, or after 'stop here and keep what I wrote'."""

    CSS_PATH = HERE / "completion.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h,enter", "home", "Home"),
        Binding("q", "quit_app", "Quit"),
    ]

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice

    def compose(self) -> ComposeResult:
        entry, exercise = self.practice.entry, self.practice.exercise
        status = "stopped" if entry.status == "stopped" else "completed"
        rows = answered_lines(exercise, entry.answers, limit=40)
        with VerticalScroll(id="completion-body"):
            yield Static(THANKS[status], classes="completion-title")
            yield Static(SAVED[status], classes="completion-saved")
            if rows:
                yield AnswerList(
                    rows, title="What you wrote", compact=True, classes="completion-answers"
                )
            else:
                yield Static(
                    "Nothing was written this time, and that's all right.",
                    classes="completion-empty",
                )
            yield Static(
                "Press h or Enter for the home screen, q to quit.", classes="completion-hint"
            )
        yield Footer()

    def action_home(self) -> None:
        self.app.pop_screen()

    def action_quit_app(self) -> None:
        self.app.exit()
