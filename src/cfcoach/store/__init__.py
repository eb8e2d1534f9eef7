"""Entries in SQLite (stdlib sqlite3): WAL, schema versions, private file modes."""

from cfcoach.store.entries import EntryStore, new_entry
from cfcoach.store.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseTooNew,
    DatabaseUnavailable,
    EntryNotFound,
    StoreError,
)
from cfcoach.store.models import Entry, EntryStatus

__all__ = [
    "DatabaseCorrupt",
    "DatabaseLocked",
    "DatabaseTooNew",
    "DatabaseUnavailable",
    "Entry",
    "EntryNotFound",
    "EntryStatus",
    "EntryStore",
    "StoreError",
    "new_entry",
]
