"""The export screen writes what the file's name says (issue 16, item 5).

Writing to ``for-therapist.pdf`` with the format list left at Markdown wrote Markdown into
a file named .pdf, which no PDF reader would open. The file name's extension now picks the
format (and picking a format changes the extension); a name without one gets the chosen
format's; an extension cfcoach cannot write gets one calm sentence and nothing is written.
The preview follows the chosen format.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static

from cfcoach.context import AppContext
from cfcoach.tui.app import CoachApp
from cfcoach.tui.export_choices import (
    completed,
    extension_of,
    format_from_name,
    known_extensions,
    unknown_extension,
)
from cfcoach.tui.screens.notice import NoticeScreen
from tests.tui.conftest import MakeApp
from tests.tui.helpers import press, screen_words, type_text
from tests.tui.test_export_screen import (
    FIRST,
    cli_markdown,
    export_screen,
    open_export,
    preview,
    seed_samples,
    set_path,
    settle,
    tick,
)


@pytest.fixture
def seeded(context: AppContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AppContext:
    monkeypatch.setenv("HOME", str(tmp_path / "person"))  # no Documents folder there
    seed_samples(context)
    return context


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder to write into."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def format_value(app: CoachApp) -> object:
    return export_screen(app).query_one("#export-format", Select).value


async def write(pilot: Pilot[None], target: Path) -> None:
    """Type ``target`` into the path box (a person's way) and write with ctrl+s."""
    box = pilot.app.screen.query_one("#export-path", Input)
    box.value = ""
    box.focus()
    await type_text(pilot, str(target))
    await press(pilot, "ctrl+s")


async def test_a_name_ending_in_pdf_gets_a_real_pdf_though_the_list_said_markdown(
    make_app: MakeApp, seeded: AppContext, out: Path
) -> None:
    target = out / "for-therapist.pdf"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(pilot)
        await tick(pilot, 1, 3)
        assert format_value(app) == "md"
        await write(pilot, target)
        assert isinstance(app.screen, NoticeScreen), screen_words(app)
        assert str(target) in app.screen.message
        await press(pilot, "enter")
        assert format_value(app) == "pdf"  # the list now says what was written
        assert export_screen(app).query_one("#export-paper", Select).display
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("name", "format_name"),
    [
        ("x.html", "html"),
        ("x.htm", "html"),
        ("x.md", "md"),
        ("x.csv", "csv"),
        ("x.json", "json"),
        ("X.PDF", "pdf"),
    ],
)
async def test_each_known_extension_writes_its_own_format(
    make_app: MakeApp, seeded: AppContext, out: Path, name: str, format_name: str
) -> None:
    target = out / name
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(pilot)
        await tick(pilot, 1, 3)
        if format_name == "md":  # start from another format, so the name has to win
            export_screen(app).query_one("#export-format", Select).value = "csv"
            await pilot.pause()
        await write(pilot, target)
        assert isinstance(app.screen, NoticeScreen), screen_words(app)
        await press(pilot, "enter")
        assert format_value(app) == format_name
        path = export_screen(app).query_one("#export-path", Input).value
        assert path == str(target)  # the name typed is kept as typed (.htm stays .htm)
    data = target.read_bytes()
    if format_name == "pdf":
        assert data.startswith(b"%PDF")
        return
    text = data.decode("utf-8")
    if format_name == "html":
        assert text.lstrip().lower().startswith("<!doctype html")
    elif format_name == "md":
        assert text == cli_markdown(seeded, (1, 3))
    elif format_name == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][:3] == ["entry", "date", "time"] and len(rows) == 3
    else:
        assert [entry["id"] for entry in json.loads(text)["entries"]] == [1, 3]


