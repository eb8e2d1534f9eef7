"""Run the real command in a subprocess, with its own CFCOACH_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def cfcoach(home: Path) -> Run:
    """Call ``cfcoach ARGS`` (as ``python -m cfcoach``) with text on stdin; never a terminal."""

    def call(
        *args: str, stdin: str = "", env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        environment = {**os.environ, "CFCOACH_HOME": str(home), **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "cfcoach", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=environment,
            timeout=60,
        )

    return call
