"""Keys that come all at once are taken in order (issue 17): what was typed before ctrl+n or
Enter is all in the saved answer, and what is typed while the next step loads lands in its box.

``burst`` sends the keys with no wait between them, as a text expander, screen-reader input,
a fast typist or a loaded machine does; Pilot's ``press`` waits after every key and never
saw the problem.
"""

from __future__ import annotations

from textwrap import dedent
from typing import Any

import pytest

from cfcoach.context import AppContext
from cfcoach.paths import ensure_private_dir
from tests.tui.conftest import MakeApp
from tests.tui.helpers import burst, press, runner, step_id

SENTENCE = "I keep telling myself that I am useless, always late, a mess."

BURSTS = dedent(
    """\
    id: bursts
    title: Quick keys
    summary: Every kind of answer box, for typing fast.
    minutes: 2
    version: 1
    steps:
      - id: hello
        kind: info
        title: Hello
      - id: area
        kind: text
        title: Several lines
      - id: line
        kind: text
        title: One line
        multiline: false
      - id: one
        kind: choice
        title: One of these
        options:
          - { value: a, label: Apple }
          - { value: b, label: Banana }
          - { value: c, label: Cherry }
      - id: some
        kind: choice
        title: Some of these
        multiple: true
        options:
          - { value: a, label: Apple }
          - { value: b, label: Banana }
          - { value: c, label: Cherry }
      - id: number
        kind: rating
        title: A number
      - id: last
        kind: text
        title: The last words
    """
)


@pytest.fixture(autouse=True)
def exercises(context: AppContext) -> None:
    folder = ensure_private_dir(context.paths.user_exercises)
    (folder / "bursts.yaml").write_text(BURSTS)


def answers(app: Any) -> dict[str, Any]:
    return dict(runner(app).practice.session.state.answers)


async def settle(pilot: Any, until: str) -> None:
    """Let the burst be handled, until the step ``until`` shows (or fail)."""
    for _ in range(50):
        await pilot.pause()
        if step_id(pilot.app) == until:
            return
    raise AssertionError(f"still on {step_id(pilot.app)!r}, never reached {until!r}")


async def test_every_key_typed_before_ctrl_n_is_in_the_answer(make_app: MakeApp) -> None:
    app = make_app(start_exercise="bursts")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        assert step_id(app) == "area"
        burst(app, SENTENCE, "ctrl+n")
        await settle(pilot, "line")
        burst(app, SENTENCE, "ctrl+n")
        await settle(pilot, "one")
        assert answers(app) == {"area": SENTENCE, "line": SENTENCE}


async def test_keys_typed_after_enter_on_an_info_step_land_in_the_next_box(
    make_app: MakeApp,
) -> None:
    app = make_app(start_exercise="bursts")
    async with app.run_test(size=(80, 24)) as pilot:
        burst(app, "enter", "You are so lazy", "ctrl+n")
        await settle(pilot, "line")
        assert answers(app) == {"area": "You are so lazy"}


async def test_keys_typed_after_ctrl_n_land_in_the_next_box(make_app: MakeApp) -> None:
    app = make_app(start_exercise="bursts")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        burst(app, "morning", "ctrl+n", "evening", "enter")
        await settle(pilot, "one")
        assert answers(app) == {"area": "morning", "line": "evening"}


async def test_backspace_and_arrows_keep_their_place_among_the_letters(
    make_app: MakeApp,
) -> None:
    app = make_app(start_exercise="bursts")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n", "ctrl+o")  # past the greeting, and the box skipped
        assert step_id(app) == "line"
        # "cat", back over the t, "r"; then one left and an "a" before the r: "caar".
        burst(app, "cat", "backspace", "r", "left", "a", "enter")
        await settle(pilot, "one")
        assert answers(app)["line"] == "caar"


async def test_arrows_then_enter_give_the_option_the_arrows_reached(make_app: MakeApp) -> None:
    app = make_app(start_exercise="bursts")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n", "ctrl+o")
        burst(app, "line", "enter", "down", "down", "enter")
        await settle(pilot, "some")
        session = runner(app).practice.session
        burst(app, "down", "space", "down", "space", "enter", "7", "enter", "done", "ctrl+n")
        for _ in range(50):
            await pilot.pause()
            if session.finished:
                break
        assert session.state.answers == {
            "line": "line",
            "one": "c",
            "some": ["b", "c"],
            "number": 7,
            "last": "done",
        }
