"""The export formats cfcoach knows, by name and file extension.

Each format lives in its own module and registers itself here; the CLI imports only the
module of the format asked for, so heavy libraries load only on their own path.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TextIO

from cfcoach.content.models import Exercise
from cfcoach.store.models import Entry


@dataclass
class ExportBundle:
    """What an exporter writes: the chosen entries and the exercises that give them labels."""

    entries: Iterable[Entry]
    exercises: dict[str, Exercise]
    generated_at: datetime
    include_private_steps: bool = False
    notes: list[str] = field(default_factory=list)


Writer = Callable[[ExportBundle, TextIO], None]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: its name, its file extension and how to write it."""

    name: str
    extension: str
    description: str
    module: str

    def writer(self) -> Writer:
        """Import the format's module (only now) and return its ``write`` function."""
        module = importlib.import_module(self.module)
        write: Writer = module.write
        return write


FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat("json", ".json", "JSON, versioned (schema_version), for backups and tools", "cfcoach.export.json_format"),
}


def format_names() -> list[str]:
    return sorted(FORMATS)


def get_format(name: str) -> ExportFormat:
    """The format called ``name`` (case-insensitive); ``KeyError`` if there is none."""
    return FORMATS[name.lower()]
