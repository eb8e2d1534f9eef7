"""The insights screen: ratings over time, practice days, the three systems, words, exercises.

It only ever counts: no streaks, no scores, nothing about days without practice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from textual.pilot import Pilot

from cfcoach.context import AppContext
from cfcoach.insights import is_three_circles
from cfcoach.tui.app import CoachApp
from cfcoach.tui.screens.home import HomeScreen
from cfcoach.tui.screens.insights import InsightsScreen
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_words
from tests.tui.history_data import END, checkin, install_exercises, save, seed_generated

SnapCompare = Callable[..., bool]
DAY = timedelta(days=1)
JUDGING = ("streak", "broken", "missed", "failed", "lost", "behind")


async def open_insights(pilot: Pilot[None], app: CoachApp) -> str:
    """Open the screen, wait for the figures, and return the words on it."""
    await press(pilot, "i")
    assert isinstance(app.screen, InsightsScreen)
    await app.workers.wait_for_complete()
    await pilot.pause()
    return screen_words(app)


async def test_insights_show_every_figure(make_app: MakeApp, context: AppContext) -> None:
    seed_generated(context)
    app = make_app()
    async with app.run_test(size=(100, 120)) as pilot:
        words = await open_insights(pilot, app)
        figures = app.screen.figures  # type: ignore[attr-defined]
        assert figures is not None
        activity = figures.summary.activity
        assert f"From {activity.entries} entries" in words
        assert "Critic intensity, before and after" in words
        assert "Self-warmth, before and after" in words
        critic = figures.measures[0].measure
        assert (
            f"Before: {critic.mean_before:.1f} on average. After: {critic.mean_after:.1f}." in words
        )
        assert "Days you practised" in words
        assert f"{figures.practice_days} days with practice in all" in words
        assert "The three systems threat drive soothe" in words
        assert "Words the critic comes back to" in words
        assert figures.summary.critic_words[0].word in words
        assert "Exercises you used most Daily check-in" in words
        assert "Three circles" in words and "Self-warmth practice" in words
        lowered = words.lower()
        assert not [word for word in JUDGING if word in lowered]
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_with_nothing_yet_the_screen_says_what_will_come(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        words = await open_insights(pilot, app)
        assert "Nothing to show yet. After a few check-ins" in words
        assert "Critic intensity" not in words


async def test_without_three_circles_entries_the_balance_waits_calmly(
    make_app: MakeApp, context: AppContext
) -> None:
    install_exercises(context)
    with context.open_store() as store:
        for back in range(3):
            save(store, END - back * DAY, answers=checkin("You never finish anything"))
    app = make_app()
    async with app.run_test(size=(80, 60)) as pilot:
        words = await open_insights(pilot, app)
        assert "The three systems Nothing yet. Three circles asks how big" in words
        assert "never" in words  # a recurring word, from three entries
        assert "3 days with practice in all · 3 in the last 30 days" in words


async def test_without_a_three_circles_exercise_at_all(
    make_app: MakeApp, context: AppContext
) -> None:
    library = context.library.exercises
    for exercise_id in [k for k, f in library.items() if is_three_circles(f.exercise)]:
        del library[exercise_id]
    with context.open_store() as store:
        save(store, END, answers=checkin("You never finish anything"))
        save(store, END - DAY, "three-circles", {"threat": 5})  # an exercise no longer here
    app = make_app()
    async with app.run_test(size=(80, 60)) as pilot:
        words = await open_insights(pilot, app)
        assert "Nothing yet: ratings of the three circles" in words
        assert "three-circles 1" in words  # still counted among the exercises used


async def test_a_store_problem_is_told_calmly(
    make_app: MakeApp, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cfcoach.store import DatabaseUnavailable

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        def refuse(self: AppContext) -> object:
            raise DatabaseUnavailable("The entries can't be read right now.")

        monkeypatch.setattr(AppContext, "open_store", refuse)
        await press(pilot, "i")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "The entries can't be read right now." in screen_words(app)


async def test_leaving_before_the_figures_are_ready_is_fine(
    make_app: MakeApp, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from cfcoach.tui.screens import insights

    seed_generated(context, entries=30)
    left = threading.Event()
    real = insights.overview

    def slow_overview(*args: Any, **kwargs: Any) -> Any:
        left.wait(timeout=30)  # the figures are ready only after the person has left
        return real(*args, **kwargs)

    monkeypatch.setattr(insights, "overview", slow_overview)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "i", "escape")
        assert isinstance(app.screen, HomeScreen)
        left.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


# -- snapshots ---------------------------------------------------------------------------------


async def show_insights(pilot: Pilot[None]) -> None:
    await pilot.press("i")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize(
    ("theme", "size"),
    [("textual-dark", (80, 24)), ("textual-light", (120, 40))],
    ids=["dark-80x24", "light-120x40"],
)
def test_insights_snapshot(
    snap_compare: SnapCompare,
    make_app: MakeApp,
    context: AppContext,
    theme: str,
    size: tuple[int, int],
) -> None:
    seed_generated(context)
    assert snap_compare(make_app(theme=theme), terminal_size=size, run_before=show_insights)


def test_history_snapshot(
    snap_compare: SnapCompare, make_app: MakeApp, context: AppContext
) -> None:
    seed_generated(context)
    with context.open_store() as store:
        store.set_note(store.recent(1)[0].id or 0, "Talk about this week")

    async def show_history(pilot: Pilot[None]) -> None:
        await pilot.press("h")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=show_history)
