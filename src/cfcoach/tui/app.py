"""The cfcoach Textual app: a home screen, the exercise runner and the calm notices between.

``create_app(context).run()`` is all a caller needs; tests use the same factory.
"""

from __future__ import annotations

import asyncio
import gc
import signal
import sys
from datetime import datetime
from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual.app import App, InvalidThemeError
from textual.binding import Binding, BindingType

from cfcoach.context import AppContext
from cfcoach.errorlog import get_logger, log_exception
from cfcoach.store import Entry, EntryStore, StoreError
from cfcoach.tui.hangup import HANGUP_GRACE_SECONDS, leave_within
from cfcoach.tui.screens.home import HomeScreen

# Other screens, the exercise runner and what they bring in (the engine, the safety
# rules, insights, export) are imported when first opened, so the home screen's first
# paint waits only for what it shows.
if TYPE_CHECKING:
    from cfcoach.content.models import Exercise
    from cfcoach.practice import Practice

DEFAULT_THEME = "textual-dark"
DraftChoice = Literal["ask", "resume", "new"]
CLOSED_BY_SIGNAL = "cfcoach was asked to close. Everything you wrote is saved."
KEPT_ON_SCREEN = "What you wrote is still here on screen, so nothing is lost."
CHANGED_SINCE_STARTED = (
    "This exercise has changed since you started; your earlier answers are kept in your "
    "history. Let's begin it fresh."
)


