"""A private tmux terminal per end-to-end test (skipped where tmux is not installed)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.harness import Terminal


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed; the end-to-end test drives cfcoach in a tmux terminal")
    home = tmp_path / "cfcoach-home"
    term = Terminal(home)
    try:
        yield term
    finally:
        term.close()
