"""Typed words are never lost: saved while typing (debounced), on Back, 'too much', quitting,
signals and errors, and put back in the box on resume."""

from __future__ import annotations

import os
import signal
from typing import Any

import pytest

from cfcoach.content import Exercise
from cfcoach.context import AppContext
from cfcoach.practice import Practice
from cfcoach.store import DatabaseUnavailable, Entry, EntryStore
from cfcoach.tui.app import CLOSED_BY_SIGNAL
from cfcoach.tui.screens.runner import RunnerScreen
from cfcoach.tui.screens.too_much import TooMuchScreen
from cfcoach.tui.widgets.rating_picker import RatingPicker
from cfcoach.tui.widgets.text_answer import AnswerArea
from tests.tui.conftest import MakeApp
from tests.tui.exercises import install
from tests.tui.helpers import press, runner, step_id, type_text

CRITIC = "You never finish anything"
MORE = " and everyone notices"


@pytest.fixture(autouse=True)
def exercises(context: AppContext) -> None:
    install(context, "journal", "rest")


def journal_exercise(context: AppContext) -> Exercise:
    exercise = context.library.get("journal")
    assert exercise is not None
    return exercise


def draft(context: AppContext) -> Entry:
    with context.open_store() as store:
        found = store.latest_draft("journal")
    assert found is not None
    return found


def pending(context: AppContext) -> dict[str, str]:
    saved: dict[str, str] = draft(context).state.get("pending", {})
    return saved


class SaveCounter:
    """Counts the store's saves (and can refuse them) while still saving for real."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        self.refuse = False
        real = EntryStore.save

        def counting(store: EntryStore, entry: Entry) -> Entry:
            if self.refuse:
                raise DatabaseUnavailable("The disk is full.")
            self.count += 1
            return real(store, entry)

        monkeypatch.setattr(EntryStore, "save", counting)


async def on_words_step(
    pilot: Any, *, delay: float = 1000.0, every: float = 1000.0
) -> RunnerScreen:
    """Open the journal's words step with the save timers as given (long: held still)."""
    await press(pilot, "ctrl+n")
    screen = runner(pilot.app)
    screen.save_delay = delay
    screen.save_every = every
    assert step_id(pilot.app) == "words"
    return screen


async def test_typing_is_saved_once_the_keys_rest(make_app: MakeApp, context: AppContext) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_words_step(pilot, delay=0)
        await type_text(pilot, CRITIC)
        await pilot.pause(0.05)
        assert pending(context) == {"words": CRITIC}
        assert draft(context).answers == {}  # typed, not given: it stays a pending note


