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


class EntryDamaged(StoreError):
    """An entry's row cannot be read as an entry (written by an older cfcoach, say, or
    edited by hand); the row is left as it is."""

    def __init__(self, entry_id: int, problem: str, *, in_trash: bool = False) -> None:
        super().__init__(
            f"Entry {entry_id} cannot be read ({problem}); it is left as it is, "
            + (
                f"in the trash (`cfcoach untrash {entry_id}` brings it back)."
                if in_trash
                else f"and `cfcoach trash {entry_id}` puts it in the trash."
            )
        )
        self.entry_id = entry_id
        self.problem = problem


def damaged_note(damaged: dict[int, str], limit: int = 3) -> str:
    """One sentence naming entries left out because they cannot be read (``damaged``:
    what each one's problem is, by id), or "" when there are none."""
    if not damaged:
        return ""
    ids = sorted(damaged)
    if len(ids) == 1:
        entry_id = ids[0]
        return (
            f"Entry {entry_id} is left out because it cannot be read ({damaged[entry_id]}); "
            f"`cfcoach trash {entry_id}` puts it in the trash."
        )
    named = ", ".join(str(i) for i in ids[:limit]) + (" ..." if len(ids) > limit else "")
    return (
        f"{len(ids)} entries are left out because they cannot be read ({named}); "
        f"`cfcoach show {ids[0]}` says why, and `cfcoach trash {ids[0]}` puts one in the trash."
    )
