"""What each format must do beyond its golden file: escaping, formula guards, empty
exports, the registry, and the PDF (read back with pdftotext)."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from datetime import timedelta
from importlib import resources
from pathlib import Path

import pytest

from cfcoach.export import FORMATS, get_format
from cfcoach.export.csv_format import cell
from cfcoach.export.linebreak import wrap
from cfcoach.export.markdown_format import escape, spark
from cfcoach.export.registry import ExportBundle, format_for_suffix
from cfcoach.textsafety import printable
from tests.unit.golden import samples

needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="pdftotext/pdfinfo not installed (Debian package poppler-utils; .ci/run installs it)",
)


def text_of(format_name: str, bundle: ExportBundle | None = None) -> str:
    buffer = io.StringIO()
    get_format(format_name).writer()(bundle or samples.bundle(), buffer)
    return buffer.getvalue()


def pdf_of(bundle: ExportBundle | None = None) -> bytes:
    buffer = io.BytesIO()
    get_format("pdf").binary_writer()(bundle or samples.bundle(), buffer)
    return buffer.getvalue()


def included_answers() -> list[str]:
    """Every text answer and note of the shared entries, as a report shows it."""
    exercises = samples.exercises()
    found = []
    for entry in samples.shared_entries():
        exercise = exercises[entry.exercise_id]
        for step in exercise.steps:
            value = entry.answers.get(step.id)
            if isinstance(value, str) and not step.private:
                found.append(printable(value))
        if entry.therapist_note:
            found.append(entry.therapist_note)
    return found


def flat(text: str) -> str:
    return " ".join(text.split())


# -- the registry -------------------------------------------------------------------------


def test_every_format_is_registered_with_its_extension() -> None:
    assert {name: f.extension for name, f in FORMATS.items()} == {
        "json": ".json",
        "md": ".md",
        "html": ".html",
        "pdf": ".pdf",
        "csv": ".csv",
    }
    assert get_format("Markdown").name == "md"
    assert format_for_suffix(".HTM") is FORMATS["html"]
    assert format_for_suffix(".docx") is None
    assert FORMATS["pdf"].binary and not FORMATS["md"].binary
    with pytest.raises(TypeError):
        FORMATS["pdf"].writer()


@pytest.mark.parametrize("format_name", ["md", "html", "csv", "json"])
def test_an_empty_export_is_still_a_valid_file(format_name: str) -> None:
    text = text_of(format_name, samples.bundle(entries=[]))
    assert text.endswith("\n")
    if format_name in ("md", "html"):
        assert "No entries were chosen" in text


# -- HTML ---------------------------------------------------------------------------------


def test_html_escapes_every_piece_of_user_text() -> None:
    page = text_of("html")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; [a link]" in page
    hostile = samples.exercises()
    checkin = hostile["daily-checkin"]
    hostile["daily-checkin"] = checkin.model_copy(update={"title": '<img src=x onerror="y">'})
    assert "<img" not in text_of("html", samples.bundle(exercises=hostile))


def test_html_has_no_scripts_and_no_external_references() -> None:
    page = text_of("html")
    assert not re.search(
        r"<script|\bsrc\s*=|\bhref\s*=|url\(|@import|https?://(?!example\.com)", page
    )
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_html_is_ready_for_dark_mode_and_print() -> None:
    page = text_of("html")
    assert "prefers-color-scheme: dark" in page
    assert "@media print" in page and "@page" in page
    assert page.count("<svg") == 2  # critic intensity and self-warmth


# -- Markdown -----------------------------------------------------------------------------


def test_markdown_keeps_answers_from_becoming_markup() -> None:
    text = text_of("md")
    assert "> \\# Not a heading" in text
    assert "> \\- not a list" in text
    assert "\\<script\\>" in text and "\\[a link\\](https://example.com)" in text
    assert "\\*all\\*" in text


def test_markdown_escape_and_spark() -> None:
    assert escape("1. first\n+ plus\n> quote") == "1\\. first\n\\+ plus\n\\> quote"
    assert spark([0, 5, 10, None]) == "▁▅█·"


# -- CSV ----------------------------------------------------------------------------------


def test_csv_rows_hold_the_ratings_per_entry() -> None:
    rows = list(csv.DictReader(io.StringIO(text_of("csv"))))
    assert [row["entry"] for row in rows] == ["1", "2", "3", "5", "6"]
    assert rows[0]["How strongly the words landed (before)"] == "7"
    assert rows[4]["How strongly the words landed (after)"] == ""
    assert rows[1]["Self-warmth (after)"] == "5"
    assert rows[2]["skipped"] == "What the critic is driving me towards; A soothing-rhythm pause"
    assert "Just for me" not in rows[0]


def test_csv_cells_never_run_as_formulas() -> None:
    rows = list(csv.reader(io.StringIO(text_of("csv"))))
    cells = [value for row in rows for value in row]
    assert not any(value.startswith(("=", "+", "-", "@")) for value in cells)
    assert any(value.startswith("'=HYPERLINK(") for value in cells)
    assert [cell(v) for v in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "fine", 7)] == [
        "'=1+1",
        "'+1",
        "'-1",
        "'@SUM(A1)",
        "'\tx",
        "fine",
        7,
    ]


# -- PDF ----------------------------------------------------------------------------------


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@needs_poppler
def test_pdf_holds_every_included_answer_and_no_private_one(tmp_path: Path) -> None:
    data = pdf_of()
    assert data.startswith(b"%PDF-")
    text = flat(pdf_text(data, tmp_path))
    for answer in included_answers():
        assert flat(answer) in text, answer
    assert "PRIVATE-STEP-ANSWER" not in text
    assert "PRIVATE-ENTRY-ANSWER" not in text
    assert "DRAFT-ANSWER" not in text
    assert "Ελληνικά, Русский, café" in text
    assert "Page 1 of 3" in text and "Page 3 of 3" in text


@needs_poppler
@pytest.mark.parametrize(("paper", "size"), [("a4", "595.28 x 841.89"), ("letter", "612 x 792")])
def test_pdf_paper_size(paper: str, size: str, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_of(samples.bundle(paper=paper)))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert f"Page size:       {size} pts" in info.stdout


@needs_poppler
def test_pdf_embeds_its_font(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_of())
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    assert "DejaVu" in fonts.stdout
    rows = [line.split() for line in fonts.stdout.splitlines()[2:]]
    assert rows and all(row[-5] == "yes" for row in rows)  # the "emb" column


@needs_poppler
def test_an_empty_pdf_says_so(tmp_path: Path) -> None:
    text = pdf_text(pdf_of(samples.bundle(entries=[])), tmp_path)
    assert "No entries were chosen" in text


def test_the_font_licence_ships_beside_the_fonts() -> None:
    folder = resources.files("cfcoach.export") / "fonts"
    assert (folder / "DejaVuSans.ttf").is_file() and (folder / "DejaVuSans-Bold.ttf").is_file()
    assert "Bitstream" in (folder / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("aaa bbb ccc ddd", 7, ["aaa bbb", "ccc ddd"]),
        ("one\n\ntwo three", 5, ["one", "", "two", "three"]),
        ("abcdefghij xy", 4, ["abcd", "efgh", "ij", "xy"]),
        ("", 4, [""]),
    ],
)
def test_pdf_lines_fit_the_width_and_keep_line_breaks(
    text: str, width: float, lines: list[str]
) -> None:
    assert wrap(text, width, len) == lines


# -- the safety plan, when the person chooses to include it -------------------------------

PLAN = (
    ("Warning signs", "Not sleeping, <stopping> replying to friends"),
    ("People I can ask", "Sam: 0123 456\nMy sister"),
)


@pytest.mark.parametrize("format_name", ["md", "html"])
def test_a_chosen_safety_plan_is_its_own_section(format_name: str) -> None:
    with_plan = samples.bundle(
        safety_plan=PLAN, safety_plan_written=samples.GENERATED_AT - timedelta(days=30)
    )
    text = text_of(format_name, with_plan)
    assert text.count("My safety plan") == 1
    assert "Written Tue 27 Oct 2026, 09:30" in text
    assert "Warning signs" in text and "My sister" in text
    assert text.index("My safety plan") < text.index(
        "Entries</h2>" if format_name == "html" else "## Entries"
    )
    if format_name == "html":
        assert "&lt;stopping&gt;" in text and "<stopping>" not in text
    assert "My safety plan" not in text_of(format_name)


@needs_poppler
def test_a_chosen_safety_plan_is_in_the_pdf(tmp_path: Path) -> None:
    text = flat(pdf_text(pdf_of(samples.bundle(safety_plan=PLAN)), tmp_path))
    assert "My safety plan" in text and "Sam: 0123 456 My sister" in text
    assert "My safety plan" not in flat(pdf_text(pdf_of(), tmp_path))
