"""Break the entries database on purpose, the same way as root or not.

A read-only folder (chmod 0500) stops nobody running as root, and CI runs as root, so the
tests put a wrapper in front of the store's SQLite connection: while ``fault`` is set,
every write raises the ``sqlite3.OperationalError`` SQLite itself raises for a full disk,
a read-only database, a failing disk or a lock held too long. Reads still work.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from cfcoach.store import EntryStore

DISK_FULL = "database or disk is full"
READ_ONLY = "attempt to write a readonly database"
IO_ERROR = "disk I/O error"
LOCKED = "database is locked"

_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "BEGIN IMMEDIATE")


class FaultyConnection:
    """A stand-in for ``sqlite3.Connection`` whose writes fail while ``fault`` is set."""

    def __init__(self, real: sqlite3.Connection, fault: str | None = None, after: int = 0) -> None:
        self.real = real
        self.fault = fault
        self.after = after
        """Writes let through before the fault starts."""
        self.failed = 0
        """How many writes were refused."""

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if self.fault is not None and sql.lstrip().upper().startswith(_WRITES):
            if self.after <= 0:
                self.failed += 1
                raise sqlite3.OperationalError(self.fault)
            self.after -= 1
        return self.real.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


class Faults:
    """Every store opened while this is installed writes through one :class:`FaultyConnection`
    per store; setting :attr:`fault` breaks them all, ``None`` mends them."""

    def __init__(self) -> None:
        self.connections: list[FaultyConnection] = []
        self._fault: str | None = None
        real_init = EntryStore.__init__

        def init(store: EntryStore, path: Any) -> None:
            real_init(store, path)
            wrapped = FaultyConnection(store._connection)
            wrapped.fault = self._fault
            self.connections.append(wrapped)
            store._connection = wrapped  # type: ignore[assignment]

        self.init = init

    @property
    def fault(self) -> str | None:
        return self._fault

    @fault.setter
    def fault(self, value: str | None) -> None:
        self._fault = value
        for connection in self.connections:
            connection.fault = value

    @property
    def failed(self) -> int:
        return sum(connection.failed for connection in self.connections)

    def install(self, monkeypatch: Any) -> Faults:
        monkeypatch.setattr(EntryStore, "__init__", self.init)
        return self
