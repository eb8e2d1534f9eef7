"""Any text in any answer field: kept exactly (or by one documented, safe change) and
shown without ever sending the terminal a control character.

Every kind of field the coach has gets: 100,000 characters (an answer's limit), every C0
control with DEL and the C1 CSI, terminal escape sequences (clear screen, set title, OSC 52
clipboard, DCS), and odd Unicode (RTL override, joiners, combining marks, skin tones, astral
characters, a lone surrogate). The text is put in the way a paste puts it
(``TextArea.insert`` / ``Input.insert_text_at_cursor``): typing 100 KB key by key takes
minutes under Pilot, and control characters can't be typed as keys at all (the terminal
turns them into key presses such as escape or ctrl+h before the app sees them).
A 100 KB search used to take minutes (FTS5's snippet() weighs every match against every
other); the store now finds the words around a match itself, in one pass.

The documented changes (:func:`cfcoach.textsafety.typeable`, applied by every answer box
as text is typed, pasted or set, so the box shows exactly what it holds and what is saved):
each control character but tab and newline becomes its visible Unicode Control Picture
(ESC is U+241B ␛, DEL U+2421 ␡; a C1 control, which has none, is U+FFFD); ``\r\n``, ``\r``,
U+2028 and U+2029 become a newline; a one-line box takes a newline or tab as a space; a
lone surrogate (never a character; only undecodable input makes one) becomes U+FFFD. An
answer also loses newlines at its very start and end.
"""

from __future__ import annotations

import re

import pytest
from textual.events import Paste
from textual.widgets import Input, TextArea

from cfcoach.context import AppContext
from cfcoach.practice import Practice
from cfcoach.textsafety import typeable
from cfcoach.tui.app import CoachApp
from cfcoach.tui.screens.completion import CompletionScreen
from cfcoach.tui.screens.entry_view import EntryScreen
from cfcoach.tui.screens.history import HistoryScreen
from cfcoach.tui.widgets.text_answer import AnswerArea, LineAnswer
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_text, step_id

FUZZ = {
    "long": ("A kind word, again and again. " * 3334)[:100_000],
    "controls": "".join(chr(c) for c in range(0x20)) + "\x7f\x9b" + "end",
    "escapes": (
        "\x1b[2J\x1b[H cleared? \x1b]0;a new title\x07 \x1b]52;c;aGVsbG8=\x07 copied? "
        "\x1bPq#0;2;0;0;0\x1b\\ sixel? \x1b[31mred\x1b[0m"
    ),
    "unicode": (
        "\u202eevil\u202c \u200d\u200c\u2060 e\u0301\u0308\u0323 \U0001f44b\U0001f3fd "
        "\U0001f469\u200d\U0001f4bb \U0001d518\U0001d52b \u0645\u0631\u062d\u0628\u0627 "
        "\ufdfd lone\udc80surrogate"
    ),
}


def cases(**gaps: str) -> list[object]:
    """Every kind of fuzz; ``gaps`` are known failures (strict xfail: fixing one shows)."""
    return [
        pytest.param(
            kind,
            marks=[pytest.mark.xfail(strict=True, reason=gaps[kind])] if kind in gaps else [],
        )
        for kind in FUZZ
    ]


# What a terminal must never be sent: C0 controls but tab and newline, DEL, and C1.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

FUZZ_EXERCISE = """\
id: fuzz
title: Anything at all
summary: Every kind of answer field, for fuzzed text.
minutes: 1
version: 1
steps:
  - id: hello
    kind: info
    title: Hello
    text: Write anything.
  - id: words
    kind: text
    title: Many lines
    label: Many lines
  - id: line
    kind: text
    title: One line
    label: One line
    multiline: false
    pin: [words]
  - id: look
    kind: review
    title: What you wrote
    show: [words, line]
"""


def kept(text: str, *, one_line: bool = False) -> str:
    """What the store should hold for ``text`` given as an answer."""
    return typeable(text, one_line=one_line).strip("\n")


def assert_safe(app: CoachApp) -> str:
    """The screen as a terminal would get it, the boxes being typed in included: no
    control character may be in it."""
    shown = screen_text(app)
    found = sorted({f"{ord(c):#04x}" for c in UNSAFE.findall(shown)})
    assert not found, f"control characters reached the screen: {found}"
    return shown


@pytest.fixture(autouse=True)
def fuzz_exercise(context: AppContext) -> None:
    from cfcoach.paths import ensure_private_dir

    folder = ensure_private_dir(context.paths.user_exercises)
    (folder / "fuzz.yaml").write_text(FUZZ_EXERCISE)


