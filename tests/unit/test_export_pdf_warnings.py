"""What fpdf2 says while it writes a PDF reaches the error log, not the person (issue 17);
characters its font cannot draw are told once, in one sentence, with what to do instead."""

from __future__ import annotations

import io
import warnings
from dataclasses import replace
from pathlib import Path

import pytest

from cfcoach.export import get_format, pdf_format
from cfcoach.export.registry import ExportBundle
from cfcoach.paths import app_paths
from tests.unit.golden import samples

UNDRAWABLE = "漢字 and 漢 again"
"""Two different characters that DejaVu Sans has no shapes for."""


def with_answer(text: str) -> ExportBundle:
    entry = samples.entries()[0]
    return samples.bundle(entries=[replace(entry, answers={**entry.answers, "critic": text})])


def write_pdf(bundle: ExportBundle) -> bytes:
    out = io.BytesIO()
    get_format("pdf").binary_writer()(bundle, out)
    return out.getvalue()


def error_log() -> str:
    log = app_paths().log_file
    return log.read_text(encoding="utf-8") if log.exists() else ""


def test_characters_the_font_cannot_draw_are_counted_and_logged_without_them(
    home: Path,
) -> None:
    bundle = with_answer(UNDRAWABLE)
    assert write_pdf(bundle).startswith(b"%PDF-")
    assert bundle.notes == [
        "2 different characters in these entries cannot be drawn in a PDF (its font has no "
        "shapes for them) and show there as empty boxes; an HTML export shows every character."
    ]
    log = error_log()
    assert "pdf: fpdf.output WARNING: Font %s is missing the following glyphs" in log
    assert "漢" not in log and "字" not in log  # the person's words never go in the log


def test_one_such_character_is_said_in_the_singular_and_only_once(home: Path) -> None:
    bundle = with_answer("漢")
    write_pdf(bundle)
    write_pdf(bundle)
    assert bundle.notes == [pdf_format.MISSING_CHARACTER]


def test_a_pdf_every_character_of_which_is_drawn_says_nothing(home: Path) -> None:
    bundle = with_answer("Ελληνικά, Русский, café")
    write_pdf(bundle)
    assert bundle.notes == []
    assert error_log() == ""


def test_a_warning_of_fpdf2_is_logged_and_never_shown(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    footer = pdf_format.ReportPDF.footer

    def footer_fpdf2_warns_about(pdf: pdf_format.ReportPDF) -> None:
        footer(pdf)
        pdf.cell(0, 0, "", border=2)  # type: ignore[arg-type]  # fpdf2 warns: ignored

    monkeypatch.setattr(pdf_format.ReportPDF, "footer", footer_fpdf2_warns_about)
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        write_pdf(samples.bundle())
    assert shown == []
    log = error_log()
    assert "pdf: UserWarning from test_export_pdf_warnings.py:" in log  # fpdf2's caller
    assert 'Integer values for "border" parameter other than 1 are currently ignored' in log
    assert "site-packages" not in log
