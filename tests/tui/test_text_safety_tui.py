"""The coach never sends the terminal a control or bidirectional character from an
exercise file or an answer (issue 17, item 8 and its bidi edge)."""

from __future__ import annotations

import re
from dataclasses import replace

from cfcoach.context import AppContext
from cfcoach.paths import ensure_private_dir
from cfcoach.store import new_entry
from cfcoach.tui.app import CoachApp
from cfcoach.tui.screens.entry_view import EntryScreen
from cfcoach.tui.screens.history import HistoryScreen
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_text, step_id

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
NOT_SHOWN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")

NASTY = """\
id: nasty
title: "Kind \\e]0;pwned\\a words"
summary: "A test \\u202Ewith an override."
minutes: 1
version: 1
steps:
  - id: hello
    kind: info
    title: "Hello \\e[2J"
    text: "Line one \\u2066isolated"
  - id: pick
    kind: choice
    title: "Pick \\u202Eeno"
    label: Pick
    options:
      - {value: a, label: "A \\e[31mred"}
      - {value: b, label: "B \\x9b"}
"""

OVERRIDE = "I am fine\u202e enif ma I\u202c \u2066isolated\u2069"


def shown_safely(app: CoachApp) -> str:
    shown = screen_text(app)
    found = sorted({f"U+{ord(c):04X}" for c in NOT_SHOWN.findall(shown)})
    assert not found, f"sent to the terminal raw: {found}"
    return shown


async def test_an_exercise_with_escapes_shows_them_as_marks(
    make_app: MakeApp, context: AppContext
) -> None:
    folder = ensure_private_dir(context.paths.user_exercises)
    (folder / "nasty.yaml").write_text(NASTY, encoding="utf-8")
    app = make_app(start_exercise="nasty")
    async with app.run_test(size=(80, 24)) as pilot:
        assert step_id(app) == "hello"
        shown = shown_safely(app)
        assert "Kind \\x1b]0;pwned\\x07 words" in shown
        assert "Hello \\x1b[2J" in shown and "Line one \\u2066isolated" in shown
        await press(pilot, "ctrl+n")
        assert step_id(app) == "pick"
        shown = shown_safely(app)
        assert "Pick \\u202eeno" in shown and "A \\x1b[31mred" in shown and "B \\x9b" in shown


async def test_history_and_an_entry_show_bidirectional_controls_as_marks(
    make_app: MakeApp, context: AppContext
) -> None:
    entry = replace(
        new_entry("daily-checkin", 1, context.clock()),
        status="completed",
        answers={"critic": OVERRIDE, "intensity_before": 6},
    )
    with context.open_store() as store:
        store.save(entry)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryScreen)
        assert "I am fine\\u202e enif ma I\\u202c" in shown_safely(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, EntryScreen)
        assert "I am fine\\u202e enif ma I\\u202c \\u2066isolated\\u2069" in shown_safely(app)
