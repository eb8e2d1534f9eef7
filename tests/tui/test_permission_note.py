"""The coach makes its folders private at start and says so once on the home screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from textual.widgets._toast import Toast

from cfcoach.context import AppContext
from cfcoach.permissions import make_private, take_held
from cfcoach.tui.screens.home import HomeScreen
from tests.tui.conftest import MakeApp
from tests.tui.helpers import screen_text

NOTE = (
    "Your cfcoach data folder could be read by other users of this computer; "
    "it is now private to you (was 0755)."
)


@pytest.fixture(autouse=True)
def nothing_held() -> Iterator[None]:
    take_held()
    yield
    take_held()


async def test_an_open_data_folder_is_fixed_and_told_on_the_home_screen(
    make_app: MakeApp, context: AppContext
) -> None:
    context.open_store().close()
    context.paths.data_dir.chmod(0o755)
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [note.message for note in app._notifications] == [NOTE]
        await pilot.pause(0.1)
        toast = app.screen.query(Toast).first().region  # drawn over the home screen
        lines = screen_text(app).splitlines()[toast.y : toast.bottom]
        shown = " ".join(
            " ".join(line[toast.x : toast.right] for line in lines).replace("▌", " ").split()
        )
        assert "Made private" in shown
        assert (
            "Your cfcoach data folder could be read by other users of this computer; "
            "it is now private to you (was 0755)."
        ) in shown
    assert context.paths.data_dir.stat().st_mode & 0o777 == 0o700


async def test_a_fix_made_before_the_coach_opened_is_told_there(
    make_app: MakeApp, context: AppContext
) -> None:
    """`cfcoach` checks before the screen is drawn (the CLI), and the coach tells it."""
    context.open_store().close()
    context.paths.data_dir.chmod(0o755)
    make_private(context.paths)  # what `cfcoach` does before the store is opened
    context.open_store().close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [note.message for note in app._notifications] == [NOTE]


async def test_private_folders_bring_no_note(make_app: MakeApp, context: AppContext) -> None:
    context.open_store().close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert list(app._notifications) == []
