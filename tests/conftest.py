"""Shared fixtures: a private CFCOACH_HOME per test, a fixed clock, the shipped exercises."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import settings

from cfcoach.content import Exercise, load_exercise_file
from cfcoach.context import AppContext
from cfcoach.paths import app_paths, shipped_content_dir

# Hypothesis: the same examples on every run, so a result never depends on luck or on how
# busy the machine is (no per-example deadline; pytest-timeout still stops a hang).
# HYPOTHESIS_PROFILE=explore draws fresh examples, for hunting bugs by hand.
settings.register_profile("repeatable", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("explore", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

FIXED_NOW = datetime(2026, 11, 26, 9, 30, tzinfo=timezone.utc)
SHARED = Path(__file__).resolve().parents[2] / "shared"


class TickingClock:
    """A clock that starts at FIXED_NOW and moves one second each time it is read."""

    def __init__(self, start: datetime = FIXED_NOW) -> None:
        self.now = start

    def __call__(self) -> datetime:
        current = self.now
        self.now += timedelta(seconds=1)
        return current


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh CFCOACH_HOME for this test."""
    folder = tmp_path / "cfcoach-home"
    monkeypatch.setenv("CFCOACH_HOME", str(folder))
    return folder


@pytest.fixture
def context(home: Path) -> AppContext:
    """An AppContext under the test's CFCOACH_HOME with a fixed, ticking clock."""
    return AppContext(paths=app_paths(), clock=TickingClock())


@pytest.fixture
def checkin() -> Exercise:
    """The shipped daily check-in."""
    return load_exercise_file(shipped_content_dir() / "exercises" / "daily-checkin.yaml")


@pytest.fixture
def store(context: AppContext) -> Iterator[object]:
    """The entries store under the test's CFCOACH_HOME."""
    entries = context.open_store()
    yield entries
    entries.close()
