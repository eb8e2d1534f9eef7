"""How the screen looks, cell by cell: characters with their colours and styles.

For tests of what a person can tell apart, such as a focused control from one that is not.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.filter import Monochrome
from textual.geometry import Region

from cfcoach.tui.app import CoachApp

BACKGROUND_STEP = 0.15
"""The least change of background brightness (0-1) that reads as a change at a glance; the
5% tint Textual gives a compact control on focus is 0.04 (colour 234 against 235)."""
FOREGROUND_STEP = 0.25
"""The same for the colour of the characters themselves (thin, so it needs more)."""


class Cell(NamedTuple):
    char: str
    style: Style


def cells(app: CoachApp, *, no_color: bool = False) -> list[list[Cell]]:
    """The screen as rows of cells. ``no_color`` draws it as Textual does under NO_COLOR
    (every colour turned to its grey)."""
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    grid = []
    for line in update.strips:  # type: ignore[union-attr]
        segments = [
            Segment(text, style or Style())
            for strip in line
            for text, style, control in strip
            if not control
        ]
        if no_color:
            segments = Monochrome().apply(segments, Color(0, 0, 0))
        grid.append([Cell(char, style or Style()) for text, style, _ in segments for char in text])
    return grid


def _brightness(colour: object) -> float | None:
    if colour is None:
        return None
    return Color.from_rich_color(colour).brightness  # type: ignore[arg-type]


def _step(one: object, other: object) -> float:
    a, b = _brightness(one), _brightness(other)
    return abs(a - b) if a is not None and b is not None else 0.0


def visible_change(before: list[list[Cell]], after: list[list[Cell]], region: Region) -> str:
    """What, in ``region``, a person would see change between two pictures ("" for nothing):
    a character, reverse or underline, or a clear step in brightness (colour alone, a hue
    with the same brightness, is lost under NO_COLOR and on many eyes)."""
    for y in range(region.y, region.bottom):
        for x in range(region.x, region.right):
            one, other = before[y][x], after[y][x]
            if one.char != other.char:
                return f"{one.char!r} -> {other.char!r} at {x},{y}"
            for attribute in ("reverse", "underline"):
                if bool(getattr(one.style, attribute)) != bool(getattr(other.style, attribute)):
                    return f"{attribute} at {x},{y}"
            if _step(one.style.bgcolor, other.style.bgcolor) >= BACKGROUND_STEP:
                return f"background at {x},{y}"
            if one.char.strip() and _step(one.style.color, other.style.color) >= FOREGROUND_STEP:
                return f"colour at {x},{y}"
    return ""
