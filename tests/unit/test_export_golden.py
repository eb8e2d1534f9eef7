"""Golden files: each text format of the same fixed entries, byte for byte.

The entries and exercises are in ``golden/samples.py`` (fixed times, no clock involved).
When a format changes on purpose, regenerate the files and review the diff:

    UPDATE_GOLDEN=1 pytest tests/unit/test_export_golden.py
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from cfcoach.export import get_format
from tests.unit.golden import samples

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def rendered(format_name: str) -> str:
    buffer = io.StringIO()
    get_format(format_name).writer()(samples.bundle(), buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("format_name", ["md", "html", "csv", "json"])
def test_matches_golden_file(format_name: str) -> None:
    golden = GOLDEN / f"report.{format_name}"
    text = rendered(format_name)
    if UPDATE:
        golden.write_text(text, encoding="utf-8", newline="")
    assert golden.exists(), f"{golden} is missing; run with UPDATE_GOLDEN=1 to create it"
    expected = golden.read_text(encoding="utf-8")
    assert text == expected, f"{format_name} differs from {golden}; see the module docstring"


@pytest.mark.parametrize("format_name", ["md", "html", "csv", "json"])
def test_private_entries_and_private_steps_are_not_in_any_format(format_name: str) -> None:
    text = rendered(format_name)
    assert samples.PRIVATE_STEP_ANSWER not in text
    assert samples.PRIVATE_ENTRY_ANSWER not in text
    assert "DRAFT-ANSWER" not in text
    assert "Self-warmth (before)" in text  # the rest of that exercise is there


@pytest.mark.parametrize("format_name", ["md", "html", "csv", "json"])
def test_no_raw_escape_sequence_reaches_the_output(format_name: str) -> None:
    text = rendered(format_name)
    assert "\x1b" not in text and "\x07" not in text
    assert "Ελληνικά, Русский, café" in text


def test_the_same_report_twice_is_identical() -> None:
    assert rendered("html") == rendered("html")
    assert rendered("md") == rendered("md")


class CountingWriter(io.StringIO):
    """Counts how many pieces are written."""

    writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)


def test_markdown_written_piece_by_piece_is_the_report_as_one_text() -> None:
    """Markdown is written a part at a time (to keep memory low); the text is the same."""
    from cfcoach.export.markdown_format import render, write
    from cfcoach.export.report import build_report

    everything = samples.bundle(
        entries=samples.entries(),  # private and unfinished entries, skips, an escape sequence
        include_private_steps=True,
        safety_plan=(("Warning signs", "Not sleeping\n\x1b[31mred"),),
    )
    out = CountingWriter()
    write(everything, out)
    assert out.getvalue() == render(build_report(everything))
    assert out.writes > len(samples.entries())
    assert samples.PRIVATE_STEP_ANSWER in out.getvalue()
    assert "\x1b" not in out.getvalue()
