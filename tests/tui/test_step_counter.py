"""The step counter never jumps (issue 17): "Step 4 · about 8 to go", never a total that
grows when an answer takes a longer way ("Step 3 of 16", then "Step 4 of 17")."""

from __future__ import annotations

from textual.widgets import Label

from cfcoach.context import AppContext
from tests.tui.conftest import MakeApp
from tests.tui.exercises import install
from tests.tui.helpers import press, step_id, type_text


def counter(app: object) -> str:
    return str(app.screen.query_one("#progress", Label).content)  # type: ignore[attr-defined]


async def test_a_high_rating_adds_a_step_and_the_counter_only_counts_on(
    make_app: MakeApp,
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        assert counter(app) == "Step 1 · about 15 to go"
        await press(pilot, "ctrl+n")
        await type_text(pilot, "words")
        await press(pilot, "ctrl+n")
        assert counter(app) == "Step 3 · about 13 to go"
        await press(pilot, "9", "enter")  # a high rating: the settling pause comes in
        assert step_id(app) == "settle"
        assert counter(app) == "Step 4 · about 13 to go"


async def test_the_last_step_says_so_and_a_branching_one_says_perhaps(
    make_app: MakeApp, context: AppContext
) -> None:
    install(context, "forked")
    app = make_app(start_exercise="forked")
    async with app.run_test(size=(80, 24)) as pilot:
        assert counter(app) == "Step 1 · about one more to go"
        await press(pilot, "9", "enter")  # the longer way: a second rating first
        assert counter(app) == "Step 2 · about one more to go"
        await press(pilot, "3", "enter")
        assert step_id(app) == "chart"
        assert counter(app) == "Step 3 · the last step"
