"""The export formats cfcoach knows, by name and file extension.

Each format lives in its own module and is registered here; the CLI imports only the
module of the format asked for, so heavy libraries (the PDF one) load only on their own
path. A text format's module has ``write(bundle, text_stream)``; a binary one's (``binary``)
has ``write(bundle, byte_stream)``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import BinaryIO, Literal, TextIO

from cfcoach.content.models import Exercise
from cfcoach.store.models import Entry

Paper = Literal["a4", "letter"]


@dataclass
class ExportBundle:
    """What an exporter writes: the chosen entries and the exercises that give them labels."""

    entries: Iterable[Entry]
    exercises: dict[str, Exercise]
    generated_at: datetime
    include_private_steps: bool = False
    notes: list[str] = field(default_factory=list)
    """What the format found worth telling the person as it wrote, one sentence each (e.g.
    characters a PDF cannot draw); the front-end says them after the file is written."""
    paper: Paper = "a4"
    """The page size of printable formats (PDF)."""
    safety_plan: tuple[tuple[str, str], ...] = ()
    """The person's safety plan as (label, words) pairs, when they chose to include it."""
    safety_plan_written: datetime | None = None
    """When that safety plan was written."""


Writer = Callable[[ExportBundle, TextIO], None]
BinaryWriter = Callable[[ExportBundle, BinaryIO], None]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name, its file extension and how to write it."""

    name: str
    extension: str
    description: str
    module: str
    aliases: tuple[str, ...] = ()
    """Other names for the format, and other file extensions that mean it."""
    binary: bool = False
    """True when the format writes bytes (see :meth:`binary_writer`)."""

    def writer(self) -> Writer:
        """Import the format's module (only now) and return its ``write`` function."""
        if self.binary:
            raise TypeError(f"{self.name} writes bytes; use binary_writer()")
        module = importlib.import_module(self.module)
        write: Writer = module.write
        return write

    def binary_writer(self) -> BinaryWriter:
        """Import a binary format's module (only now) and return its ``write`` function."""
        if not self.binary:
            raise TypeError(f"{self.name} writes text; use writer()")
        module = importlib.import_module(self.module)
        write: BinaryWriter = module.write
        return write


FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat(
        "json",
        ".json",
        "JSON, versioned (schema_version), for backups and tools",
        "cfcoach.export.json_format",
    ),
    "md": ExportFormat(
        "md",
        ".md",
        "Markdown: a report readable as plain text or pasted into a portal",
        "cfcoach.export.markdown_format",
        aliases=("markdown", "txt", "text"),
    ),
    "html": ExportFormat(
        "html",
        ".html",
        "HTML: one self-contained, printable report page",
        "cfcoach.export.html_format",
        aliases=("htm",),
    ),
    "pdf": ExportFormat(
        "pdf",
        ".pdf",
        "PDF: the report, ready to print or attach (A4, or Letter with --paper letter)",
        "cfcoach.export.pdf_format",
        binary=True,
    ),
    "csv": ExportFormat(
        "csv",
        ".csv",
        "CSV: one row per entry with its ratings, for a spreadsheet",
        "cfcoach.export.csv_format",
    ),
}


def format_names() -> list[str]:
    return sorted(FORMATS)


def get_format(name: str) -> ExportFormat:
    """The format called ``name`` or one of its aliases (case-insensitive); ``KeyError`` if none."""
    wanted = name.lower().lstrip(".")
    if wanted in FORMATS:
        return FORMATS[wanted]
    for candidate in FORMATS.values():
        if wanted in candidate.aliases:
            return candidate
    raise KeyError(name)


def format_for_suffix(suffix: str) -> ExportFormat | None:
    """The format a file extension (".html", "PDF") stands for, if any."""
    try:
        return get_format(suffix)
    except KeyError:
        return None
