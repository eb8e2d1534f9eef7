"""What you're working on: the focus screen (f), and the home screen's gentle suggestions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from cfcoach.config import Settings, load_settings, save_settings
from cfcoach.context import AppContext
from cfcoach.focus.suggest import last_done_days, suggest_for_focus
from cfcoach.store import new_entry
from cfcoach.tui.app import CoachApp
from cfcoach.tui.screens.focus import FocusScreen
from cfcoach.tui.screens.home import CHECKIN_ID, HomeScreen
from tests.conftest import FIXED_NOW
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, runner, screen_text, screen_words

SnapCompare = Callable[..., bool]


def choose(context: AppContext, *focus: str) -> None:
    save_settings(context.paths, Settings(country="GB", first_run_done=True, focus_areas=[*focus]))


def suggestion_lines(app: CoachApp) -> list[str]:
    return [line.strip() for line in screen_text(app).splitlines() if "you might try:" in line]


def expected(context: AppContext, *focus: str, done: dict[str, int] | None = None) -> list[str]:
    """What the home screen should suggest today (the picker has tests of its own)."""
    today = FIXED_NOW.astimezone().date()
    last = last_done_days(
        (exercise_id, today - timedelta(days=days)) for exercise_id, days in (done or {}).items()
    )
    library = [found.exercise for found in context.library.sorted()]
    chosen = suggest_for_focus(focus, library, today=today, last_done=last, exclude=[CHECKIN_ID])
    return [suggestion.exercise_id for suggestion in chosen]


async def test_no_focus_areas_no_suggestions(make_app: MakeApp, context: AppContext) -> None:
    choose(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert suggestion_lines(app) == []
        assert app.screen.suggestions == []


async def test_f_opens_the_focus_screen_and_ticking_changes_the_suggestions(
    make_app: MakeApp, context: AppContext
) -> None:
    choose(context, "shame")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [line.split(",")[0] for line in suggestion_lines(app)] == ["For shame"]
        await press(pilot, "f")
        assert isinstance(app.screen, FocusScreen)
        assert "What would you like to work on?" in screen_words(app)
        assert "Keep as it is" in screen_text(app).splitlines()[-1]
        assert app.screen.query_one("#focus-areas").selected == ["shame"]  # type: ignore[attr-defined]
        # Untick shame (third), tick social anxiety (fourth) and low mood (eighth).
        await press(pilot, "down", "down", "space", "down", "space")
        await press(pilot, "down", "down", "down", "down", "space", "enter")
        assert isinstance(app.screen, HomeScreen)
        lines = suggestion_lines(app)
        assert sorted(line.split(",")[0] for line in lines) == [
            "For low mood",
            "For social anxiety",
        ]
    assert load_settings(context.paths).focus_areas == ["social-anxiety", "low-mood"]


async def test_escape_leaves_the_focus_areas_as_they_were(
    make_app: MakeApp, context: AppContext
) -> None:
    choose(context, "anger", "future-area")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "f", "space", "down", "space", "escape")
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "f", "enter")  # saved as shown: the unknown area is kept
    assert load_settings(context.paths).focus_areas == ["anger", "future-area"]


async def test_unticking_everything_means_no_suggestions(
    make_app: MakeApp, context: AppContext
) -> None:
    choose(context, "chronic-self-criticism")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert len(suggestion_lines(app)) == 1
        await press(pilot, "f", "space", "enter")
        assert suggestion_lines(app) == []
    assert load_settings(context.paths).focus_areas == []


async def test_a_suggestion_on_the_home_list_starts_that_exercise(
    make_app: MakeApp, context: AppContext
) -> None:
    choose(context, "perfectionism")
    (wanted,) = expected(context, "perfectionism")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        title = context.library.get(wanted).title  # type: ignore[union-attr]
        assert suggestion_lines(app) == [f"For perfectionism, you might try: {title}"]
        await press(pilot, "down", "enter")  # from "Start today's check-in" to the suggestion
        assert runner(app).practice.entry.exercise_id == wanted


async def test_suggestions_prefer_exercises_not_done_lately(
    make_app: MakeApp, context: AppContext
) -> None:
    choose(context, "low-self-worth")
    (first,) = expected(context, "low-self-worth")
    with context.open_store() as store:
        entry = new_entry(first, 1, FIXED_NOW - timedelta(days=1))
        store.save(replace(entry, status="completed"))
    (instead,) = expected(context, "low-self-worth", done={first: 1})
    assert instead != first
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [s.exercise_id for s in app.screen.suggestions] == [instead]  # type: ignore[attr-defined]


def test_home_with_suggestions_snapshot(
    snap_compare: SnapCompare, make_app: MakeApp, context: AppContext
) -> None:
    choose(context, "perfectionism", "anger")
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_focus_screen_snapshot(
    snap_compare: SnapCompare, make_app: MakeApp, context: AppContext
) -> None:
    choose(context, "shame", "low-mood")
    assert snap_compare(make_app(theme="textual-light"), press=["f"], terminal_size=(80, 24))