@pytest.mark.parametrize("kind", cases())
async def test_answers_are_kept_and_shown_safely_on_every_step(
    make_app: MakeApp, context: AppContext, kind: str
) -> None:
    text = FUZZ[kind]
    app = make_app(start_exercise="fuzz")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        assert step_id(app) == "words"
        app.screen.query_one(AnswerArea).insert(text)
        await pilot.pause()
        assert_safe(app)
        await press(pilot, "ctrl+n")
        assert step_id(app) == "line", "the many-lines answer was not taken"
        assert_safe(app)  # the words pinned above the one-line box
        box = app.screen.query_one(LineAnswer)
        box.insert_text_at_cursor(text)
        await pilot.pause()
        assert_safe(app)
        await press(pilot, "ctrl+n")
        assert step_id(app) == "look"
        assert_safe(app)  # the review lists both
        await press(pilot, "ctrl+n")
        assert isinstance(app.screen, CompletionScreen)
        assert_safe(app)
    with context.open_store() as store:
        [entry] = store.recent(5)
    assert entry.answers["words"] == kept(text)
    assert box.value == typeable(text, one_line=True)
    assert entry.answers["line"] == kept(text, one_line=True) == box.value.strip("\n")


def saved_entry(context: AppContext, text: str) -> int:
    exercise = context.library.get("fuzz")
    assert exercise is not None
    with context.open_store() as store:
        practice = Practice.begin(store, exercise, context.clock)
        practice.answer()
        practice.answer(text)
        practice.answer(text.replace("\n", " "))
        practice.answer()
        assert practice.entry.id is not None
        return practice.entry.id


@pytest.mark.parametrize(
    "kind",
    cases(),
)
async def test_history_search_entry_and_note_show_it_safely(
    make_app: MakeApp, context: AppContext, kind: str
) -> None:
    text = FUZZ[kind]
    entry_id = saved_entry(context, text)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryScreen)
        assert_safe(app)  # the entry's line in the list
        await press(pilot, "slash")
        search = app.screen.query_one("#history-search", Input)
        search.insert_text_at_cursor(text[:2000])
        await pilot.pause(0.3)
        assert_safe(app)  # the search box and whatever it matched
        search.value = ""
        await pilot.pause(0.3)
        app.screen.query_one("#history-search", Input).blur()
        await press(pilot, "n")  # a note for the therapist on the highlighted entry
        note = app.screen.query_one(TextArea)
        note.insert(text)
        await pilot.pause()
        assert_safe(app)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HistoryScreen)
        assert_safe(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, EntryScreen)
        assert_safe(app)  # every answer and the note, in full
    with context.open_store() as store:
        entry = store.get(entry_id)
    assert entry.therapist_note == typeable(text).strip()  # whole, 100 KB included


@pytest.mark.parametrize("kind", cases())
async def test_the_export_screen_previews_and_takes_a_path_safely(
    make_app: MakeApp, context: AppContext, kind: str
) -> None:
    text = FUZZ[kind]
    saved_entry(context, text)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "x")
        await press(pilot, "space")  # tick the entry: the preview shows it
        await pilot.pause(0.3)
        preview = app.screen.query_one("#export-preview", TextArea).text
        assert "A kind word" in preview or kind != "long"
        assert not UNSAFE.search(preview.replace("\r", "")), "the preview holds raw controls"
        assert_safe(app)
        path = app.screen.query_one("#export-path", Input)
        path.value = ""
        path.insert_text_at_cursor(text[:2000])
        await pilot.pause()
        assert_safe(app)


async def test_the_answer_boxes_themselves_show_escapes_as_symbols(make_app: MakeApp) -> None:
    app = make_app(start_exercise="fuzz")
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+n")
        area = app.screen.query_one(AnswerArea)
        area.insert(FUZZ["escapes"])
        await pilot.pause()
        assert area.text == typeable(FUZZ["escapes"])
        assert "\u241b[2J\u241b[H cleared?" in assert_safe(app)
        app.post_message(Paste("\x1b]0;pasted\x07\r\nnext line"))  # as a terminal pastes
        await pilot.pause()
        assert area.text.endswith("\u241b]0;pasted\u2407\nnext line")
        area.undo()
        area.redo()
        assert "\x1b" not in area.text
        await press(pilot, "ctrl+n")
        box = app.screen.query_one(LineAnswer)
        app.post_message(Paste("\x1b[2J one\r\ntwo"))  # Input keeps a paste's first line
        await pilot.pause()
        box.value = box.value + "\x9b\tend"
        await pilot.pause()
        assert box.value == "\u241b[2J one\ufffd end"
        assert_safe(app)
