"""What every front-end needs: the folders, the exercise library and the entries store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cfcoach.content.catalog import Catalog, read_catalog
from cfcoach.paths import AppPaths, app_paths, ensure_private_dir, shipped_content_dir
from cfcoach.store import EntryStore

if TYPE_CHECKING:  # the models load when the library is first asked for, not before
    from cfcoach.content.library import Library

Clock = Callable[[], datetime]
"""Gives the time now (tests pass a fixed one); the same as ``cfcoach.practice.Clock``."""


def system_clock() -> datetime:
    """Now, in local time with its offset, as ``cfcoach.practice.system_clock`` gives it.

    Defined here as well so that a command which runs no exercise (history, export,
    stats ...) does not load the exercise runner and, with it, the safety rules.
    """
    return datetime.now(UTC).astimezone()


@dataclass
class AppContext:
    """Shared by the CLI, the TUI and tests (which pass their own paths and clock)."""

    paths: AppPaths = field(default_factory=app_paths)
    clock: Clock = system_clock
    _library: Library | None = field(default=None, init=False, repr=False)
    _catalog: Catalog | None = field(default=None, init=False, repr=False)

    @property
    def library(self) -> Library:
        """Shipped and personal exercises, loaded once."""
        if self._library is None:
            from cfcoach.content.library import load_library

            self._library = load_library(
                self.shipped_exercises, self.paths.user_exercises, cache=self.library_cache
            )
        return self._library

    @property
    def catalog(self) -> Catalog:
        """What lists show of the exercises: from the cache when no file changed, so the
        models are not built (see :mod:`cfcoach.content.catalog`); else from the library."""
        if self._library is not None:
            return self._library.catalog()  # once loaded, the library is what lists show
        if self._catalog is None:
            self._catalog = read_catalog(
                self.shipped_exercises, self.paths.user_exercises, self.library_cache
            )
            if self._catalog is None:  # a file is new or changed: check them all
                return self.library.catalog()
        return self._catalog

    @property
    def shipped_exercises(self) -> Path:
        return shipped_content_dir() / "exercises"

    @property
    def library_cache(self) -> Path:
        """Where checked exercises are kept between runs (safe to delete at any time)."""
        return self.paths.state_dir / "cache" / "exercises.json"

    def reload_library(self) -> Library:
        self._library = None
        self._catalog = None
        return self.library

    def open_store(self) -> EntryStore:
        """Open the entries database (raises :class:`cfcoach.store.StoreError` with a clear message)."""
        ensure_private_dir(self.paths.data_dir)
        return EntryStore(self.paths.database)