async def test_an_unknown_extension_gets_one_sentence_and_nothing_is_written(
    make_app: MakeApp, seeded: AppContext, out: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        await tick(pilot, 1, 3)
        await write(pilot, out / "for-therapist.docx")
        assert isinstance(app.screen, NoticeScreen)
        message = app.screen.message
        assert message == unknown_extension(".docx")
        assert message.count(". ") == 0 and message.endswith(".")  # one sentence
        for extension in (".md", ".html", ".pdf", ".csv", ".json"):
            assert extension in message
        assert "Traceback" not in screen_words(app)
        await press(pilot, "enter")
        assert export_screen(app) is screen
        assert screen.query_one("#export-path", Input).value.endswith("for-therapist.docx")
    assert list(out.iterdir()) == []


async def test_a_name_without_extension_gets_the_chosen_formats(
    make_app: MakeApp, seeded: AppContext, out: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(pilot)
        await tick(pilot, 1)
        screen.query_one("#export-format", Select).value = "pdf"
        await pilot.pause()
        await write(pilot, out / "for-therapist")
        assert isinstance(app.screen, NoticeScreen), screen_words(app)
        assert str(out / "for-therapist.pdf") in app.screen.message
        await press(pilot, "enter")
        assert screen.query_one("#export-path", Input).value == str(out / "for-therapist.pdf")
    assert [p.name for p in out.iterdir()] == ["for-therapist.pdf"]
    assert (out / "for-therapist.pdf").read_bytes().startswith(b"%PDF")


async def test_a_name_without_extension_asks_before_replacing_the_file_it_becomes(
    make_app: MakeApp, seeded: AppContext, out: Path
) -> None:
    (out / "report.md").write_text("last week's export", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(pilot)
        await tick(pilot, 1)
        await write(pilot, out / "report")
        assert "Replace it?" in screen_words(app)
        await press(pilot, "escape")
    assert (out / "report.md").read_text(encoding="utf-8") == "last week's export"
    assert not (out / "report").exists()


async def test_typing_an_extension_picks_the_format_and_the_preview_follows(
    make_app: MakeApp, seeded: AppContext, out: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_export(pilot)
        await tick(pilot, 1)
        await settle(pilot)
        assert preview(app).startswith("# ")  # the Markdown report

        await set_path(pilot, out / "x.csv")
        await settle(pilot)
        assert format_value(app) == "csv"
        assert preview(app).startswith("entry,date,time,")  # the spreadsheet's own text

        await set_path(pilot, out / "x.json")
        await settle(pilot)
        assert format_value(app) == "json"
        assert json.loads(preview(app))["entries"][0]["id"] == 1

        await set_path(pilot, out / "x.pdf")
        await settle(pilot)
        assert format_value(app) == "pdf"
        note = str(screen.query_one("#export-preview-note", Static).render())
        assert "PDF" in note
        assert FIRST in preview(app)

        await set_path(pilot, out / "x.html")
        await settle(pilot)
        assert format_value(app) == "html"
        note = str(screen.query_one("#export-preview-note", Static).render())
        assert "web page" in note.lower() or "HTML" in note

        await set_path(pilot, out / "x.docx")  # unknown: the choice stays as it was
        await settle(pilot)
        assert format_value(app) == "html"


def test_the_rules_come_from_the_export_registry() -> None:
    assert known_extensions() == [".md", ".html", ".pdf", ".csv", ".json"]
    assert format_from_name("~/a/for-therapist.pdf") == "pdf"
    assert format_from_name("~/a/notes.TXT") == "md"
    assert format_from_name("~/a/notes.htm") == "html"
    assert format_from_name("~/a/notes") is None
    assert format_from_name("~/a.b/notes") is None
    assert format_from_name("~/a/notes.docx") is None


def test_a_name_gets_the_chosen_extension_only_when_it_has_none() -> None:
    assert extension_of("~/a/report.pdf") == ".pdf"
    assert extension_of("~/a/for Dr. Smith") == ""  # a name, not an extension
    assert completed("~/a/report", ".pdf") == "~/a/report.pdf"
    assert completed("~/a/report.", ".pdf") == "~/a/report.pdf"
    assert completed("~/a/for Dr. Smith", ".html") == "~/a/for Dr. Smith.html"
    assert completed("~/a/report.csv", ".pdf") == "~/a/report.csv"
    assert completed("~/a/report.docx", ".pdf") == "~/a/report.docx"
