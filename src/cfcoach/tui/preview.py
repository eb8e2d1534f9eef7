"""`cfcoach content preview FILE`: an exercise in the coach, with nothing saved.

The preview app is the coach with two differences: it opens straight into the exercise
through a :class:`PreviewPractice` (which writes no entry and no draft), and it ends on
a screen for the author: the way taken, what a suggestion would be, and what was written.
A banner on every step says that nothing is saved.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from cfcoach.content.models import Exercise
from cfcoach.context import AppContext
from cfcoach.practice import Practice, PreviewPractice
from cfcoach.store import StoreError
from cfcoach.tui.answer_text import answered_lines
from cfcoach.tui.app import CoachApp
from cfcoach.tui.screens.runner import RunnerScreen
from cfcoach.tui.widgets import STEPS_TCSS
from cfcoach.tui.widgets.answer_list import AnswerList

PREVIEW_BANNER = "Preview — nothing is saved: no entry, no draft."
CLOSED_PREVIEW = "The preview was closed. Nothing was saved."


class PreviewRunnerScreen(RunnerScreen):
    """The runner with a banner saying that nothing is saved, and ctrl+q named "Close"."""

    DEFAULT_CSS = """
    PreviewRunnerScreen #preview-banner {
        height: 1;
        padding: 0 1;
        background: $warning-muted;
        color: $text;
        text-style: bold;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "app.save_and_quit", "Close preview", priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Static(PREVIEW_BANNER, id="preview-banner", markup=False)
        yield from super().compose()


class PreviewEndScreen(Screen[None]):
    """The end of a preview: nothing saved, the way taken, the suggestion, the answers."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [STEPS_TCSS]  # for the answers shown

    DEFAULT_CSS = """
    PreviewEndScreen #preview-end-body { padding: 1 2; }
    PreviewEndScreen .preview-title { text-style: bold; color: $text-success; }
    PreviewEndScreen .preview-facts { margin: 1 0; height: auto; }
    PreviewEndScreen .preview-hint { color: $text-muted; margin-top: 1; }
    """
    AUTO_FOCUS = None
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "again", "Preview again"),
        Binding("q,enter", "close", "Close"),
    ]

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice

    @property
    def coach(self) -> PreviewApp:
        return cast("PreviewApp", self.app)

    def compose(self) -> ComposeResult:
        exercise, state = self.practice.exercise, self.practice.session.state
        ended = "You stopped the preview." if state.status == "stopped" else "End of the preview."
        rows = answered_lines(exercise, self.practice.entry.answers, limit=40)
        with VerticalScroll(id="preview-end-body"):
            yield Static(ended, classes="preview-title", markup=False)
            yield Static("Nothing was saved: no entry and no draft.")
            yield Static("\n".join(self._facts()), classes="preview-facts", markup=False)
            if rows:
                yield AnswerList(
                    rows, title="What you wrote", compact=True, classes="preview-answers"
                )
            yield Static(
                "Press r to preview it again from the start, q or Enter to close.",
                classes="preview-hint",
            )
        yield Footer()

    def _facts(self) -> list[str]:
        """For the author: the steps taken, those skipped, and the suggestion that fits."""
        exercise, state = self.practice.exercise, self.practice.session.state
        facts = [f"The way taken: {' → '.join(state.trail) or 'none'}."]
        if state.skipped:
            facts.append(f"Skipped: {', '.join(state.skipped)}.")
        if exercise.suggest and state.status == "completed":
            rule = self.practice.session.suggestion()
            if rule is None:
                facts.append("None of its suggestions fit these answers, so none would be offered.")
            else:
                here = self.coach.context.library.get(rule.exercise) is not None
                where = "" if here else " (not in your library, so it would not be offered)"
                facts.append(f"It would suggest '{rule.exercise}'{where}: {rule.reason.strip()}")
        return facts

    def action_again(self) -> None:
        self.coach.start_preview(switch=True)

    def action_close(self) -> None:
        self.app.exit(message=CLOSED_PREVIEW)


class PreviewApp(CoachApp):
    """The coach running one exercise as a preview; nothing is written to the entries."""

    TITLE = "cfcoach preview"
    SUB_TITLE = "nothing is saved"

    def __init__(
        self,
        context: AppContext,
        exercise: Exercise,
        *,
        theme: str = "textual-dark",
        reduced_motion: bool = False,
    ) -> None:
        super().__init__(context, theme=theme, reduced_motion=reduced_motion, welcome=False)
        self.exercise = exercise

    def _on_mount(self, event: events.Mount) -> None:
        # Instead of the coach's own start (the home screen, the welcome), not as well:
        # Textual would go on to CoachApp.on_mount without prevent_default().
        event.prevent_default()
        self.apply_first_theme()
        self._listen_for_signals()
        self.start_preview(switch=False)

    def start_preview(self, *, switch: bool) -> None:
        """Begin the exercise afresh (a safety-plan preview starts from the person's plan)."""
        from cfcoach.safety_plan import starting_answers

        try:
            store = self.entries
            earlier = starting_answers(store, self.exercise)
        except StoreError as error:
            self.report_store_error(error, "opening entries for a preview")
            return
        practice = PreviewPractice.begin(store, self.exercise, self.context.clock, earlier)
        screen = PreviewRunnerScreen(practice)
        if switch:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_completion(self, practice: Practice) -> None:
        self.switch_screen(PreviewEndScreen(practice))

    def action_save_and_quit(self) -> None:
        """ctrl+q: there is nothing to save, so just close (and say so)."""
        self.exit(message=CLOSED_PREVIEW)

    def close_for_signal(self, signum: int) -> None:
        self.exit(return_code=128 + signum, message=CLOSED_PREVIEW)


def create_preview_app(
    context: AppContext,
    exercise: Exercise,
    *,
    theme: str = "textual-dark",
    reduced_motion: bool = False,
) -> PreviewApp:
    """The preview app the CLI runs and the tests drive."""
    return PreviewApp(context, exercise, theme=theme, reduced_motion=reduced_motion)
