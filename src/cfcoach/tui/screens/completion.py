"""The end of an exercise: a warm thank-you, where it was saved, and what was written.

When the exercise suggests a next one (its ``suggest`` rules), it is offered once, gently:
"Try it now" or "Maybe later". Nothing is counted and nothing is asked again.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from cfcoach.content.models import Exercise
from cfcoach.practice import Practice
from cfcoach.textsafety import printable
from cfcoach.tui.answer_text import answered_lines
from cfcoach.tui.widgets import STEPS_TCSS
from cfcoach.tui.widgets.answer_list import AnswerList

if TYPE_CHECKING:
    from cfcoach.tui.app import CoachApp

HERE = Path(__file__).parent

THANKS = {
    "completed": "Thank you for taking this time for yourself.",
    "stopped": "You stopped here, and that's a fine choice.",
}
SAVED = {
    "completed": "Saved on this computer.",
    "stopped": "What you wrote is saved on this computer.",
}
LATER = "All right. It's in the list of exercises whenever you'd like it."


class CompletionScreen(Screen[None]):
    """Shown after the last step, or after 'stop here and keep what I wrote'."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [HERE / "completion.tcss", STEPS_TCSS]
    AUTO_FOCUS = None  # Enter keeps meaning "home"; the offer's buttons are reached with Tab
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("h,enter", "home", "Home"),
        Binding("t", "try_suggestion", "Try it now"),
        Binding("l", "maybe_later", "Maybe later"),
        Binding("q", "quit_app", "Quit"),
    ]

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice
        self.suggested: Exercise | None = None
        """The exercise offered next, while the offer is on screen."""
        self.reason = ""

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)

    def _find_suggestion(self) -> None:
        """The first suggestion that fits, if its exercise is here (else, quietly, none)."""
        rule = self.practice.session.suggestion()
        if rule is None:
            return
        target = self.coach.context.library.get(rule.exercise)
        if target is not None:
            self.suggested, self.reason = target, rule.reason

    def compose(self) -> ComposeResult:
        self._find_suggestion()
        entry, exercise = self.practice.entry, self.practice.exercise
        status = "stopped" if entry.status == "stopped" else "completed"
        rows = [  # control characters in what was written are shown, never sent
            (printable(label), printable(text))
            for label, text in answered_lines(exercise, entry.answers, limit=40)
        ]
        with VerticalScroll(id="completion-body"):
            yield Static(THANKS[status], classes="completion-title")
            yield Static(SAVED[status], classes="completion-saved")
            if self.suggested is not None:
                yield self._offer(self.suggested)
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

    def _offer(self, target: Exercise) -> Vertical:
        offer = Vertical(
            Static(
                f"{target.title} · about {target.minutes} "
                f"minute{'' if target.minutes == 1 else 's'}",
                markup=False,
                classes="offer-title",
            ),
            Static(" ".join(self.reason.split()), markup=False, classes="offer-reason"),
            Horizontal(
                Button("Try it now", id="try-now", compact=True),
                Button("Maybe later", id="maybe-later", compact=True),
                classes="offer-buttons",
            ),
            id="suggestion",
        )
        offer.border_title = "If you'd like, a next step"
        return offer

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("try_suggestion", "maybe_later"):
            return self.suggested is not None
        return True

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "try-now":
            self.action_try_suggestion()
        else:
            await self.action_maybe_later()

    def action_try_suggestion(self) -> None:
        """Start the suggested exercise now (offering its draft first, if there is one)."""
        if self.suggested is None:
            return
        coach, exercise_id = self.coach, self.suggested.id
        coach.pop_screen()
        coach.open_exercise(exercise_id, offer_draft=True)

    async def action_maybe_later(self) -> None:
        """Put the offer away, with a word that it is there whenever they like."""
        if self.suggested is None:
            return
        self.suggested = None
        offer = self.query_one("#suggestion")
        await offer.remove_children()
        offer.border_title = None
        await offer.mount(Static(LATER, classes="offer-later"))
        offer.add_class("-later")
        self.set_focus(None)
        self.refresh_bindings()

    def action_home(self) -> None:
        self.app.pop_screen()

    def action_quit_app(self) -> None:
        self.app.exit()
