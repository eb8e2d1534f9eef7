"""An entry that cannot be read never stops the coach (issue 17: a year-9999 start ended
every start in "Something went wrong"): home shows what it can and names the entry, and
history, insights and export open without it."""

from __future__ import annotations

from dataclasses import replace

from cfcoach.context import AppContext
from cfcoach.store import new_entry
from cfcoach.tui.screens.export import ExportScreen
from cfcoach.tui.screens.history import HistoryScreen
from cfcoach.tui.screens.home import HomeScreen
from cfcoach.tui.screens.insights import InsightsScreen
from tests.conftest import FIXED_NOW
from tests.damaged_rows import DEEP, FAR_FUTURE, write_row
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_words


def seed(context: AppContext) -> tuple[int, int]:
    """A good check-in, a year-9999 one and a draft whose saved state cannot be read."""
    with context.open_store() as store:
        store.save(
            replace(
                new_entry("daily-checkin", 2, FIXED_NOW),
                status="completed",
                finished_at=FIXED_NOW,
                answers={"critic": "You never finish anything", "intensity_before": 6},
            )
        )
    far = write_row(context.paths.database, started_at=FAR_FUTURE)
    draft = write_row(context.paths.database, status="draft", state=DEEP)
    return far, draft


async def test_home_opens_shows_what_it_can_and_names_the_entry(
    make_app: MakeApp, context: AppContext
) -> None:
    far, draft = seed(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = screen_words(app)
        assert "Thu 26 Nov 09:30 Daily check-in completed" in text
        assert f"2 entries are left out because they cannot be read ({far}, {draft})" in text
        assert f"`cfcoach trash {far}` puts one in the trash" in text
        assert "Continue where you left off" not in text  # the one draft cannot be read
    assert f"reading entry {far} (" in context.paths.log_file.read_text(encoding="utf-8")


async def test_history_insights_and_export_open_without_it(
    make_app: MakeApp, context: AppContext
) -> None:
    seed(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key, screen in (("h", HistoryScreen), ("i", InsightsScreen), ("x", ExportScreen)):
            await press(pilot, key)
            await pilot.pause()
            assert isinstance(app.screen, screen)
            assert "Traceback" not in screen_words(app)
            await press(pilot, "escape")
            assert isinstance(app.screen, HomeScreen)
