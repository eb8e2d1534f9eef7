"""The home screen: today's check-in, a draft to continue, a suggestion or two for what the
person is working on, the exercises, and recent entries."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from cfcoach.config import load_settings
from cfcoach.store import Entry, StoreError
from cfcoach.store.entries import EntryGlance
from cfcoach.store.errors import damaged_note
from cfcoach.tui.when_text import day_label, started_phrase
from cfcoach.tui.widgets.flowing_list import FlowingOptionList
from cfcoach.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from cfcoach.focus.suggest import FocusSuggestion
    from cfcoach.tui.app import CoachApp

CHECKIN_ID = "daily-checkin"
STATUS_WORDS = {"completed": "completed", "stopped": "stopped early", "draft": "unfinished"}
# A few recent entries fit under the exercises at 80x24; the rest are in history (h).
RECENT_COUNT = 3
# Suggestions prefer exercises not done lately; the newest entries are enough to tell.
LOOKBACK_COUNT = 40
SUGGESTION_PREFIX = "suggest:"
LIST_KEYS = [
    ("↑ ↓", "Move in a list"),
    ("Enter", "Open what is highlighted"),
    ("Tab", "From one list to the other"),
]
"""The lists' own keys, for the ? list (the key bar leaves them out, as Footer does)."""


def problems_line(file_count: int) -> str:
    files = "1 exercise file" if file_count == 1 else f"{file_count} exercise files"
    return f"{files} could not be loaded — run `cfcoach content validate` to see why."


def left_note(title: str, *, checkin: bool, continues: bool | None = None) -> str:
    """The line after leaving an exercise with Escape: it is kept, and how to go on with it.

    ``continues``: True when it is the draft that c continues, False when d (the list of
    unfinished exercises) is the way back to it, ``None`` to name no key.
    """
    kept = "Your check-in is saved" if checkin else f"{title} is saved as you left it"
    if continues is None:
        return f"{kept}."
    return f"{kept}; {'c continues it' if continues else 'd lists your unfinished exercises'}."