class CoachApp(App[None]):
    """The whole TUI. Screens reach the store and exercises through this app's methods."""

    # home.tcss is read here: Textual 8.2 does not read a default screen's own CSS_PATH.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "screens/home.tcss"]
    TITLE = "cfcoach"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        # Replaces Textual's own ctrl+q: every step is already saved, so quitting is safe.
        Binding("ctrl+q", "save_and_quit", "Quit", show=False, priority=True),
        # Crisis lines from every screen, shown in every footer.
        Binding("f1", "help_now", "Help now", priority=True),
    ]

    def __init__(
        self,
        context: AppContext,
        *,
        theme: str = "textual-dark",
        reduced_motion: bool = False,
        start_exercise: str | None = None,
        draft_choice: DraftChoice = "ask",
        welcome: bool | None = None,
        store: EntryStore | None = None,
    ) -> None:
        super().__init__()
        self.welcome = welcome
        """Show the first-run welcome: True, False, or None to ask the settings."""
        self.context = context
        self.reduced_motion = reduced_motion
        self.start_exercise = start_exercise
        self.draft_choice: DraftChoice = draft_choice
        """For ``start_exercise`` with a draft: ask, continue it, or begin a new one."""
        self._signals: list[signal.Signals] = []
        self.timers_running = True
        """False keeps pause countdowns still (tests and snapshots set it)."""
        self._first_theme = theme
        self._store = store
        self._trash_checked = False
        self.purged = 0
        """How many entries left the trash for good when the store was first used."""
        if reduced_motion:
            self.animation_level = "none"

    # -- lifecycle ------------------------------------------------------------------------

    def get_default_screen(self) -> HomeScreen:
        # The first frame is the home screen (pushed from on_mount, an empty one came first).
        return HomeScreen()

    def on_mount(self) -> None:
        # `cfcoach` pauses the cycle collector while the coach opens (cli/entry.py).
        self.call_after_refresh(gc.enable)
        self.apply_first_theme()
        self._listen_for_signals()
        self._tell_made_private()
        from cfcoach.tui.first_run import choose_country, needs_welcome  # both light

        if self.welcome is None:
            self.welcome = needs_welcome(self)
        if self.welcome:
            choose_country(self, first_run=True, then=self._after_welcome)
        else:
            self._after_welcome()

    def _tell_made_private(self) -> None:
        """Folders or files that were open to other users: made private, and said once."""
        from cfcoach.permissions import make_private, messages, take_held

        make_private(self.context.paths)
        for message in messages(take_held()):
            self.notify(message, title="Made private", timeout=12, markup=False)

    def apply_first_theme(self) -> None:
        """The theme asked for; an unknown name falls back to the default."""
        try:
            self.theme = self._first_theme
        except InvalidThemeError:
            self.theme = DEFAULT_THEME  # an unknown name should never stop a check-in

    def _after_welcome(self) -> None:
        if self.start_exercise is not None:
            self._open_start_exercise(self.start_exercise)

    def action_change_country(self) -> None:
        """Choose the country whose crisis lines cfcoach shows."""
        from cfcoach.tui.first_run import choose_country

        choose_country(self, first_run=False)

    def _open_start_exercise(self, exercise_id: str) -> None:
        """The exercise named on the command line, with its draft as ``draft_choice`` says."""
        exercise = self.context.library.get(exercise_id)
        if self.draft_choice == "ask" or exercise is None:
            self.open_exercise(exercise_id, offer_draft=True)
            return
        if self.draft_choice == "new":
            self.begin(exercise)
            return
        try:
            draft = self.entries.latest_draft(exercise_id)
        except StoreError as error:
            self.report_store_error(error, "looking for a draft")
            return
        if draft is None:
            self.begin(exercise)
        else:
            self.resume_entry(draft)

    # -- closing: whatever the way out, what is typed is saved first -----------------------

    def _listen_for_signals(self) -> None:
        """A closed terminal (SIGHUP) or a polite kill (SIGTERM, SIGINT) saves, then closes calmly."""
        try:
            loop = asyncio.get_running_loop()
            wanted = [signal.SIGHUP, signal.SIGTERM]
            if not self.is_headless:
                wanted.append(signal.SIGINT)  # kill -INT: Ctrl+C itself is a key in the app
            for signum in wanted:
                loop.add_signal_handler(signum, self.close_for_signal, signum)
                self._signals.append(signum)
        except (NotImplementedError, RuntimeError, ValueError, AttributeError) as error:
            log_exception("tui: listening for signals", error)  # e.g. not the main thread

    def _stop_listening_for_signals(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for signum in self._signals:
                loop.remove_signal_handler(signum)
        except (RuntimeError, ValueError) as error:
            log_exception("tui: no longer listening for signals", error)
        self._signals.clear()

    def save_unsent(self) -> None:
        """Save whatever is typed but not yet given, on every runner open (never raises)."""
        runner = sys.modules.get("cfcoach.tui.screens.runner")
        if runner is None:
            return  # no runner was ever opened
        for screen in list(self.screen_stack):
            if isinstance(screen, runner.RunnerScreen):
                screen.save_typing(from_screen=True)

    def close_for_signal(self, signum: int) -> None:
        """SIGHUP, SIGTERM or SIGINT: save what is typed, then exit with 128 + the signal's
        number, as a process ended by it would (143, 129, 130; after SIGHUP the terminal
        is gone, so there is no one to tell)."""
        self.save_unsent()
        code = 128 + signum
        if signum == signal.SIGHUP and not self.is_headless:  # never end a test run
            leave_within(HANGUP_GRACE_SECONDS, code=code)  # if tidying the gone terminal blocks
        self.exit(return_code=code, message=None if signum == signal.SIGHUP else CLOSED_BY_SIGNAL)

    def on_unmount(self) -> None:
        self._stop_listening_for_signals()
        if self._store is not None:
            self._store.close()
            self._store = None

    def action_help_now(self) -> None:
        """Show the crisis lines (and the safety plan) over whatever is on screen."""
        from cfcoach.safety.help_text import help_now_text
        from cfcoach.tui.screens.help_now import HelpNowScreen

        if isinstance(self.screen, HelpNowScreen):
            return
        self.push_screen(HelpNowScreen(help_now_text(self.context), self.safety_plan_text()))

    def safety_plan_text(self) -> str | None:
        """The person's safety plan as text, or ``None`` (also when it can't be read)."""
        from cfcoach.safety_plan import SAFETY_PLAN_ID, current_plan

        try:
            plan = current_plan(self.entries, self.context.library.get(SAFETY_PLAN_ID))
        except StoreError as error:
            log_exception("tui: reading the safety plan", error)
            return None
        return plan.as_text() if plan else None

    def action_save_and_quit(self) -> None:
        self.save_unsent()
        self.exit()

    def _fatal_error(self) -> None:
        """An unexpected error: log it, and show a calm note instead of a traceback.

        (Textual's own version prints a traceback with local variables, which could
        include what the person wrote.) Pilot tests still see the error: run_test re-raises it.
        """
        try:
            self.save_unsent()
        except Exception as error:  # never let saving hide the first problem
            log_exception("tui: saving after an error", error)
        message = (
            "Something went wrong inside cfcoach and it had to close. "
            "Everything up to your last step is saved."
        )
        if self._exception is not None:
            message += (
                f" The details are in {log_exception('tui: unexpected error', self._exception)}."
            )
        self.panic(Text(message))

    # -- the store --------------------------------------------------------------------------

    @property
    def entries(self) -> EntryStore:
        """The entries store, opened on first use (raises :class:`StoreError`).

        On opening, entries kept in the trash for over 30 days go for good, quietly.
        """
        if self._store is None:
            self._store = self.context.open_store()
        if not self._trash_checked:
            self._trash_checked = True
            self.purged = purge_old_trash(self._store, self.context.clock())
        return self._store

    def report_store_error(self, error: StoreError, doing: str, *, kept: bool = False) -> None:
        """Log ``error`` (never on screen) and tell the person calmly in its own words;
        ``kept``: their words are still on screen, to save again once it is sorted."""
        log_exception(f"tui: {doing}", error)
        said = str(error) + (f" {KEPT_ON_SCREEN}" if kept else "")
        from cfcoach.tui.screens.notice import NoticeScreen

        self.push_screen(NoticeScreen("Something got in the way", said))

    def notice(self, title: str, message: str) -> None:
        from cfcoach.tui.screens.notice import NoticeScreen

        self.push_screen(NoticeScreen(title, message))

    # -- opening exercises -----------------------------------------------------------------

    def open_exercise(self, exercise_id: str, *, offer_draft: bool = False) -> None:
        """Start ``exercise_id``; with ``offer_draft``, first offer to continue a draft of it."""
        exercise = self.context.library.get(exercise_id)
        if exercise is None:
            self.notice(
                "That exercise isn't here",
                f"There is no exercise called '{exercise_id}'. The home screen lists the ones you have.",
            )
            return
        draft: Entry | None = None
        if offer_draft:
            try:
                draft = self.entries.latest_draft(exercise_id)
            except StoreError as error:
                self.report_store_error(error, "looking for a draft")
                return
        if draft is None:
            self.begin(exercise)
            return

        def chosen(choice: str | None) -> None:
            if choice == "continue" and draft is not None:
                self.resume_entry(draft)
            elif choice == "fresh":
                self.begin(exercise)

        from cfcoach.tui.screens.offer_draft import OfferDraftScreen

        self.push_screen(
            OfferDraftScreen(exercise, draft, self.draft_progress(draft), self.context.clock()),
            chosen,
        )

    def begin(self, exercise: Exercise) -> None:
        """Start ``exercise`` afresh (a new draft, saved at once)."""
        from cfcoach.practice import Practice
        from cfcoach.tui.screens.runner import RunnerScreen

        try:
            from cfcoach.safety_plan import starting_answers

            practice = Practice.begin(
                self.entries,
                exercise,
                self.context.clock,
                earlier=starting_answers(self.entries, exercise),
            )
        except StoreError as error:
            self.report_store_error(error, "starting an exercise")
            return
        self.push_screen(RunnerScreen(practice))

    def resume_entry(self, entry: Entry) -> None:
        """Continue a draft where it was left; start afresh if the exercise has changed."""
        exercise = self.context.library.get(entry.exercise_id)
        if exercise is None:
            self.notice(
                "That exercise isn't here any more",
                "The exercise this was started from can't be found, so it can't be continued. "
                "Your answers are kept in your history.",
            )
            return
        from cfcoach.engine import ResumeError
        from cfcoach.practice import Practice
        from cfcoach.tui.screens.runner import RunnerScreen

        try:
            practice = Practice.resume(self.entries, exercise, entry, self.context.clock)
        except ResumeError as error:
            log_exception("tui: resuming a draft", error)
            self.begin(exercise)
            self.notice("Starting afresh", CHANGED_SINCE_STARTED)
            return
        except StoreError as error:
            self.report_store_error(error, "resuming a draft")
            return
        self.push_screen(RunnerScreen(practice))

    def draft_progress(self, entry: Entry) -> tuple[int, int] | None:
        """(step k, of n) where a draft was left, or ``None`` if it can no longer be resumed."""
        exercise = self.context.library.get(entry.exercise_id)
        if exercise is None:
            return None
        from cfcoach.engine import ResumeError
        from cfcoach.practice import Practice

        try:
            return Practice.resume(
                self.entries, exercise, entry, self.context.clock
            ).session.progress()
        except (ResumeError, StoreError):
            return None

    def show_completion(self, practice: Practice) -> None:
        """Replace the runner with the thank-you screen."""
        from cfcoach.tui.screens.completion import CompletionScreen

        self.switch_screen(CompletionScreen(practice))


def purge_old_trash(store: EntryStore, now: datetime) -> int:
    """Delete what has been in the trash over 30 days; how many (a problem is only logged)."""
    try:
        purged = store.purge_trash(now)
    except StoreError as error:
        log_exception("tui: emptying the trash of old entries", error)
        return 0
    if purged:
        get_logger().info("tui: %d entries were in the trash over 30 days and are gone", purged)
    return purged


def create_app(
    context: AppContext,
    *,
    theme: str = "textual-dark",
    reduced_motion: bool = False,
    start_exercise: str | None = None,
    draft_choice: DraftChoice = "ask",
    welcome: bool | None = None,
    store: EntryStore | None = None,
) -> CoachApp:
    """The app the CLI runs and the tests drive.

    ``draft_choice`` says what to do when ``start_exercise`` has a draft: ``ask``,
    ``resume`` it (``cfcoach run ID --resume``) or begin a ``new`` one (``--new``).
    ``store``: the entries store, already opened (the CLI opens it first, to tell
    problems in one sentence); the app closes it. Without it the app opens its own.
    """
    return CoachApp(
        context,
        theme=theme,
        reduced_motion=reduced_motion,
        start_exercise=start_exercise,
        draft_choice=draft_choice,
        welcome=welcome,
        store=store,
    )