async def test_typing_is_not_saved_on_every_key(
    make_app: MakeApp, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_words_step(pilot)
        saves = SaveCounter(monkeypatch)
        await type_text(pilot, CRITIC)
        assert saves.count == 0  # the keys have not rested yet
        assert screen.save_typing()
        assert saves.count == 1
        assert screen.save_typing()  # nothing new since: nothing written
        assert saves.count == 1
    assert pending(context) == {"words": CRITIC}


async def test_long_typing_is_saved_every_few_seconds_without_a_rest(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_words_step(pilot, delay=1000, every=0)
        await type_text(pilot, CRITIC)
        await pilot.pause(0.05)
        assert pending(context)["words"].startswith("You")  # saved mid-flow
        screen.save_every = 1000
        await type_text(pilot, MORE)
        assert screen.save_typing()
        assert pending(context) == {"words": CRITIC + MORE}


async def test_the_default_timing_keeps_at_most_a_couple_of_seconds_at_risk() -> None:
    assert RunnerScreen.save_delay <= 2.0
    assert RunnerScreen.save_every <= 5.0


async def test_quitting_saves_what_is_typed(make_app: MakeApp, context: AppContext) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_words_step(pilot)
        await type_text(pilot, CRITIC)
        await press(pilot, "ctrl+q")
    assert app.return_code == 0
    assert pending(context) == {"words": CRITIC}


async def test_any_way_out_of_the_app_saves_what_is_typed(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_words_step(pilot)
        await type_text(pilot, CRITIC)
        app.exit()  # not through ctrl+q: the runner saves as it closes
        await pilot.pause()
    assert pending(context) == {"words": CRITIC}


async def test_an_unexpected_error_still_saves_what_is_typed(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="journal")
    with pytest.raises(RuntimeError, match="broken"):
        async with app.run_test(size=(80, 24)) as pilot:
            await on_words_step(pilot)
            await type_text(pilot, CRITIC)
            app._handle_exception(RuntimeError("broken"))
            await pilot.pause()
    assert pending(context) == {"words": CRITIC}
    log = context.paths.log_file.read_text()
    assert CRITIC not in log


async def test_resume_puts_the_typed_words_back_over_the_earlier_answer(
    make_app: MakeApp, context: AppContext
) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, journal_exercise(context), context.clock)
        practice.answer()
        practice.answer("The first words")
        practice.back()  # back on the critic step, which has an answer
        practice.keep_typing("Kinder second words, half wr")

    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter")  # "Continue where I left off"
        assert step_id(app) == "words"
        assert app.screen.query_one(AnswerArea).text == "Kinder second words, half wr"


async def test_back_keeps_what_was_typed_in_the_draft(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_words_step(pilot)
        await type_text(pilot, CRITIC)
        await press(pilot, "ctrl+b")
        assert step_id(app) == "hello"
        assert pending(context) == {"words": CRITIC}  # saved, not just held in memory
        await press(pilot, "ctrl+n")
        assert app.screen.query_one(AnswerArea).text == CRITIC


async def test_back_over_an_unchanged_answer_saves_nothing_extra(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_words_step(pilot)
        await type_text(pilot, CRITIC)
        await press(pilot, "ctrl+n")
        await press(pilot, "ctrl+b")  # back to the critic, its answer shown
        await press(pilot, "ctrl+b")
        assert step_id(app) == "hello"
        assert pending(context) == {}
        assert draft(context).state["answers"] == {"words": CRITIC}


async def test_too_much_saves_what_is_typed_first(make_app: MakeApp, context: AppContext) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_words_step(pilot)
        await type_text(pilot, CRITIC)
        await press(pilot, "ctrl+t")
        assert isinstance(app.screen, TooMuchScreen)
        assert pending(context) == {"words": CRITIC}


async def test_a_chosen_rating_and_choice_are_kept_too(
    make_app: MakeApp, context: AppContext
) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_words_step(pilot)
        await type_text(pilot, CRITIC)
        await press(pilot, "ctrl+n")
        assert step_id(app) == "mood"
        runner(app).save_delay = 0
        await pilot.pause(0.05)
        assert pending(context) == {}  # the highlight a list starts on is not a choice
        await press(pilot, "down", "down")
        await pilot.pause(0.05)
        assert pending(context) == {"mood": "stormy"}
        await press(pilot, "enter")
        assert step_id(app) == "threat"
        runner(app).save_delay = 0
        await press(pilot, "7")
        await pilot.pause(0.05)
        assert pending(context) == {"threat": "7"}
        await press(pilot, "ctrl+q")

    again = make_app(start_exercise="journal", draft_choice="resume")
    async with again.run_test(size=(80, 24)) as pilot:
        assert step_id(again) == "threat"
        assert again.screen.query_one(RatingPicker).value == 7
        await press(pilot, "ctrl+b")
        assert again.screen.query_one("#answer").highlighted == 2  # type: ignore[attr-defined]


async def test_a_failed_save_is_told_once_and_tried_again(
    make_app: MakeApp, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await on_words_step(pilot)
        saves = SaveCounter(monkeypatch)
        saves.refuse = True
        await type_text(pilot, CRITIC)
        assert not screen.save_typing()
        assert not screen.save_typing()  # told once, not at every try
        await pilot.pause(0.3)
        told = [note.message for note in app._notifications]
        assert len(told) == 1 and "couldn't be saved just now" in told[0]
        assert app.screen.query_one(AnswerArea).text == CRITIC  # still there
        saves.refuse = False
        assert screen.save_typing()  # the next try writes it
        assert saves.count == 1
    assert pending(context) == {"words": CRITIC}
    assert CRITIC not in context.paths.log_file.read_text()


async def test_a_signal_saves_and_closes_calmly(make_app: MakeApp, context: AppContext) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_words_step(pilot)
        await type_text(pilot, CRITIC)
        app.close_for_signal(signal.SIGHUP)
        await pilot.pause()
    assert app.return_code == 129  # 128 + SIGHUP, as a shell reports a process it ended
    assert pending(context) == {"words": CRITIC}


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
async def test_a_real_signal_reaches_the_handler(
    make_app: MakeApp, context: AppContext, signum: signal.Signals
) -> None:
    app = make_app(start_exercise="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await on_words_step(pilot)
        await type_text(pilot, CRITIC)
        handler = signal.getsignal(signum)
        # asyncio's handler is in place (otherwise the signal would end this test run).
        assert handler not in (signal.SIG_DFL, signal.SIG_IGN, None)
        os.kill(os.getpid(), signum)
        await pilot.pause(0.1)
        assert app._exit
        if signum == signal.SIGTERM:
            assert [str(message) for message in app._exit_renderables] == [CLOSED_BY_SIGNAL]
    assert app.return_code == 128 + signum  # 143 after SIGTERM, 129 after SIGHUP
    assert pending(context) == {"words": CRITIC}
    assert signal.getsignal(signum) == signal.SIG_DFL  # handed back once the app is gone


async def test_run_resume_continues_the_draft_without_asking(
    make_app: MakeApp, context: AppContext
) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, journal_exercise(context), context.clock)
        practice.answer()
        practice.answer(CRITIC)
    app = make_app(start_exercise="journal", draft_choice="resume")
    async with app.run_test(size=(80, 24)):
        assert step_id(app) == "mood"


async def test_run_new_begins_afresh_and_keeps_the_draft(
    make_app: MakeApp, context: AppContext
) -> None:
    with context.open_store() as store:
        practice = Practice.begin(store, journal_exercise(context), context.clock)
        practice.answer()
        practice.answer(CRITIC)
        first = practice.entry.id
    app = make_app(start_exercise="journal", draft_choice="new")
    async with app.run_test(size=(80, 24)):
        assert step_id(app) == "hello"
        assert runner(app).practice.entry.id != first
    with context.open_store() as store:
        assert store.get(first or 0).answers == {"words": CRITIC}


async def test_run_resume_without_a_draft_begins(make_app: MakeApp) -> None:
    app = make_app(start_exercise="journal", draft_choice="resume")
    async with app.run_test(size=(80, 24)):
        assert step_id(app) == "hello"
