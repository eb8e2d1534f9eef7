"""A full disk or a read-only database mid check-in: one sentence, the words kept on screen,
and trying again once the problem is gone saves them.

The faults are made with tests/faults.py (a wrapper in front of the store's SQLite
connection), since a read-only folder stops nobody running as root (CI does)."""

from __future__ import annotations

import pytest

from cfcoach.context import AppContext
from cfcoach.tui.app import KEPT_ON_SCREEN
from cfcoach.tui.screens.notice import NoticeScreen
from cfcoach.tui.screens.runner import RunnerScreen
from cfcoach.tui.widgets.text_answer import AnswerArea
from tests.faults import DISK_FULL, READ_ONLY, Faults
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_words, step_id, type_text

CRITIC = "Nobody could ever care about this mess"


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        (DISK_FULL, "is full, so cfcoach could not save; free some space and try again."),
        (READ_ONLY, "because it or its folder is read-only; check that the folder is yours"),
    ],
)
async def test_a_failed_save_says_why_keeps_the_words_and_saves_on_retry(
    make_app: MakeApp,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    fault: str,
    said: str,
) -> None:
    faults = Faults().install(monkeypatch)
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        assert step_id(app) == "critic"
        await type_text(pilot, CRITIC)
        faults.fault = fault

        await press(pilot, "ctrl+n")

        assert isinstance(app.screen, NoticeScreen)
        words = screen_words(app)
        assert said in words and KEPT_ON_SCREEN in words
        assert "Traceback" not in words and CRITIC not in words
        await press(pilot, "enter")
        assert isinstance(app.screen, RunnerScreen)
        assert step_id(app) == "critic"  # not moved on: the answer was not saved
        assert app.screen.query_one(AnswerArea).text == CRITIC
        assert app.screen.query_one(AnswerArea).has_focus

        faults.fault = None  # space freed, permissions mended
        await press(pilot, "ctrl+n")
        assert step_id(app) == "intensity_before"
        await press(pilot, "ctrl+q")
    assert faults.failed >= 1
    with context.open_store() as store:
        draft = store.latest_draft("daily-checkin")
    assert draft is not None and draft.answers["critic"] == CRITIC
    log = context.paths.log_file.read_text()
    assert "tui: saving an answer: DatabaseUnavailable" in log
    assert CRITIC not in log


async def test_skip_and_back_that_cannot_be_saved_leave_the_step_as_it_was(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    faults = Faults().install(monkeypatch)
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, CRITIC)
        faults.fault = DISK_FULL
        for key in ("ctrl+o", "ctrl+b"):
            await press(pilot, key)
            assert isinstance(app.screen, NoticeScreen)
            await press(pilot, "enter")
            assert step_id(app) == "critic"
            assert app.screen.query_one(AnswerArea).text == CRITIC
        faults.fault = None
        await press(pilot, "ctrl+b")
        assert step_id(app) == "welcome"
