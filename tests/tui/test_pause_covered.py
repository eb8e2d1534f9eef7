"""A pause's clock stands still while anything is over it (issue 17): F1's help, "too much",
the grounding pause, the safety screen or question, and goes on from there after.

The clock is a stand-in moved by hand, so no test waits for real time to pass.
"""

from __future__ import annotations

from textwrap import dedent

import pytest

from cfcoach.context import AppContext
from cfcoach.paths import ensure_private_dir
from cfcoach.tui.app import CoachApp
from cfcoach.tui.screens.grounding import GroundingScreen
from cfcoach.tui.screens.help_now import HelpNowScreen
from cfcoach.tui.screens.runner import RunnerScreen
from cfcoach.tui.screens.safety_question import SafetyQuestionScreen
from cfcoach.tui.screens.too_much import TooMuchScreen
from cfcoach.tui.widgets import pause_timer
from cfcoach.tui.widgets.pause_timer import PauseTimer
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_words, step_id

BREATHE = dedent(
    """\
    id: breathe
    title: Breathe
    summary: One breathing pause.
    minutes: 2
    version: 1
    grounding:
      seconds: 30
      text: Feel your feet on the floor.
    steps:
      - id: breathe
        kind: pause
        title: Breathing together
        seconds: 60
        breathing: { inhale: 4, hold: 1, exhale: 6 }
      - id: after
        kind: text
        title: How was that?
        optional: true
    """
)


class Clock:
    """monotonic() for the pause timers, moved on by the test."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch, context: AppContext) -> Clock:
    folder = ensure_private_dir(context.paths.user_exercises)
    (folder / "breathe.yaml").write_text(BREATHE)
    stand_in = Clock()
    monkeypatch.setattr(pause_timer, "monotonic", stand_in)
    return stand_in


def running_app(make_app: MakeApp) -> CoachApp:
    app = make_app(start_exercise="breathe")
    app.timers_running = True  # the clock counts (the stand-in says how far)
    return app


async def test_the_breathing_pause_waits_under_help_now(make_app: MakeApp, clock: Clock) -> None:
    app = running_app(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        assert step_id(app) == "breathe"
        timer = app.screen.query_one(PauseTimer)
        clock.now += 10
        assert timer.elapsed() == pytest.approx(10)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpNowScreen)
        clock.now += 100  # reading the crisis lines for a while
        assert timer.elapsed() == pytest.approx(10)
        await press(pilot, "escape")
        assert isinstance(app.screen, RunnerScreen)
        clock.now += 5
        assert timer.elapsed() == pytest.approx(15)
        timer.show_moment(timer.elapsed())
        await pilot.pause()
        assert "45 seconds left" in screen_words(app)


async def test_too_much_and_grounding_hold_the_pause_and_help_holds_grounding(
    make_app: MakeApp, clock: Clock
) -> None:
    app = running_app(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        timer = app.screen.query_one(PauseTimer)
        clock.now += 20
        await press(pilot, "ctrl+t")
        assert isinstance(app.screen, TooMuchScreen)
        clock.now += 50
        assert timer.elapsed() == pytest.approx(20)
        await press(pilot, "enter")  # a short grounding pause
        grounding = app.screen
        assert isinstance(grounding, GroundingScreen)
        ground_timer = grounding.query_one(PauseTimer)
        clock.now += 8
        assert ground_timer.elapsed() == pytest.approx(8)  # its own clock counts
        assert timer.elapsed() == pytest.approx(20)  # the step's does not
        await press(pilot, "f1")  # help over the grounding pause holds it too
        clock.now += 60
        assert ground_timer.elapsed() == pytest.approx(8)
        await press(pilot, "escape")
        clock.now += 2
        assert ground_timer.elapsed() == pytest.approx(10)
        await press(pilot, "ctrl+n")  # back to the step
        assert isinstance(app.screen, RunnerScreen)
        clock.now += 1
        assert timer.elapsed() == pytest.approx(21)


async def test_a_pause_held_by_space_stays_held_after_a_dialog(
    make_app: MakeApp, clock: Clock, context: AppContext
) -> None:
    from tests.tui.exercises import install

    install(context, "rest")
    app = make_app(start_exercise="rest")
    app.timers_running = True
    async with app.run_test(size=(80, 24)) as pilot:
        timer = app.screen.query_one(PauseTimer)
        await press(pilot, "space")  # begin
        clock.now += 5
        await press(pilot, "space")  # and pause it
        await press(pilot, "f1", "escape")
        clock.now += 30
        assert timer.paused and timer.elapsed() == pytest.approx(5)
        await press(pilot, "space")  # carry on
        clock.now += 1
        assert timer.elapsed() == pytest.approx(6)


async def test_any_screen_over_the_runner_holds_the_pause(make_app: MakeApp, clock: Clock) -> None:
    """The safety question (and the safety screen, and any notice) is a screen like any
    other here: while one is over the pause, its clock waits."""
    app = running_app(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        timer = app.screen.query_one(PauseTimer)
        clock.now += 3
        app.push_screen(SafetyQuestionScreen())
        await pilot.pause()
        clock.now += 40
        assert timer.elapsed() == pytest.approx(3)
        await press(pilot, "escape")  # I'd rather not say
        clock.now += 2
        assert timer.elapsed() == pytest.approx(5)
