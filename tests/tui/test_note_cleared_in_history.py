"""A check-in's note cleared with `n` in history is in no export afterwards (issue 15, item 3)."""

from __future__ import annotations

import os
import subprocess
import sys

from textual.widgets import TextArea

from cfcoach.content import Exercise
from cfcoach.context import AppContext
from cfcoach.practice import Practice
from cfcoach.tui.screens.entry_view import EntryScreen
from cfcoach.tui.screens.note import NoteScreen
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_words

NOTE = "Porcupine mornings are the hardest"


def finished_checkin(context: AppContext, checkin: Exercise) -> int:
    """A daily check-in done through the coach's own practice, with a note at its note step."""
    with context.open_store() as store:
        practice = Practice.begin(store, checkin, context.clock)
        while (step := practice.session.step) is not None:
            if step.id == "critic":
                practice.answer("You never finish anything")
            elif step.id == "therapist_note":
                practice.answer(NOTE)
            else:
                practice.skip()
        assert practice.entry.status == "completed"
        return practice.entry.id or 0


def markdown_export() -> str:
    result = subprocess.run(
        [sys.executable, "-m", "cfcoach", "export", "--format", "md"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=60,
        check=True,
    )
    return result.stdout


async def test_a_note_cleared_in_history_is_not_exported(
    make_app: MakeApp, context: AppContext, checkin: Exercise
) -> None:
    entry_id = finished_checkin(context, checkin)
    assert markdown_export().count(NOTE) == 1

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "h")
        await press(pilot, "enter")
        assert isinstance(app.screen, EntryScreen)
        assert NOTE in screen_words(app)
        await press(pilot, "n")
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.query_one(TextArea).text == NOTE
        app.screen.query_one(TextArea).clear()
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, EntryScreen)
        assert "Porcupine" not in screen_words(app)

    with context.open_store() as store:
        assert store.get(entry_id).therapist_note is None
    assert "orcupine" not in markdown_export().lower()
