"""Where the keys go can be seen: every control a screen can focus looks clearly different
focused, in the dark and the light theme and under NO_COLOR (issue 17: the export screen's
compact selects changed from colour 234 to 235 on focus)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, Select

from cfcoach.context import AppContext
from cfcoach.safety_plan import SAFETY_PLAN_ID
from cfcoach.tui.app import CoachApp
from tests.conftest import FIXED_NOW
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press
from tests.tui.looks import cells, visible_change
from tests.tui.test_export_screen import seed_samples
from tests.tui.test_history import start_drafts
from tests.unit.golden import samples

# The keys that open each screen from home (the samples give history, drafts and the trash
# something to list; "h d down enter" puts one entry in the trash).
SCREENS = {
    "home": (),
    "history": ("h",),
    "history filter": ("h", "f"),
    "export": ("x",),
    "drafts": ("d",),
    "trash": ("h", "d", "down", "enter", "t"),
    "focus areas": ("f",),
    "country": ("w",),
    "confirm": ("h", "d"),
    "draft offer": ("s",),
}


@pytest.fixture
def seeded(context: AppContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AppContext:
    monkeypatch.setenv("HOME", str(tmp_path / "person"))
    seed_samples(context)
    start_drafts(context)
    with context.open_store() as store:  # a safety plan, so "Include my safety plan" can focus
        plan = samples._entry(20, SAFETY_PLAN_ID, FIXED_NOW.replace(day=1), answers={})
        store.save(replace(plan, id=None))
    return context


async def picture(pilot: Pilot[None], focused: Widget | None, *, no_color: bool) -> list:  # type: ignore[type-arg]
    app = pilot.app
    assert isinstance(app, CoachApp)
    app.screen.set_focus(focused)
    await pilot.pause()
    for box in app.screen.query(Input):
        # The blinking cursor shows focus half the time: look in the half it is off.
        box.cursor_blink = False
        box._cursor_visible = False
    await pilot.pause()
    return cells(app, no_color=no_color)


def sole_scroll_region(widget: Widget) -> bool:
    """A scrolling body that is the screen's only stop: the keys can go nowhere else."""
    return isinstance(widget, VerticalScroll) and list(widget.screen.focus_chain) == [widget]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_focusable_control_looks_different_focused(
    make_app: MakeApp, seeded: AppContext, name: str, theme: str
) -> None:
    app = make_app(theme=theme)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await press(pilot, *SCREENS[name])
        if name == "export":  # a PDF shows the paper choice too
            app.screen.query_one("#export-format", Select).value = "pdf"
            await pilot.pause()
        chain = [w for w in app.screen.focus_chain if not sole_scroll_region(w)]
        assert chain, f"nothing to focus on {name}: {app.screen!r} {list(app.screen.focus_chain)}"
        unseen = []
        for widget in chain:
            for no_color in (False, True):
                focused = await picture(pilot, widget, no_color=no_color)
                blurred = await picture(pilot, None, no_color=no_color)
                if not visible_change(focused, blurred, widget.region):
                    unseen.append(f"{widget!r}{' under NO_COLOR' if no_color else ''}")
        assert unseen == [], f"focus cannot be seen on {name} ({theme})"


async def test_the_focused_select_on_the_export_screen_is_told_apart_from_the_others(
    make_app: MakeApp, seeded: AppContext
) -> None:
    """The issue's case, at 80x24: the period select focused, the exercise one not."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "x")
        period = app.screen.query_one("#export-period", Select)
        exercise = app.screen.query_one("#export-exercise", Select)
        with_period = await picture(pilot, period, no_color=False)
        with_exercise = await picture(pilot, exercise, no_color=False)
        assert visible_change(with_period, with_exercise, period.region)
        assert visible_change(with_period, with_exercise, exercise.region)
