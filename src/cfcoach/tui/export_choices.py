"""What the export screen offers, and the plain rules behind it: its choices and texts,
the file name it suggests, which format a file name asks for, and how a long preview is
cut. No widgets here. Which extension means which format is the export registry's
(:mod:`cfcoach.export.registry`); nothing here keeps a second list of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cfcoach.export.registry import ExportBundle, format_for_suffix, get_format
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
FORMAT_KINDS: list[tuple[str, str]] = [
    ("Markdown", "md"),
    ("Web page", "html"),
    ("PDF", "pdf"),
    ("Spreadsheet", "csv"),
    ("JSON", "json"),
]
"""(what a person calls it, the registry's format name), in the order the list offers them."""
FORMAT_CHOICES: list[tuple[str, str]] = [
    (f"{kind} {get_format(name).extension}", name) for kind, name in FORMAT_KINDS
]
"""The format list: each kind with its extension, as the registry has it ("PDF .pdf")."""
PAPER_CHOICES: list[tuple[str, str]] = [("A4", "a4"), ("Letter", "letter")]

PREVIEW_NOTES = {
    "md": "Exactly what the file will hold:",
    "html": "The file will be this report as HTML:",
    "pdf": "The file will be this report as a PDF:",
    "csv": "Exactly what the CSV file will hold:",
    "json": "Exactly what the JSON file will hold:",
}
"""The line over the preview (short enough to fit whole at 80 columns). Markdown, CSV and
JSON are shown as they will be written; a web page and a PDF as the same report in Markdown
(what they hold, not how they look)."""
REPORT_PREVIEW = ("md", "html", "pdf")
"""Formats whose preview is the Markdown report; the others show their own text."""
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
    suffix = extension_of(text)
    if suffix and format_for_suffix(suffix) is not None:
        stripped = text.rstrip()
        return stripped[: len(stripped) - len(suffix)] + extension
    return text


def completed(text: str, extension: str) -> str:
    """The path typed, with ``extension`` added when its name has none ("report" -> "report.pdf")."""
    if extension_of(text):
        return text
    return text.rstrip().rstrip(".") + extension


def known_extensions() -> list[str]:
    """The extensions the format list offers, in its order (".md", ".html", ...)."""
    return [get_format(name).extension for _, name in FORMAT_KINDS]


_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}")
"""What counts as a file name's extension: "Dr. Smith" ends in a name, not in ". Smith"."""


def extension_of(text: str) -> str:
    """The extension a typed file name ends in (".pdf", ".docx"), or "" if none."""
    suffix = Path(text.strip()).suffix
    return suffix if _EXTENSION.fullmatch(suffix) else ""


def format_from_name(text: str) -> str | None:
    """The format a typed file name's extension asks for ("pdf"), or None if it names none."""
    suffix = extension_of(text)
    found = format_for_suffix(suffix) if suffix else None
    return found.name if found is not None else None


def unknown_extension(suffix: str) -> str:
    """The one sentence for a file name whose extension cfcoach cannot write."""
    known = known_extensions()
    return (
        f"cfcoach cannot write a '{suffix}' file; end the name with "
        f"{', '.join(known[:-1])} or {known[-1]}, or leave the ending off to use the "
        "format chosen in the list."
    )


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


def shortened_lines(text: str, entries: int, limit: int = PREVIEW_LIMIT) -> str:
    """A long CSV or JSON preview cut at the end of the last line that fits in ``limit``."""
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    if cut <= 0:
        cut = limit
    return (
        text[:cut] + f"\n\n[The preview stops here to stay quick. The file holds all {entries:,} "
        "entries.]\n"
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
