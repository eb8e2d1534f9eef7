"""The home screen uses the room it has: no blank gap under the exercises on a tall terminal."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.tui.conftest import MakeApp
from tests.tui.helpers import screen_text


async def test_on_a_tall_terminal_the_recent_entries_follow_the_exercise_list(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        exercises = app.screen.query_one("#home-exercises", OptionList)
        assert exercises.size.height == exercises.option_count  # every exercise, no padding
        lines = screen_text(app).splitlines()
        last = max(i for i, line in enumerate(lines) if "· about" in line)
        recent = next(i for i, line in enumerate(lines) if line.strip() == "Recent")
        assert recent - last <= 6  # the summary (3 lines) and a heading's margin between


async def test_on_a_small_terminal_the_list_scrolls_in_the_room_left(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        exercises = app.screen.query_one("#home-exercises", OptionList)
        assert 3 <= exercises.size.height < exercises.option_count
        assert "Recent" in screen_text(app)
