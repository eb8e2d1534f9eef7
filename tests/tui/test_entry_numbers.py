"""Each entry's number, the one `cfcoach show` and `cfcoach export --ids` take, is on screen
wherever an entry is: history's rows, the entry itself, the export list (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cfcoach.context import AppContext
from cfcoach.tui.screens.entry_view import EntryScreen
from cfcoach.tui.screens.export import ExportScreen
from cfcoach.tui.widgets.entry_picker import EntryPicker
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_text, screen_words
from tests.tui.test_export_screen import seed_samples
from tests.tui.test_history import seed_three, shown_ids

DATE = r"\d{1,2} \w{3}"


async def test_history_rows_start_with_the_entry_number(
    make_app: MakeApp, context: AppContext
) -> None:
    first, second, newest = seed_three(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "h")
        assert shown_ids(app) == [newest, second, first]
        lines = screen_text(app).splitlines()
        assert any(re.match(r"\s+#\s+When", line) for line in lines)
        for entry_id in (newest, second, first):
            assert any(re.match(rf"\s+{entry_id}\s+{DATE} \d{{4}}", line) for line in lines)


async def test_an_open_entry_says_its_number(make_app: MakeApp, context: AppContext) -> None:
    _, second, _ = seed_three(context)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "h", "down", "enter")
        assert isinstance(app.screen, EntryScreen)
        assert app.screen.entry_id == second
        assert f"#{second} · " in screen_words(app)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_export_list_shows_each_entry_number(
    make_app: MakeApp,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    size: tuple[int, int],
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "person"))
    seed_samples(context)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await press(pilot, "x")
        assert isinstance(app.screen, ExportScreen)
        picker = app.screen.query_one(EntryPicker)
        ids = [entry.id for entry in picker.entries]
        assert ids == [6, 5, 4, 3, 2, 1]
        lines = screen_text(app).splitlines()
        for entry_id in ids:
            assert any(re.match(rf"\s*\[ \] #{entry_id} +{DATE}", line) for line in lines)


def test_numbers_line_up_right_aligned() -> None:
    from dataclasses import replace

    from cfcoach.store import new_entry
    from cfcoach.tui.widgets.entry_picker import number_label
    from tests.conftest import FIXED_NOW

    entry = replace(new_entry("daily-checkin", 1, FIXED_NOW), id=7)
    assert number_label(entry) == "#7"
    assert number_label(entry, 4) == "  #7"
