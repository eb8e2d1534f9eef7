"""The export screen's "Saved" notice says what a PDF could not draw (issue 17)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Select

from cfcoach.context import AppContext
from cfcoach.export.pdf_format import MISSING_CHARACTER
from cfcoach.tui.screens.notice import NoticeScreen
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press
from tests.tui.test_export_screen import open_export, seeded, set_path, settle
from tests.unit.golden import samples

__all__ = ["seeded"]  # the fixture, used by name


async def test_the_saved_notice_says_what_the_pdf_could_not_draw(
    make_app: MakeApp, seeded: AppContext, tmp_path: Path
) -> None:
    entry = samples.entries()[0]
    with seeded.open_store() as store:
        store.save(replace(entry, id=None, answers={**entry.answers, "critic": "漢, again"}))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        screen.query_one("#export-format", Select).value = "pdf"
        await pilot.pause()
        await press(pilot, "a")  # every entry shown (the private one stays out)
        await settle(pilot)
        target = tmp_path / "report.pdf"
        await set_path(pilot, target)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, NoticeScreen)
        assert app.screen.message.endswith(f"until you share it.\n\n{MISSING_CHARACTER}")
    assert target.read_bytes().startswith(b"%PDF")
