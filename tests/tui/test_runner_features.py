"""Ratings drawn as bars in a review, and a pause whose length and rhythm the person sets."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from cfcoach.content.models import Breathing
from cfcoach.context import AppContext
from cfcoach.tui.widgets.breathing_pacer import BreathingPacer, counted_words
from cfcoach.tui.widgets.pause_timer import PauseTimer, adjusted_breathing, adjusted_length
from cfcoach.tui.widgets.rating_bars import BarRow, RatingBars, bar_cells, bar_layout
from tests.tui.conftest import MakeApp
from tests.tui.exercises import install
from tests.tui.helpers import press, screen_text, screen_words, step_id, type_text


@pytest.fixture(autouse=True)
def exercises(context: AppContext) -> None:
    install(context, "journal", "rest")


async def to_review(
    pilot: Pilot[None], threat: str = "8", drive: str = "5", calm: str = "2"
) -> None:
    """Walk the journal to its bar-chart review."""
    await press(pilot, "ctrl+n")
    await type_text(pilot, "Busy week")
    await press(pilot, "ctrl+n", "enter")  # words, then the first mood
    for rating in (threat, drive, calm):
        if rating:
            await press(pilot, rating, "enter")
        else:
            await press(pilot, "ctrl+o")  # skipped
    assert step_id(pilot.app) == "circles"  # type: ignore[arg-type]


async def test_a_bars_review_draws_each_rating_as_a_bar(make_app: MakeApp) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_review(pilot)
        bars = app.screen.query_one(RatingBars)
        assert [(row.label, row.value, row.system) for row in bars.rows] == [
            ("Threat this week", 8, "threat"),
            ("Drive this week", 5, "drive"),
            ("Soothe this week", 2, "soothe"),
        ]
        lines = screen_text(app).splitlines()
        threat = next(line for line in lines if "Threat this week" in line)
        soothe = next(line for line in lines if "Soothe this week" in line)
        assert threat.count("█") == 24 and threat.rstrip(" │").endswith("8")
        assert soothe.count("█") == 6 and soothe.rstrip(" │").endswith("2")
        # Answers that are not ratings are listed under the chart, as in any review.
        assert "On my mind" in screen_words(app) and "Busy week" in screen_words(app)
        await press(pilot, "enter")
        assert step_id(app) == "breathe"


async def test_a_skipped_rating_says_so_in_the_chart(make_app: MakeApp) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_review(pilot, drive="")
        line = next(line for line in screen_text(app).splitlines() if "Drive this week" in line)
        assert "(skipped)" in line and "█" not in line


async def test_a_narrow_terminal_puts_each_label_above_its_bar(make_app: MakeApp) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(32, 40)) as pilot:
        await to_review(pilot)
        lines = screen_text(app).splitlines()
        at = next(i for i, line in enumerate(lines) if "Threat this week" in line)
        assert "█" not in lines[at] and "█" in lines[at + 1]


async def test_a_rating_on_a_branch_not_taken_has_no_bar(
    make_app: MakeApp, context: AppContext
) -> None:
    install(context, "forked")
    app = make_app(start_exercise="forked")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "3", "enter")
        assert step_id(app) == "chart"
        assert [row.label for row in app.screen.query_one(RatingBars).rows] == ["Critic"]
        assert "Alarm" not in screen_words(app)


def test_bar_sizes() -> None:
    assert [bar_cells(v, 30) for v in (0, 1, 5, 10, 11, -1)] == [0, 3, 15, 30, 30, 0]
    rows = [BarRow("Threat", 3), BarRow("A much longer label here", 7)]
    assert bar_layout(rows, 74) == (24, 30)
    assert bar_layout(rows, 30) is None


async def to_pause(pilot: Pilot[None]) -> PauseTimer:
    await to_review(pilot)
    await press(pilot, "enter")
    assert step_id(pilot.app) == "breathe"  # type: ignore[arg-type]
    return pilot.app.screen.query_one(PauseTimer)


async def test_an_adjustable_pause_waits_and_its_length_changes_in_half_minutes(
    make_app: MakeApp,
) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        timer = await to_pause(pilot)
        assert app.focused is timer
        words = screen_words(app)
        assert "It lasts a minute. Press space to begin" in words
        assert "Adjust" in words  # the keys are in the footer
        await press(pilot, "plus")
        assert timer.seconds == 90
        assert "It lasts 1 minute 30 seconds" in screen_words(app)
        await press(pilot, "minus", "minus", "minus")
        assert timer.seconds == 30  # never under half a minute
        for _ in range(12):
            await press(pilot, "up")
        assert timer.seconds == 300  # nor over five minutes
        assert "Length 5:00" in screen_words(app)
        assert step_id(app) == "breathe"  # adjusting never moves on


async def test_the_breathing_rhythm_changes_before_and_during_the_pause(
    make_app: MakeApp,
) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        timer = await to_pause(pilot)
        pacer = app.screen.query_one(BreathingPacer)
        assert "Breathe in for 4, hold for 1, out for 6 seconds." in str(pacer.visual)
        await press(pilot, "right", "plus")  # in: 5 seconds
        await press(pilot, "right_square_bracket", "minus")  # hold: none
        await press(pilot, "right", "plus", "plus")  # out: 8 seconds
        assert timer.breathing == Breathing(inhale=5, hold=0, exhale=8)
        assert "In 5 s" in screen_words(app) and "Out 8 s" in screen_words(app)
        assert "Breathe in for 5, out for 8 seconds." in str(pacer.visual)

        await press(pilot, "space")
        assert timer.started
        timer.show_moment(6.0)  # one second into the out-breath of the new rhythm
        assert "Breathe out" in str(pacer.visual)
        assert "54 seconds left" in screen_words(app)
        await press(pilot, "left", "left", "left", "minus")  # the length, during the pause
        assert timer.seconds == 30
        assert "24 seconds left" in screen_words(app)
        await press(pilot, "right", "minus")  # in: 4 s; the new rhythm starts a fresh breath
        timer.show_moment(7.0)
        assert str(pacer.visual).startswith("Breathe in")


async def test_space_pauses_and_carries_on(make_app: MakeApp) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        timer = await to_pause(pilot)
        await press(pilot, "space")
        timer.show_moment(15.0)
        await press(pilot, "space")
        assert timer.paused
        assert "Paused, with 45 seconds left. Press space to carry on." in screen_words(app)
        await press(pilot, "space")
        assert not timer.paused
        await press(pilot, "ctrl+n")  # ends the pause whenever the person likes
        assert app.screen.__class__.__name__ == "CompletionScreen"


async def test_a_finished_pause_made_longer_counts_on(make_app: MakeApp) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        timer = await to_pause(pilot)
        await press(pilot, "space")
        timer.show_moment(61.0)
        assert timer.finished
        assert "The time is up" in screen_words(app)
        await press(pilot, "plus")
        assert not timer.finished and timer.seconds == 90
        timer.show_moment(62.0)
        assert "28 seconds left" in screen_words(app)


async def test_reduced_motion_counts_the_breath_in_words(make_app: MakeApp) -> None:
    app = make_app(start_exercise="journal", reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        timer = await to_pause(pilot)
        pacer = app.screen.query_one(BreathingPacer)
        await press(pilot, "space")
        timer.show_moment(2.5)
        assert str(pacer.visual) == "Breathe in… 3 of 4"
        timer.show_moment(4.2)
        assert str(pacer.visual) == "Hold… 1 of 1"
        timer.show_moment(10.9)
        assert str(pacer.visual) == "Breathe out… 6 of 6"
        assert "━" not in screen_text(app)


async def test_a_pause_without_a_rhythm_has_only_its_length_to_set(make_app: MakeApp) -> None:
    app = make_app(start_exercise="rest")
    async with app.run_test(size=(80, 24)) as pilot:
        timer = app.screen.query_one(PauseTimer)
        assert not timer.started and timer.adjustable
        await press(pilot, "plus")
        assert timer.seconds == 60  # 45 s moves onto the half-minute grid
        words = screen_words(app)
        assert "Length 1:00" in words and "In " not in words  # no rhythm to set
        await press(pilot, "right", "plus")
        assert timer.seconds == 90


async def test_a_pause_that_is_not_adjustable_starts_at_once_and_ignores_the_keys(
    make_app: MakeApp,
) -> None:
    app = make_app(start_exercise="rest")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        assert step_id(app) == "still"
        timer = app.screen.query_one(PauseTimer)
        assert timer.started and not timer.adjustable
        await press(pilot, "plus", "space")
        assert timer.seconds == 20 and not timer.paused
        words = screen_words(app)
        assert "20 seconds left" in words and "Length" not in words and "Adjust" not in words


def test_adjusting_stays_on_the_grid_and_in_bounds() -> None:
    assert [adjusted_length(s, 1) for s in (30, 45, 60, 290, 300, 600)] == [
        60,
        60,
        90,
        300,
        300,
        300,
    ]
    assert [adjusted_length(s, -1) for s in (30, 45, 60, 300, 600)] == [30, 30, 30, 270, 300]
    rhythm = Breathing(inhale=1, hold=0, exhale=15)
    assert adjusted_breathing(rhythm, "inhale", -1).inhale == 1
    assert adjusted_breathing(rhythm, "hold", -1).hold == 0
    assert adjusted_breathing(rhythm, "exhale", 1).exhale == 15
    assert adjusted_breathing(Breathing(inhale=4.5), "inhale", 1).inhale == 5


def test_counted_words_follow_the_rhythm() -> None:
    rhythm = Breathing(inhale=4, hold=0, exhale=6)
    assert counted_words(rhythm, 0) == "Breathe in… 1 of 4"
    assert counted_words(rhythm, 3.99) == "Breathe in… 4 of 4"
    assert counted_words(rhythm, 4) == "Breathe out… 1 of 6"
    assert counted_words(rhythm, 10) == "Breathe in… 1 of 4"
