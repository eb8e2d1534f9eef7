"""The exercise runner: one step at a time, every action saved through Practice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label

from cfcoach.content.models import PauseStep, RatingStep, ReviewStep, TextStep
from cfcoach.engine import AnswerError
from cfcoach.practice import Practice
from cfcoach.safety import Assessment
from cfcoach.store import StoreError
from cfcoach.tui.answer_text import answer_label, describe_answer
from cfcoach.tui.screens.grounding import GroundingScreen
from cfcoach.tui.screens.too_much import TooMuchScreen
from cfcoach.tui.widgets.step_view import StepView
from cfcoach.tui.widgets.submit import SubmitRequested
from cfcoach.tui.widgets.system_tag import SystemTag

if TYPE_CHECKING:
    from cfcoach.tui.app import CoachApp

HERE = Path(__file__).parent


class RunnerScreen(Screen[None]):
    """Shows the practice's current step and turns keys into Practice actions."""

    CSS_PATH = HERE / "runner.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next", "Next", priority=True),
        Binding("ctrl+b", "back", "Back", priority=True),
        Binding("ctrl+o", "skip", "Skip", priority=True),
        Binding("ctrl+t", "too_much", "Too much", priority=True),
        # The app's own priority ctrl+q runs first and does the same; this one names it here.
        Binding("ctrl+q", "app.save_and_quit", "Save & quit", priority=True),
        Binding("enter", "next_by_enter", "Next", show=False),
    ]

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice
        self._unsent: dict[str, Any] = {}
        """What was typed on a step the person went back from, to put back when they return."""

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="runner-header"):
            yield Label(self.practice.exercise.title, id="exercise-title", markup=False)
            yield SystemTag(id="system-tag")
            yield Label("", id="progress")
        yield VerticalScroll(id="step-host")
        yield Footer()

    async def on_mount(self) -> None:
        await self.show_step()

    # -- showing -----------------------------------------------------------------------

    @property
    def step_view(self) -> StepView | None:
        found = self.query(StepView)
        return found.first() if found else None

    async def show_step(self) -> None:
        """Replace what is on screen with the session's current step."""
        session = self.practice.session
        step = session.step
        if step is None or session.finished:
            self.coach.show_completion(self.practice)
            return
        number, total = session.progress()
        self.query_one("#progress", Label).update(f"Step {number} of {total}")
        self.query_one(SystemTag).show_system(step.system)
        host = self.query_one("#step-host", VerticalScroll)
        await host.remove_children()
        view = StepView(
            step,
            pinned=self._answers_of(step.pin if isinstance(step, TextStep | RatingStep) else []),
            reviewed=self._answers_of(step.show) if isinstance(step, ReviewStep) else [],
            earlier=self._unsent.pop(step.id, session.answer_for(step.id)),
            reduced_motion=self.coach.reduced_motion,
            timers_running=self.coach.timers_running,
        )
        await host.mount(view)
        host.scroll_home(animate=False)
        if not view.focus_answer():
            host.focus()

    def _answers_of(self, step_ids: list[str]) -> list[tuple[str, str]]:
        session, exercise = self.practice.session, self.practice.exercise
        return [
            (
                answer_label(exercise, step_id),
                describe_answer(exercise, step_id, session.answer_for(step_id)),
            )
            for step_id in step_ids
        ]

    def _say(self, message: str) -> None:
        view = self.step_view
        if view is not None:
            view.say(message)

    # -- acting ------------------------------------------------------------------------

    async def _act(self, action: Callable[[], object], doing: str) -> bool:
        """Run a Practice action; a save problem is told calmly and logged. True when it ran.

        When saving fails the session has still moved on in memory (the next save catches
        up), so the screen follows it; if it has not moved, what was typed stays in place.
        """
        before = self.practice.session.state.current
        try:
            action()
        except StoreError as error:
            self.coach.report_store_error(error, doing)
            session = self.practice.session
            if session.finished or session.state.current != before:
                await self.show_step()
            return False
        return True

    async def action_next(self) -> None:
        view = self.step_view
        if view is None:
            return
        value = view.answer_value()
        answered = self.practice.session.state.current
        assessed: list[Assessment | None] = []
        try:
            ran = await self._act(
                lambda: assessed.append(self.practice.answer(value)), "saving an answer"
            )
        except AnswerError as problem:
            self._say(str(problem))
            view.focus_answer()
            return
        if ran and assessed and assessed[0] is not None and answered is not None:
            self._show_safety(answered, assessed[0])
        elif ran:
            await self.show_step()

    def _show_safety(self, step_id: str, assessment: Assessment) -> None:
        """The calm safety screen after a worrying answer (already saved); three ways on."""
        from cfcoach.safety.screen import country_for, safety_screen_text
        from cfcoach.tui.screens.safety import SafetyScreen

        text = safety_screen_text(
            assessment.level, country_for(self.coach.context.paths), self.coach.safety_plan_text()
        )
        try:
            self.practice.safety_screen_shown(step_id)
        except StoreError as error:  # the screen is shown all the same
            self.coach.report_store_error(error, "noting the safety screen")
        self.app.push_screen(SafetyScreen(text), self._after_safety)

    async def _after_safety(self, choice: str | None) -> None:
        if choice == "pause":
            self.coach.action_save_and_quit()
            return
        if choice == "ground":
            self.app.push_screen(
                GroundingScreen(
                    self.practice.exercise.grounding,
                    reduced_motion=self.coach.reduced_motion,
                    running=self.coach.timers_running,
                ),
                self._after_safety_grounding,
            )
            return
        await self.show_step()

    async def _after_safety_grounding(self, _: None) -> None:
        await self.show_step()

    async def action_next_by_enter(self) -> None:
        """Enter goes on from steps that ask nothing, except pauses (only ctrl+n ends those)."""
        if not isinstance(self.practice.session.step, PauseStep):
            await self.action_next()

    async def on_submit_requested(self, event: SubmitRequested) -> None:
        event.stop()
        await self.action_next()

    async def action_back(self) -> None:
        step = self.practice.session.step
        if not self.practice.session.can_go_back:
            self._say("This is the first step, so there is nowhere further back to go.")
            return
        view = self.step_view
        if step is not None and view is not None:
            typed = view.answer_value()
            if typed not in (None, "", []):
                self._unsent[step.id] = typed
        if await self._act(self.practice.back, "going back"):
            await self.show_step()

    async def action_skip(self) -> None:
        if await self._act(self.practice.skip, "skipping a step"):
            await self.show_step()

    async def action_too_much(self) -> None:
        # The choices are offered even if noting it could not be saved: never a dead end.
        await self._act(self.practice.too_much, "noting 'too much'")
        self.app.push_screen(TooMuchScreen(), self._after_too_much)

    async def _after_too_much(self, choice: str | None) -> None:
        if choice == "ground":
            await self._act(self.practice.grounded, "noting a grounding pause")
            self.app.push_screen(
                GroundingScreen(
                    self.practice.exercise.grounding,
                    reduced_motion=self.coach.reduced_motion,
                    running=self.coach.timers_running,
                ),
                self._after_grounding,
            )
        elif choice == "skip":
            await self.action_skip()
        elif choice == "stop":
            if await self._act(self.practice.stop, "stopping"):
                self.coach.show_completion(self.practice)
        else:
            self._refocus()

    def _after_grounding(self, _: None) -> None:
        self._refocus()

    def _refocus(self) -> None:
        view = self.step_view
        if view is not None and not view.focus_answer():
            self.query_one("#step-host").focus()