class HomeScreen(Screen[None]):
    """Where the app opens; everything is reachable with arrows, Tab and Enter."""

    # home.tcss is read with the app's style sheet (see CoachApp.CSS_PATH), not here.
    AUTO_FOCUS = "#home-actions"  # at once (not the scrolling body first, then the list)
    # Every key is in the key bar when there is room; at 80 columns the rarer ones give way
    # (OPTIONAL_KEYS, first named first) and ? lists them all, with the tooltips as lines.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start_checkin", "Check-in", tooltip="Start today's check-in"),
        Binding("c", "continue_draft", "Continue", tooltip="Continue where you left off"),
        Binding("d", "drafts", "Drafts", tooltip="Unfinished exercises: continue or discard"),
        Binding("h", "history", "History", tooltip="History: read, search, note, delete"),
        Binding("i", "insights", "Insights", tooltip="Insights: how your practice is going"),
        Binding("x", "export", "Export", tooltip="Export entries for your therapist"),
        Binding("f", "focus_areas", "Focus", tooltip="What you're working on (suggestions)"),
        Binding("w", "app.change_country", "Country", tooltip="Your country, for crisis lines"),
        Binding("question_mark", "keys", "Keys", tooltip="Every key, with what it does"),
        Binding("ctrl+q", "app.save_and_quit", "Quit", priority=True, tooltip="Quit (all saved)"),
    ]
    OPTIONAL_KEYS = ("w", "d", "f")
    """Keys that leave the key bar when it is too narrow: the country, the list of
    unfinished exercises (the list above offers it too), the focus areas."""

    def __init__(self) -> None:
        super().__init__()
        self.draft: Entry | None = None
        self.draft_count = 0
        self._told_store_problem = False
        self.suggestions: list[FocusSuggestion] = []
        self._resumed_before = False
        self._left: tuple[int | None, str, str] | None = None
        """(entry id, exercise id, title) of the exercise just left with Escape."""
        self._left_told = False

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)

    def compose(self) -> ComposeResult:
        # Fits 80x24: the exercises take one line each in a list that takes the room left
        # and scrolls; the highlighted one's summary shows under it.
        # Not a focus stop of its own: Tab goes between the two lists, and focus never
        # rests where nothing shows it (the lists scroll the body as they move).
        with VerticalScroll(id="home-body", can_focus=False):
            yield Static(
                Content.assemble(
                    ("cfcoach", "bold $text-primary"),
                    ("  A few kind minutes with your inner critic.", "dim"),
                ),
                id="home-title",
            )
            # One calm line after leaving an exercise with Escape (hidden otherwise).
            yield Static("", id="home-left-note")
            yield FlowingOptionList(id="home-actions")
            yield Static(
                Content.assemble(("Exercises", "bold"), ("   ↑ ↓ to move, Enter to open.", "dim")),
                classes="home-heading",
                id="home-exercises-heading",
            )
            yield FlowingOptionList(id="home-exercises")
            yield Static("", id="home-exercise-summary")
            yield Static("Recent", classes="home-heading")
            yield Static("", id="home-recent")
            yield Static("", id="home-problems")
        yield KeyBar(optional=self.OPTIONAL_KEYS)  # one line, closed up like a compact Footer

    def on_mount(self) -> None:
        self._fill_exercises()
        self.refresh_entries(first=True)
        actions = self.query_one("#home-actions", OptionList)
        actions.highlighted = 0
        actions.focus()

    def on_screen_resume(self) -> None:
        if self._left is not None and self._left_told:
            self._left = None  # said once, on coming back from that exercise: not again
        if self._resumed_before:  # the first resume is the first showing: just filled in
            self.refresh_entries()
        self._resumed_before = True

    def note_left(self, entry_id: int | None, exercise_id: str, title: str) -> None:
        """An exercise was just left with Escape: say, once, that it is kept and how to go on."""
        self._left, self._left_told = (entry_id, exercise_id, title), False

    # -- filling in ----------------------------------------------------------------------

    def _fill_exercises(self) -> None:
        # From the catalogue, not the library: no exercise models before the first paint.
        catalog = self.coach.context.catalog
        exercises = self.query_one("#home-exercises", OptionList)
        exercises.set_options(
            Option(
                Content.assemble((card.title, "bold"), (f" · about {card.minutes} min", "dim")),
                id=card.id,
            )
            for card in catalog.sorted()
        )
        if exercises.option_count:
            exercises.highlighted = 0
        # The list takes the room left, but no more than its lines: on a tall terminal the
        # summary and the recent entries follow it instead of sitting under a blank gap.
        exercises.styles.max_height = max(3, exercises.option_count)
        self._show_summary(exercises.highlighted)
        problems = self.query_one("#home-problems", Static)
        files = catalog.problem_files
        problems.update(problems_line(len(files)) if files else "")
        problems.display = bool(files)

    def refresh_entries(self, *, first: bool = False) -> None:
        """Re-read the latest draft and recent entries (after coming back from an exercise)."""
        recent: list[EntryGlance] = []
        damaged = ""
        try:
            self.draft = self.coach.entries.latest_draft()
            self.draft_count = len(self.coach.entries.drafts(limit=100))
            recent = self.coach.entries.recent_glances(LOOKBACK_COUNT)
            # Entries that cannot be read are left out of every list, and named here.
            damaged = damaged_note(self.coach.entries.damaged)
        except StoreError as error:
            self.draft = None
            if not self._told_store_problem:
                self._told_store_problem = True
                self.coach.report_store_error(error, "reading entries for the home screen")
        self.suggestions = self._suggest(recent)
        self._fill_left_note()
        self._fill_actions()
        self._fill_recent(recent[:RECENT_COUNT], damaged)
        if not first:  # at first the key bar reads the keys as it is first drawn
            self.refresh_bindings()

    def _suggest(self, recent: list[EntryGlance]) -> list[FocusSuggestion]:
        """An exercise or two for the person's focus areas (none if they named none)."""
        focus = load_settings(self.coach.context.paths).known_focus_areas
        if not focus:
            return []
        from cfcoach.focus.suggest import last_done_days, suggest_for_focus

        today = self.coach.context.clock().astimezone().date()
        done = last_done_days(
            (entry.exercise_id, entry.started_at.astimezone().date()) for entry in recent
        )
        cards = self.coach.context.catalog.sorted()
        return suggest_for_focus(focus, cards, today=today, last_done=done, exclude=[CHECKIN_ID])

    def _fill_actions(self) -> None:
        actions = self.query_one("#home-actions", OptionList)
        highlighted = actions.highlighted
        options = [Option(Content.assemble(("Start today's check-in", "bold")), id="start")]
        if self.draft is not None:
            options.append(Option(self._continue_prompt(self.draft), id="continue"))
        if self.draft_count > 1:
            more = f"{self.draft_count} to continue or discard"
            options.append(
                Option(
                    Content.assemble(("All unfinished exercises", "bold"), "\n", (more, "dim")),
                    id="drafts",
                )
            )
        options.extend(
            Option(
                Content.assemble(
                    (f"For {suggestion.area.label}, you might try: ", ""),
                    (suggestion.exercise_title, "bold"),
                ),
                id=f"{SUGGESTION_PREFIX}{suggestion.exercise_id}",
            )
            for suggestion in self.suggestions
        )
        actions.set_options(options)
        if highlighted is not None:
            actions.highlighted = min(highlighted, len(options) - 1)

    def _fill_left_note(self) -> None:
        note = self.query_one("#home-left-note", Static)
        text = ""
        if self._left is not None:
            entry_id, exercise_id, title = self._left
            continues = self.draft is not None and self.draft.id == entry_id
            text = left_note(title, checkin=exercise_id == CHECKIN_ID, continues=continues)
            self._left_told = True
        note.update(text)
        note.display = bool(text)
        self.set_class(bool(text), "-left-note")

    def _continue_prompt(self, draft: Entry) -> Content:
        card = self.coach.context.catalog.get(draft.exercise_id)
        title = card.title if card else draft.exercise_id
        details = [title, f"started {started_phrase(draft.started_at, self.coach.context.clock())}"]
        progress = draft.saved_progress  # as saved: working it out would load the exercise
        if progress is not None:
            details.append(f"step {progress[0]} of {progress[1]}")
        return Content.assemble(
            ("Continue where you left off", "bold"), "\n", (" · ".join(details), "dim")
        )

    def _fill_recent(self, recent: list[EntryGlance], damaged: str = "") -> None:
        box = self.query_one("#home-recent", Static)
        if not recent:
            box.update(
                Content.assemble(
                    ("Nothing here yet. Your check-ins will appear here.", "dim"),
                    ("\n" + damaged if damaged else "", "dim"),
                )
            )
            return
        catalog = self.coach.context.catalog
        now = self.coach.context.clock()
        lines = []
        for entry in recent:
            card = catalog.get(entry.exercise_id)
            title = card.title if card else entry.exercise_id
            lines.append(
                Content.assemble(
                    (f"{day_label(entry.started_at, now):<10} ", ""),
                    (f"{entry.started_at.astimezone():%H:%M}   ", "dim"),
                    (f"{title:<28} ", ""),
                    (STATUS_WORDS.get(entry.status, entry.status), "dim"),
                )
            )
        if damaged:
            lines.append(Content.assemble((damaged, "dim")))
        box.update(Content("\n").join(lines))

    def _show_summary(self, index: int | None) -> None:
        """The summary of the exercise highlighted in the list, in the one place under it."""
        exercises = self.query_one("#home-exercises", OptionList)
        box = self.query_one("#home-exercise-summary", Static)
        card = None
        if index is not None and 0 <= index < exercises.option_count:
            option_id = exercises.get_option_at_index(index).id
            card = self.coach.context.catalog.get(option_id) if option_id else None
        box.update(card.summary if card is not None else "")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "home-exercises":
            self._show_summary(event.option_index)

    # -- acting --------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id == "start":
            self.action_start_checkin()
        elif event.option_id == "continue":
            self.action_continue_draft()
        elif event.option_id == "drafts":
            self.action_drafts()
        elif event.option_id is not None and event.option_id.startswith(SUGGESTION_PREFIX):
            self.coach.open_exercise(
                event.option_id.removeprefix(SUGGESTION_PREFIX), offer_draft=True
            )
        elif event.option_id is not None:
            self.coach.open_exercise(event.option_id, offer_draft=True)

    def action_start_checkin(self) -> None:
        self.coach.open_exercise(CHECKIN_ID, offer_draft=True)

    def action_continue_draft(self) -> None:
        if self.draft is not None:
            self.coach.resume_entry(self.draft)

    def action_history(self) -> None:
        from cfcoach.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_insights(self) -> None:
        from cfcoach.tui.screens.insights import InsightsScreen

        self.app.push_screen(InsightsScreen())

    def action_focus_areas(self) -> None:
        """What you're working on: tick focus areas for the suggestions."""
        from cfcoach.tui.first_run import choose_focus

        choose_focus(self.coach, then=self.refresh_entries)

    def action_drafts(self) -> None:
        from cfcoach.tui.screens.drafts import DraftsScreen

        self.app.push_screen(DraftsScreen())

    def action_export(self) -> None:
        from cfcoach.tui.screens.export import ExportScreen

        self.app.push_screen(ExportScreen())

    def action_keys(self) -> None:
        from cfcoach.tui.screens.keys import KeysScreen, screen_keys

        rows = [*screen_keys(self), *LIST_KEYS]
        self.app.push_screen(KeysScreen("Keys on the home screen", rows))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "continue_draft":
            return self.draft is not None
        return True
