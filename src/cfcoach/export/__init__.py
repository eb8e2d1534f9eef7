"""Entries -> files for the person's therapist or a backup (a registry of formats)."""

from cfcoach.export.registry import FORMATS, ExportBundle, ExportFormat, format_names, get_format

__all__ = ["FORMATS", "ExportBundle", "ExportFormat", "format_names", "get_format"]
