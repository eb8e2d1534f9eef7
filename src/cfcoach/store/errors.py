"""Store errors, each carrying one sentence a person can act on."""

from __future__ import annotations


class StoreError(Exception):
    """The entries database cannot be used; ``str(error)`` says what to do."""


class DatabaseCorrupt(StoreError):
    """The file is not a readable cfcoach database."""


class DatabaseTooNew(StoreError):
    """The database was written by a newer cfcoach."""


class DatabaseLocked(StoreError):
    """Another process holds the database for too long."""


class DatabaseUnavailable(StoreError):
    """The folder or file cannot be opened or written (permissions, full disk...)."""


class EntryNotFound(StoreError):
    """No entry has the id asked for."""
