"""Insights: how the ratings move over time, the days practised, the three systems, the
critic's recurring words and the exercises used most. Counting only: nothing here scores
the person or warns about a day without practice.

The figures are gathered in a thread (with 10,000 entries that takes a moment), so the
screen opens at once and fills in when they are ready.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from cfcoach.datetext import range_text
from cfcoach.insights import DayMeans, Overview, calendar_weeks, overview
from cfcoach.store import StoreError
from cfcoach.store.entries import EntryQuery
from cfcoach.textcharts import (
    ChartStyles,
    calendar_weeks_for,
    practice_calendar,
    ranked_bars,
    rating_chart,
    systems_chart,
)
from cfcoach.tui.widgets.insight_chart import Draw, InsightChart

if TYPE_CHECKING:
    from cfcoach.tui.app import CoachApp

HERE = Path(__file__).parent
MAX_MEASURES = 3
MAX_MONTHS = 6
NOTHING_YET = (
    "Nothing to show yet. After a few check-ins, this page shows how your ratings change "
    "over time, the days you practised, and the words the critic comes back to."
)


@dataclass(frozen=True)
class Gathered:
    figures: Overview | None
    problem: StoreError | None = None


class InsightsScreen(Screen[None]):
    """Opens at once; the sections appear when the figures are ready."""

    CSS_PATH = HERE / "insights.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.figures: Overview | None = None

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="insights-body"):
            yield Static("Insights", id="insights-title")
            yield Static("Gathering your figures…", id="insights-lead")
            yield Vertical(id="insights-sections")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#insights-body").focus()
        self.gather()

    @work(thread=True, exclusive=True)
    def gather(self) -> None:
        """Read every finished entry (in its own connection: this is another thread)."""
        context = self.coach.context
        try:
            with context.open_store() as store:
                # Figures never read the saved engine state, the largest column.
                query = EntryQuery(include_private=True)
                entries = list(store.select(query, with_state=False))
            exercises = {key: found.exercise for key, found in context.library.exercises.items()}
            today = context.clock().astimezone().date()
            result = Gathered(overview(entries, exercises, today))
        except StoreError as error:
            result = Gathered(None, error)
        self.app.call_from_thread(self.show, result)

    def show(self, gathered: Gathered) -> None:
        if self not in self.app.screen_stack:
            return  # the person left before the figures were ready
        lead = self.query_one("#insights-lead", Static)
        if gathered.problem is not None or gathered.figures is None:
            lead.update("Your entries could not be read just now.")
            if gathered.problem is not None:
                self.coach.report_store_error(gathered.problem, "gathering insights")
            return
        figures = self.figures = gathered.figures
        activity = figures.summary.activity
        if activity.entries == 0 or activity.first_day is None or activity.last_day is None:
            lead.update(NOTHING_YET)
            return
        span = range_text(activity.first_day, activity.last_day, short=True)
        count = f"{activity.entries:,} entr{'y' if activity.entries == 1 else 'ies'}"
        lead.update(f"From {count}, {span}. Ratings are 0 to 10.")
        sections = self.query_one("#insights-sections", Vertical)
        sections.mount_all(self._sections(figures))

    def _sections(self, figures: Overview) -> list[Static | InsightChart]:
        tall = self.app.size.height >= 32
        made: list[Static | InsightChart] = []

        def section(title: str, chart: InsightChart | None, caption: str) -> None:
            made.append(Static(title, classes="insights-heading"))
            if chart is not None:
                made.append(chart)
            if caption:
                made.append(Static(caption, classes="insights-caption", markup=False))

        for item in figures.measures[:MAX_MEASURES]:
            measure = item.measure
            draw = _rating_draw(item.days, measure.paired, 8 if tall else 6)
            if measure.paired:
                caption = (
                    f"Before: {_one(measure.mean_before)} on average. After: "
                    f"{_one(measure.mean_after)}. ({measure.pairs:,} rated both times.)"
                )
                title = f"{measure.name}, before and after"
            else:
                caption = f"{_one(measure.mean_after)} on average, {measure.rated:,} times rated."
                title = measure.name
            section(title, InsightChart(draw, classes="insights-chart"), caption)

        counts, today = figures.day_counts, figures.today
        first_day = figures.summary.activity.first_day

        since_first = (today - first_day).days // 7 + 2 if first_day else 1

        def draw_days(width: int, styles: ChartStyles) -> Text:
            count = min(calendar_weeks_for(width), since_first)
            weeks = calendar_weeks(counts, today, count, first_day)
            return practice_calendar(weeks, styles=styles)

        section(
            "Days you practised",
            InsightChart(draw_days, classes="insights-chart"),
            f"{figures.practice_days:,} days with practice in all · "
            f"{figures.recent_practice_days} in the last 30 days.",
        )

        months = figures.systems[-MAX_MONTHS:]
        if months:

            def draw_systems(width: int, styles: ChartStyles) -> Text:
                return systems_chart(months, width=width, styles=styles)

            balance = figures.summary.balance
            counted = balance.entries if balance is not None else 0
            section(
                "The three systems",
                InsightChart(draw_systems, classes="insights-chart"),
                f"How big each circle felt (0 to 10), month by month, from {counted:,} "
                "three-circles entries.",
            )
        else:
            name = figures.three_circles_exercise
            section(
                "The three systems",
                None,
                f"Nothing yet. {name} asks how big your threat, drive and soothing systems "
                "feel; its answers show here month by month."
                if name
                else "Nothing yet: ratings of the three circles (threat, drive and soothe) "
                "show here month by month.",
            )

        words = figures.summary.critic_words
        if words:
            rows = [(w.word, w.entries, f"{w.entries:,} entries") for w in words]

            def draw_words(width: int, styles: ChartStyles) -> Text:
                return ranked_bars(rows, width=min(width, 72), styles=styles)

            section(
                "Words the critic comes back to",
                InsightChart(draw_words, classes="insights-chart"),
                f"Each counted once per entry, from {figures.summary.critic_answers:,} of the "
                "critic's answers.",
            )
        else:
            section(
                "Words the critic comes back to",
                None,
                "Nothing yet: words show here once they come back in two or more entries.",
            )

        used = [(c.title, c.count, f"{c.count:,}") for c in figures.summary.activity.by_exercise]

        def draw_used(width: int, styles: ChartStyles) -> Text:
            return ranked_bars(used, width=min(width, 72), styles=styles)

        section("Exercises you used most", InsightChart(draw_used, classes="insights-chart"), "")
        return made

    def action_back(self) -> None:
        self.app.pop_screen()


def _rating_draw(days: tuple[DayMeans, ...], paired: bool, height: int) -> Draw:
    def draw(width: int, styles: ChartStyles) -> Text:
        return rating_chart(days, width=width, height=height, paired=paired, styles=styles)

    return draw


def _one(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"
