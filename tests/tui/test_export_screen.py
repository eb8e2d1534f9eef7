"""The export screen: tick entries, see exactly what goes, write the file, hear where it went.

The sample entries of the export golden files (tests/unit/golden/samples.py) are saved in
the test's home, with the exercises they answered in the app's library; newest first the
list shows entries 6, 5, 4 (private), 3, 2, 1 (7 is a draft, never offered).
"""

from __future__ import annotations

import io
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, Static, TextArea

from cfcoach.content.library import FoundExercise
from cfcoach.context import AppContext
from cfcoach.export import get_format
from cfcoach.export.selection import Criteria, select
from cfcoach.export.writing import make_bundle
from cfcoach.safety_plan import SAFETY_PLAN_ID
from cfcoach.tui.app import CoachApp
from cfcoach.tui.export_choices import (
    PREVIEW_DELAY,
    PRIVATE_QUESTION,
    default_path,
    shortened,
    with_extension,
)
from cfcoach.tui.screens.confirm import ConfirmScreen
from cfcoach.tui.screens.export import ExportScreen
from cfcoach.tui.screens.notice import NoticeScreen
from cfcoach.tui.widgets.entry_picker import EntryPicker
from tests.conftest import FIXED_NOW
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_text, screen_words
from tests.unit.golden import samples

ROWS = {6: 0, 5: 1, 4: 2, 3: 3, 2: 4, 1: 5}
"""Where each sample entry is in the list (newest first)."""
FIRST = "You never finish anything"
THIRD = "Lazy again"
SIXTH = "Never good enough, never lazy-proof"


def seed_samples(context: AppContext) -> None:
    """The sample entries, and the exercises they answered (so labels never move)."""
    library = context.library
    for exercise in samples.exercises().values():
        library.exercises[exercise.id] = FoundExercise(exercise, Path("tests"), "shipped")
    with context.open_store() as store:
        for entry in samples.entries():
            store.save(replace(entry, id=None))


