"""When something gets in the way: calm notices, nothing lost, no traceback on screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from cfcoach.context import AppContext
from cfcoach.practice import Practice
from cfcoach.store import DatabaseUnavailable, EntryStore, new_entry
from cfcoach.tui.screens.notice import NoticeScreen
from cfcoach.tui.screens.runner import RunnerScreen
from cfcoach.tui.screens.too_much import TooMuchScreen
from cfcoach.tui.widgets.text_answer import AnswerArea
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_words, step_id, type_text

CANNOT_WRITE = "The entries folder can't be written to right now; check that the disk isn't full."


async def test_a_save_problem_is_told_calmly_and_logged(
    make_app: MakeApp, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        assert step_id(app) == "welcome"

        def refuse(self: EntryStore, entry: object) -> object:
            raise DatabaseUnavailable(CANNOT_WRITE)

        monkeypatch.setattr(EntryStore, "save", refuse)
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, NoticeScreen)
        text = screen_words(app)
        assert CANNOT_WRITE in text
        assert "Traceback" not in text
        await press(pilot, "enter")
        assert isinstance(app.screen, RunnerScreen)
        monkeypatch.undo()
    log = context.paths.log_file.read_text()
    assert "tui: saving an answer: DatabaseUnavailable" in log


async def test_the_home_screen_survives_a_store_that_cannot_open(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: AppContext) -> EntryStore:
        raise DatabaseUnavailable(CANNOT_WRITE)

    monkeypatch.setattr(AppContext, "open_store", refuse)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, NoticeScreen)
        assert CANNOT_WRITE in screen_words(app)
        await press(pilot, "enter")
        text = screen_words(app)
        assert "Start today's check-in" in text
        await press(pilot, "enter")  # trying to start tells the same thing, calmly
        assert isinstance(app.screen, NoticeScreen)


async def test_a_draft_that_no_longer_fits_starts_afresh_with_a_note(
    make_app: MakeApp, context: AppContext
) -> None:
    with context.open_store() as store:
        stale = new_entry("daily-checkin", 1, context.clock())
        stale.state = {
            "exercise_id": "daily-checkin",
            "exercise_version": 1,
            "current": "a-step-that-was-removed",
            "answers": {"critic": "old words"},
        }
        store.save(stale)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert "Continue where you left off" in screen_words(app)
        await press(pilot, "c")
        assert isinstance(app.screen, NoticeScreen)
        assert "This exercise has changed since you started" in screen_words(app)
        await press(pilot, "enter")
        assert step_id(app) == "welcome"


async def test_broken_exercise_files_get_one_calm_line(
    make_app: MakeApp, context: AppContext
) -> None:
    folder = context.paths.user_exercises
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text("id: mine\ntitle: [unclosed\n")
    app = make_app()
    async with app.run_test(size=(80, 24)):
        text = screen_words(app)
        assert (
            "1 exercise file could not be loaded — run `cfcoach content validate` to see why."
            in text
        )


async def test_an_unknown_exercise_id_is_explained(make_app: MakeApp) -> None:
    app = make_app(start_exercise="no-such-exercise")
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, NoticeScreen)
        assert "There is no exercise called 'no-such-exercise'" in screen_words(app)
        await press(pilot, "enter")
        assert "Start today's check-in" in screen_words(app)


async def test_an_unexpected_error_shows_a_calm_note_not_a_traceback(
    make_app: MakeApp,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    secret = "words the person wrote"

    def break_down(self: Practice, value: object = None) -> None:
        raise RuntimeError(secret)

    app = make_app(start_exercise="daily-checkin")
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            monkeypatch.setattr(Practice, "answer", break_down)
            await press(pilot, "ctrl+n")
    shown = " ".join(capsys.readouterr().err.split())
    assert "Something went wrong inside cfcoach and it had to close." in shown
    assert "Traceback" not in shown and secret not in shown
    assert "tui: unexpected error: RuntimeError" in Path(context.paths.log_file).read_text()


async def test_too_much_is_offered_even_when_saving_fails(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(start_exercise="daily-checkin")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        await type_text(pilot, "still here")

        def refuse(self: EntryStore, entry: object) -> object:
            raise DatabaseUnavailable(CANNOT_WRITE)

        monkeypatch.setattr(EntryStore, "save", refuse)
        await press(pilot, "ctrl+t")
        assert isinstance(app.screen, TooMuchScreen)  # the choices first, the notice after
        await press(pilot, "escape")
        assert isinstance(app.screen, NoticeScreen)
        await press(pilot, "enter")
        assert step_id(app) == "critic"
        assert app.screen.query_one(AnswerArea).text == "still here"
        monkeypatch.undo()
