"""Snapshot tests of the screens a person sees most (fixed size, theme, clock and entries).

Regenerate after a deliberate change with ``pytest tests/tui --snapshot-update`` and look at
the SVGs in ``tests/tui/__snapshots__`` before committing them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from typing import Any

import pytest
from textual.pilot import Pilot

from cfcoach.content import Exercise
from cfcoach.context import AppContext
from cfcoach.practice import Practice
from cfcoach.tui.widgets.text_answer import AnswerArea
from tests.conftest import TickingClock
from tests.tui.conftest import MakeApp

SnapCompare = Callable[..., bool]

CRITIC = "You always mess things up. Everyone can see you're not good enough."
FULL_CHECKIN: list[Any] = [
    None,  # welcome
    "I'm useless at this",
    6,
    ["ashamed", "sad"],
    "Being laughed at",
    "Doing everything perfectly",
    None,  # soothing rhythm
    None,  # compassionate self
    "You did what you could",
    "correction",
    3,
    6,
    "helpful",
    "A short walk",
    None,  # no note for the therapist
    None,  # summary
]


def seed(context: AppContext, checkin: Exercise, draft_answers: Sequence[Any]) -> None:
    """Two finished entries from earlier days, and today's draft after ``draft_answers``."""
    with context.open_store() as store:
        done = Practice.begin(
            store, checkin, TickingClock(datetime(2026, 11, 24, 20, 5, tzinfo=timezone.utc))
        )
        for answer in FULL_CHECKIN:
            done.answer(answer)
        assert done.entry.status == "completed"
        stopped = Practice.begin(
            store, checkin, TickingClock(datetime(2026, 11, 25, 7, 40, tzinfo=timezone.utc))
        )
        stopped.answer(None)
        stopped.answer("Lazy again")
        stopped.stop()
        draft = Practice.begin(store, checkin, context.clock)
        for answer in draft_answers:
            draft.answer(answer)


async def still_cursor(pilot: Pilot[None]) -> None:
    """Keep the text cursor from blinking, so the picture is the same every time."""
    await pilot.pause()
    for area in pilot.app.screen.query(AnswerArea):
        area.cursor_blink = False


TO_COMPASSIONATE = [
    None,
    CRITIC,
    5,
    ["anxious"],
    "Being left out",
    "Being perfect at work",
    None,  # soothing rhythm
    None,  # compassionate self
]


def test_home_with_a_draft_and_recent_entries(
    snap_compare: SnapCompare, make_app: MakeApp, context: AppContext, checkin: Exercise
) -> None:
    seed(context, checkin, [None, CRITIC, 5])
    assert snap_compare(make_app(), terminal_size=(80, 24))


@pytest.mark.parametrize(
    ("theme", "size"),
    [("textual-dark", (80, 24)), ("textual-light", (120, 40))],
    ids=["dark-80x24", "light-120x40"],
)
def test_compassionate_step(
    snap_compare: SnapCompare,
    make_app: MakeApp,
    context: AppContext,
    checkin: Exercise,
    theme: str,
    size: tuple[int, int],
) -> None:
    seed(context, checkin, TO_COMPASSIONATE)

    async def continue_draft(pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await still_cursor(pilot)

    assert snap_compare(make_app(theme=theme), terminal_size=size, run_before=continue_draft)


def test_rating_step_with_a_number_chosen(
    snap_compare: SnapCompare, make_app: MakeApp, context: AppContext, checkin: Exercise
) -> None:
    seed(context, checkin, [None, CRITIC])
    assert snap_compare(make_app(), press=["c", "5"], terminal_size=(80, 24))


def test_too_much_choices(
    snap_compare: SnapCompare, make_app: MakeApp, context: AppContext, checkin: Exercise
) -> None:
    seed(context, checkin, TO_COMPASSIONATE)

    async def too_much(pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await still_cursor(pilot)
        await pilot.press("ctrl+t")

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=too_much)


def test_the_gentle_safety_question(
    snap_compare: SnapCompare, make_app: MakeApp, context: AppContext, checkin: Exercise
) -> None:
    seed(context, checkin, [None, CRITIC, 5])  # at the feelings step

    async def tick_hopeless(pilot: Pilot[None]) -> None:
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "space", "ctrl+n")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=tick_hopeless)


def test_settling_pause_in_light(
    snap_compare: SnapCompare, make_app: MakeApp, context: AppContext, checkin: Exercise
) -> None:
    seed(context, checkin, [None, CRITIC, 9])
    assert snap_compare(make_app(theme="textual-light"), press=["c"], terminal_size=(80, 24))
