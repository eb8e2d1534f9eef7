"""Snapshots of the bar-chart review and the pause with its pacer (80x24, fixed clock, timers held).

Regenerate after a deliberate change with
``pytest tests/tui/test_runner_snapshots.py --snapshot-update`` and look at the SVGs first.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from cfcoach.context import AppContext
from tests.tui.conftest import MakeApp
from tests.tui.exercises import install

SnapCompare = Callable[..., bool]

TO_REVIEW = ["ctrl+n", *"Busy week", "ctrl+n", "enter", "8", "enter", "5", "enter", "2", "enter"]


@pytest.fixture(autouse=True)
def exercises(context: AppContext) -> None:
    install(context, "journal", "rest")


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_bars_review(snap_compare: SnapCompare, make_app: MakeApp, theme: str) -> None:
    app = make_app(start_exercise="journal", theme=theme)
    assert snap_compare(app, press=TO_REVIEW, terminal_size=(80, 24))


def test_adjustable_pause(snap_compare: SnapCompare, make_app: MakeApp) -> None:
    async def adjust(pilot: Pilot[None]) -> None:
        await pilot.press(*TO_REVIEW, "enter")
        await pilot.press("plus", "right", "plus")  # 1:30, and breathing in for 5 seconds
        await pilot.pause()

    app = make_app(start_exercise="journal")
    assert snap_compare(app, run_before=adjust, terminal_size=(80, 24))


def test_adjustable_pause_with_reduced_motion_running(
    snap_compare: SnapCompare, make_app: MakeApp
) -> None:
    async def start(pilot: Pilot[None]) -> None:
        await pilot.press(*TO_REVIEW, "enter", "space")
        await pilot.pause()
        from cfcoach.tui.widgets.pause_timer import PauseTimer

        pilot.app.screen.query_one(PauseTimer).show_moment(12.5)
        await pilot.pause()

    app = make_app(start_exercise="journal", reduced_motion=True)
    assert snap_compare(app, run_before=start, terminal_size=(80, 24))


def test_breathing_pacer_animated_at_a_fixed_moment(
    snap_compare: SnapCompare, make_app: MakeApp
) -> None:
    """The moving pacer, held two seconds into a breath (half way in), timers still."""

    async def start(pilot: Pilot[None]) -> None:
        await pilot.press(*TO_REVIEW, "enter", "space")
        await pilot.pause()
        from cfcoach.tui.widgets.pause_timer import PauseTimer

        pilot.app.screen.query_one(PauseTimer).show_moment(2.0)
        await pilot.pause()

    app = make_app(start_exercise="journal")
    assert snap_compare(app, run_before=start, terminal_size=(80, 24))


def test_completion_with_a_suggestion_in_light(
    snap_compare: SnapCompare, make_app: MakeApp
) -> None:
    app = make_app(start_exercise="journal", theme="textual-light")
    keys = [*TO_REVIEW, "enter", "ctrl+n"]  # past the review and the pause, to the end
    assert snap_compare(app, press=keys, terminal_size=(80, 24))
