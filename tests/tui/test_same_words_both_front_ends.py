"""A step is worded the same in the coach and in plain mode (issue 17): the breathing
rhythm and the length of a pause come from one place (content.step_words)."""

from __future__ import annotations

import io

from cfcoach.cli.plain import PlainRunner
from cfcoach.content.models import PauseStep
from cfcoach.context import AppContext
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_words, step_id, type_text


def soothing_rhythm(context: AppContext) -> PauseStep:
    exercise = context.library.get("daily-checkin")
    assert exercise is not None
    step = exercise.step("soothing_rhythm")
    assert isinstance(step, PauseStep) and step.breathing is not None
    assert step.breathing.hold  # the words for a hold are what differed
    return step


async def test_the_rhythm_and_length_of_a_pause_read_the_same_in_both(
    make_app: MakeApp, context: AppContext
) -> None:
    out = io.StringIO()
    # The welcome, the critic, a rating, feelings, the threat and drive, then the pause.
    typed = io.StringIO("\nWords\n4\n1\nlazy\nperfect\n\n")
    PlainRunner(context, typed, out, interactive=True).run("daily-checkin", resume=False)
    plain = " ".join(out.getvalue().split())

    app = make_app(start_exercise="daily-checkin", draft_choice="new")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, "Words")
        await press(pilot, "ctrl+n", "4", "enter", "space", "enter")
        await type_text(pilot, "lazy")
        await press(pilot, "ctrl+n")
        await type_text(pilot, "perfect")
        await press(pilot, "ctrl+n")
        assert step_id(app) == "soothing_rhythm"
        coach = screen_words(app)

    rhythm = "Breathe in for 4, hold for 1, out for 6 seconds."
    assert soothing_rhythm(context).breathing is not None
    assert rhythm in coach and rhythm in plain
    assert "It lasts a minute" in coach and "It lasts a minute." in plain
    assert "rest for" not in plain
