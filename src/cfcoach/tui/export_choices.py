"""What the export screen offers, and the plain rules behind it: its choices and texts,
the file name it suggests, and how a long preview is cut. No widgets here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cfcoach.export.registry import ExportBundle, format_for_suffix
from cfcoach.store import Entry

PAGE = 100
"""Entries read at a time."""
PREVIEW_DELAY = 0.25
"""Seconds after the last tick before the preview is made again."""
PREVIEW_LIMIT = 300_000
"""Characters of the report the preview shows (about 150 entries), so it stays quick."""

PERIODS: list[tuple[str, str]] = [
    ("All dates", "all"),
    ("Last 7 days", "7d"),
    ("Last 30 days", "30d"),
    ("Last 3 months", "3m"),
    ("Last 12 months", "12m"),
]
"""(label, span back from today as ``cfcoach export --since`` takes it)."""
FORMAT_CHOICES: list[tuple[str, str]] = [
    ("Markdown .md", "md"),
    ("Web page .html", "html"),
    ("PDF .pdf", "pdf"),
    ("Spreadsheet .csv", "csv"),
    ("JSON .json", "json"),
]
PAPER_CHOICES: list[tuple[str, str]] = [("A4", "a4"), ("Letter", "letter")]

PREVIEW_NOTES = {
    "md": "Preview: exactly what the file will hold.",
    "html": "The web page holds this same report, laid out to read and print. Preview:",
    "pdf": "The PDF holds this same report, laid out for print. Preview:",
    "csv": "The spreadsheet holds these same entries, a row each. Preview:",
    "json": "The JSON file holds these same entries, for a backup. Preview:",
}
NOTHING_TICKED = (
    "Nothing is ticked yet.\n\n"
    "Space ticks the highlighted entry; a ticks every entry shown (private ones stay "
    "unticked). What you tick appears here, exactly as it will be shared."
)
PRIVATE_QUESTION = "This entry is marked private. Share it anyway?"
NO_PLAN_LABEL = "Include my safety plan (none yet)"
PLAN_LABEL = "Include my safety plan"


def default_path(today: date, extension: str, home: Path | None = None) -> Path:
    """~/Documents/cfcoach-export-YYYY-MM-DD.ext (in the home folder when there is no Documents)."""
    if home is None:
        try:
            home = Path.home()
        except RuntimeError:  # no home folder known: the current folder
            home = Path()
    documents = home / "Documents"
    folder = documents if documents.is_dir() else home
    return folder / f"cfcoach-export-{today.isoformat()}{extension}"


def shown_path(path: Path) -> str:
    """``path`` with the home folder written ``~`` (as a person types it)."""
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except (ValueError, RuntimeError):
        return str(path)


def with_extension(text: str, extension: str) -> str:
    """The path typed, with its format's extension changed to ``extension`` (else as it is)."""
    path = Path(text)
    if path.suffix and format_for_suffix(path.suffix) is not None:
        return text[: len(text) - len(path.suffix)] + extension
    return text


def shortened(report: str, entries: int, limit: int = PREVIEW_LIMIT) -> str:
    """A long Markdown report cut after the last entry that fits in ``limit`` characters."""
    if len(report) <= limit:
        return report
    cut = report.rfind("\n### ", 0, limit)  # an entry's heading (answers can never start one)
    if cut <= 0:
        cut = limit
    return (
        report[:cut].rstrip("\n")
        + f"\n\n[The preview stops here to stay quick. The file holds all {entries:,} "
        "entries, each written like the ones above.]\n"
    )


def export_order(entry: Entry) -> tuple[str, int]:
    """The order ``cfcoach export`` reads entries in (start time as stored, then id)."""
    return entry.started_at.isoformat(timespec="microseconds"), entry.id or 0


@dataclass(frozen=True)
class ExportChoice:
    """What the screen would write now."""

    entries: list[Entry]
    """The ticked entries, in export order (the safety plan's entry added for JSON and CSV)."""
    bundle: ExportBundle
    format_name: str
