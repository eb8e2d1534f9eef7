"""The exercise runner: one step at a time, every action saved through Practice.

Words typed but not yet given are saved too (``Practice.keep_typing``): a short while after
the last key, at least every few seconds while typing goes on, and on Back, "too much",
quitting, a closed terminal or any other way out. So at most a couple of seconds of typing
is ever at risk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label, TextArea

from cfcoach.content.models import PauseStep, RatingStep, ReviewStep, StepBase, TextStep
from cfcoach.content.step_words import place_words, surely_last
from cfcoach.engine import AnswerError, SafetyReply
from cfcoach.errorlog import log_exception
from cfcoach.practice import Practice
from cfcoach.safety import Assessment
from cfcoach.safety_occasions import Occasion
from cfcoach.store import StoreError
from cfcoach.textsafety import printable
from cfcoach.tui.answer_text import answer_label, describe_answer
from cfcoach.tui.screens.grounding import GroundingScreen
from cfcoach.tui.screens.home import CHECKIN_ID, HomeScreen, left_note
from cfcoach.tui.screens.too_much import TooMuchScreen
from cfcoach.tui.widgets import STEPS_TCSS
from cfcoach.tui.widgets.keys_in_order import keys_settled
from cfcoach.tui.widgets.rating_bars import BarRow
from cfcoach.tui.widgets.step_view import StepView, unsent_text, unsent_value
from cfcoach.tui.widgets.submit import SubmitRequested
from cfcoach.tui.widgets.system_tag import SystemTag

if TYPE_CHECKING:
    from cfcoach.tui.app import CoachApp

HERE = Path(__file__).parent


class RunnerScreen(Screen[None]):
    """Shows the practice's current step and turns keys into Practice actions."""

    CSS_PATH: ClassVar[list[str | PurePath]] = [HERE / "runner.tcss", STEPS_TCSS]
    # Every key that acts on the step is a priority binding: it runs as the app reads it,
    # after the keys typed before it are in the box (keys_settled) and before any typed
    # after it are read, so those go to the next step's box (see keys_in_order).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next", "Next", priority=True),
        Binding("ctrl+b", "back", "Back", priority=True),
        Binding("ctrl+o", "skip", "Skip", priority=True),
        Binding("ctrl+t", "too_much", "Too much", priority=True),
        # The app's own priority ctrl+q runs first and does the same; this one names it here.
        Binding("ctrl+q", "app.save_and_quit", "Save & quit", priority=True),
        Binding("enter", "next_by_enter", "Next", show=False, priority=True),
        Binding("escape", "leave", "Home", priority=True),
        # The same, never in the footer: it runs when the named one gives way (check_action).
        Binding("escape", "leave_unnamed", "Home", show=False, priority=True),
    ]

    save_delay: float = 1.5
    """Seconds after the last key before what is typed is saved (tests set 0)."""
    save_every: float = 5.0
    """While typing goes on without a break, it is saved at least this often."""

    def __init__(self, practice: Practice) -> None:
        super().__init__()
        self.practice = practice
        self._typed: tuple[str, str] | None = None
        """(step id, what is on screen) since the last save, or ``None`` when nothing new."""
        self._on_record = ""
        """What the draft holds for the step on screen (as text), so unchanged boxes aren't saved."""
        self._quiet_timer: Timer | None = None
        self._steady_timer: Timer | None = None
        self._save_failed = False

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
        # Read the safety rules in a thread while the first step is read (not at home: issue 8).
        from cfcoach.safety.assessment import warm_up

        warm_up()
        await self.show_step()

    def on_unmount(self) -> None:
        # Leaving the runner for any reason (quitting, the app closing) keeps what is typed.
        self.save_typing()

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
        # Nothing is drawn until the new step has the cursor: a step that shows takes keys.
        with self.app.batch_update():
            await self._replace_step(step)

    async def _replace_step(self, step: StepBase) -> None:
        session = self.practice.session
        number, total = session.progress()
        last = surely_last(self.practice.exercise, step)
        self.query_one("#progress", Label).update(place_words(number, total, surely_last=last))
        self.query_one(SystemTag).show_system(step.system)
        host = self.query_one("#step-host", VerticalScroll)
        await host.remove_children()
        self._forget_typing()
        earlier = self._earlier(step)
        self._on_record = unsent_text(step, earlier)
        bars, reviewed = self._reviewed(step) if isinstance(step, ReviewStep) else ([], [])
        view = StepView(
            step,
            pinned=self._answers_of(list(getattr(step, "pin", []))),
            reviewed=reviewed,
            bars=bars,
            earlier=earlier,
            reduced_motion=self.coach.reduced_motion,
            timers_running=self.coach.timers_running,
        )
        await host.mount(view)
        # An adjustable pause adds its keys: the footer closes up so all of them fit in 80
        # columns, and Escape (still a key there) leaves it to make room for F1's words.
        self.query_one(Footer).compact = isinstance(step, PauseStep) and step.adjustable
        self.refresh_bindings()
        host.scroll_home(animate=False)
        if not view.focus_answer():
            self.set_focus(host)

    def _earlier(self, step: StepBase) -> Any:
        """What to put in the answer box: words kept unsent in the draft, else the answer."""
        session = self.practice.session
        kept = unsent_value(step, session.pending_for(step.id))
        return kept if kept is not None else session.answer_for(step.id)

    def _reviewed(self, step: ReviewStep) -> tuple[list[BarRow], list[tuple[str, str]]]:
        """A review's bars (its ratings, when it shows them as bars) and its listed answers."""
        if step.display != "bars":
            return [], self._answers_of(step.show)
        exercise, session = self.practice.exercise, self.practice.session
        bars: list[BarRow] = []
        listed: list[str] = []
        passed = set(session.state.trail)
        for step_id in step.show:
            shown = exercise.step(step_id) if exercise.has_step(step_id) else None
            if isinstance(shown, RatingStep):
                if step_id not in passed:
                    continue  # on a branch this run did not take
                value = session.answer_for(step_id)
                bars.append(
                    BarRow(
                        shown.answer_label,
                        value if isinstance(value, int) else None,
                        shown.system,
                    )
                )
            else:
                listed.append(step_id)
        return bars, self._answers_of(listed)

    def _answers_of(self, step_ids: list[str]) -> list[tuple[str, str]]:
        """(label, answer) for each step this run has passed; steps on a branch not taken
        are left out rather than shown as skipped."""
        session, exercise = self.practice.session, self.practice.exercise
        passed = set(session.state.trail)
        return [
            (
                printable(answer_label(exercise, step_id)),
                # What the person wrote, with any control character shown, never sent.
                printable(describe_answer(exercise, step_id, session.answer_for(step_id))),
            )
            for step_id in step_ids
            if step_id in passed
        ]

    def _say(self, message: str) -> None:
        view = self.step_view
        if view is not None:
            view.say(message)

    # -- keeping what is typed ---------------------------------------------------------

    def on_step_view_edited(self, event: StepView.Edited) -> None:
        """Something changed on screen: note it, and save it once typing rests a moment."""
        event.stop()
        view = self.step_view
        if view is None or event.control is not view:
            return
        step = view.step
        self._typed = (step.id, unsent_text(step, view.kept_value()))
        if self._quiet_timer is not None:
            self._quiet_timer.stop()
        self._quiet_timer = self._save_after(self.save_delay)
        if self._steady_timer is None:
            self._steady_timer = self._save_after(self.save_every)

    def _save_after(self, seconds: float) -> Timer | None:
        if seconds <= 0:  # tests: save as soon as the messages now waiting are handled
            self.call_later(self.save_typing)
            return None
        return self.set_timer(seconds, self.save_typing, name="save typing")

    def _stop_timers(self) -> None:
        for timer in (self._quiet_timer, self._steady_timer):
            if timer is not None:
                timer.stop()
        self._quiet_timer = self._steady_timer = None

    def _forget_typing(self) -> None:
        """The step changed: what was on screen is given, skipped or saved already."""
        self._stop_timers()
        self._typed = None

    def _note_screen(self) -> None:
        """Take what is on screen now as typed (before Back, 'too much' or quitting)."""
        view = self.step_view
        if view is not None and view.step.id == self.practice.session.state.current:
            self._typed = (view.step.id, unsent_text(view.step, view.kept_value()))

    def save_typing(self, *, from_screen: bool = False) -> bool:
        """Save what is typed but not yet given into the draft; False if saving failed.

        Never raises: it runs from timers, signal handlers and the way out of the app.
        """
        self._stop_timers()
        if from_screen:
            try:
                self._note_screen()
            except Exception as error:  # the screen is being taken down: keep the last note
                log_exception("tui: reading the answer box", error)
        typed, self._typed = self._typed, None
        if typed is None:
            return True
        step_id, text = typed
        session = self.practice.session
        if session.finished or session.state.current != step_id or text == self._on_record:
            return True
        step = session.step
        given = unsent_text(step, session.answer_for(step_id)) if step is not None else ""
        wanted = "" if text == given else text
        try:
            if self._save_failed:
                # The session holds it already but the store may not: write it all again.
                session.keep_typing(wanted)
                self.practice.save()
            else:
                self.practice.keep_typing(wanted)
        except Exception as error:
            self._typed = typed  # tried again at the next key, or on the way out
            log_exception("tui: saving what is typed", error)
            if not self._save_failed:
                self._tell_not_saved()
            self._save_failed = True
            return False
        self._save_failed = False
        self._on_record = text
        return True

    def _tell_not_saved(self) -> None:
        try:
            self.notify(
                "What you're typing couldn't be saved just now. It is still here on screen, "
                "and cfcoach will try again.",
                title="Not saved yet",
                timeout=8,
            )
        except Exception as error:  # closing down: nothing more to tell
            log_exception("tui: telling a save failed", error)

    # -- acting ------------------------------------------------------------------------

    async def _act(self, action: Callable[[], object], doing: str) -> bool:
        """Run a Practice action; a save problem is told calmly and logged. True when it ran.

        When saving fails, Practice undoes the action, so the step and what was typed stay
        on screen to try again (should the session have moved on, the screen follows it).
        """
        before = self.practice.session.state.current
        try:
            action()
        except StoreError as error:
            self.coach.report_store_error(error, doing, kept=True)
            session = self.practice.session
            if session.finished or session.state.current != before:
                await self.show_step()
            return False
        return True

    async def action_next(self) -> None:
        await keys_settled(self.app)
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
        if not ran or answered is None:
            return
        if assessed and assessed[0] is not None:
            self._show_safety(answered, assessed[0])
        elif self.practice.safety_question_due(answered):
            self._ask_about_safety(answered)
        else:
            await self.show_step()

    def _show_safety(
        self, step_id: str, assessment: Assessment | None, occasion: Occasion | None = None
    ) -> None:
        """The calm safety screen after a worrying answer (already saved), or after "yes"
        or "sometimes" to the safety question; three ways on."""
        from cfcoach.safety.screen import country_for
        from cfcoach.safety_occasions import occasion_for, screen_text
        from cfcoach.tui.screens.safety import SafetyScreen

        text = screen_text(
            occasion or occasion_for(self.practice.exercise.id, step_id),
            assessment.level if assessment is not None else "concern",
            country_for(self.coach.context.paths),
            self.coach.safety_plan_text(),
        )
        try:
            self.practice.safety_screen_shown(step_id)
        except StoreError as error:  # the screen is shown all the same
            self.coach.report_store_error(error, "noting the safety screen")
        self.app.push_screen(SafetyScreen(text), self._after_safety)

    def _ask_about_safety(self, step_id: str) -> None:
        """The gentle safety question, once an entry, after an answer the exercise marks."""
        from cfcoach.tui.screens.safety_question import SafetyQuestionScreen

        try:
            self.practice.ask_about_safety(step_id)
        except StoreError as error:  # asked all the same
            self.coach.report_store_error(error, "noting the safety question")

        async def answered(reply: SafetyReply | None) -> None:
            await self._after_safety_question(step_id, reply or "rather_not_say")

        self.app.push_screen(SafetyQuestionScreen(), answered)

    async def _after_safety_question(self, step_id: str, reply: SafetyReply) -> None:
        from cfcoach.safety_question import AFTER_REPLY

        try:
            show = self.practice.safety_question_answered(reply)
        except StoreError as error:  # the answer is acted on all the same
            self.coach.report_store_error(error, "noting an answer")
            show = reply in ("yes", "sometimes")
        if show:
            self._show_safety(step_id, None, occasion="asked")
            return
        self.notify(AFTER_REPLY[reply], timeout=4)
        await self.show_step()

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
        """Enter goes on, except in a box of several lines (a new line there) and on a
        pause (only ctrl+n ends one)."""
        if isinstance(self.app.focused, TextArea) or isinstance(
            self.practice.session.step, PauseStep
        ):
            raise SkipAction()  # the key goes on to the focused widget as usual
        await self.action_next()

    async def on_submit_requested(self, event: SubmitRequested) -> None:
        event.stop()
        await self.action_next()

    async def action_back(self) -> None:
        await keys_settled(self.app)
        if not self.practice.session.can_go_back:
            self._say("This is the first step, so there is nowhere further back to go.")
            return
        # What is on this step comes back when the person returns to it (and after a crash).
        self.save_typing(from_screen=True)
        if await self._act(self.practice.back, "going back"):
            await self.show_step()

    async def action_skip(self) -> None:
        await keys_settled(self.app)
        skipped = self.practice.session.state.current
        typed = self._typed_words()
        assessed: list[Assessment | None] = []
        if not await self._act(
            lambda: assessed.append(self.practice.skip(typed)), "skipping a step"
        ):
            return
        if assessed and assessed[0] is not None and skipped is not None:
            # Words typed and then skipped are not kept, but they are still read for danger.
            self._show_safety(skipped, assessed[0])
        else:
            await self.show_step()

    def _typed_words(self) -> str | None:
        """The words in the answer box of the text step on screen, if it is one."""
        view = self.step_view
        if view is None or not isinstance(view.step, TextStep):
            return None
        if view.step.id != self.practice.session.state.current:
            return None
        return unsent_text(view.step, view.kept_value())

    async def action_leave(self) -> None:
        """Escape: back to where the exercise was opened (home, usually), the draft kept
        with every word, and one line there saying so."""
        await keys_settled(self.app)
        if len(self.app.screen_stack) < 2:
            return  # nothing underneath to go back to (not how the coach opens a runner)
        if not self.save_typing(from_screen=True):
            # Leaving now would lose the words on screen: stay (the failure is told already).
            self._say("The exercise stays open until what you typed is saved; try again soon.")
            return
        entry_id, exercise = self.practice.entry.id, self.practice.exercise
        self.app.pop_screen()
        below = self.app.screen
        if isinstance(below, HomeScreen):
            below.note_left(entry_id, exercise.id, exercise.title)
        else:  # opened from another list (unfinished exercises, say): the same words there
            said = left_note(exercise.title, checkin=exercise.id == CHECKIN_ID)
            self.app.notify(said, timeout=6, markup=False)

    action_leave_unnamed = action_leave

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave":  # named in the footer unless it is closed up (a pause's keys)
            footers = self.query(Footer)
            return not (footers and footers.first().compact)
        return True

    async def action_too_much(self) -> None:
        await keys_settled(self.app)
        self.save_typing(from_screen=True)
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
            stopped = self.practice.session.state.current
            assessed: list[Assessment | None] = []
            if not await self._act(lambda: assessed.append(self.practice.stop()), "stopping"):
                return
            if assessed and assessed[0] is not None and stopped is not None:
                # The words typed are kept in the entry; the lines come before the end.
                self._show_safety(stopped, assessed[0])
            else:
                self.coach.show_completion(self.practice)
        else:
            self._refocus()

    def _after_grounding(self, _: None) -> None:
        self._refocus()

    def _refocus(self) -> None:
        view = self.step_view
        if view is not None and not view.focus_answer():
            self.query_one("#step-host").focus()
