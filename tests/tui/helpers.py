"""Helpers for driving the TUI with Pilot: read the screen, type, wait for a step."""

from __future__ import annotations

import io
import re

from rich.console import Console
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

from cfcoach.tui.app import CoachApp
from cfcoach.tui.screens.runner import RunnerScreen


def screen_text(app: CoachApp) -> str:
    """The characters on screen now, as plain text (what a person would read)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        record=True,
        color_system=None,
        legacy_windows=False,
    )
    console.print(
        app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    )
    return console.export_text()


_DRAWING = re.compile("[\u2500-\u259f]")


def screen_words(app: CoachApp) -> str:
    """The words on screen with borders dropped and line wrapping undone, for phrase checks.

    On a dialog, only the dialog's box is read (the screen under it shows at its sides).
    """
    lines = screen_text(app).splitlines()
    dialogs = app.screen.query(".dialog")
    if dialogs:
        box = dialogs.first().region
        lines = [line[box.x : box.right] for line in lines[box.y : box.bottom]]
    return " ".join(_DRAWING.sub(" ", "\n".join(lines)).split())


def runner(app: CoachApp) -> RunnerScreen:
    screen = app.screen
    assert isinstance(screen, RunnerScreen), f"expected the exercise runner, not {screen!r}"
    return screen


def step_id(app: CoachApp) -> str | None:
    """The id of the step the runner shows now."""
    step = runner(app).practice.session.step
    return step.id if step else None


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Type ``text`` key by key, as a person would."""
    await pilot.press(*text)
    await pilot.pause()


async def press(pilot: Pilot[None], *keys: str) -> None:
    """Press keys, then let the app settle (screens mount, steps re-render)."""
    await pilot.press(*keys)
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()


def burst(app: CoachApp, *keys: str) -> None:
    """Send ``keys`` all at once, as a fast typist, a text expander, screen-reader input or
    a loaded machine does: nothing waits for one key to be handled before the next comes.

    Each item is a key name ("ctrl+n", "enter", "backspace") or text typed letter by letter.
    """
    for item in keys:
        if len(item) > 1 and (item in NAMED_KEYS or "+" in item):
            app.post_message(events.Key(item, NAMED_KEYS.get(item)))
            continue
        for character in item:
            app.post_message(events.Key(_character_to_key(character), character))


NAMED_KEYS: dict[str, str | None] = {
    "enter": "\r",
    "backspace": "\x7f",
    "escape": "\x1b",
    "tab": "\t",
    "space": " ",
    "up": None,
    "down": None,
    "left": None,
    "right": None,
    "home": None,
    "end": None,
}