@pytest.fixture
def seeded(context: AppContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AppContext:
    monkeypatch.setenv("HOME", str(tmp_path / "person"))  # no Documents folder there
    seed_samples(context)
    return context


def export_screen(app: CoachApp) -> ExportScreen:
    screen = app.screen
    assert isinstance(screen, ExportScreen), f"expected the export screen, not {screen!r}"
    return screen


def preview(app: CoachApp) -> str:
    return export_screen(app).query_one("#export-preview", TextArea).text


def summary(app: CoachApp) -> str:
    return str(export_screen(app).query_one("#export-summary", Static).render())


async def settle(pilot: Pilot[None]) -> None:
    """Let the preview catch up with the ticks."""
    await pilot.pause(PREVIEW_DELAY + 0.1)
    await pilot.pause()


async def open_export(pilot: Pilot[None]) -> ExportScreen:
    await press(pilot, "x")
    return export_screen(pilot.app)  # type: ignore[arg-type]


async def tick(pilot: Pilot[None], *entry_ids: int) -> None:
    """Move to each entry and press space (private ones then ask)."""
    picker = pilot.app.screen.query_one(EntryPicker)
    for entry_id in entry_ids:
        picker.highlighted = ROWS[entry_id]
        await press(pilot, "space")


async def set_path(pilot: Pilot[None], path: Path) -> None:
    box = pilot.app.screen.query_one("#export-path", Input)
    box.value = str(path)
    await pilot.pause()


def cli_markdown(context: AppContext, ids: tuple[int, ...]) -> str:
    """What `cfcoach export --ids ... --format md` writes for these entries, at FIXED_NOW."""
    with context.open_store() as store:
        chosen = select(store, Criteria(ids=ids, left_out_exercises=(SAFETY_PLAN_ID,)))
    bundle = make_bundle(
        chosen.entries,
        {k: f.exercise for k, f in context.library.exercises.items()},
        format_name="md",
        generated_at=FIXED_NOW,
    )
    out = io.StringIO()
    get_format("md").writer()(bundle, out)
    return out.getvalue()


async def test_two_ticked_entries_are_previewed_and_written_as_the_cli_would(
    make_app: MakeApp, seeded: AppContext, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        assert set(screen.query_one(EntryPicker).ticked) == set()
        assert "7" not in {str(e.id) for e in screen.query_one(EntryPicker).entries}
        await tick(pilot, 3, 1)
        await settle(pilot)
        shown = preview(app)
        assert FIRST in shown and THIRD in shown
        assert SIXTH not in shown
        assert samples.PRIVATE_ENTRY_ANSWER not in shown
        assert samples.PRIVATE_STEP_ANSWER not in shown
        assert "\x1b" not in shown  # the escape sequence in entry 3 is shown, never sent
        assert summary(app) == "Exporting 2 entries (1 private left out). Dates: 2–5 Nov."

        target = tmp_path / "for-my-therapist.md"
        await set_path(pilot, target)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, NoticeScreen)
        assert str(target) in app.screen.message
        assert "2 entries" in screen_words(app)
        await press(pilot, "enter")
        assert isinstance(app.screen, ExportScreen)
    assert target.read_text(encoding="utf-8") == cli_markdown(seeded, (1, 3))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


async def test_a_private_entry_is_ticked_only_after_saying_yes(
    make_app: MakeApp, seeded: AppContext
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        picker = screen.query_one(EntryPicker)
        assert "private" in screen_words(app)
        await tick(pilot, 4)
        assert isinstance(app.screen, ConfirmScreen)
        assert PRIVATE_QUESTION in screen_words(app)
        await press(pilot, "escape")  # keep it private
        assert app.screen is screen
        assert 4 not in picker.ticked

        await tick(pilot, 4)
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "down", "enter")  # "Share it"
        assert app.screen is screen
        assert picker.ticked == {4}
        await settle(pilot)
        assert samples.PRIVATE_ENTRY_ANSWER in preview(app)
        assert "private left out" not in summary(app)

        await press(pilot, "space")  # unticking asks nothing
        assert picker.ticked == set()


async def test_a_ticks_everything_shown_but_the_private_ones_then_nothing(
    make_app: MakeApp, seeded: AppContext
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        picker = screen.query_one(EntryPicker)
        await press(pilot, "a")
        assert picker.ticked == {1, 2, 3, 5, 6}
        await settle(pilot)
        assert samples.PRIVATE_ENTRY_ANSWER not in preview(app)
        assert "DRAFT-ANSWER" not in preview(app)
        await press(pilot, "a")
        assert picker.ticked == set()

        await press(pilot, "a")
        exercise = screen.query_one("#export-exercise", Select)
        exercise.value = "self-warmth"
        await pilot.pause()
        assert [e.id for e in picker.entries] == [2]
        assert picker.ticked == {2}  # ticks the filter no longer shows are let go
        assert summary(app).startswith("Exporting 1 entry.")


async def test_an_existing_file_is_replaced_only_when_asked(
    make_app: MakeApp, seeded: AppContext, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    target.write_text("last week's export", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        await tick(pilot, 1)
        await set_path(pilot, target)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Replace it?" in screen_words(app)
        await press(pilot, "escape")
        assert app.screen is screen
        assert target.read_text(encoding="utf-8") == "last week's export"

        await press(pilot, "ctrl+s")
        await press(pilot, "down", "enter")  # "Replace it"
        assert isinstance(app.screen, NoticeScreen)
        await press(pilot, "enter")
    assert target.read_text(encoding="utf-8") == cli_markdown(seeded, (1,))


async def test_a_place_that_cannot_be_written_gets_one_calm_sentence(
    make_app: MakeApp, seeded: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        await tick(pilot, 1, 3)
        missing = tmp_path / "no-such-folder" / "report.md"
        await set_path(pilot, missing)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, NoticeScreen)
        assert app.screen.message == (
            f"The folder {missing.parent} does not exist; create it first or choose another place."
        )
        assert "Traceback" not in screen_words(app)
        await press(pilot, "enter")
        assert app.screen is screen
        assert screen.query_one(EntryPicker).ticked == {1, 3}  # nothing chosen is lost

        def disk_full(fd: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("cfcoach.export.writing.os.fsync", disk_full)
        target = tmp_path / "report.md"
        await set_path(pilot, target)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, NoticeScreen)
        assert app.screen.message == (
            f"Writing {target} failed (No space left on device); nothing was changed there."
        )
        await press(pilot, "enter")
        assert app.screen is screen
    assert list(tmp_path.glob("*report.md*")) == []
    log = seeded.paths.log_file.read_text(encoding="utf-8")
    assert "tui: writing an export: OSError" in log


async def test_the_format_sets_the_extension_and_a_pdf_its_paper(
    make_app: MakeApp, seeded: AppContext, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        path = screen.query_one("#export-path", Input)
        assert path.value == "~/cfcoach-export-2026-11-26.md"
        paper = screen.query_one("#export-paper", Select)
        assert not paper.display
        screen.query_one("#export-format", Select).value = "pdf"
        await pilot.pause()
        assert path.value == "~/cfcoach-export-2026-11-26.pdf"
        assert paper.display
        paper.value = "letter"
        await tick(pilot, 1)
        await settle(pilot)
        assert "The file will be this report as a PDF:" in screen_words(app)
        assert screen.choice().bundle.paper == "letter"
        target = tmp_path / "report.pdf"
        await set_path(pilot, target)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, NoticeScreen)
    assert target.read_bytes().startswith(b"%PDF")


async def test_the_safety_plan_goes_only_when_ticked(
    make_app: MakeApp, seeded: AppContext, tmp_path: Path
) -> None:
    plan_words = "Call Sam, then walk to the park"
    with seeded.open_store() as store:
        plan = samples._entry(
            20,
            SAFETY_PLAN_ID,
            FIXED_NOW.replace(day=1),
            answers={"reasons": plan_words},
        )
        store.save(replace(plan, id=None))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        assert 20 not in {e.id for e in screen.query_one(EntryPicker).entries}
        await tick(pilot, 1)
        await settle(pilot)
        assert plan_words not in preview(app)
        box = screen.query_one("#export-plan", Checkbox)
        assert not box.value and not box.disabled
        box.value = True
        await settle(pilot)
        assert plan_words in preview(app)
        assert summary(app).endswith("With your safety plan.")


async def test_the_safety_plan_box_shows_an_x_only_when_ticked(
    make_app: MakeApp, seeded: AppContext
) -> None:
    """Textual drew an X in the box either way, ticked told by colour alone (NO_COLOR)."""
    with seeded.open_store() as store:
        plan = samples._entry(20, SAFETY_PLAN_ID, FIXED_NOW.replace(day=1), answers={})
        store.save(replace(plan, id=None))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        box = screen.query_one("#export-plan", Checkbox)
        assert "▐ ▌ Include my safety plan" in screen_text(app)
        box.value = True
        await pilot.pause()
        assert "▐X▌ Include my safety plan" in screen_text(app)


def test_helpers_for_the_path(tmp_path: Path) -> None:
    today = FIXED_NOW.date()
    assert default_path(today, ".md", tmp_path) == tmp_path / "cfcoach-export-2026-11-26.md"
    (tmp_path / "Documents").mkdir()
    assert default_path(today, ".pdf", tmp_path) == (
        tmp_path / "Documents" / "cfcoach-export-2026-11-26.pdf"
    )
    assert with_extension("~/a/report.md", ".html") == "~/a/report.html"
    assert with_extension("~/a/report", ".html") == "~/a/report"
    assert with_extension("~/a/notes.v2", ".csv") == "~/a/notes.v2"


def test_opening_the_screen_does_not_load_the_pdf_library() -> None:
    probe = (
        "import sys, cfcoach.tui.screens.export; "
        "print('fpdf' in sys.modules or any(m.startswith('fpdf.') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_snapshot_of_two_entries_ticked(
    snap_compare: Callable[..., bool], make_app: MakeApp, seeded: AppContext
) -> None:
    async def two_ticked(pilot: Pilot[None]) -> None:
        await open_export(pilot)
        await tick(pilot, 3, 1)
        pilot.app.screen.query_one(EntryPicker).highlighted = ROWS[4]
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=two_ticked)


def test_a_very_long_preview_stops_after_a_whole_entry() -> None:
    report = "# Report\n\n## Entries\n\n" + "".join(
        f"### Daily check-in, day {n}\n\n> words {n}\n\n" for n in range(100)
    )
    short = shortened(report, 100, limit=200)
    assert len(short) < 400
    assert short.count("### ") == short.count("> words")  # no entry is cut in half
    assert short.endswith("The file holds all 100 entries, each written like the ones above.]\n")
    assert shortened(report, 100, limit=len(report)) == report
