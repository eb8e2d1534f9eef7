"""History, the trash and unfinished exercises, driven with the keyboard through Pilot."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from textual.widgets import DataTable, Input, Select, TextArea

from cfcoach.context import AppContext
from cfcoach.practice import Practice
from cfcoach.store.entries import EntryQuery
from cfcoach.tui.app import CoachApp
from cfcoach.tui.screens.confirm import ConfirmScreen
from cfcoach.tui.screens.drafts import DraftsScreen
from cfcoach.tui.screens.entry_view import EntryScreen
from cfcoach.tui.screens.history import PAGE, HistoryScreen
from cfcoach.tui.screens.history_filter import FilterScreen
from cfcoach.tui.screens.home import HomeScreen
from cfcoach.tui.screens.note import NoteScreen
from cfcoach.tui.screens.runner import RunnerScreen
from cfcoach.tui.screens.trash import TrashScreen
from tests.conftest import FIXED_NOW
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_words, type_text
from tests.tui.history_data import END, checkin, install_exercises, save, seed_generated

DAY = timedelta(days=1)


def history(app: CoachApp) -> HistoryScreen:
    screen = app.screen
    assert isinstance(screen, HistoryScreen), f"expected history, not {screen!r}"
    return screen


def shown_ids(app: CoachApp) -> list[int]:
    table = history(app).table
    return [int(str(row.key.value)) for row in table.ordered_rows]


def seed_three(context: AppContext) -> tuple[int, int, int]:
    """Three check-ins a day apart (oldest first); two mention laziness."""
    with context.open_store() as store:
        ids = [
            save(store, END - 3 * DAY, answers=checkin("You're so lazy")).id,
            save(store, END - 2 * DAY, answers=checkin("Nobody wants you around")).id,
            save(store, END - DAY, answers=checkin("Lazy again, never finishing")).id,
        ]
    assert all(isinstance(i, int) for i in ids)
    return ids[0] or 0, ids[1] or 0, ids[2] or 0


async def open_history(pilot: object, app: CoachApp) -> None:
    await press(pilot, "h")  # type: ignore[arg-type]
    history(app)


async def test_history_opens_newest_first_and_reads_more_pages_as_needed(
    make_app: MakeApp, context: AppContext
) -> None:
    seed_generated(context, entries=250, months=3)
    with context.open_store() as store:
        newest = [e.id for e in store.select(EntryQuery(include_private=True), newest_first=True)]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        screen = history(app)
        assert screen.table.row_count == PAGE  # one page, not every entry
        assert shown_ids(app) == newest[:PAGE]
        assert f"{len(newest)} entries" in screen_words(app)

        await press(pilot, "end")  # the cursor near the end reads the next page
        assert screen.table.row_count == 2 * PAGE
        await press(pilot, "end")
        await press(pilot, "end")
        assert shown_ids(app) == newest  # every entry once, in order
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)


async def test_search_lists_only_matching_entries_and_clearing_it_lists_all(
    make_app: MakeApp, context: AppContext
) -> None:
    first, _, third = seed_three(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await press(pilot, "slash")
        assert isinstance(app.focused, Input)
        await type_text(pilot, "lazy")
        await press(pilot, "enter")
        assert shown_ids(app) == [third, first]
        assert "2 entries with “lazy”" in screen_words(app)
        assert isinstance(app.focused, DataTable)  # Enter leaves the search for the list
        await press(pilot, "p")  # marking it keeps the row showing its match
        assert "private Lazy again, never" in screen_words(app)
        assert history(app).snippets[third] is not None

        await press(pilot, "slash")
        await type_text(pilot, '"never (')  # FTS syntax is only words
        await press(pilot, "enter")
        assert shown_ids(app) == [third]

        await press(pilot, "slash", "ctrl+u")  # clear the box
        await press(pilot, "enter")
        assert len(shown_ids(app)) == 3


async def test_a_search_that_finds_nothing_says_so_gently(
    make_app: MakeApp, context: AppContext
) -> None:
    seed_three(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await press(pilot, "slash")
        await type_text(pilot, "zebra")
        await press(pilot, "enter")
        assert shown_ids(app) == []
        assert "0 entries with “zebra” · nothing here" in screen_words(app)
        for key in ("enter", "p", "n", "d"):  # nothing to act on: nothing happens
            await press(pilot, key)
            assert isinstance(app.screen, HistoryScreen)


async def test_filter_by_exercise_and_days(make_app: MakeApp, context: AppContext) -> None:
    install_exercises(context)
    with context.open_store() as store:
        old = save(store, END - 40 * DAY, answers=checkin("Old words")).id
        circles = save(store, END - 5 * DAY, "three-circles", {"threat": 7}).id
        recent = save(store, END - 2 * DAY, answers=checkin("Recent words")).id
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        assert shown_ids(app) == [recent, circles, old]

        await press(pilot, "f")
        assert isinstance(app.screen, FilterScreen)
        app.screen.query_one(Select).value = "daily-checkin"
        await press(pilot, "tab")
        await type_text(pilot, "10d")  # From: ten days ago
        await press(pilot, "ctrl+s")
        assert shown_ids(app) == [recent]
        assert "1 entry · Daily check-in" in screen_words(app)

        await press(pilot, "f")
        await press(pilot, "ctrl+r")  # show everything again
        assert shown_ids(app) == [recent, circles, old]


async def test_a_date_the_filter_cannot_read_is_one_calm_sentence(
    make_app: MakeApp, context: AppContext
) -> None:
    seed_three(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await press(pilot, "f", "tab")
        await type_text(pilot, "last tuesday")
        await press(pilot, "enter")
        assert isinstance(app.screen, FilterScreen)
        assert "From 'last tuesday' is not a date cfcoach understands" in screen_words(app)
        await press(pilot, "ctrl+u")
        await type_text(pilot, "2026-11-20")
        await press(pilot, "tab")
        await type_text(pilot, "2026-11-01")
        await press(pilot, "enter")
        assert "is after To" in screen_words(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, HistoryScreen)
        assert len(shown_ids(app)) == 3


async def test_open_an_entry_to_read_it_in_full(make_app: MakeApp, context: AppContext) -> None:
    with context.open_store() as store:
        entry = save(
            store,
            END - DAY,
            answers=checkin("You're useless\x1b[2J at this", drive="Being perfect"),
            skipped=["drive"],
        )
        store.set_note(entry.id or 0, "Ask about the meeting")
    answers = dict(entry.answers)
    del answers["drive"]
    with context.open_store() as store:
        store.save(replace(store.get(entry.id or 0), answers=answers))
    app = make_app()
    async with app.run_test(size=(80, 40)) as pilot:
        await open_history(pilot, app)
        await press(pilot, "enter")
        assert isinstance(app.screen, EntryScreen)
        words = screen_words(app)
        assert "Daily check-in" in words
        assert "The critic's words You're useless\\x1b[2J at this" in words  # shown, not run
        assert "How strongly the words landed (before) 7 out of 10 What" in words
        assert "What the critic is driving me towards skipped" in words
        assert "Note for your therapist" in words and "Ask about the meeting" in words
        await press(pilot, "escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_mark_private_and_not_from_the_list_and_the_entry(
    make_app: MakeApp, context: AppContext
) -> None:
    _, _, newest = seed_three(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await press(pilot, "p")
        with context.open_store() as store:
            assert store.get(newest).private is True
        assert "private Lazy again" in screen_words(app)

        await press(pilot, "enter")
        assert "private (left out of exports unless you ask)" in screen_words(app)
        await press(pilot, "p")
        with context.open_store() as store:
            assert store.get(newest).private is False
        assert "private (left out" not in screen_words(app)
        await press(pilot, "escape")
        assert "private Lazy again" not in screen_words(app)  # the row follows


async def test_write_and_change_the_note_for_the_therapist(
    make_app: MakeApp, context: AppContext
) -> None:
    _, _, newest = seed_three(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await press(pilot, "enter")
        assert "No note for your therapist yet: n writes one." in screen_words(app)
        await press(pilot, "n")
        assert isinstance(app.screen, NoteScreen)
        await type_text(pilot, "Can we talk about this one?")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, EntryScreen)
        assert "Can we talk about this one?" in screen_words(app)
        with context.open_store() as store:
            assert store.get(newest).therapist_note == "Can we talk about this one?"

        await press(pilot, "n")  # the note is there to change
        assert app.screen.query_one(TextArea).text == "Can we talk about this one?"
        await type_text(pilot, " Soon.")
        await press(pilot, "escape")  # leave it as it was
        with context.open_store() as store:
            assert store.get(newest).therapist_note == "Can we talk about this one?"

        await press(pilot, "escape")
        assert "note Lazy again" in screen_words(app)  # the list shows there is a note
        await press(pilot, "n")
        app.screen.query_one(TextArea).clear()
        await press(pilot, "ctrl+s")  # an empty note is removed
        with context.open_store() as store:
            assert store.get(newest).therapist_note is None


async def test_delete_asks_first_then_the_trash_restores(
    make_app: MakeApp, context: AppContext
) -> None:
    first, second, newest = seed_three(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await press(pilot, "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "It stays in the trash for 30 days" in screen_words(app)
        await press(pilot, "enter")  # "Keep it" comes first
        assert shown_ids(app) == [newest, second, first]

        await press(pilot, "d", "down", "enter")
        assert shown_ids(app) == [second, first]
        assert "2 entries" in screen_words(app)
        with context.open_store() as store:
            assert [e.id for e in store.in_trash()] == [newest]

        await press(pilot, "t")
        assert isinstance(app.screen, TrashScreen)
        words = screen_words(app)
        assert "Daily check-in" in words and "26 Dec 2026" in words  # kept until
        await press(pilot, "r")
        assert "The trash is empty." in screen_words(app)
        await press(pilot, "escape")
        assert shown_ids(app) == [newest, second, first]
        with context.open_store() as store:
            assert store.in_trash() == []


async def test_delete_from_an_open_entry(make_app: MakeApp, context: AppContext) -> None:
    first, _, newest = seed_three(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, EntryScreen)
        await press(pilot, "d", "down", "enter")
        assert isinstance(app.screen, HistoryScreen)
        assert shown_ids(app) == [newest, first]


@pytest.mark.parametrize("handed_a_store", [False, True], ids=["own store", "cli's store"])
async def test_old_trash_goes_quietly_when_the_app_starts(
    make_app: MakeApp, context: AppContext, handed_a_store: bool
) -> None:
    first, second, _ = seed_three(context)
    with context.open_store() as store:
        store.move_to_trash(first, FIXED_NOW - 31 * DAY)
        store.move_to_trash(second, FIXED_NOW - 3 * DAY)
    # `cfcoach` opens the store before the app and hands it over (cli/open_tui.py).
    app = make_app(store=context.open_store()) if handed_a_store else make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # nothing to read, nothing to click
        assert app.purged == 1
        with context.open_store() as store:
            assert [e.id for e in store.in_trash()] == [second]


async def test_the_home_footer_shows_the_ways_in(make_app: MakeApp, context: AppContext) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        words = screen_words(app)
        assert "h History" in words and "i Insights" in words and "f1 Help now" in words
        assert "All unfinished exercises" not in words  # only when several are


# -- drafts ---------------------------------------------------------------------------------


def start_drafts(context: AppContext) -> tuple[int, int]:
    exercise = context.library.get("daily-checkin")
    assert exercise is not None
    with context.open_store() as store:
        older = Practice.begin(store, exercise, context.clock)
        older.answer(None)
        older.answer("You always mess things up")
        newer = Practice.begin(store, exercise, context.clock)
        newer.answer(None)
    assert older.entry.id is not None and newer.entry.id is not None
    return older.entry.id, newer.entry.id


def current_step(context: AppContext, entry_id: int) -> str | None:
    with context.open_store() as store:
        return store.get(entry_id).state.get("current")


async def test_continue_a_draft_from_the_list(make_app: MakeApp, context: AppContext) -> None:
    older, _ = start_drafts(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "All unfinished exercises 2 to continue or discard" in screen_words(app)
        await press(pilot, "down", "down", "enter")  # that choice in the list
        assert isinstance(app.screen, DraftsScreen)
        words = screen_words(app)
        assert "step 3 of" in words and "You always mess" in words
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.practice.entry.id == older
        assert app.screen.practice.session.state.current == current_step(context, older)
        assert [type(s) for s in app.screen_stack][-2] is HomeScreen  # home is under it


async def test_discard_a_draft_into_the_trash(make_app: MakeApp, context: AppContext) -> None:
    older, newer = start_drafts(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "d", "d")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Discard this unfinished exercise?" in screen_words(app)
        await press(pilot, "down", "enter")
        assert isinstance(app.screen, DraftsScreen)
        with context.open_store() as store:
            assert [e.id for e in store.drafts()] == [older]
            assert [e.id for e in store.in_trash()] == [newer]
        await press(pilot, "d", "down", "enter")
        assert "Nothing unfinished" in screen_words(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert "Continue where you left off" not in screen_words(app)


async def test_the_slash_that_opens_the_search_never_lands_in_it(
    make_app: MakeApp, context: AppContext
) -> None:
    seed_three(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot, app)
        await press(pilot, "slash")
        box = app.screen.query_one(Input)
        box.insert_text_at_cursor("/")  # as some terminals deliver the key a second time
        await pilot.pause()
        assert box.value == ""
        await type_text(pilot, "a/b")  # a slash typed later is kept
        assert box.value == "a/b"
